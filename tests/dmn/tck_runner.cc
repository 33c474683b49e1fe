// dmn_tck_runner DIR [--baseline FILE] [--quiet]: the DMN TCK run of `ordo tck` without the rest
// of the binary, so the conformance count can be checked from the dmn library alone.
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "dmn/tck.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: dmn_tck_runner DIR [--baseline FILE] [--quiet]\n";
    return 2;
  }
  std::string baseline_file;
  bool quiet = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--baseline") == 0 && i + 1 < argc) baseline_file = argv[++i];
    if (std::strcmp(argv[i], "--quiet") == 0) quiet = true;
  }
  ordo::Result<ordo::dmn::TckTreeResult> run = ordo::dmn::RunTckTree(argv[1]);
  if (!run.ok()) {
    std::cerr << "error: " << run.status().message() << "\n";
    return 2;
  }
  const ordo::dmn::TckSummary& s = run->counted;
  if (!quiet) {
    for (const auto& c : s.cases) {
      if (!c.passed && !c.skipped) std::cout << "FAIL " << c.file << " #" << c.id << ": " << c.detail << "\n";
    }
  }
  if (run->has_non_compliant) {
    std::cout << "dmn-tck non-compliant: " << ordo::dmn::TckSummaryText(run->non_compliant) << "\n";
  }
  std::cout << "dmn-tck cases expecting a non-null result: " << s.non_null_passed << " passed of " << s.non_null_total
            << "\n";
  std::cout << "dmn-tck cases passing with a number within " << ordo::dmn::kTckNumberTolerance
            << " of the expected one: " << s.passed_within_tolerance << "\n";
  std::cout << "dmn-tck: " << ordo::dmn::TckSummaryText(s) << "\n";
  if (!baseline_file.empty()) {
    std::ifstream in(baseline_file);
    int baseline = -1;
    in >> baseline;
    if (baseline < 0 || s.passed < baseline) {
      std::cerr << "regression: " << s.passed << " passed, the recorded baseline is " << baseline << "\n";
      return 1;
    }
  }
  return 0;
}
