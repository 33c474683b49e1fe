#include "store/rows.h"

#include <array>
#include <string_view>

namespace ordo::store {
namespace {

// The names are stored in the database and appear in the API: they never change.
constexpr std::array<const char*, 4> kInstanceStateNames = {"active", "completed", "terminated",
                                                            "incident"};
constexpr std::array<const char*, 2> kDefinitionKindNames = {"process", "decision"};
constexpr std::array<const char*, 3> kTaskStateNames = {"open", "completed", "canceled"};
constexpr std::array<const char*, 5> kJobStateNames = {"activatable", "locked", "completed",
                                                       "failed", "canceled"};

template <typename Enum, size_t N>
const char* NameOf(const std::array<const char*, N>& names, Enum value) {
  size_t index = static_cast<size_t>(value);
  return index < N ? names[index] : "unknown";
}

template <typename Enum, size_t N>
std::optional<Enum> Parse(const std::array<const char*, N>& names, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* DefinitionKindName(DefinitionKind k) { return NameOf(kDefinitionKindNames, k); }
std::optional<DefinitionKind> ParseDefinitionKind(std::string_view s) {
  return Parse<DefinitionKind>(kDefinitionKindNames, s);
}

const char* InstanceStateName(InstanceState s) { return NameOf(kInstanceStateNames, s); }
std::optional<InstanceState> ParseInstanceState(std::string_view s) {
  return Parse<InstanceState>(kInstanceStateNames, s);
}

const char* TaskStateName(TaskState s) { return NameOf(kTaskStateNames, s); }
std::optional<TaskState> ParseTaskState(std::string_view s) {
  return Parse<TaskState>(kTaskStateNames, s);
}

const char* JobStateName(JobState s) { return NameOf(kJobStateNames, s); }
std::optional<JobState> ParseJobState(std::string_view s) {
  return Parse<JobState>(kJobStateNames, s);
}

}  // namespace ordo::store
