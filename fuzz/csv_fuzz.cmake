ordo_fuzzer(csv_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/csv_fuzz.cc ordo_mining ordo_base)
