ordo_fuzzer(bpmn_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/bpmn_fuzz.cc ordo_bpmn)
