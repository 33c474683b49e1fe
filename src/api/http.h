// The HTTP request and response as handlers see them: plain values, independent of the server
// library (civetweb stays inside server.cc).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ordo::api {

struct Request {
  std::string method;
  std::string path;                               // decoded, without the query
  std::map<std::string, std::string> query;       // decoded query parameters
  std::map<std::string, std::string> headers;     // names lower-cased
  std::map<std::string, std::string> params;      // path parameters from the route pattern
  std::string body;

  // "" when absent.
  std::string Header(std::string_view lower_name) const;
  std::string Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

Response Json(int status, std::string body);

}  // namespace ordo::api
