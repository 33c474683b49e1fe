// The directly-follows graph drawn as SVG by Graphviz's C library (cgraph + gvc, layout "dot",
// left to right): one box per activity with its event count, one arrow per edge labelled with its
// frequency (pen width grows with it), a start circle with arrows to the start activities and an
// end square fed by the end activities, each with their case counts.
// Thread-safety: Graphviz keeps global state; call from one thread at a time.
#pragma once

#include <string>

#include "base/status.h"
#include "mining/dfg.h"
#include "mining/event_log.h"

namespace ordo::mining {

// Unimplemented when Ordo was built without Graphviz (libgraphviz-dev, pkg-config libgvc).
Result<std::string> DfgToSvg(const EventLog& log, const Dfg& dfg);

}  // namespace ordo::mining
