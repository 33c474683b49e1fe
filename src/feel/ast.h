// The compiled form of a FEEL expression or unary tests: an immutable tree of Nodes.
//
// Names of built-in functions are resolved and named arguments put in parameter order at compile
// time; number and string literals hold their finished Value, so evaluating a literal neither
// parses nor allocates. Nodes live in the Program's arena and point at each other with plain
// pointers; nothing is freed recursively, so a deep tree cannot overflow the stack on destruction.
// Thread-safety: a Program is immutable after parsing and shared by every copy of an Expression.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "feel/value.h"

namespace ordo::feel {

struct Builtin;
struct Type;

enum class NodeKind : uint8_t {
  kLiteral,     // value
  kName,        // name (words joined by single spaces)
  kInput,       // '?' in unary tests: the input value
  kPath,        // children[0] '.' name
  kFilter,      // children[0] '[' children[1] ']'
  kCall,        // name(children...); builtin resolved or null (looked up at evaluation)
  kIsDefined,   // is defined(children[0]): a special form, its argument may be an unknown name
  kNegate,      // '-' children[0]
  kArithmetic,  // children[0] op children[1]
  kComparison,  // children[0] op children[1]
  kAnd,
  kOr,
  kBetween,  // children[0] between children[1] and children[2]
  kIn,       // children[0] in children[1] (a test node)
  kIf,       // if children[0] then children[1] else children[2]
  kList,     // [children...]
  kContext,  // {keys[i]: children[i]}
  kRange,    // children[0]..children[1] (either may be null: unbounded), flags; op: (= x), (!= x)
  // Unary tests (DMN 1.5 grammar rules 7-15, Table 55): evaluated against the input.
  kTestAny,      // '-'
  kTestCompare,  // op children[0] ("< 5"); op kEqual for "= 5"
  kTestExpr,     // children[0]; uses_input when it mentions '?'
  kTestList,     // children... (disjunction)
  kTestNot,      // not(children...)
  // DMN 1.5 §10.3.2.13-§10.3.2.14 and §10.3.2.8.
  kCallValue,    // children[0](children[1..]); keys: argument names when named
  kFor,          // for keys[i] in children[2i](..children[2i+1]) return children.back()
  kQuantified,   // some/every keys[i] in children[2i](..children[2i+1]) satisfies children.back()
  kFunctionDef,  // function(keys...) children[0]; captures: the names the body reads
  kInstanceOf,   // children[0] instance of type
};

enum class Op : uint8_t {
  kNone,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kPower,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
};

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  Op op = Op::kNone;
  bool start_included = true;  // kRange
  bool end_included = true;    // kRange
  bool uses_input = false;     // kTestExpr
  bool uses_partial = false;   // kFor: reads `partial`, the results so far (§10.3.2.14)
  int line = 1;
  int column = 1;
  int height = 1;                    // 1 + the tallest child: bounds evaluation recursion
  Value value;                       // kLiteral; kList: the list when every item is a literal
  std::string name;                  // kName, kPath member, kCall function name
  std::vector<Node*> children;       // may contain nullptr: an unbounded range end, an absent argument
  std::vector<std::string> keys;     // kContext; kCall/kCallValue argument names; kFor variables; parameters
  const Builtin* builtin = nullptr;  // kCall, static storage
  bool every = false;                // kQuantified: every (else some)
  bool external = false;             // kFunctionDef: children[0] is the external mapping (§10.3.2.13.3)
  std::vector<std::string> captures;  // kFunctionDef
  std::shared_ptr<const Type> type;   // kInstanceOf
  // kFunctionDef: the declared type of each parameter in `keys`; null where none is declared.
  std::vector<std::shared_ptr<const Type>> parameter_types;
};

struct Program {
  std::string source;
  bool unary_tests = false;
  Node* root = nullptr;
  std::vector<std::unique_ptr<Node>> nodes;  // the arena owning every Node
};

}  // namespace ordo::feel
