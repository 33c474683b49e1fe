ordo_fuzzer(xes_diff_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/xes_diff_fuzz.cc ordo_mining_core ordo_base)
