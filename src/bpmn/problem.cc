#include "bpmn/problem.h"

#include <algorithm>
#include <tuple>

namespace ordo::bpmn {

std::string Problem::ToString() const {
  std::string s = "line " + std::to_string(line);
  if (!element.empty()) s += ", element '" + element + "'";
  s += ": ";
  s += message;
  return s;
}

void SortProblems(std::vector<Problem>& problems) {
  auto key = [](const Problem& p) { return std::tie(p.line, p.element, p.message); };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const Problem& a, const Problem& b) { return key(a) < key(b); });
  problems.erase(std::unique(problems.begin(), problems.end()), problems.end());
}

Status ProblemsToStatus(const std::vector<Problem>& problems, std::string_view what) {
  if (problems.empty()) return Status::Ok();
  std::string message = problems.size() == 1
                            ? "invalid " + std::string(what) + ": "
                            : "invalid " + std::string(what) + " (" + std::to_string(problems.size()) + " problems): ";
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems[i].ToString();
  }
  return InvalidArgument(std::move(message));
}

}  // namespace ordo::bpmn
