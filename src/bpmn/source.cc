#include "bpmn/source.h"

#include <algorithm>

namespace ordo::bpmn {

LineIndex::LineIndex(std::string_view text) {
  for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
    newlines_.push_back(i);
  }
}

int LineIndex::LineAt(size_t offset) const {
  // Line n (1-based) starts after the (n-1)th newline: count newlines strictly before offset.
  size_t before = std::lower_bound(newlines_.begin(), newlines_.end(), offset) - newlines_.begin();
  return static_cast<int>(before) + 1;
}

namespace {

bool StartsWith(std::string_view s, size_t at, std::string_view prefix) {
  return s.size() - at >= prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

// Offset just past `terminator` searched from `from`, or npos when the document ends first.
size_t SkipPast(std::string_view s, size_t from, std::string_view terminator) {
  size_t j = s.find(terminator, from);
  return j == std::string_view::npos ? j : j + terminator.size();
}

ScanFinding Finding(size_t offset, std::string message) { return ScanFinding{false, offset, std::move(message)}; }

}  // namespace

ScanFinding ScanMarkup(std::string_view xml, const ScanLimits& limits) {
  int depth = 0;
  size_t elements = 0;
  size_t i = 0;
  const size_t n = xml.size();
  while ((i = xml.find('<', i)) != std::string_view::npos) {
    size_t next;
    if (StartsWith(xml, i, "<!--")) {
      next = SkipPast(xml, i + 4, "-->");
    } else if (StartsWith(xml, i, "<![CDATA[")) {
      next = SkipPast(xml, i + 9, "]]>");
    } else if (StartsWith(xml, i, "<!DOCTYPE") || StartsWith(xml, i, "<!doctype")) {
      return Finding(i,
                     "a DOCTYPE is not allowed in a BPMN document (entity declarations can "
                     "expand without bound or read local files); remove the <!DOCTYPE ...> "
                     "declaration");
    } else if (StartsWith(xml, i, "<?")) {
      next = SkipPast(xml, i + 2, "?>");
    } else if (StartsWith(xml, i, "<!")) {
      next = SkipPast(xml, i + 2, ">");
    } else if (StartsWith(xml, i, "</")) {
      --depth;
      next = SkipPast(xml, i + 2, ">");
    } else {
      // A start tag: find its closing '>' outside quoted attribute values.
      size_t j = i + 1;
      char quote = 0;
      for (; j < n; ++j) {
        char c = xml[j];
        if (quote != 0) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (j >= n) break;  // unterminated: the parser reports it with its position
      if (++elements > limits.max_elements) {
        return Finding(i, "the document has more than " + std::to_string(limits.max_elements) +
                              " elements, the limit for one BPMN document");
      }
      if (xml[j - 1] != '/' && ++depth > limits.max_depth) {
        return Finding(i, "elements are nested more than " + std::to_string(limits.max_depth) +
                              " levels deep, the limit for a BPMN document");
      }
      next = j + 1;
    }
    if (next == std::string_view::npos) break;
    i = next;
  }
  return ScanFinding{};
}

}  // namespace ordo::bpmn
