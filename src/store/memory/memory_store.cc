#include "store/memory/memory_store.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace ordo::store {
namespace {

template <typename Map>
auto Find(const Map& map, const typename Map::key_type& key)
    -> std::optional<typename Map::mapped_type> {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

// Rows of map with an id above page.after_id that match, in id order, at most page.limit.
template <typename Row, typename Map, typename Match>
std::vector<Row> PageOf(const Map& map, const Page& page, Match match) {
  std::vector<Row> rows;
  if (page.limit <= 0) return rows;
  for (auto it = map.upper_bound(page.after_id); it != map.end(); ++it) {
    if (!match(it->second)) continue;
    rows.push_back(it->second);
    if (static_cast<int>(rows.size()) >= page.limit) break;
  }
  return rows;
}

template <typename Row, typename Map>
std::vector<Row> OfInstance(const Map& map, uint64_t instance_id) {
  std::vector<Row> rows;
  for (const auto& [id, row] : map) {
    if (row.instance_id == instance_id) rows.push_back(row);
  }
  return rows;
}

}  // namespace

Status MemoryStore::Validate(const Transaction& txn) const {
  // Events are appends: a key may exist neither in the store nor twice in the batch.
  std::set<std::pair<uint64_t, uint64_t>> batch_events;
  for (size_t i = 0; i < txn.events.size(); ++i) {
    const EventRow& row = txn.events[i];
    std::pair<uint64_t, uint64_t> key(row.instance_id, row.seq_first);
    if (events_.count(key) > 0 || !batch_events.insert(key).second) {
      return Internal("appending event row " + std::to_string(i) + " (instance " +
                      std::to_string(row.instance_id) + ", seq_first " +
                      std::to_string(row.seq_first) + "): the event key already exists");
    }
  }
  // (kind, key, version) is unique over all definitions; replay the upserts on a copy to check it.
  if (!txn.definitions.empty()) {
    std::map<uint64_t, DefinitionRow> after = definitions_;
    for (const DefinitionRow& row : txn.definitions) after[row.id] = row;
    std::set<std::tuple<DefinitionKind, std::string_view, int>> versions;
    for (const auto& [id, row] : after) {
      if (!versions.emplace(row.kind, row.key, row.version).second) {
        return Internal("writing definitions row (id " + std::to_string(id) + "): " + row.key +
                        " version " + std::to_string(row.version) + " already exists");
      }
    }
  }
  return Status::Ok();
}

void MemoryStore::Apply(const Transaction& txn) {
  for (const DefinitionRow& row : txn.definitions) definitions_[row.id] = row;
  for (const EventRow& row : txn.events) events_[{row.instance_id, row.seq_first}] = row;
  for (const InstanceRow& row : txn.instances) instances_[row.id] = row;
  for (const ElementInstanceRow& row : txn.element_instances) element_instances_[row.key] = row;
  for (uint64_t key : txn.deleted_element_instances) element_instances_.erase(key);
  for (const TaskRow& row : txn.tasks) tasks_[row.id] = row;
  for (const JobRow& row : txn.jobs) jobs_[row.id] = row;
  for (const IncidentRow& row : txn.incidents) incidents_[row.id] = row;
  for (const IdempotencyRow& row : txn.idempotency) idempotency_[row.scope] = row;
  if (txn.next_key) next_key_ = txn.next_key;
}

Status MemoryStore::Commit(const Transaction& txn) {
  std::lock_guard lock(mu_);
  RETURN_IF_ERROR(Validate(txn));
  Apply(txn);
  return Status::Ok();
}

Result<std::optional<uint64_t>> MemoryStore::NextKey() {
  std::lock_guard lock(mu_);
  return next_key_;
}

Result<std::vector<DefinitionRow>> MemoryStore::ListDefinitions(bool all_versions) {
  std::lock_guard lock(mu_);
  std::vector<DefinitionRow> rows;
  for (const auto& [id, row] : definitions_) rows.push_back(row);
  std::sort(rows.begin(), rows.end(), [](const DefinitionRow& a, const DefinitionRow& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.key != b.key ? a.key < b.key : a.version < b.version;
  });
  if (!all_versions) {
    // Keep the last (highest) version of each key.
    std::vector<DefinitionRow> latest;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i + 1 == rows.size() || rows[i + 1].key != rows[i].key || rows[i + 1].kind != rows[i].kind) {
        latest.push_back(rows[i]);
      }
    }
    rows = std::move(latest);
  }
  return rows;
}

Result<std::optional<DefinitionRow>> MemoryStore::GetDefinition(uint64_t id) {
  std::lock_guard lock(mu_);
  return Find(definitions_, id);
}

Result<std::optional<DefinitionRow>> MemoryStore::LatestDefinition(std::string_view key, DefinitionKind kind) {
  std::lock_guard lock(mu_);
  std::optional<DefinitionRow> latest;
  for (const auto& [id, row] : definitions_) {
    if (row.kind == kind && row.key == key && (!latest || row.version > latest->version)) latest = row;
  }
  return latest;
}

Result<std::optional<InstanceRow>> MemoryStore::GetInstance(uint64_t id) {
  std::lock_guard lock(mu_);
  return Find(instances_, id);
}

Result<std::vector<InstanceRow>> MemoryStore::ListInstances(const InstanceFilter& filter,
                                                            const Page& page) {
  std::lock_guard lock(mu_);
  return PageOf<InstanceRow>(instances_, page, [&](const InstanceRow& row) {
    return (filter.process_key.empty() || row.process_key == filter.process_key) &&
           (!filter.state || row.state == *filter.state) &&
           (filter.parent_instance_id == 0 || row.parent_instance_id == filter.parent_instance_id);
  });
}

Result<std::vector<uint64_t>> MemoryStore::ListUnfinishedInstanceIds() {
  std::lock_guard lock(mu_);
  std::vector<uint64_t> ids;
  for (const auto& [id, row] : instances_) {
    if (row.state == InstanceState::kActive || row.state == InstanceState::kIncident) {
      ids.push_back(id);
    }
  }
  return ids;
}

Result<std::vector<ElementInstanceRow>> MemoryStore::ListElementInstances(uint64_t instance_id) {
  std::lock_guard lock(mu_);
  return OfInstance<ElementInstanceRow>(element_instances_, instance_id);
}

Result<std::vector<EventRow>> MemoryStore::ListEvents(uint64_t instance_id) {
  std::lock_guard lock(mu_);
  std::vector<EventRow> rows;
  for (auto it = events_.lower_bound({instance_id, 0});
       it != events_.end() && it->first.first == instance_id; ++it) {
    rows.push_back(it->second);
  }
  return rows;
}

Status MemoryStore::ScanEvents(const std::function<Status(const EventRow&)>& visit) {
  std::lock_guard lock(mu_);
  for (const auto& [key, row] : events_) RETURN_IF_ERROR(visit(row));
  return Status::Ok();
}

Result<std::optional<TaskRow>> MemoryStore::GetTask(uint64_t id) {
  std::lock_guard lock(mu_);
  return Find(tasks_, id);
}

Result<std::vector<TaskRow>> MemoryStore::ListTasks(const TaskFilter& filter, const Page& page) {
  std::lock_guard lock(mu_);
  return PageOf<TaskRow>(tasks_, page, [&](const TaskRow& row) {
    const auto& groups = row.candidate_groups;
    return (!filter.state || row.state == *filter.state) &&
           (filter.instance_id == 0 || row.instance_id == filter.instance_id) &&
           (filter.assignee.empty() || row.assignee == filter.assignee) &&
           (filter.candidate_group.empty() ||
            std::find(groups.begin(), groups.end(), filter.candidate_group) != groups.end());
  });
}

Result<std::optional<JobRow>> MemoryStore::GetJob(uint64_t id) {
  std::lock_guard lock(mu_);
  return Find(jobs_, id);
}

Result<std::vector<JobRow>> MemoryStore::ListJobs(uint64_t instance_id) {
  std::lock_guard lock(mu_);
  return OfInstance<JobRow>(jobs_, instance_id);
}

Result<std::optional<IncidentRow>> MemoryStore::GetIncident(uint64_t id) {
  std::lock_guard lock(mu_);
  return Find(incidents_, id);
}

Result<std::vector<IncidentRow>> MemoryStore::ListIncidents(uint64_t instance_id) {
  std::lock_guard lock(mu_);
  return OfInstance<IncidentRow>(incidents_, instance_id);
}

Result<std::optional<IdempotencyRow>> MemoryStore::GetIdempotency(std::string_view scope) {
  std::lock_guard lock(mu_);
  auto it = idempotency_.find(scope);
  if (it == idempotency_.end()) return std::optional<IdempotencyRow>();
  return std::optional<IdempotencyRow>(it->second);
}

Result<int64_t> MemoryStore::ExpireIdempotency(TimestampMs before) {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(
      std::erase_if(idempotency_, [before](const auto& entry) { return entry.second.created_at < before; }));
}

}  // namespace ordo::store
