// Reads DMN 1.1-1.5 XML (DMN 1.5 chapter 12 "Exchange Formats") into the document model.
//
// Elements are matched by local name, so the namespaces of every DMN version read the same way.
// Hostile documents are refused: a DOCTYPE (entity expansion) and nesting deeper than
// kMaxXmlDepth levels are InvalidArgument/ResourceExhausted errors with a line number.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "dmn/model.h"

namespace ordo::dmn {

inline constexpr int kMaxXmlDepth = 256;
inline constexpr size_t kMaxDocumentBytes = size_t{64} << 20;

// `file` only names the document in messages. Errors: InvalidArgument "file:line: ...".
Result<Definitions> ReadDefinitions(std::string_view xml, std::string_view file = "model.dmn");
Result<Definitions> ReadDefinitionsFile(const std::string& path);

}  // namespace ordo::dmn
