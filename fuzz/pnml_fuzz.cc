// libFuzzer target for the PNML reader: arbitrary bytes through ReadPnml; a net it accepts must be
// a workflow net whose arcs point at its places, and must survive writing and reading back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "mining/pnml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ordo::mining::StringPool pool;
  pool.Intern("a");
  pool.Intern("b");
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  ordo::Result<ordo::mining::PetriNet> net = ordo::mining::ReadPnml(xml, pool);
  if (!net.ok()) {
    if (net.status().message().empty()) std::abort();
    return 0;
  }
  const ordo::mining::PetriNet& n = *net;
  if (n.source >= n.places.size() || n.sink >= n.places.size() || n.source == n.sink) std::abort();
  for (const auto& t : n.transitions) {
    for (uint32_t p : t.inputs)
      if (p >= n.places.size()) std::abort();
    for (uint32_t p : t.outputs)
      if (p >= n.places.size()) std::abort();
  }
  const std::string written = ordo::mining::WritePnml(n, pool);
  ordo::Result<ordo::mining::PetriNet> back = ordo::mining::ReadPnml(written, pool);
  if (!back.ok() || back->places.size() != n.places.size() || back->transitions.size() != n.transitions.size() ||
      back->source != n.source || back->sink != n.sink) {
    std::abort();
  }
  for (size_t t = 0; t < n.transitions.size(); ++t) {
    if (back->transitions[t].inputs != n.transitions[t].inputs ||
        back->transitions[t].outputs != n.transitions[t].outputs ||
        back->transitions[t].silent() != n.transitions[t].silent()) {
      std::abort();
    }
  }
  return 0;
}
