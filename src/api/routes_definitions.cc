// POST /api/v1/deployments, GET /api/v1/processes, GET /api/v1/decisions.
#include "api/problem.h"
#include "api/request_util.h"
#include "api/routes.h"

namespace ordo::api {
namespace {

Response Deploy(runtime::Runtime& runtime, Request& req) {
  std::string type = req.Header("content-type");
  if (type.rfind("application/json", 0) == 0 || type.rfind("multipart/", 0) == 0) {
    return Problem(415, "unsupported-media-type", "Unsupported media type",
                   "send the BPMN or DMN document itself with Content-Type: application/xml, not " + type);
  }
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Problem(400, "bad-request", "Bad request", "the request body is empty; send a BPMN 2.0 or DMN XML document");
  }
  runtime::Reply reply = runtime.Deploy(req.body, req.Query("name"), IdempotencyOf(req)).get();
  return FromReply(reply, 201);
}

// GET /api/v1/processes and /api/v1/decisions: the newest version of each key of that kind, or
// every version with ?all=true.
Response ListDefinitions(runtime::Runtime& runtime, Request& req, store::DefinitionKind kind) {
  std::string all = req.Query("all");
  if (!all.empty() && all != "true" && all != "false") {
    return Problem(400, "bad-request", "Bad request", "all must be true or false, not '" + all + "'");
  }
  auto rows = runtime.store().ListDefinitions(all == "true");
  if (!rows.ok()) return ProblemFromStatus(rows.status());
  std::string items;
  for (const store::DefinitionRow& d : *rows) {
    if (d.kind != kind) continue;
    if (!items.empty()) items += ',';
    items += "{\"key\":" + Quote(d.key) + ",\"name\":" + Quote(d.name) + ",\"version\":" +
             std::to_string(d.version) + ",\"id\":\"" + std::to_string(d.id) + "\",\"deployedAt\":" +
             Quote(FormatTimestamp(d.deployed_at)) + "}";
  }
  return Json(200, "{\"items\":[" + items + "],\"next\":null}");
}

}  // namespace

void RegisterDefinitionRoutes(Router& router, runtime::Runtime& runtime) {
  router.Add("POST", "/api/v1/deployments", "deployment:create", [&runtime](Request& r) { return Deploy(runtime, r); });
  router.Add("GET", "/api/v1/processes", "process:read",
             [&runtime](Request& r) { return ListDefinitions(runtime, r, store::DefinitionKind::kProcess); });
  router.Add("GET", "/api/v1/decisions", "decision:read",
             [&runtime](Request& r) { return ListDefinitions(runtime, r, store::DefinitionKind::kDecision); });
}

}  // namespace ordo::api
