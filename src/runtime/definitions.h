// The registry of deployed process definitions, compiled once and kept for the process's life.
// It is the engine's DefinitionResolver. Thread-safety: guarded by a mutex; Resolve() is called on
// the commit thread, lookups by key from request threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "engine/state.h"
#include "model/process.h"
#include "store/store.h"

namespace ordo::runtime {

struct Definition {
  uint64_t id = 0;
  std::string key;
  int version = 0;
  std::string xml_sha256;
  std::shared_ptr<const model::Process> process;
};

class DefinitionRegistry final : public engine::DefinitionResolver {
 public:
  void Add(Definition definition);
  // Forgets a definition whose deployment did not commit.
  void Remove(uint64_t definition_id);
  std::shared_ptr<const model::Process> Resolve(uint64_t definition_id) const override;
  int Version(uint64_t definition_id) const override;
  // The newest version of `key`, or the given version; nullopt when there is none.
  std::optional<Definition> Find(std::string_view key, std::optional<int> version = std::nullopt) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<uint64_t, Definition> by_id_;
  std::map<std::string, std::map<int, uint64_t>, std::less<>> by_key_;
};

// Compiles every stored definition into `registry`. DataLoss when a stored document no longer
// compiles (it did when it was deployed).
Status LoadDefinitions(store::Store& store, DefinitionRegistry& registry, size_t* count = nullptr);

}  // namespace ordo::runtime
