#include "mining/dfg_svg.h"

#ifdef ORDO_HAVE_GRAPHVIZ
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#endif

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace ordo::mining {

#ifdef ORDO_HAVE_GRAPHVIZ
namespace {

// Graphviz reads backslash escapes (\n, \N, ...) in labels; activity names are shown as they are.
std::string LabelText(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// cgraph's setters take char* for names and values they copy.
void Set(void* object, const char* name, const std::string& value) {
  agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

}  // namespace

Result<std::string> DfgToSvg(const EventLog& log, const Dfg& dfg) {
  GVC_t* gvc = gvContext();
  if (gvc == nullptr) return Internal("Graphviz: no context");
  Agraph_t* g = agopen(const_cast<char*>("dfg"), Agdirected, nullptr);
  Set(g, "rankdir", "LR");
  Set(g, "fontname", "Helvetica");
  std::unordered_map<StringId, uint64_t> events;
  uint64_t busiest = 1;
  for (const DfgEdge& e : dfg.edges) busiest = std::max(busiest, e.frequency);
  for (const ActivityCount& a : dfg.start_activities) busiest = std::max(busiest, a.count);
  for (const ActivityCount& a : dfg.end_activities) events[a.activity] += a.count;
  for (const DfgEdge& e : dfg.edges) events[e.to] += e.frequency;
  for (const ActivityCount& a : dfg.start_activities) events[a.activity] += a.count;
  std::unordered_map<StringId, Agnode_t*> nodes;
  auto node = [&](StringId activity) {
    auto it = nodes.find(activity);
    if (it != nodes.end()) return it->second;
    std::string name = "a" + std::to_string(activity);
    Agnode_t* n = agnode(g, const_cast<char*>(name.c_str()), 1);
    Set(n, "shape", "box");
    Set(n, "style", "rounded");
    Set(n, "fontname", "Helvetica");
    // Events = arrivals into the activity (edges and starts); a case's first event arrives from start.
    Set(n, "label", LabelText(log.str(activity)) + "\\n(" + std::to_string(events[activity]) + ")");
    nodes.emplace(activity, n);
    return n;
  };
  auto edge = [&](Agnode_t* from, Agnode_t* to, uint64_t count) {
    Agedge_t* e = agedge(g, from, to, nullptr, 1);
    Set(e, "label", std::to_string(count));
    Set(e, "fontname", "Helvetica");
    double width = 1.0 + 4.0 * std::log1p(static_cast<double>(count)) / std::log1p(static_cast<double>(busiest));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", width);
    Set(e, "penwidth", buf);
  };
  Agnode_t* start = agnode(g, const_cast<char*>("start"), 1);
  Set(start, "shape", "circle");
  Set(start, "label", "");
  Set(start, "style", "filled");
  Set(start, "fillcolor", "#5cb85c");
  Agnode_t* end = agnode(g, const_cast<char*>("end"), 1);
  Set(end, "shape", "square");
  Set(end, "label", "");
  Set(end, "style", "filled");
  Set(end, "fillcolor", "#d9534f");
  for (const ActivityCount& a : dfg.start_activities) edge(start, node(a.activity), a.count);
  for (const DfgEdge& e : dfg.edges) edge(node(e.from), node(e.to), e.frequency);
  for (const ActivityCount& a : dfg.end_activities) edge(node(a.activity), end, a.count);
  Result<std::string> out = Internal("Graphviz: layout failed");
  if (gvLayout(gvc, g, "dot") == 0) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc, g, "svg", &data, &length) == 0 && data != nullptr) {
      out = std::string(data, length);
    } else {
      out = Internal("Graphviz: SVG rendering failed");
    }
    if (data != nullptr) gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  gvFreeContext(gvc);
  return out;
}

#else

Result<std::string> DfgToSvg(const EventLog&, const Dfg&) {
  return Unimplemented("this build of Ordo has no Graphviz (install libgraphviz-dev and rebuild)");
}

#endif

}  // namespace ordo::mining
