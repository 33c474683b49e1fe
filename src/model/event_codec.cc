#include "model/event_codec.h"

#include <array>
#include <charconv>
#include <cstring>

#include "base/json.h"
#include "feel/json.h"

namespace ordo::model {
namespace {

// The payload fields an event type may carry, in canonical order.
enum class Field : uint8_t {
  kDefinition,       // ref
  kProcess,          // name
  kVersion,          // number
  kBusinessKey,      // text
  kKind,             // name
  kTaken,            // list1
  kElementInstance,  // element_instance
  kTaskName,         // name
  kAssignee,         // text
  kCandidateGroups,  // list1
  kCandidateUsers,   // list2
  kJobType,          // name
  kRetries,          // number
  kWorker,           // name
  kLockExpiresAt,    // time
  kMessage,          // text
  kDueAt,            // time
  kIncidentKind,     // name
  kJob,              // ref
  kReason,           // text
  kVariables,        // variables
  kDecision,         // name
  kMatchedRules,     // list1
  kMatchedRuleIds,   // list2
  kOutputs,          // variables
  kCalledInstance,   // ref
  // Optional fields: written only when non-zero, read as 0 when absent, so events written
  // before they existed keep their bytes (and hash chains).
  kParentInstance,          // parent_instance
  kParentElementInstance,   // element_instance
  kTaskDueAt,               // time
};

bool IsOptional(Field f) {
  return f == Field::kParentInstance || f == Field::kParentElementInstance || f == Field::kTaskDueAt;
}

bool IsZero(const Event& e, Field f) {
  switch (f) {
    case Field::kParentInstance: return e.parent_instance == 0;
    case Field::kParentElementInstance: return e.element_instance == 0;
    case Field::kTaskDueAt: return e.time == 0;
    default: return false;
  }
}

struct TypeInfo {
  const char* name;
  std::vector<Field> fields;
};

const std::array<TypeInfo, kEventTypeCount>& Types() {
  using F = Field;
  static const std::array<TypeInfo, kEventTypeCount> kTypes = {{
      {"InstanceCreated", {F::kDefinition, F::kProcess, F::kVersion, F::kBusinessKey, F::kVariables,
                           F::kParentInstance, F::kParentElementInstance}},
      {"ElementActivated", {F::kKind}},
      {"ElementCompleted", {F::kTaken}},
      {"ElementTerminated", {}},
      {"VariablesSet", {F::kVariables}},
      {"TaskCreated", {F::kElementInstance, F::kTaskName, F::kAssignee, F::kCandidateGroups, F::kCandidateUsers,
                       F::kTaskDueAt}},
      {"TaskCompleted", {F::kElementInstance}},
      {"TaskCanceled", {F::kElementInstance}},
      {"JobCreated", {F::kElementInstance, F::kJobType, F::kRetries}},
      {"JobLocked", {F::kWorker, F::kLockExpiresAt}},
      {"JobLockExpired", {}},
      {"JobCompleted", {F::kElementInstance}},
      {"JobFailed", {F::kRetries, F::kMessage, F::kDueAt}},
      {"JobCanceled", {F::kElementInstance}},
      {"IncidentRaised", {F::kElementInstance, F::kIncidentKind, F::kMessage, F::kJob}},
      {"IncidentResolved", {F::kElementInstance, F::kJob}},
      {"InstanceCompleted", {}},
      {"InstanceTerminated", {F::kReason}},
      {"DecisionEvaluated", {F::kDefinition, F::kDecision, F::kVersion, F::kMatchedRules, F::kMatchedRuleIds,
                             F::kOutputs}},
      {"InstanceCalled", {F::kCalledInstance, F::kProcess, F::kVersion}},
  }};
  return kTypes;
}

const TypeInfo& Info(EventType t) { return Types()[static_cast<size_t>(t) - 1]; }

const char* FieldName(Field f) {
  switch (f) {
    case Field::kDefinition: return "definition";
    case Field::kProcess: return "process";
    case Field::kVersion: return "version";
    case Field::kBusinessKey: return "businessKey";
    case Field::kKind: return "kind";
    case Field::kTaken: return "taken";
    case Field::kElementInstance: return "elementInstance";
    case Field::kTaskName: return "name";
    case Field::kAssignee: return "assignee";
    case Field::kCandidateGroups: return "candidateGroups";
    case Field::kCandidateUsers: return "candidateUsers";
    case Field::kJobType: return "type";
    case Field::kRetries: return "retries";
    case Field::kWorker: return "worker";
    case Field::kLockExpiresAt: return "lockExpiresAt";
    case Field::kMessage: return "message";
    case Field::kDueAt: return "dueAt";
    case Field::kIncidentKind: return "kind";
    case Field::kJob: return "job";
    case Field::kReason: return "reason";
    case Field::kVariables: return "variables";
    case Field::kDecision: return "decision";
    case Field::kMatchedRules: return "matchedRules";
    case Field::kMatchedRuleIds: return "matchedRuleIds";
    case Field::kOutputs: return "outputs";
    case Field::kCalledInstance: return "calledInstance";
    case Field::kParentInstance: return "parentInstance";
    case Field::kParentElementInstance: return "parentElementInstance";
    case Field::kTaskDueAt: return "dueAt";
  }
  return "?";
}

void AppendInt(std::string& out, int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(end - buf));
}

void AppendUint(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(end - buf));
}

void AppendList(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += ',';
    json::AppendQuoted(out, list[i]);
  }
  out += ']';
}

void AppendField(std::string& out, const Event& e, Field f) {
  switch (f) {
    case Field::kDefinition:
    case Field::kCalledInstance:
    case Field::kJob: AppendUint(out, e.ref); return;
    case Field::kParentInstance: AppendUint(out, e.parent_instance); return;
    case Field::kParentElementInstance:
    case Field::kElementInstance: AppendUint(out, e.element_instance); return;
    case Field::kVersion:
    case Field::kRetries: AppendInt(out, e.number); return;
    case Field::kTaskDueAt:
    case Field::kLockExpiresAt:
    case Field::kDueAt: AppendInt(out, e.time); return;
    case Field::kProcess:
    case Field::kKind:
    case Field::kTaskName:
    case Field::kJobType:
    case Field::kWorker:
    case Field::kIncidentKind:
    case Field::kDecision: json::AppendQuoted(out, e.name); return;
    case Field::kBusinessKey:
    case Field::kAssignee:
    case Field::kMessage:
    case Field::kReason: json::AppendQuoted(out, e.text); return;
    case Field::kTaken:
    case Field::kCandidateGroups:
    case Field::kMatchedRules: AppendList(out, e.list1); return;
    case Field::kCandidateUsers:
    case Field::kMatchedRuleIds: AppendList(out, e.list2); return;
    case Field::kVariables:
    case Field::kOutputs: {
      out += '{';
      bool first = true;
      for (const auto& [name, value] : e.variables) {
        if (!first) out += ',';
        first = false;
        json::AppendQuoted(out, name);
        out += ':';
        json::AppendSerialized(out, feel::ToJson(value));
      }
      out += '}';
      return;
    }
  }
}

void AppendData(std::string& out, const Event& e) {
  out += '{';
  bool first = true;
  for (Field f : Info(e.type).fields) {
    if (IsOptional(f) && IsZero(e, f)) continue;
    if (!first) out += ',';
    first = false;
    out += '"';
    out += FieldName(f);
    out += "\":";
    AppendField(out, e, f);
  }
  out += '}';
}

Status ReadUint(const json::Value& v, const char* what, uint64_t& out) {
  auto i = v.as_int();
  if (!i || *i < 0) return DataLoss(std::string("event field '") + what + "' is not a non-negative integer");
  out = static_cast<uint64_t>(*i);
  return Status::Ok();
}

Status ReadInt(const json::Value& v, const char* what, int64_t& out) {
  auto i = v.as_int();
  if (!i) return DataLoss(std::string("event field '") + what + "' is not an integer");
  out = *i;
  return Status::Ok();
}

Status ReadString(const json::Value& v, const char* what, std::string& out) {
  if (!v.is_string()) return DataLoss(std::string("event field '") + what + "' is not a string");
  out = v.as_string();
  return Status::Ok();
}

Status ReadList(const json::Value& v, const char* what, std::vector<std::string>& out) {
  if (!v.is_array()) return DataLoss(std::string("event field '") + what + "' is not a list");
  for (const json::Value& item : v.as_array()) {
    if (!item.is_string()) return DataLoss(std::string("event field '") + what + "' holds a non-string");
    out.push_back(item.as_string());
  }
  return Status::Ok();
}

Status ReadField(const json::Value& v, Field f, Event& e) {
  const char* n = FieldName(f);
  switch (f) {
    case Field::kDefinition:
    case Field::kCalledInstance:
    case Field::kJob: return ReadUint(v, n, e.ref);
    case Field::kParentInstance: return ReadUint(v, n, e.parent_instance);
    case Field::kParentElementInstance:
    case Field::kElementInstance: return ReadUint(v, n, e.element_instance);
    case Field::kVersion:
    case Field::kRetries: return ReadInt(v, n, e.number);
    case Field::kTaskDueAt:
    case Field::kLockExpiresAt:
    case Field::kDueAt: return ReadInt(v, n, e.time);
    case Field::kProcess:
    case Field::kKind:
    case Field::kTaskName:
    case Field::kJobType:
    case Field::kWorker:
    case Field::kIncidentKind:
    case Field::kDecision: return ReadString(v, n, e.name);
    case Field::kBusinessKey:
    case Field::kAssignee:
    case Field::kMessage:
    case Field::kReason: return ReadString(v, n, e.text);
    case Field::kTaken:
    case Field::kCandidateGroups:
    case Field::kMatchedRules: return ReadList(v, n, e.list1);
    case Field::kCandidateUsers:
    case Field::kMatchedRuleIds: return ReadList(v, n, e.list2);
    case Field::kVariables:
    case Field::kOutputs: {
      if (!v.is_object()) return DataLoss(std::string("event field '") + n + "' is not an object");
      for (const json::Member& m : v.as_object()) e.variables.emplace(m.key, feel::FromJson(m.value));
      return Status::Ok();
    }
  }
  return Status::Ok();
}

}  // namespace

const char* EventTypeName(EventType type) { return Info(type).name; }

bool ParseEventType(std::string_view name, EventType& out) {
  const auto& types = Types();
  for (size_t i = 0; i < types.size(); ++i) {
    if (name == types[i].name) {
      out = static_cast<EventType>(i + 1);
      return true;
    }
  }
  return false;
}

void AppendCanonical(const Event& e, std::string& out) {
  out += "{\"v\":1,\"seq\":";
  AppendUint(out, e.seq);
  out += ",\"at\":";
  AppendInt(out, e.at);
  out += ",\"type\":\"";
  out += EventTypeName(e.type);
  out += "\",\"key\":";
  AppendUint(out, e.key);
  out += ",\"element\":";
  json::AppendQuoted(out, e.element);
  out += ",\"data\":";
  AppendData(out, e);
  out += '}';
}

std::string CanonicalBytes(const Event& event) {
  std::string out;
  out.reserve(160);
  AppendCanonical(event, out);
  return out;
}

std::string EventDataJson(const Event& event) {
  std::string out;
  AppendData(out, event);
  return out;
}

Result<Event> ParseCanonical(std::string_view bytes) {
  auto parsed = json::Parse(bytes);
  if (!parsed.ok()) return DataLoss("event is not valid JSON: " + parsed.status().message());
  const json::Value& root = *parsed;
  const json::Value* v = root.Find("v");
  if (v == nullptr || v->as_int() != kEventFormatVersion) {
    return DataLoss("event has an unknown format version");
  }
  Event e;
  const json::Value* type = root.Find("type");
  if (type == nullptr || !type->is_string() || !ParseEventType(type->as_string(), e.type)) {
    return DataLoss("event has an unknown type");
  }
  const json::Value* seq = root.Find("seq");
  const json::Value* at = root.Find("at");
  const json::Value* key = root.Find("key");
  const json::Value* element = root.Find("element");
  const json::Value* data = root.Find("data");
  if (!seq || !at || !key || !element || !data || !data->is_object()) {
    return DataLoss("event lacks one of seq, at, key, element, data");
  }
  RETURN_IF_ERROR(ReadUint(*seq, "seq", e.seq));
  RETURN_IF_ERROR(ReadInt(*at, "at", e.at));
  RETURN_IF_ERROR(ReadUint(*key, "key", e.key));
  RETURN_IF_ERROR(ReadString(*element, "element", e.element));
  for (Field f : Info(e.type).fields) {
    const json::Value* fv = data->Find(FieldName(f));
    if (fv == nullptr && IsOptional(f)) continue;
    if (fv == nullptr) {
      return DataLoss(std::string(EventTypeName(e.type)) + " event lacks field '" + FieldName(f) + "'");
    }
    RETURN_IF_ERROR(ReadField(*fv, f, e));
  }
  return e;
}

Digest ChainHash(const Digest& previous, std::string_view canonical_bytes) {
  thread_local Sha256 h;
  h.Update(previous);
  h.Update(canonical_bytes);
  return h.Finish();
}

}  // namespace ordo::model
