// The registry of deployed process and decision definitions, compiled once and kept for the
// server's life. It is the engine's DefinitionResolver. Thread-safety: guarded by a mutex; Resolve() is called on
// the commit thread, lookups by key from request threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "dmn/decision_model.h"
#include "engine/state.h"
#include "model/process.h"
#include "store/store.h"

namespace ordo::runtime {

struct Definition {
  uint64_t id = 0;
  std::string key;
  int version = 0;
  std::string xml_sha256;
  std::shared_ptr<const model::Process> process;  // for a process
  store::DefinitionKind kind = store::DefinitionKind::kProcess;
  // For a decision: the compiled document and how its result maps (engine::ResolvedDecision).
  std::shared_ptr<const dmn::DecisionModel> decision;
  std::vector<std::string> output_names;
  bool one_item_per_rule = false;
  std::string name;

  static Definition Of(uint64_t id, std::string key, int version, std::string xml_sha256,
                       std::shared_ptr<const model::Process> process) {
    Definition d;
    d.id = id;
    d.key = std::move(key);
    d.version = version;
    d.xml_sha256 = std::move(xml_sha256);
    d.process = std::move(process);
    return d;
  }
};

class DefinitionRegistry final : public engine::DefinitionResolver {
 public:
  void Add(Definition definition);
  // Forgets a definition whose deployment did not commit.
  void Remove(uint64_t definition_id);
  std::shared_ptr<const model::Process> Resolve(uint64_t definition_id) const override;
  int Version(uint64_t definition_id) const override;
  // The newest version of `key`, or the given version; nullopt when there is none.
  std::optional<Definition> Find(std::string_view key, std::optional<int> version = std::nullopt,
                                 store::DefinitionKind kind = store::DefinitionKind::kProcess) const;
  std::optional<engine::ResolvedProcess> FindProcess(std::string_view key,
                                                     std::optional<int> version) const override;
  std::optional<engine::ResolvedDecision> FindDecision(std::string_view key,
                                                       std::optional<int> version) const override;

 private:
  using KeyIndex = std::map<std::string, std::map<int, uint64_t>, std::less<>>;
  KeyIndex& IndexOf(store::DefinitionKind kind) {
    return kind == store::DefinitionKind::kProcess ? process_keys_ : decision_keys_;
  }
  const KeyIndex& IndexOf(store::DefinitionKind kind) const {
    return kind == store::DefinitionKind::kProcess ? process_keys_ : decision_keys_;
  }

  mutable std::mutex mu_;
  std::unordered_map<uint64_t, Definition> by_id_;
  KeyIndex process_keys_;
  KeyIndex decision_keys_;
};

// Compiles every stored definition into `registry`. DataLoss when a stored document no longer
// compiles (it did when it was deployed).
Status LoadDefinitions(store::Store& store, DefinitionRegistry& registry, size_t* count = nullptr);

}  // namespace ordo::runtime
