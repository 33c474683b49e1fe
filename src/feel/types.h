// FEEL types (DMN 1.5 §10.3.2.9 "Type Conformance" and §7.3.2 item definitions): the built-in
// type names, list<T>, range<T>, context<k: T, ...>, function<T, ...> -> T, Any and Null, and
// names a model defines (an item definition), which the caller resolves.
//
// A Type is parsed once from its text ("list<number>", "date and time", "tPerson") and then
// checked against values many times: `instance of` in FEEL and the typeRef checks of DMN.
// Thread-safety: a Type is an immutable value once built; the functions are pure.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "feel/lexer.h"
#include "feel/value.h"

namespace ordo::feel {

enum class TypeKind : uint8_t {
  kAny,
  kNull,
  kNumber,
  kString,
  kBoolean,
  kDate,
  kTime,
  kDateTime,
  kDaysTime,
  kYearsMonths,
  kList,      // parameters[0]: the element type
  kRange,     // parameters[0]: the endpoint type
  kContext,   // fields
  kFunction,  // parameters: the parameter types, then the result type
  kNamed,     // name: a type a model defines (item definition), resolved by the caller
};

struct TypeField;

struct Type {
  TypeKind kind = TypeKind::kAny;
  std::string name;  // kNamed
  std::vector<Type> parameters;
  // A named struct rather than std::pair: a pair of an incomplete Type is instantiated too early
  // by clang's standard library checks.
  std::vector<TypeField> fields;
};

struct TypeField {
  std::string name;
  Type type;
};

// The built-in type named `name` ("number", "date and time", "dateTime" and the other XML Schema
// spellings DMN 1.1 models use); false when `name` is not one.
bool BuiltinType(std::string_view name, TypeKind& kind);

// Parses a type from tokens starting at `pos` and advances past it. InvalidArgument on bad text.
Result<Type> ParseTypeTokens(const std::vector<Token>& tokens, size_t& pos);
// Parses a whole text as a type.
Result<Type> ParseType(std::string_view text);

// How a named type is checked: true when `value` conforms to the type called `name`.
using NamedTypeCheck = std::function<bool(const Value& value, const std::string& name)>;

// DMN 1.5 §10.3.2.9.1 (conformance), §10.3.2.8 (instance of). Null conforms only to Null; a
// named type without a checker never conforms.
bool Conforms(const Value& value, const Type& type, const NamedTypeCheck* named = nullptr);

// The FEEL text of a type, for messages.
std::string TypeText(const Type& type);

}  // namespace ordo::feel
