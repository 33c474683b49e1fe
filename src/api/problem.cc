#include "api/problem.h"

#include "base/json.h"

namespace ordo::api {

std::string Request::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

Response Json(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                 std::string_view errors_json) {
  std::string body = "{\"type\":\"https://ordo.dev/problems/";
  body += slug;
  body += "\",\"title\":";
  json::AppendQuoted(body, title);
  body += ",\"status\":" + std::to_string(status) + ",\"detail\":";
  json::AppendQuoted(body, detail);
  if (!errors_json.empty()) {
    body += ",\"errors\":";
    body += errors_json;
  }
  body += '}';
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = std::move(body);
  return r;
}

int HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kConflict: return 409;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kUnimplemented: return 501;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

Response ProblemFromStatus(const Status& status, std::string_view errors_json) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return Problem(400, errors_json.empty() ? "bad-request" : "validation",
                     errors_json.empty() ? "Bad request" : "Validation failed", status.message(), errors_json);
    case StatusCode::kNotFound: return Problem(404, "not-found", "Not found", status.message());
    case StatusCode::kAlreadyExists: return Problem(409, "already-exists", "Already exists", status.message());
    case StatusCode::kFailedPrecondition: return Problem(409, "invalid-state", "Conflict with the current state", status.message());
    case StatusCode::kConflict: return Problem(409, "conflict", "Conflict", status.message());
    case StatusCode::kResourceExhausted: return Problem(413, "too-large", "Request too large", status.message(), errors_json);
    case StatusCode::kUnimplemented: return Problem(501, "unsupported", "Not supported", status.message());
    case StatusCode::kUnavailable: return Problem(503, "unavailable", "Service unavailable", status.message());
    default: return Problem(500, "internal", "Internal error", status.message());
  }
}

}  // namespace ordo::api
