ordo_fuzzer(pnml_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/pnml_fuzz.cc ordo_mining_core ordo_base)
