#include "api/request_util.h"

#include <cerrno>
#include <climits>

#include "api/problem.h"
#include "base/sha256.h"
#include "feel/json.h"

namespace ordo::api {
namespace {
constexpr int kMaxBodyDepth = 32;
}  // namespace

std::string Quote(std::string_view s) {
  std::string out;
  json::AppendQuoted(out, s);
  return out;
}

std::optional<json::Value> ReadObject(const Request& req, Response& error) {
  std::string_view body = req.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return json::Value::MakeObject();
  // HTTP worker threads have small stacks (~100 KB); variables are converted recursively, so
  // bodies are held to a nesting depth that is safe there, with a clear error beyond it.
  json::ParseOptions options;
  options.max_depth = kMaxBodyDepth;
  auto parsed = json::Parse(body, options);
  if (!parsed.ok() && parsed.status().code() == StatusCode::kResourceExhausted) {
    error = Problem(400, "too-deep", "JSON nested too deeply",
                    "the request body nests objects and arrays deeper than " + std::to_string(kMaxBodyDepth) + " levels");
    return std::nullopt;
  }
  if (!parsed.ok()) {
    error = Problem(400, "bad-json", "Malformed JSON", "the request body is not valid JSON: " + parsed.status().message());
    return std::nullopt;
  }
  if (!parsed->is_object()) {
    error = Problem(400, "bad-request", "Bad request",
                    std::string("the request body must be a JSON object, not ") + std::string(json::TypeName(parsed->type())));
    return std::nullopt;
  }
  return std::move(parsed).value();
}

namespace {
Response WrongType(const char* name, const char* expected, const json::Value& v) {
  return Problem(400, "bad-request", "Bad request",
                 std::string("member '") + name + "' must be " + expected + ", not " + std::string(json::TypeName(v.type())));
}
}  // namespace

bool OptionalString(const json::Value& body, const char* name, std::string& out, Response& error) {
  const json::Value* v = body.Find(name);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_string()) {
    error = WrongType(name, "a string", *v);
    return false;
  }
  out = v->as_string();
  return true;
}

bool OptionalInt(const json::Value& body, const char* name, int64_t& out, Response& error) {
  const json::Value* v = body.Find(name);
  if (v == nullptr || v->is_null()) return true;
  auto i = v->as_int();
  if (!v->is_number() || !i) {
    error = v->is_number() ? Problem(400, "bad-request", "Bad request",
                                     std::string("member '") + name + "' must be an integer, not " + v->number_text())
                           : WrongType(name, "an integer", *v);
    return false;
  }
  out = *i;
  return true;
}

bool OptionalVariables(const json::Value& body, const char* name, model::Variables& out, Response& error) {
  const json::Value* v = body.Find(name);
  if (v == nullptr || v->is_null()) return true;
  if (!v->is_object()) {
    error = WrongType(name, "an object of variable names to values", *v);
    return false;
  }
  for (const json::Member& m : v->as_object()) {
    if (m.key.empty()) {
      error = Problem(400, "bad-request", "Bad request", std::string("member '") + name + "' has a variable with an empty name");
      return false;
    }
    out.insert_or_assign(m.key, feel::FromJson(m.value));
  }
  return true;
}

std::optional<uint64_t> PathId(const Request& req, const char* name, Response& error) {
  auto it = req.params.find(name);
  const std::string& text = it == req.params.end() ? std::string() : it->second;
  uint64_t value = 0;
  bool ok = !text.empty() && text.size() <= 18;  // below 2^63: ids are stored as signed 64-bit
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    else value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok || value == 0) {
    error = Problem(404, "not-found", "Not found", "'" + text + "' is not a valid id");
    return std::nullopt;
  }
  return value;
}

std::optional<Paging> ReadPaging(const Request& req, Response& error) {
  Paging p;
  std::string cursor = req.Query("cursor");
  std::string limit = req.Query("limit");
  if (!cursor.empty()) {
    char* end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(cursor.c_str(), &end, 10);
    if (*end != '\0' || cursor[0] == '-' || errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX)) {
      error = Problem(400, "bad-request", "Bad request", "cursor '" + cursor + "' is not one this API returned");
      return std::nullopt;
    }
    p.after = v;
  }
  if (!limit.empty()) {
    char* end = nullptr;
    long v = std::strtol(limit.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 1000) {
      error = Problem(400, "bad-request", "Bad request", "limit must be an integer from 1 to 1000, not '" + limit + "'");
      return std::nullopt;
    }
    p.limit = static_cast<int>(v);
  }
  return p;
}

std::string ListBody(const std::string& items_json, size_t count, int limit, uint64_t last_id) {
  std::string body = "{\"items\":[" + items_json + "],\"next\":";
  body += count >= static_cast<size_t>(limit) ? "\"" + std::to_string(last_id) + "\"" : "null";
  body += '}';
  return body;
}

runtime::Idempotency IdempotencyOf(const Request& req) {
  std::string key = req.Header("idempotency-key");
  if (key.empty()) return {};
  return runtime::Idempotency{req.method + " " + req.path + "\n" + key, ToHex(Sha256::Of(req.body))};
}

Response FromReply(const runtime::Reply& reply, int success_status) {
  if (reply.idempotency_mismatch) {
    return Problem(422, "idempotency-key-reused", "Idempotency-Key reused", reply.status.message());
  }
  if (!reply.status.ok()) return ProblemFromStatus(reply.status, reply.body);
  Response r = Json(success_status, reply.body);
  if (reply.replayed) r.headers.emplace_back("Idempotent-Replayed", "true");
  return r;
}

}  // namespace ordo::api
