#include "api/router.h"

#include "api/problem.h"

namespace ordo::api {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

}  // namespace

void Router::Add(std::string method, const std::string& pattern, std::string permission, Handler handler) {
  Route r;
  r.method = std::move(method);
  for (std::string_view s : Split(pattern)) r.segments.emplace_back(s);
  r.permission = std::move(permission);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& path,
                   std::map<std::string, std::string>& params) {
  if (route.segments.size() != path.size()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      params[seg.substr(1, seg.size() - 2)] = std::string(path[i]);
    } else if (seg != path[i]) {
      return false;
    }
  }
  return true;
}

Response Router::Dispatch(Request& request) const {
  std::vector<std::string_view> path = Split(request.path);
  std::string allow;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route, path, params)) continue;
    if (route.method != request.method) {
      if (!allow.empty()) allow += ", ";
      allow += route.method;
      continue;
    }
    request.params = std::move(params);
    return route.handler(request);
  }
  if (!allow.empty()) {
    Response r = Problem(405, "method-not-allowed", "Method not allowed",
                         request.method + " is not allowed on " + request.path + "; allowed: " + allow);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return Problem(404, "not-found", "Not found", "no route for " + request.method + " " + request.path);
}

}  // namespace ordo::api
