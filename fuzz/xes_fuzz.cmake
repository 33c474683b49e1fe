ordo_fuzzer(xes_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/xes_fuzz.cc ordo_mining ordo_base)
