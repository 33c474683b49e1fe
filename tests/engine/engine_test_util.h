// What the engine tests share: a counting key generator, variables from JSON text, values as
// JSON text, and files read whole.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/json.h"
#include "engine/engine.h"
#include "feel/json.h"

namespace ordo::engine::test_util {

class Keys final : public KeyGenerator {
 public:
  uint64_t Next() override { return next++; }
  uint64_t next = 1000;
};

inline model::Variables Vars(const std::string& json_text) {
  model::Variables vars;
  auto v = json::Parse(json_text);
  EXPECT_TRUE(v.ok()) << json_text;
  if (v.ok()) {
    for (const auto& m : v->as_object()) vars.emplace(m.key, feel::FromJson(m.value));
  }
  return vars;
}

inline std::string Json(const feel::Value& v) { return json::Serialize(feel::ToJson(v)); }

// The message of the instance's open incident, "" when it has none.
inline std::string OpenIncidentMessage(const Instance& inst) {
  for (const auto& [id, i] : inst.incidents) {
    if (i.open) return i.message;
  }
  return "";
}

// The id of the instance's open incident, 0 when it has none.
inline uint64_t OpenIncidentId(const Instance& inst) {
  for (const auto& [id, i] : inst.incidents) {
    if (i.open) return id;
  }
  return 0;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace ordo::engine::test_util
