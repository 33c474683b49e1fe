ordo_fuzzer(juel_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/juel_fuzz.cc ordo_bpmn ordo_feel ordo_base)
