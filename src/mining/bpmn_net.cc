#include "mining/bpmn_net.h"

#include <cstddef>
#include <string>
#include <unordered_map>

#include "bpmn/load.h"

namespace ordo::mining {
namespace {

using model::NodeKind;

bool IsTask(NodeKind k) {
  return k == NodeKind::kTask || k == NodeKind::kManualTask || k == NodeKind::kUserTask ||
         k == NodeKind::kServiceTask || k == NodeKind::kScriptTask;
}

std::string Where(const model::FlowNode& node) {
  return std::string(model::NodeKindName(node.kind)) + " '" + node.id + "'";
}

// Removes silent transitions that only move a token from one place to another where nothing can
// happen in between (Murata, "Petri nets: Properties, analysis and applications", Proc. IEEE
// 77(4), 1989, §IV-C, fusion of series places), so gateway pairs and start/end events do not cost
// alignments extra silent moves:
//   a silent p -> q whose input p has no other consumer (p is not the source): p's producers put
//   their token into q directly;
//   a silent p -> q whose output q has no other producer (q is not the sink): q's consumers take
//   their token from p directly.
// Both keep the visible language of the net.
void FuseSeriesPlaces(PetriNet& net) {
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<int> consumers(net.places.size()), producers(net.places.size());
    for (const PetriNet::Transition& t : net.transitions) {
      for (uint32_t p : t.inputs) ++consumers[p];
      for (uint32_t p : t.outputs) ++producers[p];
    }
    for (size_t k = 0; k < net.transitions.size(); ++k) {
      const PetriNet::Transition& t = net.transitions[k];
      if (!t.silent() || t.inputs.size() != 1 || t.outputs.size() != 1 || t.inputs[0] == t.outputs[0]) continue;
      uint32_t p = t.inputs[0], q = t.outputs[0];
      uint32_t gone, kept;
      if (consumers[p] == 1 && p != net.source) {
        gone = p;
        kept = q;
      } else if (producers[q] == 1 && q != net.sink) {
        gone = q;
        kept = p;
      } else {
        continue;
      }
      net.transitions.erase(net.transitions.begin() + static_cast<ptrdiff_t>(k));
      for (PetriNet::Transition& u : net.transitions) {
        for (uint32_t& x : u.inputs) x = x == gone ? kept : x;
        for (uint32_t& x : u.outputs) x = x == gone ? kept : x;
      }
      // Drop the place and renumber the ones after it.
      net.places.erase(net.places.begin() + gone);
      auto shift = [gone](uint32_t& x) { x = x > gone ? x - 1 : x; };
      for (PetriNet::Transition& u : net.transitions) {
        for (uint32_t& x : u.inputs) shift(x);
        for (uint32_t& x : u.outputs) shift(x);
      }
      shift(net.source);
      shift(net.sink);
      changed = true;
      break;
    }
  }
}

}  // namespace

Result<PetriNet> ProcessToPetriNet(const model::Process& process, const StringPool& names) {
  PetriNet net;
  net.places = {"source", "sink"};
  net.source = 0;
  net.sink = 1;
  std::vector<uint32_t> place_of_flow(process.flows.size());
  for (size_t f = 0; f < process.flows.size(); ++f) {
    place_of_flow[f] = static_cast<uint32_t>(net.places.size());
    net.places.push_back(process.flows[f].id);
  }
  // Labels the log does not know get ids past the pool, one per distinct text.
  std::unordered_map<std::string, StringId> unknown;
  auto label_of = [&](const std::string& text) {
    StringId id = names.Find(text);
    if (id != kNoString) return id;
    auto [it, added] = unknown.emplace(text, static_cast<StringId>(names.size() + unknown.size()));
    return it->second;
  };
  auto places = [&](const std::vector<model::FlowIndex>& flows) {
    std::vector<uint32_t> out;
    for (model::FlowIndex f : flows) out.push_back(place_of_flow[f]);
    return out;
  };
  auto add = [&](StringId label, std::string name, std::vector<uint32_t> in, std::vector<uint32_t> out) {
    net.transitions.push_back(PetriNet::Transition{label, std::move(name), std::move(in), std::move(out)});
  };
  bool has_start = false;
  for (const model::FlowNode& node : process.nodes) {
    if (node.kind != NodeKind::kStartEvent && node.incoming.empty()) {
      return InvalidArgument(Where(node) + " has no incoming sequence flow, so no run of the net reaches it");
    }
    switch (node.kind) {
      case NodeKind::kStartEvent:
        if (node.outgoing.empty()) return InvalidArgument(Where(node) + " has no outgoing sequence flow");
        has_start = true;
        add(kNoString, "start_" + node.id, {net.source}, places(node.outgoing));
        break;
      case NodeKind::kEndEvent:
      case NodeKind::kTerminateEndEvent:
        for (model::FlowIndex f : node.incoming) add(kNoString, "end_" + node.id, {place_of_flow[f]}, {net.sink});
        break;
      case NodeKind::kExclusiveGateway:
        if (node.outgoing.empty()) return InvalidArgument(Where(node) + " has no outgoing sequence flow");
        for (model::FlowIndex in : node.incoming) {
          for (model::FlowIndex out : node.outgoing) {
            add(kNoString, "xor_" + node.id + "_" + process.flows[in].id + "_" + process.flows[out].id,
                {place_of_flow[in]}, {place_of_flow[out]});
          }
        }
        break;
      case NodeKind::kParallelGateway:
        if (node.outgoing.empty()) return InvalidArgument(Where(node) + " has no outgoing sequence flow");
        add(kNoString, "and_" + node.id, places(node.incoming), places(node.outgoing));
        break;
      default: {
        if (!IsTask(node.kind)) return InvalidArgument(Where(node) + ": this kind of element has no Petri-net mapping");
        for (model::FlowIndex f : node.outgoing) {
          if (process.flows[f].condition.has_value()) {
            return InvalidArgument(Where(node) + " has the conditional sequence flow '" + process.flows[f].id +
                                   "'; only gateways may choose between flows here");
          }
        }
        std::string text = node.name.empty() ? node.id : node.name;
        StringId label = label_of(text);
        std::vector<uint32_t> out = node.outgoing.empty() ? std::vector<uint32_t>{net.sink} : places(node.outgoing);
        for (model::FlowIndex f : node.incoming) add(label, text, {place_of_flow[f]}, out);
        break;
      }
    }
  }
  if (!has_start) return InvalidArgument("process '" + process.key + "' has no none start event");
  FuseSeriesPlaces(net);
  return net;
}

Result<PetriNet> BpmnToPetriNet(std::string_view xml, const StringPool& names) {
  bpmn::LoadResult loaded = bpmn::Load(xml);
  if (!loaded.ok()) return loaded.status();
  if (loaded.processes.empty()) return InvalidArgument("the BPMN document has no executable process");
  return ProcessToPetriNet(*loaded.processes.front(), names);
}

}  // namespace ordo::mining
