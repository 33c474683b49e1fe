#include "feel/parser.h"

#include <algorithm>

#include "feel/builtins.h"
#include "feel/expression.h"
#include "feel/lexer.h"
#include "feel/parser_internal.h"

namespace ordo::feel {
namespace parser_internal {
namespace {

constexpr std::string_view kKeywords[] = {
    "and",    "or",        "if",       "then", "else",     "between",  "in",   "for",   "some", "every",
    "return", "satisfies", "instance", "of",   "function", "external", "true", "false", "null",
};

}  // namespace

bool IsKeyword(std::string_view word) {
  return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords);
}

std::optional<Op> ComparisonOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEqual:
      return Op::kEqual;
    case TokenKind::kNotEqual:
      return Op::kNotEqual;
    case TokenKind::kLess:
      return Op::kLess;
    case TokenKind::kLessEqual:
      return Op::kLessEqual;
    case TokenKind::kGreater:
      return Op::kGreater;
    case TokenKind::kGreaterEqual:
      return Op::kGreaterEqual;
    default:
      return std::nullopt;
  }
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::kName:
      return (IsKeyword(t.text) ? "keyword '" : "name '") + t.text + "'";
    case TokenKind::kNumber:
      return "number " + t.text;
    case TokenKind::kString:
      return "a string";
    case TokenKind::kQuotedName:
      return "`" + t.text + "`";
    default:
      return std::string(TokenKindText(t.kind));
  }
}

Result<Node*> Parser::ExpressionRoot() {
  ASSIGN_OR_RETURN(Node * root, ParseExpression());
  RETURN_IF_ERROR(ExpectEnd());
  return root;
}

Result<Node*> Parser::UnaryTestsRoot() {
  if (At(TokenKind::kMinus) && Peek(1).kind == TokenKind::kEnd) {
    Node* any = Make(NodeKind::kTestAny, Peek());
    ++pos_;
    return any;
  }
  if (AtWord("not") && Peek(1).kind == TokenKind::kLeftParen && ClosingIsLast(1)) {
    Node* negation = Make(NodeKind::kTestNot, Peek());
    pos_ += 2;
    ASSIGN_OR_RETURN(negation->children, ParseTestList());
    RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')'"));
    RETURN_IF_ERROR(ExpectEnd());
    return Seal(negation);
  }
  const Token& start = Peek();
  ASSIGN_OR_RETURN(std::vector<Node*> tests, ParseTestList());
  RETURN_IF_ERROR(ExpectEnd());
  if (tests.size() == 1) return tests[0];
  Node* list = Make(NodeKind::kTestList, start);
  list->children = std::move(tests);
  return Seal(list);
}

Status Parser::ErrorAt(const Token& t, std::string_view expected) const {
  return InvalidArgument(
      PositionMessage(t.line, t.column, "expected " + std::string(expected) + ", found " + Describe(t)));
}

Status Parser::Expect(TokenKind kind, std::string_view expected) {
  if (!At(kind)) return ErrorAt(Peek(), expected);
  ++pos_;
  return Status::Ok();
}

Status Parser::ExpectEnd() const {
  if (!At(TokenKind::kEnd)) return ErrorAt(Peek(), "an operator or end of input");
  return Status::Ok();
}

Status Parser::CheckDepth() const {
  if (depth_ > kMaxNestingDepth) {
    return ResourceExhausted(PositionMessage(
        Peek().line, Peek().column, "expression nested deeper than " + std::to_string(kMaxNestingDepth) + " levels"));
  }
  return Status::Ok();
}

Node* Parser::Make(NodeKind kind, const Token& at) {
  program_.nodes.push_back(std::make_unique<Node>());
  Node* n = program_.nodes.back().get();
  n->kind = kind;
  n->line = at.line;
  n->column = at.column;
  if (kind == NodeKind::kInput) ++input_references_;
  return n;
}

Result<Node*> Parser::Seal(Node* n) {
  int height = 0;
  for (const Node* child : n->children) {
    if (child) height = std::max(height, child->height);
  }
  n->height = height + 1;
  if (n->height > kMaxTreeHeight) {
    return ResourceExhausted(PositionMessage(n->line, n->column, "expression too deeply nested"));
  }
  return n;
}

Result<Node*> Parser::Binary(NodeKind kind, Op op, const Token& at, Node* left, Node* right) {
  Node* n = Make(kind, at);
  n->op = op;
  n->children = {left, right};
  return Seal(n);
}

// True when the bracket opened at Peek(open) closes at the last token before the end.
bool Parser::ClosingIsLast(size_t open) const {
  int depth = 0;
  for (size_t k = open; pos_ + k < tokens_.size(); ++k) {
    TokenKind kind = Peek(k).kind;
    if (kind == TokenKind::kLeftParen || kind == TokenKind::kLeftBracket || kind == TokenKind::kLeftBrace) ++depth;
    if (kind == TokenKind::kRightParen || kind == TokenKind::kRightBracket || kind == TokenKind::kRightBrace) {
      if (--depth == 0) return Peek(k + 1).kind == TokenKind::kEnd;
    }
    if (kind == TokenKind::kEnd) return false;
  }
  return false;
}

// For "x in (...)": whether the parenthesis holds a list of tests (a top-level comma) rather
// than one expression or a range.
bool Parser::ParenthesisHoldsTestList() const {
  if (ComparisonOp(Peek(1).kind)) return true;  // "x in (=10)", "x in (< 5)"
  int depth = 0;
  for (size_t k = 0; pos_ + k < tokens_.size(); ++k) {
    TokenKind kind = Peek(k).kind;
    if (kind == TokenKind::kLeftParen || kind == TokenKind::kLeftBracket || kind == TokenKind::kLeftBrace) ++depth;
    if (kind == TokenKind::kRightParen || kind == TokenKind::kRightBracket || kind == TokenKind::kRightBrace) {
      if (--depth == 0) return false;
    }
    if (depth == 1 && kind == TokenKind::kDotDot) return false;
    if (depth == 1 && kind == TokenKind::kComma) return true;
    if (kind == TokenKind::kEnd) return false;
  }
  return false;
}

Result<Node*> Parser::ParseExpression() {
  DepthGuard guard(depth_);
  RETURN_IF_ERROR(CheckDepth());
  return ParseOr();
}

// Rules 47 (disjunction) and 48 (conjunction); semantics §10.3.2.4, Table 50.
Result<Node*> Parser::ParseOr() {
  ASSIGN_OR_RETURN(Node * left, ParseAnd());
  while (AtWord("or")) {
    const Token& at = Peek();
    ++pos_;
    ASSIGN_OR_RETURN(Node * right, ParseAnd());
    ASSIGN_OR_RETURN(left, Binary(NodeKind::kOr, Op::kNone, at, left, right));
  }
  return left;
}

Result<Node*> Parser::ParseAnd() {
  ASSIGN_OR_RETURN(Node * left, ParseComparison());
  while (AtWord("and")) {
    const Token& at = Peek();
    ++pos_;
    ASSIGN_OR_RETURN(Node * right, ParseComparison());
    ASSIGN_OR_RETURN(left, Binary(NodeKind::kAnd, Op::kNone, at, left, right));
  }
  return left;
}

// Rule 49: comparison, between, in.
Result<Node*> Parser::ParseComparison() {
  ASSIGN_OR_RETURN(Node * left, ParseAdditive());
  while (true) {
    const Token& at = Peek();
    if (std::optional<Op> op = ComparisonOp(at.kind)) {
      ++pos_;
      ASSIGN_OR_RETURN(Node * right, ParseAdditive());
      ASSIGN_OR_RETURN(left, Binary(NodeKind::kComparison, *op, at, left, right));
    } else if (AtWord("between")) {
      ++pos_;
      ASSIGN_OR_RETURN(Node * low, ParseAdditive());
      if (!AtWord("and")) return ErrorAt(Peek(), "'and' in 'between ... and ...'");
      ++pos_;
      ASSIGN_OR_RETURN(Node * high, ParseAdditive());
      Node* n = Make(NodeKind::kBetween, at);
      n->children = {left, low, high};
      ASSIGN_OR_RETURN(left, Seal(n));
    } else if (AtWord("in")) {
      ++pos_;
      ASSIGN_OR_RETURN(Node * test, ParseInTarget());
      ASSIGN_OR_RETURN(left, Binary(NodeKind::kIn, Op::kNone, at, left, test));
    } else if (AtWord("instance") && Peek(1).kind == TokenKind::kName && Peek(1).text == "of") {
      ASSIGN_OR_RETURN(left, ParseInstanceOf(left, at));
    } else {
      return left;
    }
  }
}

Result<Node*> Parser::ParseInTarget() {
  if (At(TokenKind::kLeftParen) && ParenthesisHoldsTestList()) {
    Node* list = Make(NodeKind::kTestList, Peek());
    ++pos_;
    ASSIGN_OR_RETURN(list->children, ParseTestList());
    RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')'"));
    return Seal(list);
  }
  return ParsePositiveUnaryTest(/*whole_expression=*/false);
}

Result<std::vector<Node*>> Parser::ParseTestList() {
  std::vector<Node*> tests;
  while (true) {
    ASSIGN_OR_RETURN(Node * test, ParsePositiveUnaryTest(/*whole_expression=*/true));
    tests.push_back(test);
    if (!At(TokenKind::kComma)) break;
    ++pos_;
  }
  return tests;
}

// Rules 7 and 13 (positive unary test): "< e", "<= e", ..., or an expression tested against '?'.
Result<Node*> Parser::ParsePositiveUnaryTest(bool whole_expression) {
  DepthGuard guard(depth_);
  RETURN_IF_ERROR(CheckDepth());
  const Token& at = Peek();
  if (std::optional<Op> op = ComparisonOp(at.kind)) {
    ++pos_;
    ASSIGN_OR_RETURN(Node * operand, ParseAdditive());
    Node* n = Make(NodeKind::kTestCompare, at);
    n->op = *op;
    n->children = {operand};
    return Seal(n);
  }
  int references_before = input_references_;
  ASSIGN_OR_RETURN(Node * e, whole_expression ? ParseExpression() : ParseAdditive());
  Node* n = Make(NodeKind::kTestExpr, at);
  n->uses_input = input_references_ != references_before;
  n->children = {e};
  return Seal(n);
}

Result<Node*> Parser::ParseAdditive() {
  ASSIGN_OR_RETURN(Node * left, ParseMultiplicative());
  while (At(TokenKind::kPlus) || At(TokenKind::kMinus)) {
    const Token& at = Peek();
    ++pos_;
    ASSIGN_OR_RETURN(Node * right, ParseMultiplicative());
    Op op = at.kind == TokenKind::kPlus ? Op::kAdd : Op::kSubtract;
    ASSIGN_OR_RETURN(left, Binary(NodeKind::kArithmetic, op, at, left, right));
  }
  return left;
}

Result<Node*> Parser::ParseMultiplicative() {
  ASSIGN_OR_RETURN(Node * left, ParseUnary());
  while (At(TokenKind::kStar) || At(TokenKind::kSlash)) {
    const Token& at = Peek();
    ++pos_;
    ASSIGN_OR_RETURN(Node * right, ParseUnary());
    Op op = at.kind == TokenKind::kStar ? Op::kMultiply : Op::kDivide;
    ASSIGN_OR_RETURN(left, Binary(NodeKind::kArithmetic, op, at, left, right));
  }
  return left;
}

// Rule 24 (arithmetic negation) binds tighter than **, as the DMN TCK requires: -5 ** 2 is 25.
Result<Node*> Parser::ParseUnary() {
  if (!At(TokenKind::kMinus)) return ParsePower();
  ASSIGN_OR_RETURN(Node * negated, ParseExponent());
  return ParsePowerOf(FoldNegation(negated));
}

// -<number literal> becomes the negative literal, so `-1` costs no evaluation.
Node* Parser::FoldNegation(Node* n) {
  if (n->kind != NodeKind::kNegate) return n;
  Node* operand = FoldNegation(n->children[0]);
  n->children[0] = operand;
  if (operand->kind == NodeKind::kLiteral && operand->value.is_number()) {
    operand->value = Value::Number(Negate(operand->value.as_number()));
    operand->line = n->line;
    operand->column = n->column;
    return operand;
  }
  return n;
}

Result<Node*> Parser::ParsePower() {
  ASSIGN_OR_RETURN(Node * left, ParsePostfix());
  return ParsePowerOf(left);
}

Result<Node*> Parser::ParsePowerOf(Node* left) {
  while (At(TokenKind::kStarStar)) {
    const Token& at = Peek();
    ++pos_;
    ASSIGN_OR_RETURN(Node * right, ParseExponent());
    ASSIGN_OR_RETURN(left, Binary(NodeKind::kArithmetic, Op::kPower, at, left, right));
  }
  return left;
}

// The exponent may be negated: 2 ** -1.
Result<Node*> Parser::ParseExponent() {
  if (!At(TokenKind::kMinus)) return ParsePostfix();
  DepthGuard guard(depth_);
  RETURN_IF_ERROR(CheckDepth());
  const Token& at = Peek();
  ++pos_;
  ASSIGN_OR_RETURN(Node * operand, ParseExponent());
  Node* n = Make(NodeKind::kNegate, at);
  n->children = {operand};
  return Seal(n);
}

// Whether joining name words (JoinWords) cannot read `name`: it holds a symbol, a keyword or a
// word that starts with a digit but is not an integer (DMN 1.5 §10.3.1.2 rules 27-30).
bool NeedsKnownName(std::string_view name) {
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    size_t start = i;
    bool word = true, digits = true;
    while (i < name.size() && name[i] != ' ') {
      unsigned char c = static_cast<unsigned char>(name[i]);
      const bool letter = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
      const bool digit = c >= '0' && c <= '9';
      if (!letter && !digit) word = false;
      if (!digit) digits = false;
      ++i;
    }
    if (i == start) continue;
    std::string_view w = name.substr(start, i - start);
    if (!word || IsKeyword(w)) return true;
    if (!digits && w[0] >= '0' && w[0] <= '9') return true;
  }
  return false;
}

}  // namespace parser_internal

Result<std::shared_ptr<Program>> Parse(std::string_view source, ParseMode mode) {
  return Parse(source, mode, CompileOptions{});
}

Result<std::shared_ptr<Program>> Parse(std::string_view source, ParseMode mode, const CompileOptions& options) {
  if (source.size() > kMaxSourceBytes) {
    return ResourceExhausted("FEEL source is " + std::to_string(source.size()) + " bytes; the limit is " +
                             std::to_string(kMaxSourceBytes));
  }
  std::vector<std::string> special;
  for (const std::string& name : options.known_names) {
    if (parser_internal::NeedsKnownName(name)) special.push_back(name);
  }
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(source, special));
  auto program = std::make_shared<Program>();
  program->source = std::string(source);
  program->unary_tests = mode == ParseMode::kUnaryTests;
  if (tokens.size() == 1) {
    return InvalidArgument(PositionMessage(tokens[0].line, tokens[0].column,
                                           mode == ParseMode::kUnaryTests
                                               ? "expected unary tests, found end of input"
                                               : "expected an expression, found end of input"));
  }
  parser_internal::Parser parser(std::move(tokens), *program, options.named_types ? &options.named_types : nullptr);
  ASSIGN_OR_RETURN(program->root, mode == ParseMode::kUnaryTests ? parser.UnaryTestsRoot() : parser.ExpressionRoot());
  return program;
}

}  // namespace ordo::feel
