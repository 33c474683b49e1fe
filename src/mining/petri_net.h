// PetriNet: a labelled place/transition net with an initial and a final marking (one token in
// the source, one in the sink), as produced from a process tree.
//
// ToPetriNet follows PM4Py 2.7.14's conversion (objects.conversion.process_tree.variants.
// to_petri_net; van der Aalst, Process Mining 2nd ed. §3.2.7 for the block translation): a leaf
// is a transition (silent for tau) between an entry and an exit place; -> chains its children;
// X shares entry and exit places; + adds a silent split and join; * adds silent init_loop and
// loop transitions and a silent exit; silent transitions at the very start and end when the root
// needs them. Then PM4Py's simple reduction removes silent transitions with a single entry
// (resp. exit) place that has no other arc, and places left without input or output arcs go.
// Place and transition names are PM4Py's (source, sink, p_N; tau_N, skip_N, init_loop_N, loop_N,
// tauSplit_N, tauJoin_N), because token replay breaks ties by place name.
// Ownership: plain value. Thread-safety: immutable after construction; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mining/process_tree.h"

namespace ordo::mining {

struct PetriNet {
  struct Transition {
    StringId label = kNoString;  // kNoString: silent
    std::string name;
    std::vector<uint32_t> inputs, outputs;  // place indexes, one per arc (arc weights are 1)
    bool silent() const { return label == kNoString; }
  };
  std::vector<std::string> places;  // names
  std::vector<Transition> transitions;
  uint32_t source = 0, sink = 0;

  size_t num_arcs() const;
  size_t num_visible() const;
  size_t num_silent() const { return transitions.size() - num_visible(); }
};

PetriNet ToPetriNet(const ProcessTree& tree);

// The text of a transition's label: the log's string, or for a label the log does not mention
// (a model read from BPMN or PNML, bpmn_net.h and pnml.h) the transition's name, which holds
// that text; empty for a silent transition.
std::string_view LabelText(const PetriNet::Transition& t, const StringPool& names);

}  // namespace ordo::mining
