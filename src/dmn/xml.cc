#include "dmn/xml.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ordo::dmn::xml {

Status XmlDocument::Parse(std::string_view text, std::string_view file, int max_depth) {
  line_starts_.assign(1, 0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  // pugixml never expands entities, but a DOCTYPE has no place in DMN and signals a hostile file.
  size_t doctype = text.find("<!DOCTYPE");
  if (doctype != std::string_view::npos) {
    int line = static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), doctype) - line_starts_.begin());
    return InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": a DOCTYPE is not allowed");
  }
  // Bound the nesting before building the tree (pugixml's own parser is not recursive, but
  // everything that walks the tree afterwards is).
  int depth = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '<') continue;
    char next = text[i + 1];
    if (next == '/') {
      --depth;
    } else if (next == '!' || next == '?') {
      if (text.substr(i, 9) == "<![CDATA[") {
        size_t end = text.find("]]>", i);
        if (end == std::string_view::npos) break;
        i = end;
      } else if (text.substr(i, 4) == "<!--") {
        size_t end = text.find("-->", i);
        if (end == std::string_view::npos) break;
        i = end;
      }
    } else {
      size_t close = text.find('>', i);
      if (close == std::string_view::npos) break;
      if (text[close - 1] != '/') ++depth;
      if (depth > max_depth) {
        int line = static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), i) - line_starts_.begin());
        return ResourceExhausted(std::string(file) + ":" + std::to_string(line) + ": elements nested deeper than " +
                                 std::to_string(max_depth) + " levels");
      }
      i = close;
    }
  }
  pugi::xml_parse_result result =
      doc_.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    size_t offset = result.offset < 0 ? 0 : static_cast<size_t>(result.offset);
    int line = static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
    return InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " + result.description());
  }
  return Status::Ok();
}

int XmlDocument::Line(const pugi::xml_node& node) const {
  ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return 1;
  return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<size_t>(offset)) -
                          line_starts_.begin());
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view local_name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) out.push_back(child);
  }
  return out;
}

std::string ChildText(const pugi::xml_node& node, std::string_view local_name) {
  pugi::xml_node child = Child(node, local_name);
  if (!child) return "";
  pugi::xml_node text = Child(child, "text");
  return text ? text.text().get() : "";
}

pugi::xml_attribute Attribute(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name = a.name();
    size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local_name) return a;
  }
  return {};
}

Status ReadFile(const std::string& path, size_t max_bytes, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  if (out.size() > max_bytes) return ResourceExhausted(path + " is larger than " + std::to_string(max_bytes) + " bytes");
  return Status::Ok();
}

}  // namespace ordo::dmn::xml
