// The FEEL grammar's iteration, function and type constructs (DMN 1.5 §10.3.1.2 rules 40, 46,
// 51-55, 57, 62): for / some / every, function definitions, instance of, invocation of a computed
// function value and temporal literals (@"2024-01-01").
#include <algorithm>
#include <unordered_set>

#include "feel/builtins.h"
#include "feel/expression.h"
#include "feel/parser_internal.h"
#include "feel/types.h"

namespace ordo::feel::parser_internal {
namespace {

// The names a function body reads, so that its closure can capture their values where the
// function is defined (§10.3.2.13.2). The tree is walked with an explicit stack: it may be tall.
std::vector<std::string> CollectNames(const Node* body) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  std::vector<const Node*> stack{body};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (!n) continue;
    if ((n->kind == NodeKind::kName || (n->kind == NodeKind::kCall && !n->builtin) || n->kind == NodeKind::kIsDefined) &&
        !n->name.empty() && seen.insert(n->name).second) {
      names.push_back(n->name);
    }
    if (n->kind == NodeKind::kFunctionDef) {
      for (const std::string& c : n->captures) {
        if (seen.insert(c).second) names.push_back(c);
      }
      continue;
    }
    for (const Node* child : n->children) stack.push_back(child);
  }
  return names;
}

}  // namespace

// Rules 46 (for), 51 (some/every): "for i in L, j in 1..3 return e", "some x in L satisfies t".
Result<Node*> Parser::ParseIteration() {
  const Token& at = Peek();
  Node* n = Make(at.text == "for" ? NodeKind::kFor : NodeKind::kQuantified, at);
  n->every = at.text == "every";
  ++pos_;
  const std::string_view body_keyword = n->kind == NodeKind::kFor ? "return" : "satisfies";
  const size_t scope_mark = bound_.size();
  while (true) {
    if (At(TokenKind::kQuotedName)) {
      n->keys.push_back(Peek().text);
      ++pos_;
    } else if (At(TokenKind::kName) && !IsKeyword(Peek().text)) {
      n->keys.push_back(JoinWords(/*allow_keywords=*/false));
    } else {
      return ErrorAt(Peek(), "an iteration variable");
    }
    if (!AtWord("in")) return ErrorAt(Peek(), "'in'");
    ++pos_;
    ASSIGN_OR_RETURN(Node * domain, ParseExpression());
    Node* end = nullptr;
    if (At(TokenKind::kDotDot)) {
      ++pos_;
      ASSIGN_OR_RETURN(end, ParseExpression());
    }
    n->children.push_back(domain);
    n->children.push_back(end);
    bound_.push_back(n->keys.back());  // later domains and the body see it
    if (At(TokenKind::kComma)) {
      ++pos_;
      continue;
    }
    if (!AtWord(body_keyword)) return ErrorAt(Peek(), "',' or '" + std::string(body_keyword) + "'");
    ++pos_;
    break;
  }
  ASSIGN_OR_RETURN(Node * body, ParseExpression());
  bound_.resize(scope_mark);
  n->children.push_back(body);
  if (n->kind == NodeKind::kFor) {
    // Building `partial` costs a list per iteration: only a loop that reads it pays for it.
    for (const Node* child : n->children) {
      const std::vector<std::string> names = CollectNames(child);
      n->uses_partial = n->uses_partial || std::find(names.begin(), names.end(), "partial") != names.end();
    }
  }
  return Seal(n);
}

// Rules 55-57: function(a, b: number) body; an "external" body is the mapping to a Java method
// (§10.3.2.13.3, feel/java_functions.h).
Result<Node*> Parser::ParseFunctionDefinition() {
  const Token& at = Peek();
  Node* n = Make(NodeKind::kFunctionDef, at);
  pos_ += 2;  // "function" "("
  while (!At(TokenKind::kRightParen)) {
    if (At(TokenKind::kQuotedName)) {
      n->keys.push_back(Peek().text);
      ++pos_;
    } else if (At(TokenKind::kName)) {
      n->keys.push_back(JoinWords(/*allow_keywords=*/false));
    } else {
      return ErrorAt(Peek(), "a parameter name");
    }
    n->parameter_types.emplace_back();
    if (At(TokenKind::kColon)) {
      ++pos_;
      ASSIGN_OR_RETURN(Type declared, ParseTypeTokens(tokens_, pos_));
      n->parameter_types.back() = std::make_shared<const Type>(std::move(declared));
    }
    if (!At(TokenKind::kComma)) break;
    ++pos_;
  }
  RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')' after the parameters"));
  if (AtWord("external")) {
    ++pos_;
    n->external = true;
  }
  const size_t scope_mark = bound_.size();
  if (!n->external) bound_.insert(bound_.end(), n->keys.begin(), n->keys.end());
  ASSIGN_OR_RETURN(Node * body, ParseExpression());
  bound_.resize(scope_mark);
  n->children = {body};
  n->captures = CollectNames(body);
  return Seal(n);
}

namespace {

// Replaces the names of types the context defines by their structure (§10.3.2.8: an item
// definition's name in `instance of`); a name the context does not know stays unresolved.
void ResolveNamedTypes(Type& type, const Parser::NamedTypes& named_types, int depth) {
  if (depth > kMaxNestingDepth) return;
  if (type.kind == TypeKind::kNamed) {
    if (std::optional<Type> resolved = named_types(type.name)) type = std::move(*resolved);
    return;
  }
  for (Type& parameter : type.parameters) ResolveNamedTypes(parameter, named_types, depth + 1);
  for (TypeField& field : type.fields) ResolveNamedTypes(field.type, named_types, depth + 1);
}

}  // namespace

// Rule 52 (instance of) with the type grammar of rule 54.
Result<Node*> Parser::ParseInstanceOf(Node* left, const Token& at) {
  pos_ += 2;  // "instance" "of"
  ASSIGN_OR_RETURN(Type type, ParseTypeTokens(tokens_, pos_));
  if (named_types_) ResolveNamedTypes(type, *named_types_, 0);
  Node* n = Make(NodeKind::kInstanceOf, at);
  n->type = std::make_shared<const Type>(std::move(type));
  n->children = {left};
  return Seal(n);
}

// Rule 62 (DMN 1.5): @"..." is a date, time, date and time or duration by the string's form.
Result<Node*> Parser::ParseTemporalLiteral() {
  const Token& at = Peek();
  ++pos_;
  if (!At(TokenKind::kString)) return ErrorAt(Peek(), "a string after '@'");
  const std::string& text = Peek().text;
  ++pos_;
  std::string_view function;
  // The form is read before any "@zone" suffix: zone names hold letters like 'P' and 'T'.
  const std::string_view form = std::string_view(text).substr(0, text.find('@'));
  if (form.starts_with('P') || form.starts_with("-P")) {
    function = "duration";
  } else if (form.find('T') != std::string::npos) {
    function = "date and time";
  } else if (form.find(':') != std::string::npos) {
    function = "time";
  } else {
    function = "date";
  }
  const Builtin* builtin = FindBuiltin(function, 1);
  Node* n = Make(NodeKind::kLiteral, at);
  Value argument = Value::String(text);
  CallContext call(function, nullptr, at.line, at.column);
  n->value = builtin ? builtin->function(std::span<const Value>(&argument, 1), call) : Value::Null();
  if (n->value.is_null()) {
    return InvalidArgument(PositionMessage(at.line, at.column, "invalid temporal literal @\"" + text + "\""));
  }
  return n;
}

// Rule 40 on any expression: (function(x) x + 1)(2), a.f(1), f(a: 1) for a function value.
Result<Node*> Parser::ParseCallValue(Node* callee) {
  Node* n = Make(NodeKind::kCallValue, Peek());
  ++pos_;
  n->children.push_back(callee);
  std::vector<std::string> names;
  while (!At(TokenKind::kRightParen)) {
    size_t k = 0;
    while (Peek(k).kind == TokenKind::kName) ++k;
    bool named = k > 0 && Peek(k).kind == TokenKind::kColon;
    if (named) {
      names.push_back(JoinWords(/*allow_keywords=*/true));
      ++pos_;
    } else if (!names.empty()) {
      return InvalidArgument(PositionMessage(Peek().line, Peek().column, "cannot mix positional and named arguments"));
    }
    ASSIGN_OR_RETURN(Node * arg, ParseExpression());
    n->children.push_back(arg);
    if (!At(TokenKind::kComma)) break;
    ++pos_;
  }
  RETURN_IF_ERROR(Expect(TokenKind::kRightParen, "',' or ')' in the argument list"));
  if (!names.empty() && names.size() != n->children.size() - 1) {
    return InvalidArgument(PositionMessage(n->line, n->column, "cannot mix positional and named arguments"));
  }
  n->keys = std::move(names);
  return Seal(n);
}

}  // namespace ordo::feel::parser_internal
