ordo_fuzzer(json_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/json_fuzz.cc ordo_base)
