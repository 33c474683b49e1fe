#include "runtime/definitions.h"

namespace ordo::runtime {

void DefinitionRegistry::Add(Definition definition) {
  std::lock_guard lock(mu_);
  IndexOf(definition.kind)[definition.key][definition.version] = definition.id;
  by_id_[definition.id] = std::move(definition);
}

void DefinitionRegistry::Remove(uint64_t definition_id) {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(definition_id);
  if (it == by_id_.end()) return;
  KeyIndex& index = IndexOf(it->second.kind);
  auto k = index.find(it->second.key);
  if (k != index.end()) {
    k->second.erase(it->second.version);
    if (k->second.empty()) index.erase(k);
  }
  by_id_.erase(it);
}

std::shared_ptr<const model::Process> DefinitionRegistry::Resolve(uint64_t definition_id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(definition_id);
  return it == by_id_.end() ? nullptr : it->second.process;
}

int DefinitionRegistry::Version(uint64_t definition_id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(definition_id);
  return it == by_id_.end() ? 0 : it->second.version;
}

std::optional<Definition> DefinitionRegistry::Find(std::string_view key, std::optional<int> version,
                                                   store::DefinitionKind kind) const {
  std::lock_guard lock(mu_);
  const KeyIndex& index = IndexOf(kind);
  auto k = index.find(key);
  if (k == index.end() || k->second.empty()) return std::nullopt;
  uint64_t id;
  if (version) {
    auto v = k->second.find(*version);
    if (v == k->second.end()) return std::nullopt;
    id = v->second;
  } else {
    id = k->second.rbegin()->second;
  }
  return by_id_.at(id);
}

std::optional<engine::ResolvedProcess> DefinitionRegistry::FindProcess(std::string_view key,
                                                                       std::optional<int> version) const {
  std::optional<Definition> d = Find(key, version, store::DefinitionKind::kProcess);
  if (!d) return std::nullopt;
  return engine::ResolvedProcess{d->id, d->version, d->process};
}

std::optional<engine::ResolvedDecision> DefinitionRegistry::FindDecision(std::string_view key,
                                                                         std::optional<int> version) const {
  std::optional<Definition> d = Find(key, version, store::DefinitionKind::kDecision);
  if (!d) return std::nullopt;
  return engine::ResolvedDecision{d->id, d->key, d->version, d->decision, d->output_names, d->one_item_per_rule};
}

}  // namespace ordo::runtime
