#include "bpmn/document.h"

#include <charconv>

#include "bpmn/namespaces.h"

namespace ordo::bpmn {

bool Element::IsModel(std::string_view local) const { return Is(ns::kModel, local); }

const std::string* Element::Attr(std::string_view namespace_uri, std::string_view local) const {
  for (const Attribute& a : attributes) {
    if (a.local_name == local && a.ns == namespace_uri) return &a.value;
  }
  return nullptr;
}

std::string Element::AttrOr(std::string_view namespace_uri, std::string_view local, std::string_view fallback) const {
  const std::string* v = Attr(namespace_uri, local);
  return v ? *v : std::string(fallback);
}

const Element* Element::Child(std::string_view namespace_uri, std::string_view local) const {
  for (const auto& c : children) {
    if (c->Is(namespace_uri, local)) return c.get();
  }
  return nullptr;
}

std::vector<const Element*> Element::Extensions() const {
  std::vector<const Element*> out;
  if (const Element* ext = Child(ns::kModel, "extensionElements")) {
    for (const auto& c : ext->children) out.push_back(c.get());
  }
  return out;
}

const Element* Element::Extension(std::string_view namespace_uri, std::string_view local) const {
  const Element* ext = Child(ns::kModel, "extensionElements");
  return ext ? ext->Child(namespace_uri, local) : nullptr;
}

const DiShape* Diagram::FindShape(std::string_view bpmn_element) const {
  for (const DiShape& s : shapes) {
    if (s.bpmn_element == bpmn_element) return &s;
  }
  return nullptr;
}

const DiEdge* Diagram::FindEdge(std::string_view bpmn_element) const {
  for (const DiEdge& e : edges) {
    if (e.bpmn_element == bpmn_element) return &e;
  }
  return nullptr;
}

namespace {

// Diagram coordinates are xsd:double; a value that does not parse reads as 0 so that a sloppy
// exporter's diagram still loads (the layout is advisory, never executed).
double ParseDouble(const Element& e, std::string_view local) {
  const std::string* v = e.Attr("", local);
  if (!v) return 0;
  double d = 0;
  const char* begin = v->data();
  const char* end = begin + v->size();
  while (begin < end && (*begin == ' ' || *begin == '+')) ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, d);
  return ec == std::errc() ? d : 0;
}

std::optional<bool> ParseBool(const Element& e, std::string_view local) {
  const std::string* v = e.Attr("", local);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  return std::nullopt;
}

Bounds ReadBounds(const Element& e) {
  return Bounds{ParseDouble(e, "x"), ParseDouble(e, "y"), ParseDouble(e, "width"), ParseDouble(e, "height")};
}

std::optional<Bounds> LabelBounds(const Element& e) {
  const Element* label = e.Child(ns::kBpmnDi, "BPMNLabel");
  if (!label) return std::nullopt;
  const Element* b = label->Child(ns::kDc, "Bounds");
  if (!b) return std::nullopt;
  return ReadBounds(*b);
}

DiShape ReadShape(const Element& e) {
  DiShape s;
  s.id = e.id;
  s.bpmn_element = e.AttrOr("", "bpmnElement");
  s.line = e.line;
  if (const Element* b = e.Child(ns::kDc, "Bounds")) s.bounds = ReadBounds(*b);
  s.label_bounds = LabelBounds(e);
  s.is_horizontal = ParseBool(e, "isHorizontal");
  s.is_expanded = ParseBool(e, "isExpanded");
  s.is_marker_visible = ParseBool(e, "isMarkerVisible");
  return s;
}

DiEdge ReadEdge(const Element& e) {
  DiEdge d;
  d.id = e.id;
  d.bpmn_element = e.AttrOr("", "bpmnElement");
  d.source_element = e.AttrOr("", "sourceElement");
  d.target_element = e.AttrOr("", "targetElement");
  d.line = e.line;
  for (const auto& c : e.children) {
    if (c->Is(ns::kDi, "waypoint")) d.waypoints.push_back({ParseDouble(*c, "x"), ParseDouble(*c, "y")});
  }
  d.label_bounds = LabelBounds(e);
  return d;
}

Diagram ReadDiagram(const Element& e) {
  Diagram d;
  d.id = e.id;
  d.name = e.name;
  d.line = e.line;
  const Element* plane = e.Child(ns::kBpmnDi, "BPMNPlane");
  if (!plane) return d;
  d.plane_id = plane->id;
  d.plane_element = plane->AttrOr("", "bpmnElement");
  for (const auto& c : plane->children) {
    if (c->Is(ns::kBpmnDi, "BPMNShape")) d.shapes.push_back(ReadShape(*c));
    if (c->Is(ns::kBpmnDi, "BPMNEdge")) d.edges.push_back(ReadEdge(*c));
  }
  return d;
}

}  // namespace

Document::Document(std::unique_ptr<Element> root) : root_(std::move(root)) {
  // Iterative walk: the reader caps nesting depth, but the index must not depend on that.
  std::vector<const Element*> stack = {root_.get()};
  while (!stack.empty()) {
    const Element* e = stack.back();
    stack.pop_back();
    // Vendor extension content (camunda:formField id="...") does not share the BPMN id space.
    if (e->IsModel("extensionElements")) continue;
    if (!e->id.empty()) {
      with_id_.push_back(e);
      by_id_.emplace(std::string_view(e->id), e);
    }
    if (e->Is(ns::kBpmnDi, "BPMNDiagram") && e->parent == root_.get()) {
      diagrams_.push_back(ReadDiagram(*e));
    }
    for (auto it = e->children.rbegin(); it != e->children.rend(); ++it) stack.push_back(it->get());
  }
}

const Element* Document::FindById(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

std::vector<const Element*> Document::Processes() const {
  std::vector<const Element*> out;
  for (const auto& c : root_->children) {
    if (c->IsModel("process")) out.push_back(c.get());
  }
  return out;
}

}  // namespace ordo::bpmn
