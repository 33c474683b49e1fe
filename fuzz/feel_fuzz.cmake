ordo_fuzzer(feel_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/feel_fuzz.cc ordo_feel ordo_base)
