// SqliteStore: the read methods. Each borrows a reader connection for the call; WAL gives it the
// last committed snapshot without waiting for the writer.
#include <string>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::store {

using sqlite::ConnectionPool;
using sqlite::Statement;
using sqlite::StatementRef;

namespace {

template <typename T>
Result<T> AsResult(T value) {
  return value;
}
template <typename T>
Result<T> AsResult(Result<T> value) {
  return value;
}

// Runs sql on a reader, binding parameters with bind(Statement&), and decodes every result row.
template <typename Row, typename Bind, typename Decode>
Result<std::vector<Row>> QueryRows(ConnectionPool& pool, std::string_view sql, Bind bind,
                                   Decode decode) {
  ASSIGN_OR_RETURN(ConnectionPool::Lease db, pool.Acquire());
  ASSIGN_OR_RETURN(StatementRef stmt, db->Prepare(sql));
  bind(*stmt);
  std::vector<Row> rows;
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, stmt->Step());
    if (!has_row) break;
    Result<Row> row = AsResult(decode(*stmt));
    if (!row.ok()) return row.status();
    rows.push_back(std::move(row).value());
  }
  return rows;
}

template <typename Row, typename Bind, typename Decode>
Result<std::optional<Row>> QueryOne(ConnectionPool& pool, std::string_view sql, Bind bind,
                                    Decode decode) {
  ASSIGN_OR_RETURN(std::vector<Row> rows, QueryRows<Row>(pool, sql, bind, decode));
  if (rows.empty()) return std::optional<Row>();
  return std::optional<Row>(std::move(rows.front()));
}

std::string Select(const char* columns, std::string_view rest) {
  return std::string("SELECT ") + columns + " " + std::string(rest);
}

auto BindId(uint64_t id) {
  return [id](Statement& stmt) { stmt.BindUint64(1, id); };
}

}  // namespace

Result<std::optional<uint64_t>> SqliteStore::NextKey() {
  return QueryOne<uint64_t>(
      readers_, "SELECT value FROM meta WHERE name = 'next_key'", [](Statement&) {},
      [](const Statement& stmt) { return stmt.ColumnUint64(0); });
}

Result<std::vector<DefinitionRow>> SqliteStore::ListDefinitions(bool all_versions) {
  static const std::string all =
      Select(sqlite::kDefinitionColumns, "FROM definitions ORDER BY kind DESC, key, version");
  static const std::string latest =
      Select(sqlite::kDefinitionColumns,
             "FROM definitions AS d WHERE version = "
             "(SELECT MAX(version) FROM definitions WHERE kind = d.kind AND key = d.key) "
             "ORDER BY kind DESC, key, version");
  return QueryRows<DefinitionRow>(
      readers_, all_versions ? all : latest, [](Statement&) {}, sqlite::ReadDefinition);
}

Result<std::optional<DefinitionRow>> SqliteStore::GetDefinition(uint64_t id) {
  static const std::string sql = Select(sqlite::kDefinitionColumns, "FROM definitions WHERE id = ?");
  return QueryOne<DefinitionRow>(readers_, sql, BindId(id), sqlite::ReadDefinition);
}

Result<std::optional<DefinitionRow>> SqliteStore::LatestDefinition(std::string_view key, DefinitionKind kind) {
  static const std::string sql =
      Select(sqlite::kDefinitionColumns,
             "FROM definitions WHERE kind = ? AND key = ? ORDER BY version DESC LIMIT 1");
  return QueryOne<DefinitionRow>(
      readers_, sql,
      [key, kind](Statement& stmt) {
        stmt.BindText(1, DefinitionKindName(kind));
        stmt.BindText(2, key);
      },
      sqlite::ReadDefinition);
}

Result<std::optional<InstanceRow>> SqliteStore::GetInstance(uint64_t id) {
  static const std::string sql = Select(sqlite::kInstanceColumns, "FROM instances WHERE id = ?");
  return QueryOne<InstanceRow>(readers_, sql, BindId(id), sqlite::ReadInstance);
}

Result<std::vector<InstanceRow>> SqliteStore::ListInstances(const InstanceFilter& filter,
                                                            const Page& page) {
  if (page.limit <= 0) return std::vector<InstanceRow>();
  // One statement text per filter combination, each served by an index and cached.
  std::string sql = Select(sqlite::kInstanceColumns, "FROM instances WHERE id > ?1");
  if (!filter.process_key.empty()) sql += " AND process_key = ?2";
  if (filter.state) sql += " AND state = ?3";
  if (filter.parent_instance_id != 0) sql += " AND parent_instance_id = ?5";
  sql += " ORDER BY id LIMIT ?4";
  const char* state = filter.state ? InstanceStateName(*filter.state) : "";
  return QueryRows<InstanceRow>(
      readers_, sql,
      [&](Statement& stmt) {
        stmt.BindUint64(1, page.after_id);
        if (!filter.process_key.empty()) stmt.BindText(2, filter.process_key);
        if (filter.state) stmt.BindText(3, state);
        stmt.BindInt64(4, page.limit);
        if (filter.parent_instance_id != 0) stmt.BindUint64(5, filter.parent_instance_id);
      },
      sqlite::ReadInstance);
}

Result<std::vector<uint64_t>> SqliteStore::ListUnfinishedInstanceIds() {
  return QueryRows<uint64_t>(
      readers_, "SELECT id FROM instances WHERE state IN ('active', 'incident') ORDER BY id",
      [](Statement&) {}, [](const Statement& stmt) { return stmt.ColumnUint64(0); });
}

Result<std::vector<ElementInstanceRow>> SqliteStore::ListElementInstances(uint64_t instance_id) {
  static const std::string sql = Select(sqlite::kElementInstanceColumns,
                                        "FROM element_instances WHERE instance_id = ? ORDER BY key");
  return QueryRows<ElementInstanceRow>(readers_, sql, BindId(instance_id),
                                       sqlite::ReadElementInstance);
}

Result<std::vector<EventRow>> SqliteStore::ListEvents(uint64_t instance_id) {
  static const std::string sql =
      Select(sqlite::kEventColumns, "FROM events WHERE instance_id = ? ORDER BY seq_first");
  return QueryRows<EventRow>(readers_, sql, BindId(instance_id), [](const Statement& stmt) {
    EventRow row;
    sqlite::ReadEvent(stmt, row);
    return row;
  });
}

Status SqliteStore::ScanEvents(const std::function<Status(const EventRow&)>& visit) {
  static const std::string sql =
      Select(sqlite::kEventColumns, "FROM events ORDER BY instance_id, seq_first");
  ASSIGN_OR_RETURN(ConnectionPool::Lease db, readers_.Acquire());
  ASSIGN_OR_RETURN(StatementRef stmt, db->Prepare(sql));
  EventRow row;  // reused: the visitor sees each row only during its call
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, stmt->Step());
    if (!has_row) return Status::Ok();
    sqlite::ReadEvent(*stmt, row);
    RETURN_IF_ERROR(visit(row));
  }
}

Result<std::optional<TaskRow>> SqliteStore::GetTask(uint64_t id) {
  static const std::string sql = Select(sqlite::kTaskColumns, "FROM tasks WHERE id = ?");
  return QueryOne<TaskRow>(readers_, sql, BindId(id), sqlite::ReadTask);
}

Result<std::vector<TaskRow>> SqliteStore::ListTasks(const TaskFilter& filter, const Page& page) {
  if (page.limit <= 0) return std::vector<TaskRow>();
  std::string sql = Select(sqlite::kTaskColumns, "FROM tasks WHERE id > ?1");
  if (filter.state) sql += " AND state = ?2";
  if (filter.instance_id != 0) sql += " AND instance_id = ?3";
  if (!filter.assignee.empty()) sql += " AND assignee = ?4";
  if (!filter.candidate_group.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM json_each(tasks.candidate_groups) WHERE value = ?5)";
  }
  sql += " ORDER BY id LIMIT ?6";
  const char* state = filter.state ? TaskStateName(*filter.state) : "";
  return QueryRows<TaskRow>(
      readers_, sql,
      [&](Statement& stmt) {
        stmt.BindUint64(1, page.after_id);
        if (filter.state) stmt.BindText(2, state);
        if (filter.instance_id != 0) stmt.BindUint64(3, filter.instance_id);
        if (!filter.assignee.empty()) stmt.BindText(4, filter.assignee);
        if (!filter.candidate_group.empty()) stmt.BindText(5, filter.candidate_group);
        stmt.BindInt64(6, page.limit);
      },
      sqlite::ReadTask);
}

Result<std::optional<JobRow>> SqliteStore::GetJob(uint64_t id) {
  static const std::string sql = Select(sqlite::kJobColumns, "FROM jobs WHERE id = ?");
  return QueryOne<JobRow>(readers_, sql, BindId(id), sqlite::ReadJob);
}

Result<std::vector<JobRow>> SqliteStore::ListJobs(uint64_t instance_id) {
  static const std::string sql =
      Select(sqlite::kJobColumns, "FROM jobs WHERE instance_id = ? ORDER BY id");
  return QueryRows<JobRow>(readers_, sql, BindId(instance_id), sqlite::ReadJob);
}

Result<std::optional<IncidentRow>> SqliteStore::GetIncident(uint64_t id) {
  static const std::string sql = Select(sqlite::kIncidentColumns, "FROM incidents WHERE id = ?");
  return QueryOne<IncidentRow>(readers_, sql, BindId(id), sqlite::ReadIncident);
}

Result<std::vector<IncidentRow>> SqliteStore::ListIncidents(uint64_t instance_id) {
  static const std::string sql =
      Select(sqlite::kIncidentColumns, "FROM incidents WHERE instance_id = ? ORDER BY id");
  return QueryRows<IncidentRow>(readers_, sql, BindId(instance_id), sqlite::ReadIncident);
}

Result<std::optional<IdempotencyRow>> SqliteStore::GetIdempotency(std::string_view scope) {
  static const std::string sql =
      Select(sqlite::kIdempotencyColumns, "FROM idempotency WHERE scope = ?");
  return QueryOne<IdempotencyRow>(
      readers_, sql, [scope](Statement& stmt) { stmt.BindText(1, scope); },
      sqlite::ReadIdempotency);
}

}  // namespace ordo::store
