// RFC 9457 problem details: every error the API answers is application/problem+json with a stable
// `type` URI, a `title`, the `status` and a human `detail`; validation failures add `errors`, a
// list of {element, line, message}.
#pragma once

#include <string>

#include "api/http.h"
#include "base/status.h"

namespace ordo::api {

// A problem with an explicit HTTP status and type slug ("https://ordo.dev/problems/<slug>").
Response Problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                 std::string_view errors_json = {});

// Maps a Status to its HTTP status and problem type.
Response ProblemFromStatus(const Status& status, std::string_view errors_json = {});

int HttpStatusOf(StatusCode code);

}  // namespace ordo::api
