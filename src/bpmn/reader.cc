#include "bpmn/reader.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "bpmn/namespaces.h"
#include "bpmn/source.h"

namespace ordo::bpmn {
namespace {

// The converter recurses once per nesting level; this keeps its stack use far below any thread's.
constexpr int kDepthCeiling = 4096;

class StringWriter : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string* out) : out_(out) {}
  void write(const void* data, size_t size) override { out_->append(static_cast<const char*>(data), size); }

 private:
  std::string* out_;  // not owned; outlives the writer
};

std::pair<std::string_view, std::string_view> SplitQualifiedName(std::string_view qname) {
  size_t colon = qname.find(':');
  if (colon == std::string_view::npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

// Converts a pugixml tree into Elements, resolving prefixes against the declarations in scope
// (Namespaces in XML 1.0 §6). The first error stops the conversion.
class Converter {
 public:
  Converter(const LineIndex& lines, int max_depth) : lines_(lines), max_depth_(max_depth) {
    scope_.push_back({"xml", std::string(ns::kXml)});
    scope_.push_back({"xmlns", std::string(ns::kXmlns)});
  }

  std::unique_ptr<Element> Convert(pugi::xml_node node, const Element* parent, int depth) {
    auto e = std::make_unique<Element>();
    e->parent = parent;
    e->line = LineOf(node);
    if (depth > max_depth_) {
      Fail(e->line, "elements are nested more than " + std::to_string(max_depth_) +
                        " levels deep, the limit for a BPMN document");
      return nullptr;
    }
    const size_t scope_mark = scope_.size();
    for (pugi::xml_attribute a : node.attributes()) {
      std::string_view qname = a.name();
      if (qname == "xmlns") {
        e->namespace_declarations.push_back({"", a.value()});
        scope_.push_back({"", a.value()});
      } else if (qname.substr(0, 6) == "xmlns:") {
        e->namespace_declarations.push_back({std::string(qname.substr(6)), a.value()});
        scope_.push_back({std::string(qname.substr(6)), a.value()});
      }
    }
    e->qualified_name = node.name();
    auto [prefix, local] = SplitQualifiedName(e->qualified_name);
    e->local_name = std::string(local);
    if (!Resolve(prefix, e->line, &e->ns)) return nullptr;

    for (pugi::xml_attribute a : node.attributes()) {
      std::string_view qname = a.name();
      if (qname == "xmlns" || qname.substr(0, 6) == "xmlns:") continue;
      auto [attr_prefix, attr_local] = SplitQualifiedName(qname);
      Attribute attr;
      attr.qualified_name = std::string(qname);
      attr.local_name = std::string(attr_local);
      attr.value = a.value();
      // XML Names §6.2: unprefixed attributes are in no namespace, whatever the default is.
      if (!attr_prefix.empty() && !Resolve(attr_prefix, e->line, &attr.ns)) return nullptr;
      if (attr.ns.empty() && attr.local_name == "id") e->id = attr.value;
      if (attr.ns.empty() && attr.local_name == "name") e->name = attr.value;
      e->attributes.push_back(std::move(attr));
    }

    for (pugi::xml_node child : node.children()) {
      switch (child.type()) {
        case pugi::node_pcdata:
        case pugi::node_cdata:
          e->text += child.value();
          break;
        case pugi::node_element: {
          std::unique_ptr<Element> c = Convert(child, e.get(), depth + 1);
          if (!c) return nullptr;
          e->children.push_back(std::move(c));
          break;
        }
        default:
          break;
      }
    }
    if (e->IsModel("extensionElements")) {
      StringWriter writer(&e->raw_xml);
      for (pugi::xml_node child : node.children()) {
        child.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
      }
    }
    scope_.resize(scope_mark);
    return e;
  }

  bool failed() const { return failed_; }
  const Problem& failure() const { return failure_; }

  int LineOf(pugi::xml_node node) const {
    ptrdiff_t offset = node.offset_debug();
    return offset < 0 ? 1 : lines_.LineAt(static_cast<size_t>(offset));
  }

 private:
  bool Resolve(std::string_view prefix, int line, std::string* uri) {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->first == prefix) {
        *uri = it->second;
        return true;
      }
    }
    if (prefix.empty()) return true;  // no default namespace in scope: no namespace
    Fail(line, "namespace prefix '" + std::string(prefix) + "' is used but never declared");
    return false;
  }

  void Fail(int line, std::string message) {
    if (failed_) return;
    failed_ = true;
    failure_ = Problem{"", line, std::move(message)};
  }

  const LineIndex& lines_;  // owned by ReadDocument, outlives the converter
  const int max_depth_;
  std::vector<std::pair<std::string, std::string>> scope_;  // (prefix, uri), innermost last
  bool failed_ = false;
  Problem failure_;
};

Status Failure(StatusCode code, Problem p, Problem* out) {
  std::string message = p.ToString();
  if (out) *out = std::move(p);
  return Status(code, std::move(message));
}

std::string Lowercase(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

Result<Document> ReadDocument(std::string_view xml, const ReadOptions& options, Problem* problem) {
  if (xml.size() > options.max_bytes) {
    return Failure(StatusCode::kResourceExhausted,
                   Problem{"", 1,
                           "the document is " + std::to_string(xml.size()) + " bytes, above the limit of " +
                               std::to_string(options.max_bytes) + " bytes"},
                   problem);
  }
  const int max_depth = std::clamp(options.max_depth, 1, kDepthCeiling);
  LineIndex lines(xml);
  ScanFinding scan = ScanMarkup(xml, ScanLimits{max_depth, options.max_elements});
  if (!scan.ok) {
    bool doctype = scan.message.find("DOCTYPE") != std::string::npos;
    return Failure(doctype ? StatusCode::kInvalidArgument : StatusCode::kResourceExhausted,
                   Problem{"", lines.LineAt(scan.offset), scan.message}, problem);
  }

  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    std::string description = Lowercase(parsed.description());
    size_t offset = parsed.offset < 0 ? 0 : static_cast<size_t>(parsed.offset);
    return Failure(StatusCode::kInvalidArgument, Problem{"", lines.LineAt(offset), "malformed XML: " + description},
                   problem);
  }
  pugi::xml_node root = doc.document_element();
  if (!root) {
    return Failure(StatusCode::kInvalidArgument, Problem{"", 1, "the document has no root element"}, problem);
  }

  Converter converter(lines, max_depth);
  std::unique_ptr<Element> tree = converter.Convert(root, nullptr, 1);
  if (!tree) return Failure(StatusCode::kInvalidArgument, converter.failure(), problem);

  // BPMN 2.0.2 §8.2: a BPMN document's root is <definitions> in the BPMN model namespace.
  if (!tree->IsModel("definitions")) {
    std::string message = "not a BPMN 2.0 document: the root element is '" + tree->qualified_name + "'";
    message += tree->ns.empty() ? " in no namespace" : " in namespace '" + tree->ns + "'";
    message += ", expected 'definitions' in namespace '" + std::string(ns::kModel) + "'";
    return Failure(StatusCode::kInvalidArgument, Problem{tree->id, tree->line, std::move(message)}, problem);
  }
  return Document(std::move(tree));
}

}  // namespace ordo::bpmn
