// Runs DMN TCK test cases as they are (https://github.com/dmn-tck/tck, TestCases/<level>/<NNNN>/):
// each *-test-*.xml names its model, gives input values and expected results (schema
// testCases.xsd). A <testCase> passes when every one of its <resultNode>s does, as the TCK site
// counts; a resultNode with errorResult="true" expects null (an error).
// Thread-safety: RunTck is a pure function of the files it reads.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "feel/value.h"

namespace ordo::dmn {

// The TCK's expected numbers are often written with fewer digits than a decimal128 result has
// (2778.69354943277 for 2778.693549432766768...), and some were computed in binary floating point.
// The TCK's own runners (for example the Drools and Quantum DMN runners in dmn-tck/tck) count a
// number as matching when it differs from the expected one by less than 1e-8; so does this one.
inline constexpr const char* kTckNumberTolerance = "0.00000001";

struct TckCaseResult {
  std::string file;  // the test file, relative to the run's root
  std::string id;    // the testCase id
  bool passed = false;
  bool skipped = false;
  bool expects_non_null = false;  // some result node expects a value other than null
  std::string detail;             // for a failure: each failing node's expected vs actual
  bool within_tolerance = false;  // passed, with some number equal only within kTckNumberTolerance
};

struct TckSummary {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int total = 0;
  int non_null_total = 0;  // cases with expects_non_null
  int non_null_passed = 0;
  int passed_within_tolerance = 0;  // passed cases with within_tolerance
  std::vector<TckCaseResult> cases;  // in file order
  void Add(TckCaseResult result);
};

// Runs every test file under `dir` (recursively, in path order). Errors: NotFound for `dir`.
// A model that fails to load fails its cases, with the reason as their detail.
Result<TckSummary> RunTck(const std::string& dir);

// A TCK tree as the TCK site counts it: given a TestCases folder, compliance levels 2 and 3 are
// counted together and non-compliant/ separately; any other folder is counted as it is.
struct TckTreeResult {
  TckSummary counted;  // case files are prefixed with their level folder when there are several
  bool has_non_compliant = false;
  TckSummary non_compliant;
};
Result<TckTreeResult> RunTckTree(const std::string& dir);

// "P passed, F failed, S skipped (of N test cases)".
std::string TckSummaryText(const TckSummary& summary);


}  // namespace ordo::dmn
