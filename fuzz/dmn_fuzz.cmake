ordo_fuzzer(dmn_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/dmn_fuzz.cc ordo_dmn ordo_feel ordo_base)
