// Process instances: start, read, list, history, cancel.
#include <cerrno>
#include <cstdlib>

#include "api/problem.h"
#include "api/request_util.h"
#include "api/routes.h"
#include "model/event_codec.h"

namespace ordo::api {
namespace {

std::string IncidentJson(const store::IncidentRow& i) {
  return "{\"id\":\"" + std::to_string(i.id) + "\",\"element\":" + Quote(i.element) + ",\"kind\":" + Quote(i.kind) +
         ",\"message\":" + Quote(i.message) + ",\"state\":\"" +
         (i.state == store::IncidentState::kOpen ? "open" : "resolved") + "\",\"job\":" +
         (i.job_id ? "\"" + std::to_string(i.job_id) + "\"" : std::string("null")) + ",\"createdAt\":" +
         Quote(FormatTimestamp(i.created_at)) + "}";
}

std::string InstanceSummary(const store::InstanceRow& r) {
  return "{\"id\":\"" + std::to_string(r.id) + "\",\"processKey\":" + Quote(r.process_key) +
         ",\"version\":" + std::to_string(r.version) + ",\"state\":\"" + store::InstanceStateName(r.state) +
         "\",\"businessKey\":" + (r.business_key.empty() ? std::string("null") : Quote(r.business_key)) +
         ",\"parentInstance\":" + (r.parent_instance_id ? "\"" + std::to_string(r.parent_instance_id) + "\"" : std::string("null")) +
         ",\"createdAt\":" + Quote(FormatTimestamp(r.created_at)) + ",\"endedAt\":" +
         (r.ended_at ? Quote(FormatTimestamp(r.ended_at)) : std::string("null")) + "}";
}

Response Start(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  std::string business_key;
  model::Variables variables;
  int64_t version = 0;
  if (!OptionalString(*body, "businessKey", business_key, error) ||
      !OptionalVariables(*body, "variables", variables, error) || !OptionalInt(*body, "version", version, error)) {
    return error;
  }
  std::optional<int> v;
  if (version != 0) v = static_cast<int>(version);
  runtime::Reply reply = runtime.StartInstance(req.params["key"], v, business_key, std::move(variables),
                                               IdempotencyOf(req)).get();
  return FromReply(reply, 201);
}

Response Get(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto row = runtime.store().GetInstance(*id);
  if (!row.ok()) return ProblemFromStatus(row.status());
  if (!*row) return Problem(404, "not-found", "Not found", "instance " + std::to_string(*id) + " does not exist");
  const store::InstanceRow& r = **row;
  auto incidents = runtime.store().ListIncidents(*id);
  if (!incidents.ok()) return ProblemFromStatus(incidents.status());
  std::string inc;
  for (const store::IncidentRow& i : *incidents) {
    if (!inc.empty()) inc += ',';
    inc += IncidentJson(i);
  }
  std::string body = InstanceSummary(r);
  body.pop_back();
  body += ",\"variables\":" + r.variables_json + ",\"active\":" + r.active_json + ",\"incidents\":[" + inc + "]}";
  return Json(200, body);
}

Response List(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto paging = ReadPaging(req, error);
  if (!paging) return error;
  store::InstanceFilter filter;
  filter.process_key = req.Query("processKey");
  std::string parent = req.Query("parent");
  if (!parent.empty()) {
    char* end = nullptr;
    errno = 0;
    filter.parent_instance_id = std::strtoull(parent.c_str(), &end, 10);
    if (*end != '\0' || parent[0] == '-' || errno == ERANGE || filter.parent_instance_id == 0 ||
        filter.parent_instance_id > INT64_MAX) {
      return Problem(400, "bad-request", "Bad request", "parent must be an instance id, not '" + parent + "'");
    }
  }
  std::string state = req.Query("state");
  if (!state.empty()) {
    filter.state = store::ParseInstanceState(state);
    if (!filter.state) {
      return Problem(400, "bad-request", "Bad request",
                     "state must be one of active, completed, terminated, incident; not '" + state + "'");
    }
  }
  auto rows = runtime.store().ListInstances(filter, store::Page{paging->after, paging->limit});
  if (!rows.ok()) return ProblemFromStatus(rows.status());
  std::string items;
  for (const store::InstanceRow& r : *rows) {
    if (!items.empty()) items += ',';
    items += InstanceSummary(r);
  }
  return Json(200, ListBody(items, rows->size(), paging->limit, rows->empty() ? 0 : rows->back().id));
}

Response History(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto paging = ReadPaging(req, error);
  if (!paging) return error;
  if (req.Query("limit").empty()) paging->limit = 1000;
  auto rows = runtime.store().ListEvents(*id);
  if (!rows.ok()) return ProblemFromStatus(rows.status());
  if (rows->empty()) {
    auto inst = runtime.store().GetInstance(*id);
    if (inst.ok() && !*inst) return Problem(404, "not-found", "Not found", "instance " + std::to_string(*id) + " does not exist");
  }
  std::string items;
  size_t count = 0;
  uint64_t last = 0;
  for (const store::EventRow& row : *rows) {
    std::string_view body = row.body;
    while (!body.empty() && count < static_cast<size_t>(paging->limit)) {
      size_t nl = body.find('\n');
      std::string_view line = body.substr(0, nl);
      body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
      auto e = model::ParseCanonical(line);
      if (!e.ok()) return ProblemFromStatus(e.status().WithContext("instance " + std::to_string(*id)));
      if (e->seq <= paging->after) continue;
      if (!items.empty()) items += ',';
      items += "{\"seq\":" + std::to_string(e->seq) + ",\"type\":\"" + model::EventTypeName(e->type) +
               "\",\"element\":" + (e->element.empty() ? std::string("null") : Quote(e->element)) +
               ",\"key\":\"" + std::to_string(e->key) + "\",\"at\":" + Quote(FormatTimestamp(e->at)) +
               ",\"data\":" + model::EventDataJson(*e) + "}";
      ++count;
      last = e->seq;
    }
  }
  return Json(200, ListBody(items, count, paging->limit, last));
}

Response Cancel(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  std::string reason;
  if (!OptionalString(*body, "reason", reason, error)) return error;
  return FromReply(runtime.CancelInstance(*id, reason, IdempotencyOf(req)).get(), 200);
}

}  // namespace

void RegisterInstanceRoutes(Router& router, runtime::Runtime& runtime) {
  router.Add("POST", "/api/v1/processes/{key}/instances", "instance:create", [&runtime](Request& r) { return Start(runtime, r); });
  router.Add("GET", "/api/v1/instances", "instance:read", [&runtime](Request& r) { return List(runtime, r); });
  router.Add("GET", "/api/v1/instances/{id}", "instance:read", [&runtime](Request& r) { return Get(runtime, r); });
  router.Add("GET", "/api/v1/instances/{id}/history", "instance:read", [&runtime](Request& r) { return History(runtime, r); });
  router.Add("POST", "/api/v1/instances/{id}/cancel", "instance:cancel", [&runtime](Request& r) { return Cancel(runtime, r); });
}

}  // namespace ordo::api
