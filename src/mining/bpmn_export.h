// Process tree -> BPMN 2.0 XML with a diagram (BPMN 2.0.2 §12 DI), so a mined model opens in
// bpmn.io and loads with bpmn::Load.
//
// The block translation (the inverse of Leemans' BPMN-to-tree direction; van der Aalst, Process
// Mining 2nd ed. §3.2.8 for the correspondence of the operators): an activity is a task named
// after it; -> chains its children; X is an exclusive split and join gateway pair, + a parallel
// pair; * (body, redo...) is an exclusive join before the body and an exclusive split after it,
// whose exit continues and whose other branches run a redo part back to the join. A silent step is
// a sequence flow from the split to the join (or back to the loop's join) with no task.
// An exclusive split's first outgoing flow is its default; the others carry the condition
// `route_<gateway id> = k` (k = 2, 3, ...), so the process also deploys and a caller can steer it.
//
// Layout: a left-to-right grid built with the tree: a block's children side by side (->) or
// stacked (X, +, loop redo parts below the body), one column per node; sequence flows leave a
// split downwards, enter a join from below and run back under the block for loops.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "mining/process_tree.h"

namespace ordo::mining {

// REQUIRES: the tree's labels are ids of names.
std::string TreeToBpmn(const ProcessTree& tree, const StringPool& names, std::string_view process_id = "mined");

}  // namespace ordo::mining
