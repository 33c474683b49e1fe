#include "mining/bpmn_export.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "mining/export.h"

namespace ordo::mining {
namespace {

enum class Kind : uint8_t { kStart, kEnd, kTask, kExclusive, kParallel };

struct Node {
  Kind kind;
  std::string id, name;
  int col = 0, row = 0;
};

struct Flow {
  std::string id;
  int from = 0, to = 0;
  std::string condition;
};

struct Fragment {
  int entry = -1, exit = -1;  // node indexes; -1: a silent step (no node)
  int width = 0, height = 1;  // grid cells
};

constexpr int kColumn = 150, kRow = 120, kLeft = 60, kTop = 60;

std::string Escape(std::string_view s) {
  std::string out;
  AppendXmlEscaped(out, s);
  return out;
}

class Builder {
 public:
  explicit Builder(const StringPool& names) : names_(names) {}

  void Run(const ProcessTree& tree) {
    int start = Add(Kind::kStart, "start", "", 0, 0);
    Fragment root = Build(tree, 1, 0);
    int end = Add(Kind::kEnd, "end", "", 1 + root.width, 0);
    if (root.entry < 0) {
      Connect(start, end);
    } else {
      Connect(start, root.entry);
      Connect(root.exit, end);
    }
    // Exclusive splits: the first outgoing flow is the default, the others get a condition.
    for (size_t n = 0; n < nodes_.size(); ++n) {
      if (nodes_[n].kind != Kind::kExclusive) continue;
      int k = 0;
      for (Flow& f : flows_) {
        if (f.from != static_cast<int>(n)) continue;
        if (++k > 1) f.condition = "route_" + nodes_[n].id + " = " + std::to_string(k);
      }
    }
  }

  std::string Write(std::string_view process_id) const {
    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"\n"
         "                  xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\"\n"
         "                  xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\"\n"
         "                  xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\"\n"
         "                  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "                  id=\"definitions_" + Escape(process_id) + "\" targetNamespace=\"https://ordo.dev/mined\""
         " exporter=\"ordo mine\">\n";
    x += "  <bpmn:process id=\"" + Escape(process_id) + "\" isExecutable=\"true\">\n";
    for (size_t n = 0; n < nodes_.size(); ++n) {
      const Node& node = nodes_[n];
      const char* tag = node.kind == Kind::kStart       ? "startEvent"
                        : node.kind == Kind::kEnd       ? "endEvent"
                        : node.kind == Kind::kTask      ? "task"
                        : node.kind == Kind::kExclusive ? "exclusiveGateway"
                                                        : "parallelGateway";
      x += "    <bpmn:" + std::string(tag) + " id=\"" + node.id + "\"";
      if (!node.name.empty()) x += " name=\"" + Escape(node.name) + "\"";
      if (node.kind == Kind::kExclusive) {
        int outgoing = 0;
        const Flow* first = nullptr;
        for (const Flow& f : flows_) {
          if (f.from == static_cast<int>(n) && outgoing++ == 0) first = &f;
        }
        if (outgoing > 1) x += " default=\"" + first->id + "\"";
      }
      x += "/>\n";
    }
    for (const Flow& f : flows_) {
      x += "    <bpmn:sequenceFlow id=\"" + f.id + "\" sourceRef=\"" + nodes_[f.from].id + "\" targetRef=\"" +
           nodes_[f.to].id + "\"";
      if (f.condition.empty()) {
        x += "/>\n";
      } else {
        x += ">\n      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">" + Escape(f.condition) +
             "</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>\n";
      }
    }
    x += "  </bpmn:process>\n";
    x += "  <bpmndi:BPMNDiagram id=\"diagram\">\n";
    x += "    <bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"" + Escape(process_id) + "\">\n";
    for (const Node& node : nodes_) {
      auto [w, h] = Size(node.kind);
      char b[200];
      std::snprintf(b, sizeof b, "<dc:Bounds x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", CenterX(node) - w / 2,
                    CenterY(node) - h / 2, w, h);
      x += "      <bpmndi:BPMNShape id=\"" + node.id + "_di\" bpmnElement=\"" + node.id + "\">" + b +
           "</bpmndi:BPMNShape>\n";
    }
    for (const Flow& f : flows_) {
      x += "      <bpmndi:BPMNEdge id=\"" + f.id + "_di\" bpmnElement=\"" + f.id + "\">";
      for (auto [px, py] : Waypoints(f)) {
        char b[80];
        std::snprintf(b, sizeof b, "<di:waypoint x=\"%d\" y=\"%d\"/>", px, py);
        x += b;
      }
      x += "</bpmndi:BPMNEdge>\n";
    }
    x += "    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n";
    return x;
  }

 private:
  int Add(Kind kind, std::string id, std::string name, int col, int row) {
    nodes_.push_back(Node{kind, std::move(id), std::move(name), col, row});
    return static_cast<int>(nodes_.size()) - 1;
  }
  int AddGateway(Kind kind, int col, int row) {
    return Add(kind, "gateway_" + std::to_string(++gateways_), "", col, row);
  }
  void Connect(int from, int to) { flows_.push_back(Flow{"flow_" + std::to_string(flows_.size() + 1), from, to, ""}); }

  Fragment Build(const ProcessTree& t, int col, int row) {
    switch (t.op) {
      case TreeOperator::kLeaf: {
        if (t.is_tau()) return Fragment{};
        int n = Add(Kind::kTask, "task_" + std::to_string(++tasks_), std::string(names_.Get(t.label)), col, row);
        return Fragment{n, n, 1, 1};
      }
      case TreeOperator::kSequence: {
        Fragment out;
        int c = col;
        for (const ProcessTree& child : t.children) {
          Fragment f = Build(child, c, row);
          if (f.entry < 0) continue;
          if (out.exit >= 0) Connect(out.exit, f.entry);
          else out.entry = f.entry;
          out.exit = f.exit;
          c += f.width;
          out.height = std::max(out.height, f.height);
        }
        out.width = c - col;
        return out;
      }
      case TreeOperator::kXor:
      case TreeOperator::kParallel: {
        Kind kind = t.op == TreeOperator::kXor ? Kind::kExclusive : Kind::kParallel;
        int split = AddGateway(kind, col, row);
        std::vector<Fragment> parts;
        int r = row, width = 0;
        for (const ProcessTree& child : t.children) {
          Fragment f = Build(child, col + 1, r);
          parts.push_back(f);
          r += std::max(1, f.height);
          width = std::max(width, f.width);
        }
        int join = AddGateway(kind, col + 1 + width, row);
        for (const Fragment& f : parts) {
          if (f.entry < 0) {
            Connect(split, join);
          } else {
            Connect(split, f.entry);
            Connect(f.exit, join);
          }
        }
        return Fragment{split, join, width + 2, r - row};
      }
      case TreeOperator::kLoop: {
        int join = AddGateway(Kind::kExclusive, col, row);
        Fragment body = t.children.empty() ? Fragment{} : Build(t.children[0], col + 1, row);
        int split = AddGateway(Kind::kExclusive, col + 1 + body.width, row);
        if (body.entry < 0) {
          Connect(join, split);
        } else {
          Connect(join, body.entry);
          Connect(body.exit, split);
        }
        int r = row + body.height;
        for (size_t k = 1; k < t.children.size(); ++k) {
          Fragment f = Build(t.children[k], col + 1, r);
          if (f.entry < 0) {
            Connect(split, join);
          } else {
            Connect(split, f.entry);
            Connect(f.exit, join);
          }
          r += std::max(1, f.height);
        }
        return Fragment{join, split, body.width + 2, r - row};
      }
    }
    return Fragment{};
  }

  static std::pair<int, int> Size(Kind k) {
    switch (k) {
      case Kind::kTask: return {100, 80};
      case Kind::kStart:
      case Kind::kEnd: return {36, 36};
      default: return {50, 50};
    }
  }
  static int CenterX(const Node& n) { return kLeft + n.col * kColumn + 50; }
  static int CenterY(const Node& n) { return kTop + n.row * kRow + 40; }

  std::vector<std::pair<int, int>> Waypoints(const Flow& f) const {
    const Node& a = nodes_[f.from];
    const Node& b = nodes_[f.to];
    auto [aw, ah] = Size(a.kind);
    auto [bw, bh] = Size(b.kind);
    int ax = CenterX(a), ay = CenterY(a), bx = CenterX(b), by = CenterY(b);
    if (b.col <= a.col) {  // back to a loop's join: under both
      int below = std::max(ay + ah / 2, by + bh / 2) + 30;
      return {{ax, ay + ah / 2}, {ax, below}, {bx, below}, {bx, by + bh / 2}};
    }
    if (a.row == b.row) return {{ax + aw / 2, ay}, {bx - bw / 2, by}};
    if (b.row > a.row) return {{ax, ay + ah / 2}, {ax, by}, {bx - bw / 2, by}};  // leaving a split
    return {{ax + aw / 2, ay}, {bx, ay}, {bx, by + bh / 2}};                      // entering a join
  }

  const StringPool& names_;  // outlives the builder
  std::vector<Node> nodes_;
  std::vector<Flow> flows_;
  int tasks_ = 0, gateways_ = 0;
};

}  // namespace

std::string TreeToBpmn(const ProcessTree& tree, const StringPool& names, std::string_view process_id) {
  Builder b(names);
  b.Run(tree);
  return b.Write(process_id);
}

}  // namespace ordo::mining
