// A small JSON document model that keeps numbers as their exact source text.
//
// Why not a library DOM: process variables carry exact decimals (FEEL numbers are decimal128) and
// common DOMs turn numbers into double. Here a number stays the text it was written as, so
// "0.1" round-trips as "0.1" and 12345678901234567890.123 is never rounded. Objects keep insertion
// order (lookup is linear: API bodies and variable maps are small).
// Thread-safety: values are plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ordo::json {

enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

std::string_view TypeName(Type type);

class Value;
struct Member;
using Array = std::vector<Value>;
using Object = std::vector<Member>;

class Value {
 public:
  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  // REQUIRES: text is a valid JSON number.
  static Value Number(std::string text);
  static Value Int(int64_t v);
  static Value String(std::string s);
  static Value MakeArray();
  static Value MakeArray(Array items);
  static Value MakeObject();
  static Value MakeObject(Object members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // REQUIRES: the matching type.
  bool as_bool() const { return bool_; }
  const std::string& number_text() const { return text_; }
  const std::string& as_string() const { return text_; }
  const Array& as_array() const;
  Array& as_array();
  const Object& as_object() const;
  Object& as_object();

  // Integer value of a number that is integral and fits; nullopt otherwise.
  std::optional<int64_t> as_int() const;

  // Object lookup; nullptr when absent or not an object.
  const Value* Find(std::string_view key) const;
  // Object insert-or-replace. REQUIRES: is_object().
  void Set(std::string key, Value value);

  bool operator==(const Value& other) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  std::string text_;  // number text or string contents
  std::shared_ptr<Array> array_;    // copy-on-write is not needed: values are built, then read
  std::shared_ptr<Object> object_;
};

struct Member {
  std::string key;
  Value value;
};

struct ParseOptions {
  int max_depth = 128;
};

// Parses one JSON text (RFC 8259). Errors say what and where: "line 3, column 7: expected ':'".
Result<Value> Parse(std::string_view text, const ParseOptions& options = {});

// Compact serialization, members in insertion order.
std::string Serialize(const Value& value);
void AppendSerialized(std::string& out, const Value& value);
// Appends s as a quoted, escaped JSON string.
void AppendQuoted(std::string& out, std::string_view s);

}  // namespace ordo::json
