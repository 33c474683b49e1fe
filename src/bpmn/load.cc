#include "bpmn/load.h"

namespace ordo::bpmn {

Status LoadResult::status() const {
  if (problems.empty()) return Status::Ok();
  if (!document) {
    // Reading failed; the reader's code (a limit, or bad input) matters to the caller.
    Status s = ProblemsToStatus(problems);
    return read_code == StatusCode::kOk ? s : Status(read_code, s.message());
  }
  return ProblemsToStatus(problems);
}

LoadResult Load(std::string_view xml, const LoadOptions& options) {
  LoadResult result;
  Problem problem;
  Result<Document> document = ReadDocument(xml, options.read, &problem);
  if (!document.ok()) {
    result.problems.push_back(std::move(problem));
    result.read_code = document.status().code();
    return result;
  }
  auto shared = std::make_shared<const Document>(std::move(document).value());
  CompileOutput compiled = CompileDocument(*shared);
  result.document = std::move(shared);
  result.processes = std::move(compiled.processes);
  result.problems = std::move(compiled.problems);
  result.warnings = std::move(compiled.warnings);
  if (result.problems.size() > options.max_problems) {
    const size_t omitted = result.problems.size() - options.max_problems;
    Problem summary{"", result.problems[options.max_problems].line,
                    std::to_string(omitted) + " more problem" + (omitted == 1 ? "" : "s") + " not listed"};
    result.problems.resize(options.max_problems);
    result.problems.push_back(std::move(summary));
  }
  return result;
}

}  // namespace ordo::bpmn
