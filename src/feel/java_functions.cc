#include "feel/java_functions.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>

#include "feel/expression.h"

namespace ordo::feel {
namespace {

// The Java parameter and return types Ordo converts (§10.3.2.13.3, Table 66).
enum class JType : uint8_t { kDouble, kFloat, kLong, kInt, kShort, kByte, kChar, kBoolean, kString, kObject, kObjects };

bool ParseJType(std::string_view name, JType& out) {
  static const std::pair<std::string_view, JType> kNames[] = {
      {"double", JType::kDouble},  {"java.lang.Double", JType::kDouble},
      {"float", JType::kFloat},    {"java.lang.Float", JType::kFloat},
      {"long", JType::kLong},      {"java.lang.Long", JType::kLong},
      {"int", JType::kInt},        {"java.lang.Integer", JType::kInt},
      {"short", JType::kShort},    {"java.lang.Short", JType::kShort},
      {"byte", JType::kByte},      {"java.lang.Byte", JType::kByte},
      {"char", JType::kChar},      {"java.lang.Character", JType::kChar},
      {"boolean", JType::kBoolean}, {"java.lang.Boolean", JType::kBoolean},
      {"java.lang.String", JType::kString}, {"String", JType::kString},
      {"java.lang.Object", JType::kObject}, {"Object", JType::kObject},
      {"[Ljava.lang.Object;", JType::kObjects}, {"java.lang.Object...", JType::kObjects},
      {"java.lang.Object[]", JType::kObjects},
  };
  for (const auto& [n, t] : kNames) {
    if (n == name) {
      out = t;
      return true;
    }
  }
  return false;
}

// A Java argument after conversion.
struct JArg {
  double d = 0;
  int64_t l = 0;
  bool b = false;
  std::string s;
  std::vector<Value> objects;  // kObject (one) and kObjects
};

using Impl = std::function<Value(std::span<const JArg> args, std::string* error)>;

struct Method {
  std::vector<JType> parameters;
  Impl impl;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

Value FromDouble(double v, std::string* error) {
  std::optional<Decimal> d = Decimal::FromDouble(v);
  if (!d) {
    *error = "the Java result is not a finite number";
    return Value::Null();
  }
  return Value::Number(*d);
}

Value FromFloat(float v, std::string* error) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::optional<Decimal> d = ec == std::errc() && std::isfinite(v) ? Decimal::FromString(std::string_view(buf, end - buf))
                                                                   : std::nullopt;
  if (!d) {
    *error = "the Java result is not a finite number";
    return Value::Null();
  }
  return Value::Number(*d);
}

// Java's Integer.parseInt/Long.parseLong: an optional sign and decimal digits.
std::optional<int64_t> ParseJavaInteger(std::string_view s, int64_t min, int64_t max) {
  if (s.empty()) return std::nullopt;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  for (size_t k = i; k < s.size(); ++k) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  int64_t v = 0;
  std::string_view digits = s[0] == '+' ? s.substr(1) : s;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || v < min || v > max) return std::nullopt;
  return v;
}

// Java's Double.parseDouble for decimal text: [+-]digits[.digits][(e|E)[+-]digits][fFdD], with
// surrounding whitespace.
std::optional<double> ParseJavaDouble(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && (s.back() == 'f' || s.back() == 'F' || s.back() == 'd' || s.back() == 'D')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  std::string_view body = s[0] == '+' ? s.substr(1) : s;
  double v = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v, std::chars_format::general);
  if (ec != std::errc() || ptr != body.data() + body.size()) return std::nullopt;
  return v;
}

// Java's String.valueOf of a FEEL value passed as an Object (§10.3.2.13.3: numbers become
// BigDecimal, whose toString is FEEL's text for ordinary magnitudes).
std::string ObjectText(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return v.as_string();
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return v.ToString();
}

// java.util.Formatter for %s, %d, %f (with an optional precision), %n and %%.
Value Format(std::span<const JArg> args, std::string* error) {
  const std::string& pattern = args[0].s;
  const std::vector<Value>& values = args[1].objects;
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c != '%') {
      out += c;
      continue;
    }
    size_t j = i + 1;
    int precision = -1;
    if (j < pattern.size() && pattern[j] == '.') {
      size_t k = j + 1;
      int p = 0;
      while (k < pattern.size() && pattern[k] >= '0' && pattern[k] <= '9' && p < 100) p = p * 10 + (pattern[k++] - '0');
      if (k == j + 1) {
        *error = "String.format: a precision needs digits at position " + std::to_string(i);
        return Value::Null();
      }
      precision = p;
      j = k;
    }
    if (j >= pattern.size()) {
      *error = "String.format: the pattern ends inside a conversion";
      return Value::Null();
    }
    char conversion = pattern[j];
    i = j;
    if (conversion == '%') {
      out += '%';
      continue;
    }
    if (conversion == 'n') {
      out += '\n';
      continue;
    }
    if (next >= values.size()) {
      *error = "String.format: the pattern has more conversions than the " + std::to_string(values.size()) +
               " arguments";
      return Value::Null();
    }
    const Value& v = values[next++];
    if (conversion == 's') {
      std::string text = ObjectText(v);
      out += precision >= 0 && static_cast<size_t>(precision) < text.size() ? text.substr(0, precision) : text;
    } else if (conversion == 'd') {
      if (!v.is_number() || !v.as_number().IsInteger()) {
        *error = "String.format: %d needs a whole number, got " + v.ToString();
        return Value::Null();
      }
      out += v.as_number().ToString();
    } else if (conversion == 'f') {
      if (!v.is_number()) {
        *error = "String.format: %f needs a number, got " + v.ToString();
        return Value::Null();
      }
      std::optional<Decimal> rounded = RoundToScale(v.as_number(), precision < 0 ? 6 : precision, Rounding::kHalfUp);
      if (!rounded) {
        *error = "String.format: cannot round " + v.ToString();
        return Value::Null();
      }
      std::string text = rounded->ToString();
      // BigDecimal keeps the scale: 1 with %.2f prints 1.00.
      int want = precision < 0 ? 6 : precision;
      size_t dot = text.find('.');
      int have = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
      if (want > 0 && dot == std::string::npos) text += '.';
      text.append(static_cast<size_t>(std::max(0, want - have)), '0');
      out += text;
    } else {
      *error = std::string("String.format: the conversion %") + conversion + " is not supported (%s, %d, %f, %n, %%)";
      return Value::Null();
    }
  }
  return Value::String(std::move(out));
}

using Table = std::map<std::string, Method, std::less<>>;

void AddMath(Table& t) {
  using D1 = double (*)(double);
  static const std::pair<const char*, D1> kUnary[] = {
      {"abs", [](double x) { return std::fabs(x); }},
      {"acos", [](double x) { return std::acos(x); }},
      {"asin", [](double x) { return std::asin(x); }},
      {"atan", [](double x) { return std::atan(x); }},
      {"cbrt", [](double x) { return std::cbrt(x); }},
      {"ceil", [](double x) { return std::ceil(x); }},
      {"cos", [](double x) { return std::cos(x); }},
      {"cosh", [](double x) { return std::cosh(x); }},
      {"exp", [](double x) { return std::exp(x); }},
      {"expm1", [](double x) { return std::expm1(x); }},
      {"floor", [](double x) { return std::floor(x); }},
      {"log", [](double x) { return std::log(x); }},
      {"log10", [](double x) { return std::log10(x); }},
      {"log1p", [](double x) { return std::log1p(x); }},
      {"rint", [](double x) { return std::nearbyint(x); }},
      {"signum", [](double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }},
      {"sin", [](double x) { return std::sin(x); }},
      {"sinh", [](double x) { return std::sinh(x); }},
      {"sqrt", [](double x) { return std::sqrt(x); }},
      {"tan", [](double x) { return std::tan(x); }},
      {"tanh", [](double x) { return std::tanh(x); }},
      {"toDegrees", [](double x) { return x * 180.0 / M_PI; }},
      {"toRadians", [](double x) { return x / 180.0 * M_PI; }},
  };
  for (const auto& entry : kUnary) {
    D1 f = entry.second;
    t[std::string("java.lang.Math.") + entry.first + "(double)"] =
        Method{{JType::kDouble}, [f](std::span<const JArg> a, std::string* e) { return FromDouble(f(a[0].d), e); }};
  }
  using D2 = double (*)(double, double);
  static const std::pair<const char*, D2> kBinary[] = {
      {"atan2", [](double y, double x) { return std::atan2(y, x); }},
      {"hypot", [](double x, double y) { return std::hypot(x, y); }},
      {"pow", [](double x, double y) { return std::pow(x, y); }},
      {"max", [](double x, double y) { return std::fmax(x, y); }},
      {"min", [](double x, double y) { return std::fmin(x, y); }},
  };
  for (const auto& entry : kBinary) {
    D2 f = entry.second;
    t[std::string("java.lang.Math.") + entry.first + "(double,double)"] =
        Method{{JType::kDouble, JType::kDouble},
               [f](std::span<const JArg> a, std::string* e) { return FromDouble(f(a[0].d, a[1].d), e); }};
  }
  t["java.lang.Math.max(float,float)"] = Method{{JType::kFloat, JType::kFloat}, [](std::span<const JArg> a, std::string* e) {
    return FromFloat(std::fmax(static_cast<float>(a[0].d), static_cast<float>(a[1].d)), e);
  }};
  t["java.lang.Math.min(float,float)"] = Method{{JType::kFloat, JType::kFloat}, [](std::span<const JArg> a, std::string* e) {
    return FromFloat(std::fmin(static_cast<float>(a[0].d), static_cast<float>(a[1].d)), e);
  }};
  t["java.lang.Math.abs(float)"] = Method{{JType::kFloat}, [](std::span<const JArg> a, std::string* e) {
    return FromFloat(std::fabs(static_cast<float>(a[0].d)), e);
  }};
  for (JType type : {JType::kInt, JType::kLong}) {
    std::string n = type == JType::kInt ? "int" : "long";
    t["java.lang.Math.max(" + n + "," + n + ")"] =
        Method{{type, type}, [](std::span<const JArg> a, std::string*) { return Value::Int(std::max(a[0].l, a[1].l)); }};
    t["java.lang.Math.min(" + n + "," + n + ")"] =
        Method{{type, type}, [](std::span<const JArg> a, std::string*) { return Value::Int(std::min(a[0].l, a[1].l)); }};
    // Java's abs of the smallest value is that value (two's complement).
    t["java.lang.Math.abs(" + n + ")"] = Method{{type}, [type](std::span<const JArg> a, std::string*) {
      int64_t smallest = type == JType::kInt ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int64_t>::min();
      return Value::Int(a[0].l == smallest ? smallest : (a[0].l < 0 ? -a[0].l : a[0].l));
    }};
  }
  t["java.lang.Math.round(double)"] = Method{{JType::kDouble}, [](std::span<const JArg> a, std::string* e) {
    if (!std::isfinite(a[0].d)) {
      *e = "Math.round of a value that is not finite";
      return Value::Null();
    }
    double r = std::floor(a[0].d + 0.5);
    if (r >= 9.2233720368547758e18 || r < -9.2233720368547758e18) {
      *e = "Math.round: the result does not fit a long";
      return Value::Null();
    }
    return Value::Int(static_cast<int64_t>(r));
  }};
}

void AddBoxing(Table& t) {
  struct Integral {
    const char* cls;
    const char* prim;
    JType type;
    int64_t min;
    int64_t max;
    const char* parse;
  };
  static const Integral kIntegrals[] = {
      {"java.lang.Integer", "int", JType::kInt, INT32_MIN, INT32_MAX, "parseInt"},
      {"java.lang.Long", "long", JType::kLong, INT64_MIN, INT64_MAX, "parseLong"},
      {"java.lang.Short", "short", JType::kShort, INT16_MIN, INT16_MAX, "parseShort"},
      {"java.lang.Byte", "byte", JType::kByte, INT8_MIN, INT8_MAX, "parseByte"},
  };
  for (const Integral& i : kIntegrals) {
    t[std::string(i.cls) + ".valueOf(" + i.prim + ")"] =
        Method{{i.type}, [](std::span<const JArg> a, std::string*) { return Value::Int(a[0].l); }};
    Impl parse = [i](std::span<const JArg> a, std::string* e) {
      std::optional<int64_t> v = ParseJavaInteger(a[0].s, i.min, i.max);
      if (!v) {
        *e = std::string("NumberFormatException: '") + a[0].s + "' is not a " + i.prim;
        return Value::Null();
      }
      return Value::Int(*v);
    };
    t[std::string(i.cls) + ".valueOf(java.lang.String)"] = Method{{JType::kString}, parse};
    t[std::string(i.cls) + "." + i.parse + "(java.lang.String)"] = Method{{JType::kString}, parse};
  }
  t["java.lang.Double.valueOf(double)"] =
      Method{{JType::kDouble}, [](std::span<const JArg> a, std::string* e) { return FromDouble(a[0].d, e); }};
  t["java.lang.Float.valueOf(float)"] = Method{
      {JType::kFloat}, [](std::span<const JArg> a, std::string* e) { return FromFloat(static_cast<float>(a[0].d), e); }};
  Impl parse_double = [](std::span<const JArg> a, std::string* e) {
    std::optional<double> v = ParseJavaDouble(a[0].s);
    if (!v) {
      *e = "NumberFormatException: '" + a[0].s + "' is not a double";
      return Value::Null();
    }
    return FromDouble(*v, e);
  };
  Impl parse_float = [](std::span<const JArg> a, std::string* e) {
    std::optional<double> v = ParseJavaDouble(a[0].s);
    if (!v) {
      *e = "NumberFormatException: '" + a[0].s + "' is not a float";
      return Value::Null();
    }
    // Java rounds the decimal text to float directly; text -> double -> float can differ only
    // in double-rounding corner cases far below the precision a float carries.
    return FromFloat(static_cast<float>(*v), e);
  };
  t["java.lang.Double.valueOf(java.lang.String)"] = Method{{JType::kString}, parse_double};
  t["java.lang.Double.parseDouble(java.lang.String)"] = Method{{JType::kString}, parse_double};
  t["java.lang.Float.valueOf(java.lang.String)"] = Method{{JType::kString}, parse_float};
  t["java.lang.Float.parseFloat(java.lang.String)"] = Method{{JType::kString}, parse_float};
}

void AddString(Table& t) {
  t["java.lang.String.valueOf(char)"] =
      Method{{JType::kChar}, [](std::span<const JArg> a, std::string*) { return Value::String(a[0].s); }};
  t["java.lang.String.valueOf(boolean)"] = Method{
      {JType::kBoolean}, [](std::span<const JArg> a, std::string*) { return Value::String(a[0].b ? "true" : "false"); }};
  for (const char* prim : {"int", "long"}) {
    t[std::string("java.lang.String.valueOf(") + prim + ")"] =
        Method{{std::string(prim) == "int" ? JType::kInt : JType::kLong},
               [](std::span<const JArg> a, std::string*) { return Value::String(std::to_string(a[0].l)); }};
  }
  t["java.lang.String.valueOf(java.lang.Object)"] = Method{
      {JType::kObject}, [](std::span<const JArg> a, std::string*) { return Value::String(ObjectText(a[0].objects[0])); }};
  t["java.lang.String.format(java.lang.String,[Ljava.lang.Object;)"] =
      Method{{JType::kString, JType::kObjects}, Format};
}

const Table& Methods() {
  static const Table kTable = [] {
    Table t;
    AddMath(t);
    AddBoxing(t);
    AddString(t);
    return t;
  }();
  return kTable;
}

std::string_view JTypeName(JType t) {
  switch (t) {
    case JType::kDouble: return "double";
    case JType::kFloat: return "float";
    case JType::kLong: return "long";
    case JType::kInt: return "int";
    case JType::kShort: return "short";
    case JType::kByte: return "byte";
    case JType::kChar: return "char";
    case JType::kBoolean: return "boolean";
    case JType::kString: return "java.lang.String";
    case JType::kObject: return "java.lang.Object";
    case JType::kObjects: return "[Ljava.lang.Object;";
  }
  return "?";
}

// Converts one FEEL argument to the Java parameter type (§10.3.2.13.3).
bool ToJava(const Value& v, JType type, JArg& out, std::string* error) {
  auto integral = [&](int64_t min, int64_t max) {
    if (!v.is_number() || !v.as_number().IsInteger()) {
      *error = "a " + std::string(JTypeName(type)) + " needs a whole number, got " + v.ToString();
      return false;
    }
    std::optional<int64_t> i = v.as_number().ToInt64();
    if (!i || *i < min || *i > max) {
      *error = v.ToString() + " is outside the range of a Java " + std::string(JTypeName(type));
      return false;
    }
    out.l = *i;
    return true;
  };
  switch (type) {
    case JType::kDouble:
    case JType::kFloat:
      if (!v.is_number()) {
        *error = "a " + std::string(JTypeName(type)) + " needs a number, got " + v.ToString();
        return false;
      }
      out.d = v.as_number().ToDouble();
      return true;
    case JType::kLong: return integral(INT64_MIN, INT64_MAX);
    case JType::kInt: return integral(INT32_MIN, INT32_MAX);
    case JType::kShort: return integral(INT16_MIN, INT16_MAX);
    case JType::kByte: return integral(INT8_MIN, INT8_MAX);
    case JType::kChar: {
      // One UTF-16 unit: one code point below U+10000.
      if (!v.is_string()) {
        *error = "a char needs a one-character string, got " + v.ToString();
        return false;
      }
      const std::string& s = v.as_string();
      size_t length = s.empty() ? 0 : (static_cast<unsigned char>(s[0]) < 0x80 ? 1 : static_cast<unsigned char>(s[0]) < 0xE0 ? 2 : static_cast<unsigned char>(s[0]) < 0xF0 ? 3 : 4);
      if (s.empty() || s.size() != length || length == 4) {
        *error = "a char needs a one-character string, got " + v.ToString();
        return false;
      }
      out.s = s;
      return true;
    }
    case JType::kBoolean:
      if (!v.is_bool()) {
        *error = "a boolean needs true or false, got " + v.ToString();
        return false;
      }
      out.b = v.as_bool();
      return true;
    case JType::kString:
      if (!v.is_string()) {
        *error = "a java.lang.String needs a string, got " + v.ToString();
        return false;
      }
      out.s = v.as_string();
      return true;
    case JType::kObject:
      out.objects.push_back(v);
      return true;
    case JType::kObjects:
      // A FEEL list fills the array; any other value is one element of it.
      if (v.is_list()) {
        out.objects.insert(out.objects.end(), v.as_list().begin(), v.as_list().end());
      } else {
        out.objects.push_back(v);
      }
      return true;
  }
  return false;
}

class JavaFunction final : public Callable {
 public:
  JavaFunction(std::string name, const Method* method, std::vector<JType> types, std::vector<std::string> parameters)
      : name_(std::move(name)), method_(method), types_(std::move(types)), parameters_(std::move(parameters)) {}
  const std::vector<std::string>& parameters() const override { return parameters_; }

  Value Call(std::span<const Value> args, const VariableScope* caller,
             std::vector<Diagnostic>* diagnostics) const override {
    (void)caller;
    auto fail = [&](const std::string& message) {
      if (diagnostics) diagnostics->push_back(Diagnostic{name_ + ": " + message, 0, 0});
      return Value::Null();
    };
    if (method_ == nullptr) {
      return fail("Ordo has no implementation of this Java method (it never runs Java; java.lang.Math and the "
                  "number and String conversions are built in)");
    }
    std::vector<JArg> converted(types_.size());
    size_t fixed = types_.size();
    if (!types_.empty() && types_.back() == JType::kObjects) --fixed;
    if (args.size() < fixed || (fixed == types_.size() && args.size() != fixed)) {
      return fail("expects " + std::to_string(types_.size()) + " arguments, got " + std::to_string(args.size()));
    }
    for (size_t i = 0; i < args.size(); ++i) {
      size_t slot = std::min(i, types_.size() - 1);
      std::string error;
      if (!ToJava(args[i], types_[slot], converted[slot], &error)) return fail("argument " + std::to_string(i + 1) + ": " + error);
    }
    std::string error;
    Value result = method_->impl(converted, &error);
    if (!error.empty()) return fail(error);
    return result;
  }

 private:
  std::string name_;
  const Method* method_;  // static storage; null when Ordo does not carry the method
  std::vector<JType> types_;
  std::vector<std::string> parameters_;
};

const Value* Entry(const Value& context, std::string_view key) {
  if (!context.is_context()) return nullptr;
  for (const auto& [k, v] : context.as_context()) {
    if (k == key) return &v;
  }
  return nullptr;
}

}  // namespace

Result<Value> MakeJavaFunction(std::string_view class_name, std::string_view signature,
                               std::vector<std::string> parameters) {
  std::string_view cls = Trim(class_name);
  std::string_view sig = Trim(signature);
  size_t open = sig.find('(');
  if (cls.empty() || open == std::string_view::npos || open == 0 || sig.back() != ')') {
    return InvalidArgument("a Java method signature looks like \"max(double, double)\", not '" + std::string(sig) + "'");
  }
  std::string method_name(Trim(sig.substr(0, open)));
  std::string_view list = sig.substr(open + 1, sig.size() - open - 2);
  std::vector<JType> types;
  std::string key = std::string(cls) + "." + method_name + "(";
  if (!Trim(list).empty()) {
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view part = Trim(list.substr(start, comma - start));
      JType t;
      if (!ParseJType(part, t)) {
        return InvalidArgument("the Java parameter type '" + std::string(part) + "' of " + std::string(cls) + "." +
                               std::string(sig) + " cannot take a FEEL value");
      }
      if (!types.empty()) key += ',';
      key += JTypeName(t);
      types.push_back(t);
      start = comma + 1;
    }
  }
  key += ')';
  auto it = Methods().find(key);
  const Method* method = it == Methods().end() ? nullptr : &it->second;
  FunctionValue f;
  f.name = std::string(cls) + "." + std::string(sig);
  f.callable = std::make_shared<JavaFunction>(f.name, method, std::move(types), std::move(parameters));
  return Value::MakeFunction(std::move(f));
}

Result<Value> MakeExternalFunction(const Value& mapping, std::vector<std::string> parameters) {
  const Value* java = Entry(mapping, "java");
  const Value& target = java != nullptr ? *java : mapping;
  if (Entry(mapping, "pmml") != nullptr) {
    return Unimplemented("external PMML functions are not supported (only Java methods Ordo carries)");
  }
  const Value* cls = Entry(target, "class");
  const Value* signature = Entry(target, "method signature");
  if (cls == nullptr || signature == nullptr || !cls->is_string() || !signature->is_string()) {
    return InvalidArgument("an external function needs {java: {class: \"...\", method signature: \"...\"}}, got " +
                           mapping.ToString());
  }
  return MakeJavaFunction(cls->as_string(), signature->as_string(), std::move(parameters));
}

}  // namespace ordo::feel
