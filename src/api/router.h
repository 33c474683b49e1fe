// Routes: method + path pattern ("/api/v1/tasks/{id}/complete") -> handler, each registered with
// the permission it will need once authentication is enforced (so enforcing it changes no handler).
// Thread-safety: built before the server starts, then only read.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/http.h"

namespace ordo::api {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void Add(std::string method, const std::string& pattern, std::string permission, Handler handler);
  // Fills request.params. 404 for an unknown path, 405 (with Allow) for a known path and another method.
  Response Dispatch(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" segments capture
    std::string permission;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& path,
                    std::map<std::string, std::string>& params);
  std::vector<Route> routes_;
};

}  // namespace ordo::api
