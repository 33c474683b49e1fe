// Small helpers over pugixml shared by the DMN model reader and the TCK test-case reader: parsing
// with the hostile-document checks, local names without namespace prefixes, line numbers.
// Internal to dmn. Thread-safety: an XmlDocument is used by one thread.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo::dmn::xml {

class XmlDocument {
 public:
  // Refuses a DOCTYPE and nesting deeper than `max_depth`; errors name `file` and the line.
  Status Parse(std::string_view text, std::string_view file, int max_depth);
  const pugi::xml_document& doc() const { return doc_; }
  // 1-based line of a node (pugixml reports byte offsets).
  int Line(const pugi::xml_node& node) const;

 private:
  pugi::xml_document doc_;
  std::vector<size_t> line_starts_;
};

// "dmn:decision" -> "decision".
std::string_view LocalName(const pugi::xml_node& node);
// The first child element with this local name (any namespace prefix).
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name);
std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view local_name);
// The text of <child><text>...</text></child>, or of the node itself when it is <text>.
std::string ChildText(const pugi::xml_node& node, std::string_view local_name);
// An attribute by local name ("xsi:type" and "type" both match "type" when asked for it).
pugi::xml_attribute Attribute(const pugi::xml_node& node, std::string_view local_name);

Status ReadFile(const std::string& path, size_t max_bytes, std::string& out);

}  // namespace ordo::dmn::xml
