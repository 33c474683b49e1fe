// ProcessTree: a block-structured process model (Leemans, Fahland, van der Aalst, "Discovering
// Block-Structured Process Models from Event Logs - A Constructive Approach", Petri Nets 2013,
// §2): leaves are activities or the silent step tau; inner nodes are sequence (->), exclusive
// choice (X), concurrency (+) and loop (*: first child the body, the others the redo parts).
//
// Normalize() and SortChildren() make the printed form that of PM4Py 2.7.14
// (process_tree.utils.generic.fold and tree_sort): nested equal operators are flattened, taus
// are dropped from sequences and concurrency, choices keep at most one tau, single-child nodes
// are replaced by their child; the children of X and + are ordered by the sum of the MD5 values
// of the labels below them. ToString() prints "->( 'a', X( tau, 'b' ) )" like PM4Py.
// Ownership: a tree owns its children by value. Thread-safety: plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mining/event_log.h"

namespace ordo::mining {

enum class TreeOperator : uint8_t { kLeaf, kSequence, kXor, kParallel, kLoop };

struct ProcessTree {
  TreeOperator op = TreeOperator::kLeaf;
  StringId label = kNoString;  // kLeaf: the activity, kNoString for tau
  std::vector<ProcessTree> children;

  static ProcessTree Tau() { return {}; }
  static ProcessTree Leaf(StringId activity) { return {TreeOperator::kLeaf, activity, {}}; }
  static ProcessTree Node(TreeOperator op, std::vector<ProcessTree> children) {
    return {op, kNoString, std::move(children)};
  }
  bool is_tau() const { return op == TreeOperator::kLeaf && label == kNoString; }
};

// PM4Py's fold: the reductions above, applied bottom-up until nothing changes.
void Normalize(ProcessTree& tree);
// PM4Py's tree_sort; names resolves labels.
void SortChildren(ProcessTree& tree, const StringPool& names);
std::string ToString(const ProcessTree& tree, const StringPool& names);

struct TreeSize {
  size_t leaves = 0, taus = 0, operators = 0;
};
TreeSize CountNodes(const ProcessTree& tree);

}  // namespace ordo::mining
