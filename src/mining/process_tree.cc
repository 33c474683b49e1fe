#include "mining/process_tree.h"

#include <openssl/evp.h>

#include <algorithm>
#include <utility>

namespace ordo::mining {
namespace {

bool FoldOnce(ProcessTree& t) {
  bool changed = false;
  const TreeOperator op = t.op;
  // Flatten children with the same operator (sequence, choice, concurrency are associative).
  if (op == TreeOperator::kSequence || op == TreeOperator::kXor || op == TreeOperator::kParallel) {
    std::vector<ProcessTree> flat;
    for (ProcessTree& c : t.children) {
      if (c.op == op) {
        for (ProcessTree& cc : c.children) flat.push_back(std::move(cc));
        changed = true;
      } else {
        flat.push_back(std::move(c));
      }
    }
    t.children = std::move(flat);
  }
  size_t taus = 0;
  for (const ProcessTree& c : t.children) taus += c.is_tau() ? 1 : 0;
  if (taus > 0) {
    if (op == TreeOperator::kSequence || op == TreeOperator::kParallel) {
      // A silent step adds nothing to a sequence or interleaving; an all-silent node becomes tau.
      std::erase_if(t.children, [](const ProcessTree& c) { return c.is_tau(); });
      if (t.children.empty()) {
        t = ProcessTree::Tau();
        return true;
      }
      changed = true;
    } else if (op == TreeOperator::kXor && taus > 1) {
      // One silent branch suffices; PM4Py keeps the last one.
      size_t drop = taus - 1;
      std::vector<ProcessTree> kept;
      for (ProcessTree& c : t.children) {
        if (c.is_tau() && drop > 0) {
          --drop;
          continue;
        }
        kept.push_back(std::move(c));
      }
      t.children = std::move(kept);
      changed = true;
    } else if (op == TreeOperator::kLoop && taus == t.children.size() && t.children.size() == 2) {
      t.children.pop_back();
      changed = true;
    }
  }
  if (t.op != TreeOperator::kLeaf && t.children.size() == 1) {
    ProcessTree child = std::move(t.children[0]);
    t = std::move(child);
    return true;
  }
  return changed;
}

// Returns false when the node vanishes (an operator whose children all vanished).
bool NormalizeNode(ProcessTree& t) {
  if (t.op == TreeOperator::kLeaf) return true;
  std::vector<ProcessTree> kept;
  for (ProcessTree& c : t.children) {
    if (NormalizeNode(c)) kept.push_back(std::move(c));
  }
  t.children = std::move(kept);
  if (t.children.empty()) return false;
  while (t.op != TreeOperator::kLeaf && FoldOnce(t)) {
  }
  return true;
}

// Python's int sum of 128-bit MD5 values: 128 low bits plus carries.
struct HashSum {
  unsigned __int128 low = 0;
  uint64_t high = 0;
  void Add(const HashSum& o) {
    unsigned __int128 before = low;
    low += o.low;
    high += o.high + (low < before ? 1 : 0);
  }
  bool operator<(const HashSum& o) const { return high != o.high ? high < o.high : low < o.low; }
};

HashSum Md5Of(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_md5(), nullptr);
  HashSum h;
  for (unsigned i = 0; i < 16 && i < len; ++i) h.low = (h.low << 8) | digest[i];
  return h;
}

HashSum SortNode(ProcessTree& t, const StringPool& names) {
  HashSum sum;
  std::vector<HashSum> sums;
  sums.reserve(t.children.size());
  for (ProcessTree& c : t.children) {
    sums.push_back(SortNode(c, names));
    sum.Add(sums.back());
  }
  if (t.op == TreeOperator::kLeaf && t.label != kNoString) sum.Add(Md5Of(names.Get(t.label)));
  if (t.op == TreeOperator::kParallel || t.op == TreeOperator::kXor) {
    std::vector<size_t> idx(t.children.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return sums[a] < sums[b]; });
    std::vector<ProcessTree> sorted;
    sorted.reserve(idx.size());
    for (size_t i : idx) sorted.push_back(std::move(t.children[i]));
    t.children = std::move(sorted);
  }
  return sum;
}

const char* OperatorText(TreeOperator op) {
  switch (op) {
    case TreeOperator::kSequence: return "->";
    case TreeOperator::kXor: return "X";
    case TreeOperator::kParallel: return "+";
    case TreeOperator::kLoop: return "*";
    case TreeOperator::kLeaf: break;
  }
  return "";
}

void Print(const ProcessTree& t, const StringPool& names, bool quoted, std::string& out) {
  if (t.op == TreeOperator::kLeaf) {
    if (t.label == kNoString) {
      out += "tau";
    } else if (quoted) {
      out += '\'';
      out += names.Get(t.label);
      out += '\'';
    } else {
      out += names.Get(t.label);
    }
    return;
  }
  out += OperatorText(t.op);
  out += "( ";
  for (size_t i = 0; i < t.children.size(); ++i) {
    if (i > 0) out += ", ";
    Print(t.children[i], names, true, out);
  }
  out += " )";
}

void Count(const ProcessTree& t, TreeSize& s) {
  if (t.op == TreeOperator::kLeaf) {
    ++(t.label == kNoString ? s.taus : s.leaves);
    return;
  }
  ++s.operators;
  for (const ProcessTree& c : t.children) Count(c, s);
}

}  // namespace

void Normalize(ProcessTree& tree) {
  if (!NormalizeNode(tree)) tree = ProcessTree::Tau();
}

void SortChildren(ProcessTree& tree, const StringPool& names) { SortNode(tree, names); }

std::string ToString(const ProcessTree& tree, const StringPool& names) {
  std::string out;
  Print(tree, names, false, out);
  return out;
}

TreeSize CountNodes(const ProcessTree& tree) {
  TreeSize s;
  Count(tree, s);
  return s;
}

}  // namespace ordo::mining
