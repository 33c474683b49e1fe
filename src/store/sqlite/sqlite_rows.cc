#include "store/sqlite/sqlite_rows.h"

#include "base/json.h"

namespace ordo::store::sqlite {

const char* const kDefinitionColumns =
    "id, key, version, name, resource_name, xml_sha256, xml, deployment_id, deployed_at, kind";
const char* const kEventColumns = "instance_id, seq_first, seq_last, hash, body";
const char* const kInstanceColumns =
    "id, definition_id, process_key, version, business_key, state, variables_json, active_json, "
    "created_at, ended_at, last_seq, last_hash, parent_instance_id";
const char* const kElementInstanceColumns = "key, instance_id, element, state, activated_at";
const char* const kTaskColumns =
    "id, instance_id, element_instance, element, name, assignee, candidate_groups, "
    "candidate_users, state, created_at, completed_at, due_at";
const char* const kJobColumns =
    "id, instance_id, element_instance, element, type, state, retries, worker, lock_expires_at, "
    "due_at, error_message, created_at";
const char* const kIncidentColumns =
    "id, instance_id, element_instance, element, kind, message, job_id, state, created_at, "
    "resolved_at";
const char* const kIdempotencyColumns = "scope, request_hash, status, response, created_at";

namespace {

Status BadValue(std::string_view table, uint64_t id, std::string_view column,
                std::string_view value) {
  return DataLoss(std::string(table) + " row " + std::to_string(id) + ": bad " +
                  std::string(column) + " '" + std::string(value) + "'");
}

}  // namespace

DefinitionRow ReadDefinition(const Statement& stmt) {
  DefinitionRow row;
  row.id = stmt.ColumnUint64(0);
  row.key = stmt.ColumnText(1);
  row.version = static_cast<int>(stmt.ColumnInt64(2));
  row.name = stmt.ColumnText(3);
  row.resource_name = stmt.ColumnText(4);
  row.xml_sha256 = stmt.ColumnText(5);
  row.xml = stmt.ColumnText(6);
  row.deployment_id = stmt.ColumnUint64(7);
  row.deployed_at = stmt.ColumnInt64(8);
  row.kind = ParseDefinitionKind(stmt.ColumnText(9)).value_or(DefinitionKind::kProcess);
  return row;
}

void ReadEvent(const Statement& stmt, EventRow& row) {
  row.instance_id = stmt.ColumnUint64(0);
  row.seq_first = stmt.ColumnUint64(1);
  row.seq_last = stmt.ColumnUint64(2);
  row.hash = stmt.ColumnDigest(3);
  std::string_view body = stmt.ColumnView(4);
  row.body.assign(body.data(), body.size());
}

Result<InstanceRow> ReadInstance(const Statement& stmt) {
  InstanceRow row;
  row.id = stmt.ColumnUint64(0);
  row.definition_id = stmt.ColumnUint64(1);
  row.process_key = stmt.ColumnText(2);
  row.version = static_cast<int>(stmt.ColumnInt64(3));
  row.business_key = stmt.ColumnText(4);
  std::string_view state = stmt.ColumnView(5);
  std::optional<InstanceState> parsed = ParseInstanceState(state);
  if (!parsed) return BadValue("instances", row.id, "state", state);
  row.state = *parsed;
  row.variables_json = stmt.ColumnText(6);
  row.active_json = stmt.ColumnText(7);
  row.created_at = stmt.ColumnInt64(8);
  row.ended_at = stmt.ColumnInt64(9);
  row.last_seq = stmt.ColumnUint64(10);
  row.last_hash = stmt.ColumnDigest(11);
  row.parent_instance_id = stmt.ColumnUint64(12);
  return row;
}

ElementInstanceRow ReadElementInstance(const Statement& stmt) {
  ElementInstanceRow row;
  row.key = stmt.ColumnUint64(0);
  row.instance_id = stmt.ColumnUint64(1);
  row.element = stmt.ColumnText(2);
  row.state = stmt.ColumnText(3);
  row.activated_at = stmt.ColumnInt64(4);
  return row;
}

Result<TaskRow> ReadTask(const Statement& stmt) {
  TaskRow row;
  row.id = stmt.ColumnUint64(0);
  row.instance_id = stmt.ColumnUint64(1);
  row.element_instance = stmt.ColumnUint64(2);
  row.element = stmt.ColumnText(3);
  row.name = stmt.ColumnText(4);
  row.assignee = stmt.ColumnText(5);
  ASSIGN_OR_RETURN(row.candidate_groups, DecodeNames(stmt.ColumnView(6)));
  ASSIGN_OR_RETURN(row.candidate_users, DecodeNames(stmt.ColumnView(7)));
  std::string_view state = stmt.ColumnView(8);
  std::optional<TaskState> parsed = ParseTaskState(state);
  if (!parsed) return BadValue("tasks", row.id, "state", state);
  row.state = *parsed;
  row.created_at = stmt.ColumnInt64(9);
  row.completed_at = stmt.ColumnInt64(10);
  row.due_at = stmt.ColumnInt64(11);
  return row;
}

Result<JobRow> ReadJob(const Statement& stmt) {
  JobRow row;
  row.id = stmt.ColumnUint64(0);
  row.instance_id = stmt.ColumnUint64(1);
  row.element_instance = stmt.ColumnUint64(2);
  row.element = stmt.ColumnText(3);
  row.type = stmt.ColumnText(4);
  std::string_view state = stmt.ColumnView(5);
  std::optional<JobState> parsed = ParseJobState(state);
  if (!parsed) return BadValue("jobs", row.id, "state", state);
  row.state = *parsed;
  row.retries = static_cast<int>(stmt.ColumnInt64(6));
  row.worker = stmt.ColumnText(7);
  row.lock_expires_at = stmt.ColumnInt64(8);
  row.due_at = stmt.ColumnInt64(9);
  row.error_message = stmt.ColumnText(10);
  row.created_at = stmt.ColumnInt64(11);
  return row;
}

Result<IncidentRow> ReadIncident(const Statement& stmt) {
  IncidentRow row;
  row.id = stmt.ColumnUint64(0);
  row.instance_id = stmt.ColumnUint64(1);
  row.element_instance = stmt.ColumnUint64(2);
  row.element = stmt.ColumnText(3);
  row.kind = stmt.ColumnText(4);
  row.message = stmt.ColumnText(5);
  row.job_id = stmt.ColumnUint64(6);
  std::string_view state = stmt.ColumnView(7);
  if (state == "open") {
    row.state = IncidentState::kOpen;
  } else if (state == "resolved") {
    row.state = IncidentState::kResolved;
  } else {
    return BadValue("incidents", row.id, "state", state);
  }
  row.created_at = stmt.ColumnInt64(8);
  row.resolved_at = stmt.ColumnInt64(9);
  return row;
}

IdempotencyRow ReadIdempotency(const Statement& stmt) {
  IdempotencyRow row;
  row.scope = stmt.ColumnText(0);
  row.request_hash = stmt.ColumnText(1);
  row.status = static_cast<int>(stmt.ColumnInt64(2));
  row.response = stmt.ColumnText(3);
  row.created_at = stmt.ColumnInt64(4);
  return row;
}

void EncodeNames(const std::vector<std::string>& names, std::string& out) {
  out.clear();
  out.push_back('[');
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out.push_back(',');
    json::AppendQuoted(out, names[i]);
  }
  out.push_back(']');
}

Result<std::vector<std::string>> DecodeNames(std::string_view text) {
  std::vector<std::string> names;
  if (text == "[]") return names;
  Result<json::Value> parsed = json::Parse(text);
  if (!parsed.ok() || !parsed->is_array()) {
    return DataLoss("stored name list is not a JSON array: " + std::string(text));
  }
  for (const json::Value& item : parsed->as_array()) {
    if (!item.is_string()) return DataLoss("stored name list holds a non-string: " + std::string(text));
    names.push_back(item.as_string());
  }
  return names;
}

const char* IncidentStateName(IncidentState state) {
  return state == IncidentState::kResolved ? "resolved" : "open";
}

}  // namespace ordo::store::sqlite
