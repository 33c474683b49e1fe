// Row builders and a scratch directory shared by the store tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/rows.h"

namespace ordo::store::testing {

// A fresh directory under the test temp dir, removed with the object.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "ordo-store-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline Digest DigestOf(uint8_t seed) {
  Digest d{};
  for (size_t i = 0; i < d.size(); ++i) d[i] = static_cast<uint8_t>(seed + i);
  return d;
}

inline EventRow Event(uint64_t instance_id, uint64_t seq_first, uint64_t seq_last,
                      std::string body = "") {
  EventRow row;
  row.instance_id = instance_id;
  row.seq_first = seq_first;
  row.seq_last = seq_last;
  row.hash = DigestOf(static_cast<uint8_t>(instance_id * 7 + seq_last));
  row.body = body.empty() ? "event " + std::to_string(instance_id) + "/" + std::to_string(seq_first)
                          : std::move(body);
  return row;
}

inline InstanceRow Instance(uint64_t id, std::string process_key = "invoice",
                            InstanceState state = InstanceState::kActive) {
  InstanceRow row;
  row.id = id;
  row.definition_id = 1;
  row.process_key = std::move(process_key);
  row.version = 1;
  row.business_key = "bk-" + std::to_string(id);
  row.state = state;
  row.variables_json = R"({"amount":12.50})";
  row.active_json = R"(["review"])";
  row.created_at = 1'700'000'000'000 + static_cast<int64_t>(id);
  row.last_seq = 3;
  row.last_hash = DigestOf(static_cast<uint8_t>(id));
  return row;
}

inline DefinitionRow Definition(uint64_t id, std::string key, int version,
                                DefinitionKind kind = DefinitionKind::kProcess) {
  DefinitionRow row;
  row.id = id;
  row.kind = kind;
  row.key = std::move(key);
  row.version = version;
  row.name = row.key + " v" + std::to_string(version);
  row.resource_name = row.key + ".bpmn";
  row.xml = "<definitions id=\"" + row.key + "\"/>";
  row.xml_sha256 = std::string(64, 'a');
  row.deployment_id = 100 + id;
  row.deployed_at = 1'700'000'000'000 + static_cast<int64_t>(id);
  return row;
}

inline TaskRow Task(uint64_t id, uint64_t instance_id, std::string assignee,
                    std::vector<std::string> groups, TaskState state = TaskState::kOpen) {
  TaskRow row;
  row.id = id;
  row.instance_id = instance_id;
  row.element_instance = id + 1000;
  row.element = "review";
  row.name = "Review invoice " + std::to_string(id);
  row.assignee = std::move(assignee);
  row.candidate_groups = std::move(groups);
  row.candidate_users = {"ann", "bob \"the\" builder"};
  row.state = state;
  row.created_at = 1'700'000'000'000;
  return row;
}

}  // namespace ordo::store::testing
