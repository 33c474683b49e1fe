#include "feel/types.h"

#include <algorithm>

#include "feel/ops.h"

namespace ordo::feel {
namespace {

struct NamedKind {
  std::string_view name;
  TypeKind kind;
};

// DMN 1.5 §7.3.2 names the FEEL types; DMN 1.1 models also use the XML Schema names.
constexpr NamedKind kBuiltinTypes[] = {
    {"Any", TypeKind::kAny},
    {"Null", TypeKind::kNull},
    {"number", TypeKind::kNumber},
    {"string", TypeKind::kString},
    {"boolean", TypeKind::kBoolean},
    {"date", TypeKind::kDate},
    {"time", TypeKind::kTime},
    {"date and time", TypeKind::kDateTime},
    {"dateTime", TypeKind::kDateTime},
    {"days and time duration", TypeKind::kDaysTime},
    {"dayTimeDuration", TypeKind::kDaysTime},
    {"years and months duration", TypeKind::kYearsMonths},
    {"yearMonthDuration", TypeKind::kYearsMonths},
    {"list", TypeKind::kList},
    {"context", TypeKind::kContext},
    {"range", TypeKind::kRange},
    {"function", TypeKind::kFunction},
};

Status TypeError(const Token& t, std::string_view expected) {
  return InvalidArgument(PositionMessage(t.line, t.column, "expected " + std::string(expected) + " in a type"));
}

const Token& At(const std::vector<Token>& tokens, size_t pos) { return tokens[std::min(pos, tokens.size() - 1)]; }

Result<std::vector<Type>> TypeParameters(const std::vector<Token>& tokens, size_t& pos) {
  std::vector<Type> out;
  ++pos;  // '<'
  if (At(tokens, pos).kind == TokenKind::kGreater) {
    ++pos;
    return out;
  }
  while (true) {
    ASSIGN_OR_RETURN(Type t, ParseTypeTokens(tokens, pos));
    out.push_back(std::move(t));
    if (At(tokens, pos).kind == TokenKind::kComma) {
      ++pos;
      continue;
    }
    if (At(tokens, pos).kind != TokenKind::kGreater) return TypeError(At(tokens, pos), "',' or '>'");
    ++pos;
    return out;
  }
}

}  // namespace

bool BuiltinType(std::string_view name, TypeKind& kind) {
  for (const NamedKind& k : kBuiltinTypes) {
    if (k.name == name) {
      kind = k.kind;
      return true;
    }
  }
  return false;
}

Result<Type> ParseTypeTokens(const std::vector<Token>& tokens, size_t& pos) {
  const Token& first = At(tokens, pos);
  if (first.kind == TokenKind::kQuotedName) {
    ++pos;
    return Type{TypeKind::kNamed, first.text, {}, {}};
  }
  if (first.kind != TokenKind::kName) return TypeError(first, "a type name");
  // The longest built-in type name made of the next words ("date and time" before "date").
  std::string words;
  size_t best_end = 0;
  TypeKind best_kind = TypeKind::kAny;
  for (size_t k = pos; At(tokens, k).kind == TokenKind::kName && k - pos < 4; ++k) {
    if (!words.empty()) words += ' ';
    words += At(tokens, k).text;
    TypeKind kind;
    if (BuiltinType(words, kind)) {
      best_end = k + 1;
      best_kind = kind;
    }
  }
  Type type;
  if (best_end != 0) {
    pos = best_end;
    type.kind = best_kind;
  } else {
    // A model's type: words joined by spaces, parts joined by dots ("tns.tPerson").
    type.kind = TypeKind::kNamed;
    while (true) {
      const Token& t = At(tokens, pos);
      if (t.kind != TokenKind::kName && t.kind != TokenKind::kQuotedName) break;
      if (t.text == "and" || t.text == "or" || t.text == "then" || t.text == "else" || t.text == "return" ||
          t.text == "satisfies") {
        break;
      }
      if (!type.name.empty() && type.name.back() != '.') type.name += ' ';
      type.name += t.text;
      ++pos;
      if (At(tokens, pos).kind == TokenKind::kDot) {
        type.name += '.';
        ++pos;
      }
    }
    return type;
  }
  if (At(tokens, pos).kind != TokenKind::kLess) {
    return type;
  }
  switch (type.kind) {
    case TypeKind::kList:
    case TypeKind::kRange: {
      ASSIGN_OR_RETURN(type.parameters, TypeParameters(tokens, pos));
      if (type.parameters.size() != 1) return TypeError(At(tokens, pos), "one type parameter");
      return type;
    }
    case TypeKind::kContext: {
      ++pos;
      while (At(tokens, pos).kind != TokenKind::kGreater) {
        std::string key;
        while (At(tokens, pos).kind == TokenKind::kName || At(tokens, pos).kind == TokenKind::kQuotedName) {
          if (!key.empty()) key += ' ';
          key += At(tokens, pos).text;
          ++pos;
        }
        if (key.empty() || At(tokens, pos).kind != TokenKind::kColon) return TypeError(At(tokens, pos), "'name:'");
        ++pos;
        ASSIGN_OR_RETURN(Type t, ParseTypeTokens(tokens, pos));
        type.fields.push_back(TypeField{std::move(key), std::move(t)});
        if (At(tokens, pos).kind == TokenKind::kComma) ++pos;
        else if (At(tokens, pos).kind != TokenKind::kGreater) return TypeError(At(tokens, pos), "',' or '>'");
      }
      ++pos;
      return type;
    }
    case TypeKind::kFunction: {
      ASSIGN_OR_RETURN(type.parameters, TypeParameters(tokens, pos));
      if (At(tokens, pos).kind != TokenKind::kMinus || At(tokens, pos + 1).kind != TokenKind::kGreater) {
        return TypeError(At(tokens, pos), "'->' and the result type");
      }
      pos += 2;
      ASSIGN_OR_RETURN(Type result, ParseTypeTokens(tokens, pos));
      type.parameters.push_back(std::move(result));
      return type;
    }
    default:
      return type;
  }
}

Result<Type> ParseType(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  size_t pos = 0;
  ASSIGN_OR_RETURN(Type type, ParseTypeTokens(tokens, pos));
  if (tokens[std::min(pos, tokens.size() - 1)].kind != TokenKind::kEnd) {
    const Token& t = tokens[std::min(pos, tokens.size() - 1)];
    return InvalidArgument(PositionMessage(t.line, t.column, "unexpected text after the type"));
  }
  return type;
}

bool Conforms(const Value& value, const Type& type, const NamedTypeCheck* named) {
  if (type.kind == TypeKind::kNull) return value.is_null();
  if (value.is_null()) return false;
  switch (type.kind) {
    case TypeKind::kAny:
      return true;
    case TypeKind::kNumber:
      return value.is_number();
    case TypeKind::kString:
      return value.is_string();
    case TypeKind::kBoolean:
      return value.is_bool();
    case TypeKind::kDate:
      return value.kind() == ValueKind::kDate;
    case TypeKind::kTime:
      return value.kind() == ValueKind::kTime;
    case TypeKind::kDateTime:
      return value.kind() == ValueKind::kDateTime;
    case TypeKind::kDaysTime:
      return value.kind() == ValueKind::kDaysTimeDuration;
    case TypeKind::kYearsMonths:
      return value.kind() == ValueKind::kYearsMonthsDuration;
    case TypeKind::kList:
      if (!value.is_list()) return false;
      if (type.parameters.empty()) return true;
      return std::all_of(value.as_list().begin(), value.as_list().end(), [&](const Value& item) {
        return item.is_null() || Conforms(item, type.parameters[0], named);
      });
    case TypeKind::kRange: {
      if (!value.is_range()) return false;
      if (type.parameters.empty()) return true;
      const RangeValue& r = value.as_range();
      return (r.start.is_null() || Conforms(r.start, type.parameters[0], named)) &&
             (r.end.is_null() || Conforms(r.end, type.parameters[0], named));
    }
    case TypeKind::kContext:
      if (!value.is_context()) return false;
      return std::all_of(type.fields.begin(), type.fields.end(), [&](const auto& field) {
        const Value* v = value.FindEntry(field.name);
        return v != nullptr && (v->is_null() || Conforms(*v, field.type, named));
      });
    case TypeKind::kFunction:
      return value.is_function();
    case TypeKind::kNamed:
      return named != nullptr && (*named)(value, type.name);
    case TypeKind::kNull:
      return false;
  }
  return false;
}

std::string TypeText(const Type& type) {
  std::string out;
  switch (type.kind) {
    case TypeKind::kNamed:
      return type.name;
    case TypeKind::kContext: {
      out = "context<";
      for (size_t i = 0; i < type.fields.size(); ++i) {
        if (i) out += ", ";
        out += type.fields[i].name + ": " + TypeText(type.fields[i].type);
      }
      return out + ">";
    }
    default:
      break;
  }
  for (const NamedKind& k : kBuiltinTypes) {
    if (k.kind == type.kind) {
      out = std::string(k.name);
      break;
    }
  }
  if (type.kind == TypeKind::kFunction && !type.parameters.empty()) {
    out += "<";
    for (size_t i = 0; i + 1 < type.parameters.size(); ++i) out += (i ? ", " : "") + TypeText(type.parameters[i]);
    return out + ">->" + TypeText(type.parameters.back());
  }
  if (!type.parameters.empty()) out += "<" + TypeText(type.parameters[0]) + ">";
  return out;
}

}  // namespace ordo::feel
