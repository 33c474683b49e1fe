// Postfix operators and primaries of the FEEL grammar (DMN 1.5 §10.3.1.2 rules 31-59): paths,
// filters, invocations, literals, names, if, lists, ranges and contexts.
#include <algorithm>

#include "feel/builtins.h"
#include "feel/expression.h"
#include "feel/parser_internal.h"

namespace ordo::feel::parser_internal {

// Whether a token can begin an expression; a '[' not followed by one closes a range ("[1..10[").
bool Parser::CanStartExpression(const Token& t) {
  switch (t.kind) {
    case TokenKind::kNumber:
    case TokenKind::kString:
    case TokenKind::kQuotedName:
    case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket:
    case TokenKind::kLeftBrace:
    case TokenKind::kMinus:
    case TokenKind::kQuestion:
    case TokenKind::kAt:
      return true;
    case TokenKind::kName:
      return !IsKeyword(t.text) || t.text == "true" || t.text == "false" || t.text == "null" || t.text == "if" ||
             t.text == "for" || t.text == "some" || t.text == "every" || t.text == "function";
    default:
      return false;
  }
}

// Rules 43 (path), 50 (filter), 38-42 (invocation).
Result<Node*> Parser::ParsePostfix() {
  ASSIGN_OR_RETURN(Node * left, ParsePrimary());
  while (true) {
    const Token& at = Peek();
    if (At(TokenKind::kDot)) {
      ++pos_;
      Node* n = Make(NodeKind::kPath, at);
      if (At(TokenKind::kQuotedName)) {
        n->name = Peek().text;
        ++pos_;
      } else if (At(TokenKind::kName)) {
        n->name = JoinWords(/*allow_keywords=*/false);
      } else {
        return ErrorAt(Peek(), "a name after '.'");
      }
      n->children = {left};
      ASSIGN_OR_RETURN(left, Seal(n));
    } else if (At(TokenKind::kLeftBracket) && CanStartExpression(Peek(1))) {
      ++pos_;
      ASSIGN_OR_RETURN(Node * filter, ParseExpression());
      RETURN_IF_ERROR(Expect(TokenKind::kRightBracket, "']' to close the filter"));
      ASSIGN_OR_RETURN(left, Binary(NodeKind::kFilter, Op::kNone, at, left, filter));
    } else if (At(TokenKind::kLeftParen) && left->kind != NodeKind::kName) {
      ASSIGN_OR_RETURN(left, ParseCallValue(left));
    } else {
      return left;
    }
  }
}

bool Parser::IntegerWord() const {
  if (!At(TokenKind::kNumber)) return false;
  const std::string& text = Peek().text;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Joins name words with single spaces (DMN 1.5 §10.3.1.2, names with spaces). A keyword is
// taken only when it completes a built-in's name that is then called ("date and time(").
std::string Parser::JoinWords(bool allow_keywords) {
  std::string name = Peek().text;
  ++pos_;
  while (At(TokenKind::kName) || IntegerWord()) {
    // A name may hold digit words ("Extra days case 1"): two operands side by side are never
    // valid FEEL, so an integer right after a name word can only belong to the name.
    if (At(TokenKind::kNumber)) {
      name += ' ';
      name += Peek().text;
      ++pos_;
      continue;
    }
    // "of" only means something after "instance", itself a keyword that ends a name, so
    // inside a name it is a word ("Years of Service").
    if (allow_keywords || !IsKeyword(Peek().text) || Peek().text == "of") {
      name += ' ';
      name += Peek().text;
      ++pos_;
      continue;
    }
    std::string candidate = name;
    size_t k = 0;
    bool completed = false;
    while (Peek(k).kind == TokenKind::kName) {
      candidate += ' ';
      candidate += Peek(k).text;
      ++k;
      if (IsBuiltinName(candidate) && Peek(k).kind == TokenKind::kLeftParen) {
        completed = true;
        break;
      }
      if (!IsBuiltinNamePrefix(candidate)) break;
    }
    if (!completed) break;
    name = std::move(candidate);
    pos_ += k;
  }
  return name;
}

Result<Node*> Parser::ParsePrimary() {
  const Token& at = Peek();
  switch (at.kind) {
    case TokenKind::kNumber: {
      Node* n = Make(NodeKind::kLiteral, at);
      std::optional<Decimal> d = Decimal::FromString(at.text);
      if (!d) return InvalidArgument(PositionMessage(at.line, at.column, "number out of range"));
      n->value = Value::Number(*d);
      ++pos_;
      return n;
    }
    case TokenKind::kString: {
      Node* n = Make(NodeKind::kLiteral, at);
      n->value = Value::String(at.text);
      ++pos_;
      return n;
    }
    case TokenKind::kQuestion: {
      ++pos_;
      return Make(NodeKind::kInput, at);
    }
    case TokenKind::kQuotedName: {
      Node* n = Make(NodeKind::kName, at);
      n->name = at.text;
      ++pos_;
      if (At(TokenKind::kLeftParen)) return ParseCall(n);
      return n;
    }
    case TokenKind::kName:
      return ParseWord();
    case TokenKind::kLeftParen:
    case TokenKind::kLeftBracket:
    case TokenKind::kRightBracket:
      return ParseBracketed();
    case TokenKind::kLeftBrace:
      return ParseContext();
    case TokenKind::kAt:
      return ParseTemporalLiteral();
    default:
      return ErrorAt(at, "an expression");
  }
}

Result<Node*> Parser::ParseWord() {
  const Token& at = Peek();
  const std::string& w = at.text;
  if (w == "true" || w == "false" || w == "null") {
    Node* n = Make(NodeKind::kLiteral, at);
    if (w != "null") n->value = Value::Bool(w == "true");
    ++pos_;
    return n;
  }
  if (w == "if") return ParseIf();
  if ((w == "for" || w == "some" || w == "every") && Peek(1).kind == TokenKind::kName) return ParseIteration();
  if (w == "function" && Peek(1).kind == TokenKind::kLeftParen) return ParseFunctionDefinition();
  if (IsKeyword(w)) return ErrorAt(at, "an expression");
  Node* n = Make(NodeKind::kName, at);
  n->name = JoinWords(/*allow_keywords=*/false);
  if (At(TokenKind::kLeftParen)) return ParseCall(n);
  return n;
}

// Rule 45: if e1 then e2 else e3.
Result<Node*> Parser::ParseIf() {
  Node* n = Make(NodeKind::kIf, Peek());
  ++pos_;
  ASSIGN_OR_RETURN(Node * condition, ParseExpression());
  if (!AtWord("then")) return ErrorAt(Peek(), "'then'");
  ++pos_;
  ASSIGN_OR_RETURN(Node * then_branch, ParseExpression());
  if (!AtWord("else")) return ErrorAt(Peek(), "'else'");
  ++pos_;
  ASSIGN_OR_RETURN(Node * else_branch, ParseExpression());
  n->children = {condition, then_branch, else_branch};
  return Seal(n);
}

// Rules 38-42 and §10.3.2.13.5: positional or named arguments, resolved against the built-ins.
Result<Node*> Parser::ParseCall(Node* call) {
  ++pos_;
  call->kind = NodeKind::kCall;
  std::vector<std::string> names;
  std::vector<Node*> args;
  std::vector<const Token*> name_tokens;
  while (!At(TokenKind::kRightParen)) {
    size_t k = 0;
    while (Peek(k).kind == TokenKind::kName) ++k;
    bool named = k > 0 && Peek(k).kind == TokenKind::kColon;
    if (named != !names.empty() && !args.empty()) {
      return InvalidArgument(PositionMessage(Peek().line, Peek().column, "cannot mix positional and named arguments"));
    }
    if (named) {
      name_tokens.push_back(&Peek());
      names.push_back(JoinWords(/*allow_keywords=*/true));
      ++pos_;  // ':'
    }
    ASSIGN_OR_RETURN(Node * arg, ParseExpression());
    args.push_back(arg);
    if (!At(TokenKind::kComma)) break;
    ++pos_;
  }
  RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')' in the argument list"));
  if (call->name == "is defined" && args.size() == 1 && names.empty()) {
    call->kind = NodeKind::kIsDefined;
    call->children = std::move(args);
    return Seal(call);
  }
  if (IsBound(call->name)) {
    // A function value in scope hides a built-in of the same name; matched at evaluation.
    call->keys = std::move(names);
    call->children = std::move(args);
    return Seal(call);
  }
  if (names.empty()) {
    call->builtin = FindBuiltin(call->name, args.size());
    if (!call->builtin && IsBuiltinName(call->name)) {
      return InvalidArgument(
          PositionMessage(call->line, call->column, "wrong number of arguments for " + call->name + "()"));
    }
    call->children = std::move(args);
    return Seal(call);
  }
  call->builtin = FindBuiltinByParameters(call->name, names);
  if (!call->builtin) {
    if (IsBuiltinName(call->name)) {
      return InvalidArgument(
          PositionMessage(call->line, call->column, "no parameters with these names in " + call->name + "()"));
    }
    // A function value from the scope: its parameters are matched by name at evaluation.
    call->keys = std::move(names);
    call->children = std::move(args);
    return Seal(call);
  }
  const auto& params = call->builtin->parameters;
  call->children.assign(params.size(), nullptr);
  size_t given = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    size_t slot = static_cast<size_t>(std::find(params.begin(), params.end(), names[i]) - params.begin());
    if (call->children[slot]) {
      return InvalidArgument(
          PositionMessage(name_tokens[i]->line, name_tokens[i]->column, "parameter '" + names[i] + "' given twice"));
    }
    call->children[slot] = args[i];
    given = std::max(given, slot + 1);
  }
  // A required parameter not named is null (the TCK 0103: is(value1: x) is false), and the
  // built-in decides what null means for it.
  for (size_t i = 0; i < static_cast<size_t>(call->builtin->min_args); ++i) {
    if (!call->children[i]) {
      call->children[i] = Make(NodeKind::kLiteral, *name_tokens.front());
      given = std::max(given, i + 1);
    }
  }
  call->children.resize(given);
  return Seal(call);
}

// '(' e ')' | '[' e, ... ']' | a range: ('[' | '(' | ']') e '..' e (']' | ')' | '[').
Result<Node*> Parser::ParseBracketed() {
  const Token& open = Peek();
  ++pos_;
  if (open.kind == TokenKind::kLeftBracket && At(TokenKind::kRightBracket)) {
    ++pos_;
    return Make(NodeKind::kList, open);
  }
  if (open.kind == TokenKind::kLeftParen) {
    // DMN 1.5 §10.3.2.7: a parenthesized comparison is a range, (< 10) = (null..10).
    const TokenKind op = Peek().kind;
    if (op == TokenKind::kLess || op == TokenKind::kLessEqual || op == TokenKind::kGreater ||
        op == TokenKind::kGreaterEqual || op == TokenKind::kEqual || op == TokenKind::kNotEqual) {
      ++pos_;
      ASSIGN_OR_RETURN(Node * endpoint, ParseExpression());
      RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')' after the comparison"));
      Node* range = Make(NodeKind::kRange, open);
      const bool upper = op == TokenKind::kLess || op == TokenKind::kLessEqual;
      const bool lower = op == TokenKind::kGreater || op == TokenKind::kGreaterEqual;
      range->start_included = op == TokenKind::kGreaterEqual || op == TokenKind::kEqual;
      range->end_included = op == TokenKind::kLessEqual || op == TokenKind::kEqual;
      range->children = {upper ? nullptr : endpoint, lower ? nullptr : endpoint};
      if (op == TokenKind::kEqual) range->op = Op::kEqual;
      if (op == TokenKind::kNotEqual) range->op = Op::kNotEqual;
      return Seal(range);
    }
  }
  ASSIGN_OR_RETURN(Node * first, ParseExpression());
  if (At(TokenKind::kDotDot)) {
    ++pos_;
    ASSIGN_OR_RETURN(Node * last, ParseExpression());
    Node* range = Make(NodeKind::kRange, open);
    range->start_included = open.kind == TokenKind::kLeftBracket;
    if (At(TokenKind::kRightBracket)) {
      range->end_included = true;
    } else if (At(TokenKind::kRightParen) || At(TokenKind::kLeftBracket)) {
      range->end_included = false;
    } else {
      return ErrorAt(Peek(), "']', ')' or '[' to close the range");
    }
    ++pos_;
    range->children = {first, last};
    return Seal(range);
  }
  if (open.kind == TokenKind::kLeftParen) {
    RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "')'"));
    return first;
  }
  if (open.kind == TokenKind::kRightBracket) return ErrorAt(Peek(), "'..' in a range");
  Node* list = Make(NodeKind::kList, open);
  list->children.push_back(first);
  while (At(TokenKind::kComma)) {
    ++pos_;
    ASSIGN_OR_RETURN(Node * item, ParseExpression());
    list->children.push_back(item);
  }
  RETURN_IF_ERROR(Expect(TokenKind::kRightBracket, "',' or ']' in the list"));
  // A list of literals is built once here; evaluating it then shares this value.
  if (std::all_of(list->children.begin(), list->children.end(),
                  [](const Node* item) { return item->kind == NodeKind::kLiteral; })) {
    std::vector<Value> items;
    items.reserve(list->children.size());
    for (const Node* item : list->children) items.push_back(item->value);
    list->value = Value::List(std::move(items));
  }
  return Seal(list);
}

// Rules 57-59: {key: e, "key": e}; later entries may refer to earlier ones (§10.3.2.6).
// The number of tokens before a ':' that form a context key holding a name symbol (+ - * / .),
// or 0 when the tokens up to the ':' are not such a key.
size_t Parser::SymbolKeyLength() const {
  bool symbol = false;
  for (size_t k = 0;; ++k) {
    switch (Peek(k).kind) {
      case TokenKind::kName:
      case TokenKind::kNumber:
        break;
      case TokenKind::kPlus:
      case TokenKind::kMinus:
      case TokenKind::kStar:
      case TokenKind::kSlash:
      case TokenKind::kDot:
        if (k == 0) return 0;
        symbol = true;
        break;
      case TokenKind::kColon:
        return symbol ? k : 0;
      default:
        return 0;
    }
  }
}

Result<Node*> Parser::ParseContext() {
  Node* context = Make(NodeKind::kContext, Peek());
  ++pos_;
  const size_t scope_mark = bound_.size();
  while (!At(TokenKind::kRightBrace)) {
    const Token& key_token = Peek();
    std::string key;
    if (At(TokenKind::kString) || At(TokenKind::kQuotedName)) {
      key = Peek().text;
      ++pos_;
    } else if (At(TokenKind::kName) && SymbolKeyLength() > 0) {
      // Rule 30: a key is a name, and a name may hold the symbols . / - + * ("foo+bar").
      for (size_t k = SymbolKeyLength(); k > 0; --k, ++pos_) {
        const Token& t = Peek();
        if (t.kind == TokenKind::kName || t.kind == TokenKind::kNumber) {
          if (!key.empty() && std::string_view("./-+*").find(key.back()) == std::string_view::npos) key += ' ';
          key += t.text;
        } else {
          key += TokenKindText(t.kind).substr(1, 1);  // "'+'" -> "+"
        }
      }
    } else if (At(TokenKind::kName)) {
      key = JoinWords(/*allow_keywords=*/true);
    } else {
      return ErrorAt(Peek(), "a context key (a name or a string)");
    }
    if (std::find(context->keys.begin(), context->keys.end(), key) != context->keys.end()) {
      return InvalidArgument(PositionMessage(key_token.line, key_token.column, "duplicate context key '" + key + "'"));
    }
    RETURN_IF_ERROR(Expect(TokenKind::kColon, "':' after the context key"));
    ASSIGN_OR_RETURN(Node * value, ParseExpression());
    bound_.push_back(key);  // later entries see it
    context->keys.push_back(std::move(key));
    context->children.push_back(value);
    if (!At(TokenKind::kComma)) break;
    ++pos_;
  }
  RETURN_IF_ERROR(Expect(TokenKind::kRightBrace, "',' or '}' in the context"));
  bound_.resize(scope_mark);
  return Seal(context);
}

}  // namespace ordo::feel::parser_internal
