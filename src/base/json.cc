#include "base/json.h"

#include <cstdio>
#include <cstring>

namespace ordo::json {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kNull: return "null";
    case Type::kBool: return "boolean";
    case Type::kNumber: return "number";
    case Type::kString: return "string";
    case Type::kArray: return "array";
    case Type::kObject: return "object";
  }
  return "?";
}

Value Value::Bool(bool b) {
  Value v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

Value Value::Number(std::string text) {
  Value v;
  v.type_ = Type::kNumber;
  v.text_ = std::move(text);
  return v;
}

Value Value::Int(int64_t i) { return Number(std::to_string(i)); }

Value Value::String(std::string s) {
  Value v;
  v.type_ = Type::kString;
  v.text_ = std::move(s);
  return v;
}

Value Value::MakeArray() { return MakeArray(Array()); }
Value Value::MakeObject() { return MakeObject(Object()); }

Value Value::MakeArray(Array items) {
  Value v;
  v.type_ = Type::kArray;
  v.array_ = std::make_shared<Array>(std::move(items));
  return v;
}

Value Value::MakeObject(Object members) {
  Value v;
  v.type_ = Type::kObject;
  v.object_ = std::make_shared<Object>(std::move(members));
  return v;
}

const Array& Value::as_array() const { return *array_; }
Array& Value::as_array() { return *array_; }
const Object& Value::as_object() const { return *object_; }
Object& Value::as_object() { return *object_; }

std::optional<int64_t> Value::as_int() const {
  if (type_ != Type::kNumber) return std::nullopt;
  const std::string& t = text_;
  size_t i = 0;
  bool neg = false;
  if (i < t.size() && t[i] == '-') { neg = true; ++i; }
  if (i >= t.size()) return std::nullopt;
  uint64_t acc = 0;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (c == '.' || c == 'e' || c == 'E') {
      // Allow "5.0", "5.00", "1e3": integral values written otherwise.
      double d = std::strtod(t.c_str(), nullptr);
      if (d != static_cast<double>(static_cast<int64_t>(d))) return std::nullopt;
      if (d > 9.0e15 || d < -9.0e15) return std::nullopt;
      return static_cast<int64_t>(d);
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (acc > (UINT64_MAX - 9) / 10) return std::nullopt;
    acc = acc * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!neg && acc > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  if (neg && acc > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
  return neg ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc);
}

const Value* Value::Find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const Member& m : *object_) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

void Value::Set(std::string key, Value value) {
  assert(type_ == Type::kObject);
  for (Member& m : *object_) {
    if (m.key == key) {
      m.value = std::move(value);
      return;
    }
  }
  object_->push_back(Member{std::move(key), std::move(value)});
}

bool Value::operator==(const Value& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return bool_ == other.bool_;
    case Type::kNumber:
    case Type::kString: return text_ == other.text_;
    case Type::kArray: return *array_ == *other.array_;
    case Type::kObject: {
      if (object_->size() != other.object_->size()) return false;
      for (const Member& m : *object_) {
        const Value* o = other.Find(m.key);
        if (o == nullptr || !(*o == m.value)) return false;
      }
      return true;
    }
  }
  return false;
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : s_(text), options_(options) {}

  // Iterative on purpose: request bodies are parsed on HTTP worker threads with small stacks,
  // so nesting depth must cost heap, not stack.
  Result<Value> ParseDocument() {
    struct Frame {
      Value container;
      std::string key;  // the pending member name, for objects
    };
    std::vector<Frame> stack;
    Value result;
    SkipSpace();
    while (true) {
      // Parse one value (a scalar, or the start of a container).
      Value v;
      bool opened = false;
      if (pos_ >= s_.size()) return Error("unexpected end of input");
      char c = s_[pos_];
      if (c == '{' || c == '[') {
        if (static_cast<int>(stack.size()) >= options_.max_depth) {
          return ResourceExhausted("JSON nested deeper than " + std::to_string(options_.max_depth) + " levels");
        }
        ++pos_;
        stack.push_back(Frame{c == '{' ? Value::MakeObject() : Value::MakeArray(), {}});
        opened = true;
        SkipSpace();
        if (pos_ < s_.size() && s_[pos_] == (c == '{' ? '}' : ']')) {
          ++pos_;
          v = std::move(stack.back().container);
          stack.pop_back();
          opened = false;
        } else if (c == '{') {
          RETURN_IF_ERROR(ParseKey(stack.back().key));
        }
      } else {
        RETURN_IF_ERROR(ParseScalar(v));
      }
      if (opened) {
        SkipSpace();
        continue;
      }
      // Attach v to its parent, closing every container that ends here.
      while (true) {
        if (stack.empty()) {
          result = std::move(v);
          SkipSpace();
          if (pos_ != s_.size()) return Error("unexpected text after the JSON value");
          return result;
        }
        Frame& top = stack.back();
        bool is_object = top.container.is_object();
        // RFC 8259 leaves duplicate names open; the last one wins, as in most parsers.
        if (is_object) top.container.Set(std::move(top.key), std::move(v));
        else top.container.as_array().push_back(std::move(v));
        SkipSpace();
        if (pos_ >= s_.size()) return Error(is_object ? "unterminated object" : "unterminated array");
        if (s_[pos_] == ',') {
          ++pos_;
          SkipSpace();
          if (is_object) {
            top.key.clear();
            RETURN_IF_ERROR(ParseKey(top.key));
            SkipSpace();
          }
          break;  // the next member or element
        }
        if (s_[pos_] == (is_object ? '}' : ']')) {
          ++pos_;
          v = std::move(top.container);
          stack.pop_back();
          continue;
        }
        return Error(is_object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

 private:
  // Reads `"name"` and the following ':'.
  Status ParseKey(std::string& key) {
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != '"') return Error("expected a member name in quotes");
    RETURN_IF_ERROR(ParseString(key));
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != ':') return Error("expected ':'");
    ++pos_;
    SkipSpace();
    return Status::Ok();
  }

  Status Error(std::string_view what) const {
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    return InvalidArgument("invalid JSON at line " + std::to_string(line) + ", column " +
                           std::to_string(col) + ": " + std::string(what));
  }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') ++pos_; else break;
    }
  }

  bool Consume(std::string_view word) {
    if (s_.substr(pos_, word.size()) == word) { pos_ += word.size(); return true; }
    return false;
  }

  Status ParseScalar(Value& out) {
    char c = s_[pos_];
    switch (c) {
      case '"': {
        std::string str;
        RETURN_IF_ERROR(ParseString(str));
        out = Value::String(std::move(str));
        return Status::Ok();
      }
      case 't': if (Consume("true")) { out = Value::Bool(true); return Status::Ok(); } break;
      case 'f': if (Consume("false")) { out = Value::Bool(false); return Status::Ok(); } break;
      case 'n': if (Consume("null")) { out = Value(); return Status::Ok(); } break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
    }
    return Error("expected a value");
  }

  Status ParseNumber(Value& out) {
    size_t start = pos_;
    auto digit = [&](size_t p) { return p < s_.size() && s_[p] >= '0' && s_[p] <= '9'; };
    if (s_[pos_] == '-') ++pos_;
    if (!digit(pos_)) return Error("expected a digit");
    if (s_[pos_] == '0') {
      ++pos_;
      if (digit(pos_)) return Error("leading zeros are not allowed in numbers");
    } else {
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digit(pos_)) return Error("expected a digit after '.'");
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digit(pos_)) return Error("expected a digit in the exponent");
      while (digit(pos_)) ++pos_;
    }
    if (pos_ - start > 1000) return Error("number is longer than 1000 characters");
    out = Value::Number(std::string(s_.substr(start, pos_ - start)));
    return Status::Ok();
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  Status ParseHex4(uint32_t& cp) {
    if (pos_ + 4 > s_.size()) return Error("incomplete \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<uint32_t>(h - 'A' + 10);
      else return Error("invalid hex digit in \\u escape");
    }
    return Status::Ok();
  }

  // Validates one UTF-8 sequence starting at pos_ and copies it.
  Status CopyUtf8(std::string& out) {
    auto b = static_cast<unsigned char>(s_[pos_]);
    int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || pos_ + len > s_.size()) return Error("invalid UTF-8 in string");
    uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int i = 1; i < len; ++i) {
      auto cb = static_cast<unsigned char>(s_[pos_ + i]);
      if ((cb & 0xC0) != 0x80) return Error("invalid UTF-8 in string");
      cp = (cp << 6) | (cb & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Error("invalid UTF-8 in string");
    }
    out.append(s_.substr(pos_, len));
    pos_ += len;
    return Status::Ok();
  }

  Status ParseString(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= s_.size()) return Error("unterminated string");
      char c = s_[pos_];
      if (c == '"') { ++pos_; return Status::Ok(); }
      if (static_cast<unsigned char>(c) < 0x20) return Error("control character in string");
      if (c != '\\') {
        // Fast path for runs of plain ASCII.
        if (static_cast<unsigned char>(c) < 0x80) { out += c; ++pos_; continue; }
        RETURN_IF_ERROR(CopyUtf8(out));
        continue;
      }
      ++pos_;
      if (pos_ >= s_.size()) return Error("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp;
          RETURN_IF_ERROR(ParseHex4(cp));
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!Consume("\\u")) return Error("unpaired surrogate in \\u escape");
            uint32_t lo;
            RETURN_IF_ERROR(ParseHex4(lo));
            if (lo < 0xDC00 || lo > 0xDFFF) return Error("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Error("unpaired surrogate in \\u escape");
          }
          AppendUtf8(out, cp);
          break;
        }
        default: return Error("invalid escape");
      }
    }
  }

  std::string_view s_;
  const ParseOptions& options_;
  size_t pos_ = 0;
};

}  // namespace

Result<Value> Parse(std::string_view text, const ParseOptions& options) {
  return Parser(text, options).ParseDocument();
}

void AppendQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendSerialized(std::string& out, const Value& v) {
  switch (v.type()) {
    case Type::kNull: out += "null"; return;
    case Type::kBool: out += v.as_bool() ? "true" : "false"; return;
    case Type::kNumber: out += v.number_text(); return;
    case Type::kString: AppendQuoted(out, v.as_string()); return;
    case Type::kArray: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) out += ',';
        first = false;
        AppendSerialized(out, item);
      }
      out += ']';
      return;
    }
    case Type::kObject: {
      out += '{';
      bool first = true;
      for (const Member& m : v.as_object()) {
        if (!first) out += ',';
        first = false;
        AppendQuoted(out, m.key);
        out += ':';
        AppendSerialized(out, m.value);
      }
      out += '}';
      return;
    }
  }
}

std::string Serialize(const Value& value) {
  std::string out;
  AppendSerialized(out, value);
  return out;
}

}  // namespace ordo::json
