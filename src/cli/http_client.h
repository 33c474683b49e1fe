// A minimal blocking HTTP client over libcurl for the CLI's client commands.
#pragma once

#include <string>

#include "base/status.h"

namespace ordo::cli {

struct HttpResult {
  long status = 0;
  std::string content_type;
  std::string body;
};

// Unavailable when the server cannot be reached (with the URL in the message).
Result<HttpResult> HttpRequest(const std::string& method, const std::string& url, const std::string& body = {},
                               const std::string& content_type = "application/json");

}  // namespace ordo::cli
