ordo_fuzzer(deploy_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/deploy_fuzz.cc ordo_runtime ordo_dmn ordo_bpmn ordo_feel ordo_base)
