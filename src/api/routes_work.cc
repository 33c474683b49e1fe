// Work items: user tasks, external-worker jobs, incidents.
#include <cerrno>
#include <cstdint>

#include "api/problem.h"
#include "api/request_util.h"
#include "api/routes.h"

namespace ordo::api {
namespace {

std::string ListJson(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += Quote(v[i]);
  }
  return out + "]";
}

std::string TaskJson(const store::TaskRow& t) {
  return "{\"id\":\"" + std::to_string(t.id) + "\",\"instance\":\"" + std::to_string(t.instance_id) +
         "\",\"element\":" + Quote(t.element) + ",\"name\":" + Quote(t.name) + ",\"assignee\":" +
         (t.assignee.empty() ? std::string("null") : Quote(t.assignee)) + ",\"candidateGroups\":" +
         ListJson(t.candidate_groups) + ",\"candidateUsers\":" + ListJson(t.candidate_users) + ",\"state\":\"" +
         store::TaskStateName(t.state) + "\",\"dueAt\":" + (t.due_at ? Quote(FormatTimestamp(t.due_at)) : std::string("null")) +
         ",\"createdAt\":" + Quote(FormatTimestamp(t.created_at)) +
         ",\"completedAt\":" + (t.completed_at ? Quote(FormatTimestamp(t.completed_at)) : std::string("null")) + "}";
}

Response ListTasks(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto paging = ReadPaging(req, error);
  if (!paging) return error;
  store::TaskFilter filter;
  std::string state = req.Query("state");
  if (!state.empty()) {
    filter.state = store::ParseTaskState(state);
    if (!filter.state) {
      return Problem(400, "bad-request", "Bad request", "state must be one of open, completed, canceled; not '" + state + "'");
    }
  }
  std::string instance = req.Query("instance");
  if (!instance.empty()) {
    char* end = nullptr;
    errno = 0;
    filter.instance_id = std::strtoull(instance.c_str(), &end, 10);
    if (*end != '\0' || instance[0] == '-' || errno == ERANGE || filter.instance_id > INT64_MAX) {
      return Problem(400, "bad-request", "Bad request", "instance must be an instance id, not '" + instance + "'");
    }
  }
  filter.assignee = req.Query("assignee");
  filter.candidate_group = req.Query("candidateGroup");
  auto rows = runtime.store().ListTasks(filter, store::Page{paging->after, paging->limit});
  if (!rows.ok()) return ProblemFromStatus(rows.status());
  std::string items;
  for (const store::TaskRow& t : *rows) {
    if (!items.empty()) items += ',';
    items += TaskJson(t);
  }
  return Json(200, ListBody(items, rows->size(), paging->limit, rows->empty() ? 0 : rows->back().id));
}

Response GetTask(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto row = runtime.store().GetTask(*id);
  if (!row.ok()) return ProblemFromStatus(row.status());
  if (!*row) return Problem(404, "not-found", "Not found", "task " + std::to_string(*id) + " does not exist");
  return Json(200, TaskJson(**row));
}

Response CompleteTask(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  model::Variables variables;
  if (!OptionalVariables(*body, "variables", variables, error)) return error;
  return FromReply(runtime.CompleteTask(*id, std::move(variables), IdempotencyOf(req)).get(), 200);
}

Response AcquireJobs(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  std::string type, worker;
  int64_t max = 10, lock_ms = 60000;
  if (!OptionalString(*body, "type", type, error) || !OptionalString(*body, "worker", worker, error) ||
      !OptionalInt(*body, "max", max, error) || !OptionalInt(*body, "lockMs", lock_ms, error)) {
    return error;
  }
  if (type.empty()) return Problem(400, "bad-request", "Bad request", "member 'type' (the job type to acquire) is required");
  if (worker.empty()) return Problem(400, "bad-request", "Bad request", "member 'worker' (who takes the lease) is required");
  if (max < 1 || max > 1000) return Problem(400, "bad-request", "Bad request", "member 'max' must be from 1 to 1000");
  if (lock_ms < 1 || lock_ms > 7LL * 24 * 3600 * 1000) {
    return Problem(400, "bad-request", "Bad request", "member 'lockMs' must be from 1 to 604800000 (7 days)");
  }
  return FromReply(runtime.AcquireJobs(type, worker, static_cast<int>(max), lock_ms, IdempotencyOf(req)).get(), 200);
}

Response CompleteJob(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  std::string worker;
  model::Variables variables;
  if (!OptionalString(*body, "worker", worker, error) || !OptionalVariables(*body, "variables", variables, error)) {
    return error;
  }
  return FromReply(runtime.CompleteJob(*id, worker, std::move(variables), IdempotencyOf(req)).get(), 200);
}

Response FailJob(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  std::string worker, message;
  int64_t retries = -1, backoff = 0;
  if (!OptionalString(*body, "worker", worker, error) || !OptionalString(*body, "message", message, error) ||
      !OptionalInt(*body, "retries", retries, error) || !OptionalInt(*body, "backoffMs", backoff, error)) {
    return error;
  }
  if (retries < 0 || retries > 1000) {
    return Problem(400, "bad-request", "Bad request", "member 'retries' (how many tries are left) is required, from 0 to 1000");
  }
  if (backoff < 0 || backoff > 30LL * 24 * 3600 * 1000) {
    return Problem(400, "bad-request", "Bad request", "member 'backoffMs' must be from 0 to 30 days");
  }
  return FromReply(runtime.FailJob(*id, worker, static_cast<int>(retries), message, backoff, IdempotencyOf(req)).get(), 200);
}

Response ListIncidents(runtime::Runtime& runtime, Request& req) {
  std::string instance = req.Query("instance");
  char* end = nullptr;
  errno = 0;
  uint64_t id = std::strtoull(instance.c_str(), &end, 10);
  if (instance.empty() || *end != '\0' || id == 0 || errno == ERANGE || id > INT64_MAX) {
    return Problem(400, "bad-request", "Bad request", "query parameter 'instance' (an instance id) is required");
  }
  auto rows = runtime.store().ListIncidents(id);
  if (!rows.ok()) return ProblemFromStatus(rows.status());
  std::string items;
  for (const store::IncidentRow& i : *rows) {
    if (!items.empty()) items += ',';
    items += "{\"id\":\"" + std::to_string(i.id) + "\",\"instance\":\"" + std::to_string(i.instance_id) +
             "\",\"element\":" + Quote(i.element) + ",\"kind\":" + Quote(i.kind) + ",\"message\":" + Quote(i.message) +
             ",\"state\":\"" + (i.state == store::IncidentState::kOpen ? "open" : "resolved") + "\"}";
  }
  return Json(200, "{\"items\":[" + items + "],\"next\":null}");
}

Response ResolveIncident(runtime::Runtime& runtime, Request& req) {
  Response error;
  auto id = PathId(req, "id", error);
  if (!id) return error;
  auto body = ReadObject(req, error);
  if (!body) return error;
  model::Variables variables;
  if (!OptionalVariables(*body, "variables", variables, error)) return error;
  return FromReply(runtime.ResolveIncident(*id, std::move(variables), IdempotencyOf(req)).get(), 200);
}

}  // namespace

void RegisterWorkRoutes(Router& router, runtime::Runtime& rt) {
  router.Add("GET", "/api/v1/tasks", "task:read", [&rt](Request& r) { return ListTasks(rt, r); });
  router.Add("GET", "/api/v1/tasks/{id}", "task:read", [&rt](Request& r) { return GetTask(rt, r); });
  router.Add("POST", "/api/v1/tasks/{id}/complete", "task:complete", [&rt](Request& r) { return CompleteTask(rt, r); });
  router.Add("POST", "/api/v1/jobs/acquire", "job:work", [&rt](Request& r) { return AcquireJobs(rt, r); });
  router.Add("POST", "/api/v1/jobs/{id}/complete", "job:work", [&rt](Request& r) { return CompleteJob(rt, r); });
  router.Add("POST", "/api/v1/jobs/{id}/fail", "job:work", [&rt](Request& r) { return FailJob(rt, r); });
  router.Add("GET", "/api/v1/incidents", "incident:read", [&rt](Request& r) { return ListIncidents(rt, r); });
  router.Add("POST", "/api/v1/incidents/{id}/resolve", "incident:resolve", [&rt](Request& r) { return ResolveIncident(rt, r); });
}

}  // namespace ordo::api
