// The BPMN document model: a faithful tree of a BPMN 2.0 XML file as it was written.
//
// Every element keeps its namespace URI, local name, attributes (including vendor extension
// attributes such as camunda:assignee and attributes in unknown namespaces), text, children and
// source line. <extensionElements> additionally keep their raw XML so a writer can emit them
// unchanged, and BPMN DI (BPMN 2.0.2 §12) is also extracted into typed shapes and edges so a model
// can be redrawn. Nothing is interpreted here: what the engine executes is decided by the
// validator and the transformer (transformer.h), which compile a Document into model::Process.
//
// Ownership: a Document owns its whole element tree; Element pointers and references obtained
// from it (children, parent, FindById) stay valid for the Document's lifetime, also across moves
// of the Document. A Document is immutable once read, so it is safe to share between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ordo::bpmn {

struct Attribute {
  std::string ns;              // namespace URI; empty for unprefixed attributes (XML Names §6.2)
  std::string local_name;      // "assignee"
  std::string qualified_name;  // as written: "camunda:assignee"
  std::string value;           // entity references resolved
};

// A namespace declaration as written on an element: xmlns:prefix="uri" (prefix empty: default).
struct NamespaceDeclaration {
  std::string prefix;
  std::string uri;
};

struct Element {
  std::string ns;              // namespace URI of the element
  std::string local_name;      // "userTask"
  std::string qualified_name;  // as written: "bpmn:userTask"
  std::string id;              // the unprefixed id attribute, or empty
  std::string name;            // the unprefixed name attribute, or empty
  int line = 1;                // 1-based line of the start tag
  std::vector<NamespaceDeclaration> namespace_declarations;
  std::vector<Attribute> attributes;               // in document order, without the xmlns declarations
  std::string text;                                // concatenated text and CDATA content of direct children
  std::vector<std::unique_ptr<Element>> children;  // child elements in document order
  const Element* parent = nullptr;                 // null for the root

  // Only for <extensionElements>: its content as written (pugixml raw serialisation). Prefixes
  // in it refer to declarations on enclosing elements.
  std::string raw_xml;

  bool Is(std::string_view namespace_uri, std::string_view local) const {
    return local_name == local && ns == namespace_uri;
  }
  bool IsModel(std::string_view local) const;  // in the BPMN model namespace

  // The attribute value, or null. An empty namespace matches unprefixed attributes.
  const std::string* Attr(std::string_view namespace_uri, std::string_view local) const;
  // The attribute value, or `fallback`.
  std::string AttrOr(std::string_view namespace_uri, std::string_view local, std::string_view fallback = {}) const;

  // The first child with this namespace and local name, or null.
  const Element* Child(std::string_view namespace_uri, std::string_view local) const;
  // The children of <extensionElements> (the vendor extension elements), possibly empty.
  std::vector<const Element*> Extensions() const;
  // The first extension element with this namespace and local name, or null.
  const Element* Extension(std::string_view namespace_uri, std::string_view local) const;
};

// BPMN 2.0.2 §12.3 / DD DC: bounds of a shape or label, in diagram coordinates.
struct Bounds {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

struct Point {
  double x = 0;
  double y = 0;
};

// BPMN 2.0.2 §12.3.3 BPMNShape.
struct DiShape {
  std::string id;
  std::string bpmn_element;  // id of the model element drawn
  int line = 1;
  Bounds bounds;
  std::optional<Bounds> label_bounds;
  std::optional<bool> is_horizontal;
  std::optional<bool> is_expanded;
  std::optional<bool> is_marker_visible;
};

// BPMN 2.0.2 §12.3.4 BPMNEdge.
struct DiEdge {
  std::string id;
  std::string bpmn_element;
  std::string source_element;  // id of the DI element the edge starts at, when given
  std::string target_element;
  int line = 1;
  std::vector<Point> waypoints;
  std::optional<Bounds> label_bounds;
};

// BPMN 2.0.2 §12.3.1 BPMNDiagram with its single BPMNPlane.
struct Diagram {
  std::string id;
  std::string name;
  std::string plane_id;
  std::string plane_element;  // id of the process or collaboration the plane shows
  int line = 1;
  std::vector<DiShape> shapes;
  std::vector<DiEdge> edges;

  const DiShape* FindShape(std::string_view bpmn_element) const;
  const DiEdge* FindEdge(std::string_view bpmn_element) const;
};

class Document {
 public:
  // REQUIRES: root is non-null. Builds the id index and extracts the diagrams.
  explicit Document(std::unique_ptr<Element> root);

  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // The <definitions> root element.
  const Element& definitions() const { return *root_; }

  // The first element carrying this id (BPMN and DI elements only, not vendor extension content),
  // or null.
  const Element* FindById(std::string_view id) const;

  // Every element with an id, in document order, duplicates included.
  const std::vector<const Element*>& elements_with_id() const { return with_id_; }

  // The <process> children of <definitions>, in document order.
  std::vector<const Element*> Processes() const;

  const std::vector<Diagram>& diagrams() const { return diagrams_; }

 private:
  std::unique_ptr<Element> root_;
  std::vector<const Element*> with_id_;
  std::unordered_map<std::string_view, const Element*> by_id_;  // keys view into the elements
  std::vector<Diagram> diagrams_;
};

}  // namespace ordo::bpmn
