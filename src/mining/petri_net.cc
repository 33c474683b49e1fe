#include "mining/petri_net.h"

#include <algorithm>
#include <optional>

namespace ordo::mining {
namespace {

// The net while it is built and reduced: nodes and arcs are flagged dead instead of erased.
class Builder {
 public:
  struct Node {
    bool is_place = true;
    uint32_t index = 0;
  };

  // Room for a tree of `nodes` nodes: each adds at most two places, two transitions and six arcs
  // (a loop: its entry place, init_loop and loop, and the arcs around them).
  void Reserve(size_t nodes) {
    places_.reserve(2 * nodes + 4);
    p_in_.reserve(2 * nodes + 4);
    p_out_.reserve(2 * nodes + 4);
    transitions_.reserve(2 * nodes + 2);
    t_in_.reserve(2 * nodes + 2);
    t_out_.reserve(2 * nodes + 2);
    arcs_.reserve(6 * nodes + 4);
  }

  uint32_t NewPlace() {
    ++place_count_;
    places_.push_back({"p_" + std::to_string(place_count_), true});
    p_in_.emplace_back();
    p_out_.emplace_back();
    return static_cast<uint32_t>(places_.size() - 1);
  }
  uint32_t NewHidden(const char* kind) {
    ++hidden_count_;
    transitions_.push_back({kNoString, std::string(kind) + "_" + std::to_string(hidden_count_), true});
    t_in_.emplace_back();
    t_out_.emplace_back();
    return static_cast<uint32_t>(transitions_.size() - 1);
  }
  uint32_t NewVisible(StringId label) {
    transitions_.push_back({label, "t_" + std::to_string(transitions_.size()), true});
    t_in_.emplace_back();
    t_out_.emplace_back();
    return static_cast<uint32_t>(transitions_.size() - 1);
  }
  void PlaceToTransition(uint32_t p, uint32_t t) { AddArc(true, p, t); }
  void TransitionToPlace(uint32_t t, uint32_t p) { AddArc(false, p, t); }

  // PM4Py's recursively_add_tree; returns the subtree's exit place.
  uint32_t Add(const ProcessTree& tree, Node entry, std::optional<Node> exit) {
    uint32_t initial, final_place;
    if (!entry.is_place) {
      initial = NewPlace();
      TransitionToPlace(entry.index, initial);
    } else {
      initial = entry.index;
    }
    if (exit && exit->is_place) {
      final_place = exit->index;
    } else {
      final_place = NewPlace();
      if (exit) PlaceToTransition(final_place, exit->index);
    }
    switch (tree.op) {
      case TreeOperator::kLeaf: {
        uint32_t t = tree.label == kNoString ? NewHidden("skip") : NewVisible(tree.label);
        PlaceToTransition(initial, t);
        TransitionToPlace(t, final_place);
        break;
      }
      case TreeOperator::kXor:
        for (const ProcessTree& c : tree.children) Add(c, {true, initial}, Node{true, final_place});
        break;
      case TreeOperator::kParallel: {
        uint32_t split = NewHidden("tauSplit");
        PlaceToTransition(initial, split);
        uint32_t join = NewHidden("tauJoin");
        TransitionToPlace(join, final_place);
        for (const ProcessTree& c : tree.children) Add(c, {false, split}, Node{false, join});
        break;
      }
      case TreeOperator::kSequence: {
        uint32_t at = initial;
        for (size_t i = 0; i < tree.children.size(); ++i) {
          std::optional<Node> out;
          if (i + 1 == tree.children.size()) out = Node{true, final_place};
          at = Add(tree.children[i], {true, at}, out);
        }
        break;
      }
      case TreeOperator::kLoop: {
        uint32_t body_entry = NewPlace();
        uint32_t init_loop = NewHidden("init_loop");
        PlaceToTransition(initial, init_loop);
        TransitionToPlace(init_loop, body_entry);
        uint32_t loop = NewHidden("loop");
        if (tree.children.size() == 1) {
          Add(tree.children[0], {true, body_entry}, Node{true, final_place});
          PlaceToTransition(final_place, loop);
        } else {
          uint32_t body_exit = Add(tree.children[0], {true, body_entry}, std::nullopt);
          std::optional<Node> redo_exit;
          for (size_t i = 1; i < tree.children.size(); ++i)
            redo_exit = Node{true, Add(tree.children[i], {true, body_exit}, redo_exit)};
          Add(ProcessTree::Tau(), {true, body_exit}, Node{true, final_place});
          PlaceToTransition(redo_exit->index, loop);
        }
        TransitionToPlace(loop, body_entry);
        break;
      }
    }
    return final_place;
  }

  // PM4Py's reduce_single_entry_transitions / reduce_single_exit_transitions: passes over the
  // transitions in order, each applying the first reduction that applies, until a pass applies
  // none. One scan gives the same reductions: a reduction at t removes t and its place p and
  // moves p's other arcs to the neighbour, so the number of input arcs of every live transition
  // (output arcs, on the exit side) and of input and output arcs of every live place stay what
  // they were, and a transition before t that did not qualify still does not.
  void Reduce(bool entry_side) {
    std::vector<uint32_t> other;
    for (uint32_t t = 0; t < transitions_.size(); ++t) {
      if (!transitions_[t].alive || transitions_[t].label != kNoString) continue;
      const List& side = entry_side ? t_in_[t] : t_out_[t];
      if (side.size != 1) continue;
      const uint32_t p = arcs_[side.head].place;
      if (p_in_[p].size != 1 || p_out_[p].size != 1) continue;
      const uint32_t neighbour = entry_side ? arcs_[p_in_[p].head].transition : arcs_[p_out_[p].head].transition;
      other.clear();
      for (uint32_t a = (entry_side ? t_out_[t] : t_in_[t]).head; a != kNil; a = arcs_[a].link[kByTransition].next)
        other.push_back(arcs_[a].place);
      KillTransition(t);
      KillPlace(p);
      for (uint32_t q : other) entry_side ? TransitionToPlace(neighbour, q) : PlaceToTransition(q, neighbour);
    }
  }

  void DropDanglingPlaces(uint32_t source, uint32_t sink) {
    for (uint32_t p = 0; p < places_.size(); ++p) {
      if (!places_[p].alive) continue;
      // Removing a place only removes its own arcs: other places keep their arcs.
      if ((p != sink && p_out_[p].size == 0) || (p != source && p_in_[p].size == 0)) KillPlace(p);
    }
  }

  PetriNet Finish(uint32_t source, uint32_t sink) {
    places_[source].name = "source";
    places_[sink].name = "sink";
    PetriNet net;
    std::vector<uint32_t> place_index(places_.size(), UINT32_MAX);
    for (uint32_t p = 0; p < places_.size(); ++p) {
      if (!places_[p].alive) continue;
      place_index[p] = static_cast<uint32_t>(net.places.size());
      net.places.push_back(places_[p].name);
    }
    std::vector<uint32_t> trans_index(transitions_.size(), UINT32_MAX);
    for (uint32_t t = 0; t < transitions_.size(); ++t) {
      if (!transitions_[t].alive) continue;
      trans_index[t] = static_cast<uint32_t>(net.transitions.size());
      net.transitions.push_back({transitions_[t].label, transitions_[t].name, {}, {}});
    }
    for (const Arc& a : arcs_) {
      if (!a.alive) continue;
      PetriNet::Transition& t = net.transitions[trans_index[a.transition]];
      (a.place_to_transition ? t.inputs : t.outputs).push_back(place_index[a.place]);
    }
    net.source = place_index[source];
    net.sink = place_index[sink];
    return net;
  }

 private:
  struct PlaceB {
    std::string name;
    bool alive;
  };
  struct TransB {
    StringId label;
    std::string name;
    bool alive;
  };
  // Every node keeps its live arcs in doubly linked lists threaded through the arcs (one link
  // pair for the transition's list, one for the place's), in the order the arcs were added, so
  // arcs are added and removed without allocating and without scanning.
  static constexpr uint32_t kNil = UINT32_MAX;
  static constexpr int kByTransition = 0, kByPlace = 1;
  struct Link {
    uint32_t prev = kNil, next = kNil;
  };
  struct Arc {
    bool place_to_transition;
    uint32_t place, transition;
    bool alive;
    Link link[2];
  };
  struct List {
    uint32_t head = kNil, tail = kNil, size = 0;
  };

  List& TransitionList(const Arc& a) { return a.place_to_transition ? t_in_[a.transition] : t_out_[a.transition]; }
  List& PlaceList(const Arc& a) { return a.place_to_transition ? p_out_[a.place] : p_in_[a.place]; }
  void Append(List& list, uint32_t i, int by) {
    arcs_[i].link[by] = {list.tail, kNil};
    (list.tail == kNil ? list.head : arcs_[list.tail].link[by].next) = i;
    list.tail = i;
    ++list.size;
  }
  void Remove(List& list, uint32_t i, int by) {
    const Link l = arcs_[i].link[by];
    (l.prev == kNil ? list.head : arcs_[l.prev].link[by].next) = l.next;
    (l.next == kNil ? list.tail : arcs_[l.next].link[by].prev) = l.prev;
    --list.size;
  }
  void AddArc(bool place_to_transition, uint32_t p, uint32_t t) {
    arcs_.push_back({place_to_transition, p, t, true, {}});
    const auto i = static_cast<uint32_t>(arcs_.size() - 1);
    Append(TransitionList(arcs_[i]), i, kByTransition);
    Append(PlaceList(arcs_[i]), i, kByPlace);
  }
  void KillArc(uint32_t i) {
    Arc& a = arcs_[i];
    a.alive = false;
    Remove(TransitionList(a), i, kByTransition);
    Remove(PlaceList(a), i, kByPlace);
  }
  void KillTransition(uint32_t t) {
    transitions_[t].alive = false;
    while (t_in_[t].head != kNil) KillArc(t_in_[t].head);
    while (t_out_[t].head != kNil) KillArc(t_out_[t].head);
  }
  void KillPlace(uint32_t p) {
    places_[p].alive = false;
    while (p_in_[p].head != kNil) KillArc(p_in_[p].head);
    while (p_out_[p].head != kNil) KillArc(p_out_[p].head);
  }

  std::vector<PlaceB> places_;
  std::vector<TransB> transitions_;
  std::vector<Arc> arcs_;
  uint32_t place_count_ = 0, hidden_count_ = 0;
  std::vector<List> t_in_, t_out_, p_in_, p_out_;  // live arcs per node and side
};

// PM4Py's check_terminal_loop: is there a loop down the chain of last children?
bool TerminalLoop(const ProcessTree& t) {
  if (t.children.empty() || t.children.back().op == TreeOperator::kLeaf) return false;
  return t.children.back().op == TreeOperator::kLoop || TerminalLoop(t.children.back());
}
// PM4Py's check_initial_loop (which continues down the last children, as PM4Py does).
bool InitialLoop(const ProcessTree& t) {
  if (t.children.empty() || t.children.front().op == TreeOperator::kLeaf) return false;
  return t.children.front().op == TreeOperator::kLoop || TerminalLoop(t.children.front());
}
bool LoopAlong(const ProcessTree& t, bool first) {
  if (t.op == TreeOperator::kLoop) return true;
  if (t.children.empty()) return false;
  const ProcessTree& c = first ? t.children.front() : t.children.back();
  return c.op == TreeOperator::kLoop || LoopAlong(c, first);
}

}  // namespace

size_t PetriNet::num_arcs() const {
  size_t n = 0;
  for (const Transition& t : transitions) n += t.inputs.size() + t.outputs.size();
  return n;
}

size_t PetriNet::num_visible() const {
  return static_cast<size_t>(std::count_if(transitions.begin(), transitions.end(), [](const Transition& t) { return !t.silent(); }));
}

PetriNet ToPetriNet(const ProcessTree& tree) {
  Builder b;
  const TreeSize size = CountNodes(tree);
  b.Reserve(size.leaves + size.taus + size.operators);
  uint32_t source = b.NewPlace(), sink = b.NewPlace();
  const bool choice_root = tree.op == TreeOperator::kXor || tree.op == TreeOperator::kParallel;
  const bool initial_tau = InitialLoop(tree) || LoopAlong(tree, true) || choice_root;
  const bool final_tau = TerminalLoop(tree) || LoopAlong(tree, false) || choice_root;
  uint32_t initial = source, final_place = sink;
  if (initial_tau) {
    initial = b.NewPlace();
    uint32_t t = b.NewHidden("tau");
    b.PlaceToTransition(source, t);
    b.TransitionToPlace(t, initial);
  }
  if (final_tau) {
    final_place = b.NewPlace();
    uint32_t t = b.NewHidden("tau");
    b.PlaceToTransition(final_place, t);
    b.TransitionToPlace(t, sink);
  }
  b.Add(tree, {true, initial}, Builder::Node{true, final_place});
  b.Reduce(true);
  b.Reduce(false);
  b.DropDanglingPlaces(source, sink);
  return b.Finish(source, sink);
}

std::string_view LabelText(const PetriNet::Transition& t, const StringPool& names) {
  if (t.silent()) return {};
  return t.label < names.size() ? names.Get(t.label) : std::string_view(t.name);
}

}  // namespace ordo::mining
