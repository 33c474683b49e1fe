#include "api/routes.h"

namespace ordo::api {

void RegisterRoutes(Router& router, runtime::Runtime& runtime) {
  router.Add("GET", "/healthz", "none", [](Request&) { return Json(200, "{\"status\":\"ok\"}"); });
  RegisterDefinitionRoutes(router, runtime);
  RegisterDecisionRoutes(router, runtime);
  RegisterInstanceRoutes(router, runtime);
  RegisterWorkRoutes(router, runtime);
}

}  // namespace ordo::api
