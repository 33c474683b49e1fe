// The recursive-descent Parser behind feel::Parse(), shared by its two source files:
// parser.cc (roots, operator precedence levels, unary tests) and parser_terms.cc (postfix
// operators and primaries: literals, names, calls, lists, ranges, contexts, if).
// Not part of the feel API: include feel/parser.h instead.
// Thread-safety: one Parser per Parse() call.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "feel/ast.h"
#include "feel/lexer.h"
#include "feel/types.h"

namespace ordo::feel::parser_internal {

// FEEL's reserved words (DMN 1.5 §10.3.1.2); a name word that is one ends a name.
bool IsKeyword(std::string_view word);
// Whether joining name words cannot read `name`, so that it must be known to be read whole.
bool NeedsKnownName(std::string_view name);
std::optional<Op> ComparisonOp(TokenKind kind);
// "name 'x'", "number 2", "')'": how an error message shows the token it found.
std::string Describe(const Token& token);

class Parser {
 public:
  // `program` receives every node (its arena) and must outlive the parser.
  using NamedTypes = std::function<std::optional<Type>(std::string_view)>;
  // `named_types` (may be null) must outlive the parser.
  Parser(std::vector<Token> tokens, Program& program, const NamedTypes* named_types = nullptr)
      : tokens_(std::move(tokens)), program_(program), named_types_(named_types) {}

  Result<Node*> ExpressionRoot();
  Result<Node*> UnaryTestsRoot();

 private:
  struct DepthGuard {
    explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
    ~DepthGuard() { --depth_; }
    int& depth_;
  };

  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  // Names the text itself binds around this point: context entries before it, iteration
  // variables, function parameters. A call of one of them calls its value, not a built-in of the
  // same name (built-ins live in the outermost scope). A DMN model's names (CompileOptions'
  // known_names) do not hide built-ins: a decision named "during" still calls during().
  bool IsBound(std::string_view name) const { return std::find(bound_.begin(), bound_.end(), name) != bound_.end(); }
  bool AtWord(std::string_view word) const { return At(TokenKind::kName) && Peek().text == word; }

  Status ErrorAt(const Token& t, std::string_view expected) const;
  Status Expect(TokenKind kind, std::string_view expected);
  Status ExpectEnd() const;
  Status CheckDepth() const;
  Node* Make(NodeKind kind, const Token& at);
  Result<Node*> Seal(Node* n);
  Result<Node*> Binary(NodeKind kind, Op op, const Token& at, Node* left, Node* right);
  bool ClosingIsLast(size_t open) const;
  bool ParenthesisHoldsTestList() const;

  // parser.cc: lowest precedence first.
  Result<Node*> ParseExpression();
  Result<Node*> ParseOr();
  Result<Node*> ParseAnd();
  Result<Node*> ParseComparison();
  Result<Node*> ParseInTarget();
  Result<std::vector<Node*>> ParseTestList();
  Result<Node*> ParsePositiveUnaryTest(bool whole_expression);
  Result<Node*> ParseAdditive();
  Result<Node*> ParseMultiplicative();
  Result<Node*> ParseUnary();
  Result<Node*> ParsePower();
  Result<Node*> ParsePowerOf(Node* left);
  Node* FoldNegation(Node* n);
  // True at a number token written with digits only (a word of a name like "case 1").
  bool IntegerWord() const;
  Result<Node*> ParseExponent();

  // parser_terms.cc.
  static bool CanStartExpression(const Token& t);
  Result<Node*> ParsePostfix();
  std::string JoinWords(bool allow_keywords);
  Result<Node*> ParsePrimary();
  Result<Node*> ParseWord();
  Result<Node*> ParseIf();
  Result<Node*> ParseCall(Node* call);
  Result<Node*> ParseBracketed();
  Result<Node*> ParseContext();
  size_t SymbolKeyLength() const;

  // parser_functions.cc.
  Result<Node*> ParseIteration();
  Result<Node*> ParseFunctionDefinition();
  Result<Node*> ParseInstanceOf(Node* left, const Token& at);
  Result<Node*> ParseTemporalLiteral();
  Result<Node*> ParseCallValue(Node* callee);

  std::vector<Token> tokens_;
  Program& program_;
  const NamedTypes* named_types_;
  std::vector<std::string> bound_;
  size_t pos_ = 0;
  int depth_ = 0;
  int input_references_ = 0;  // '?' nodes made so far: tells whether a test mentions the input
};

}  // namespace ordo::feel::parser_internal
