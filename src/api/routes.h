// Registers every /api/v1 route and /healthz. One function per resource family, each in its
// own routes_*.cc; the exact contract is docs/api.md.
#pragma once

#include "api/router.h"
#include "runtime/runtime.h"

namespace ordo::api {

void RegisterRoutes(Router& router, runtime::Runtime& runtime);

void RegisterDefinitionRoutes(Router& router, runtime::Runtime& runtime);
void RegisterDecisionRoutes(Router& router, runtime::Runtime& runtime);
void RegisterInstanceRoutes(Router& router, runtime::Runtime& runtime);
void RegisterWorkRoutes(Router& router, runtime::Runtime& runtime);

}  // namespace ordo::api
