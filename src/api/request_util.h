// Helpers shared by the route handlers: reading JSON bodies with precise errors, path ids,
// pagination, idempotency keys, and turning a runtime Reply into a Response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/http.h"
#include "base/json.h"
#include "model/event.h"
#include "runtime/runtime.h"

namespace ordo::api {

// Parses the body as a JSON object ("{}" when empty). On error fills `error` with a 400 problem.
std::optional<json::Value> ReadObject(const Request& req, Response& error);

// Reads an optional member; a member of the wrong type is a 400 naming it.
bool OptionalString(const json::Value& body, const char* name, std::string& out, Response& error);
bool OptionalInt(const json::Value& body, const char* name, int64_t& out, Response& error);
bool OptionalVariables(const json::Value& body, const char* name, model::Variables& out, Response& error);

// A numeric id from the path parameter `name`.
std::optional<uint64_t> PathId(const Request& req, const char* name, Response& error);

struct Paging {
  uint64_t after = 0;
  int limit = 100;
};
std::optional<Paging> ReadPaging(const Request& req, Response& error);
// {"items":[...],"next":"<last id>"|null}
std::string ListBody(const std::string& items_json, size_t count, int limit, uint64_t last_id);

// The idempotency scope for this request ("POST /path\nkey"), empty without a key.
runtime::Idempotency IdempotencyOf(const Request& req);

// 2xx with the body on success (success_status, or 200 for a replay), else a problem.
Response FromReply(const runtime::Reply& reply, int success_status);

std::string Quote(std::string_view s);

}  // namespace ordo::api
