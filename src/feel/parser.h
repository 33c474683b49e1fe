// The FEEL parser: tokens to the compiled tree of feel/ast.h (DMN 1.5 §10.3.1.2, grammar rules
// 1-65 for the subset listed in expression.h).
//
// Recursive descent with one function per precedence level (the order of the alternatives in
// grammar rules 1, 2 and 4, lowest first): if; or; and; comparison, between, in; + -; * /; **;
// unary -; postfix (path, filter, call); primary. Recursion is bounded by kMaxNestingDepth and the tree's height by
// kMaxTreeHeight (long operator chains are built by loops, not recursion, but evaluating them
// recurses), so hostile input ends in ResourceExhausted instead of a stack overflow.
// Thread-safety: pure function.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "feel/ast.h"

namespace ordo::feel {

inline constexpr int kMaxTreeHeight = 1024;

enum class ParseMode { kExpression, kUnaryTests };

struct CompileOptions;

// `options.known_names`: the names in scope, of which those the grammar's words cannot read
// (holding a keyword, a symbol or a number word) are matched as whole names (see Tokenize);
// `options.named_types` resolves the type names of `instance of`.
Result<std::shared_ptr<Program>> Parse(std::string_view source, ParseMode mode);
Result<std::shared_ptr<Program>> Parse(std::string_view source, ParseMode mode, const CompileOptions& options);

}  // namespace ordo::feel
