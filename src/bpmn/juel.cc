#include "bpmn/juel.h"

#include "bpmn/expressions.h"

#include <array>
#include <cctype>
#include <optional>
#include <vector>

namespace ordo::bpmn {
namespace {

enum class Tok : uint8_t {
  kEnd,     // end of the text (an unterminated expression)
  kClose,   // '}'
  kName,
  kNumber,
  kString,  // text holds the unescaped value
  kSymbol,  // text holds the operator or punctuation
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  size_t at = 0;  // offset in the whole text
};

// Words FEEL reserves that a JUEL variable may be named (JUEL's own reserved words cannot be).
constexpr std::array<std::string_view, 13> kFeelOnlyKeywords = {
    "for", "return", "if", "then", "else", "some", "every", "satisfies", "in", "instance", "of", "function",
    "between"};

// `empty x` repeats x; nested, that would grow without bound.
constexpr size_t kMaxOperandBytes = 4096;

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$'; }
bool IsNameChar(char c) { return IsNameStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string FeelString(std::string_view s) { return QuoteFeelString(s); }

bool IsPlainName(std::string_view s) {
  if (s.empty() || !IsNameStart(s[0]) || s[0] == '$') return false;
  for (char c : s) {
    if (!IsNameChar(c) || c == '$') return false;
  }
  return true;
}

class Translator {
 public:
  Translator(std::string_view text, size_t pos) : text_(text), pos_(pos) { Next(); }

  // One expression up to its closing brace; the position afterwards is just past it.
  std::string Expression() {
    std::string e = Conditional();
    if (!ok()) return {};
    if (tok_.kind != Tok::kClose) {
      Fail(tok_.at, tok_.kind == Tok::kEnd ? "the expression is not closed with '}'"
                                           : "unexpected '" + tok_.text + "'");
      return {};
    }
    return e;
  }

  size_t end() const { return tok_.at + 1; }
  bool ok() const { return error_.ok(); }
  const Status& error() const { return error_; }

 private:
  void Fail(size_t at, const std::string& message) {
    if (error_.ok()) error_ = InvalidArgument("column " + std::to_string(at + 1) + ": " + message);
  }

  bool IsSymbol(std::string_view s) const { return tok_.kind == Tok::kSymbol && tok_.text == s; }
  bool IsWord(std::string_view s) const { return tok_.kind == Tok::kName && tok_.text == s; }

  void Next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    tok_ = Token{};
    tok_.at = pos_;
    if (pos_ >= text_.size()) return;
    char c = text_[pos_];
    if (c == '}') {
      tok_.kind = Tok::kClose;
      tok_.text = "}";
      ++pos_;
      return;
    }
    if (IsNameStart(c)) {
      size_t b = pos_;
      while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
      tok_.kind = Tok::kName;
      tok_.text = std::string(text_.substr(b, pos_ - b));
      return;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
      size_t b = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '.') {
        ++pos_;
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      }
      if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        Fail(pos_, "numbers with exponents are not supported; write the number out");
        tok_.kind = Tok::kEnd;
        return;
      }
      tok_.kind = Tok::kNumber;
      tok_.text = std::string(text_.substr(b, pos_ - b));
      if (tok_.text.front() == '.') tok_.text.insert(tok_.text.begin(), '0');
      if (tok_.text.back() == '.') tok_.text.pop_back();
      return;
    }
    if (c == '\'' || c == '"') {
      // EL 2.2 §1.7: \' \" and \\ are the only escapes.
      size_t b = pos_++;
      std::string value;
      while (pos_ < text_.size() && text_[pos_] != c) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size() &&
            (text_[pos_ + 1] == '\'' || text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) {
          ++pos_;
        }
        value += text_[pos_++];
      }
      if (pos_ >= text_.size()) {
        Fail(b, "the string is not closed");
        tok_.kind = Tok::kEnd;
        return;
      }
      ++pos_;
      tok_.kind = Tok::kString;
      tok_.text = std::move(value);
      return;
    }
    static constexpr std::array<std::string_view, 6> kTwo = {"<=", ">=", "==", "!=", "&&", "||"};
    for (std::string_view two : kTwo) {
      if (text_.substr(pos_, 2) == two) {
        tok_.kind = Tok::kSymbol;
        tok_.text = std::string(two);
        pos_ += 2;
        return;
      }
    }
    static constexpr std::string_view kOne = "()[].,?:!-+*/%<>";
    if (kOne.find(c) != std::string_view::npos) {
      tok_.kind = Tok::kSymbol;
      tok_.text = std::string(1, c);
      ++pos_;
      return;
    }
    Fail(pos_, std::string("unexpected character '") + c + "'");
    tok_.kind = Tok::kEnd;
  }

  bool Enter(size_t at) {
    if (++depth_ > kMaxJuelDepth) {
      Fail(at, "the expression is nested too deeply");
      return false;
    }
    return true;
  }

  // EL 2.2 §1.9.1 precedence, lowest first.
  std::string Conditional() {
    if (!Enter(tok_.at)) return {};
    std::string cond = Or();
    if (ok() && IsSymbol("?")) {
      Next();
      std::string then = Conditional();
      if (!ok()) return {};
      if (!IsSymbol(":")) {
        Fail(tok_.at, "expected ':' of the conditional 'a ? b : c'");
        return {};
      }
      Next();
      std::string otherwise = Conditional();
      cond = "(if " + cond + " then " + then + " else " + otherwise + ")";
    }
    --depth_;
    return cond;
  }

  std::string Or() {
    std::string left = And();
    while (ok() && (IsSymbol("||") || IsWord("or"))) {
      Next();
      std::string right = And();
      left = "(" + left + " or " + right + ")";
    }
    return left;
  }

  std::string And() {
    std::string left = Equality();
    while (ok() && (IsSymbol("&&") || IsWord("and"))) {
      Next();
      std::string right = Equality();
      left = "(" + left + " and " + right + ")";
    }
    return left;
  }

  std::string Equality() {
    std::string left = Relational();
    while (ok()) {
      const char* op = nullptr;
      if (IsSymbol("==") || IsWord("eq")) op = " = ";
      else if (IsSymbol("!=") || IsWord("ne")) op = " != ";
      if (op == nullptr) break;
      Next();
      std::string right = Relational();
      left = "(" + left + op + right + ")";
    }
    return left;
  }

  std::string Relational() {
    std::string left = Additive();
    while (ok()) {
      const char* op = nullptr;
      if (IsSymbol("<") || IsWord("lt")) op = " < ";
      else if (IsSymbol(">") || IsWord("gt")) op = " > ";
      else if (IsSymbol("<=") || IsWord("le")) op = " <= ";
      else if (IsSymbol(">=") || IsWord("ge")) op = " >= ";
      if (op == nullptr) break;
      Next();
      std::string right = Additive();
      left = "(" + left + op + right + ")";
    }
    return left;
  }

  std::string Additive() {
    std::string left = Multiplicative();
    while (ok() && (IsSymbol("+") || IsSymbol("-"))) {
      std::string op = tok_.text;
      Next();
      std::string right = Multiplicative();
      left = "(" + left + " " + op + " " + right + ")";
    }
    return left;
  }

  std::string Multiplicative() {
    std::string left = Unary();
    while (ok()) {
      if (IsSymbol("*")) {
        Next();
        left = "(" + left + " * " + Unary() + ")";
      } else if (IsSymbol("/") || IsWord("div")) {
        Next();
        left = "(" + left + " / " + Unary() + ")";
      } else if (IsSymbol("%") || IsWord("mod")) {
        Next();
        left = "modulo(" + left + ", " + Unary() + ")";
      } else {
        break;
      }
    }
    return left;
  }

  std::string Unary() {
    size_t at = tok_.at;
    if (!Enter(at)) return {};
    std::string out;
    if (IsSymbol("!") || IsWord("not")) {
      Next();
      out = "not(" + Unary() + ")";
    } else if (IsSymbol("-")) {
      Next();
      out = "(-" + Unary() + ")";
    } else if (IsWord("empty")) {
      // EL 2.2 §1.10: null, "", and empty lists and maps are empty.
      Next();
      std::string v = Unary();
      if (v.size() > kMaxOperandBytes) {
        Fail(at, "the operand of 'empty' is too long");
        return {};
      }
      out = "(if " + v + " = null then true else if " + v + " instance of string then " + v +
            " = \"\" else if " + v + " instance of list then count(" + v + ") = 0 else if " + v +
            " instance of context then count(get entries(" + v + ")) = 0 else false)";
    } else {
      out = Value();
    }
    --depth_;
    return out;
  }

  // A primary with its property and index suffixes (EL 2.2 §1.6).
  std::string Value() {
    size_t at = tok_.at;
    std::string out;
    if (IsSymbol("(")) {
      Next();
      out = "(" + Conditional() + ")";
      if (!ok()) return {};
      if (!IsSymbol(")")) {
        Fail(tok_.at, "expected ')'");
        return {};
      }
      Next();
    } else if (tok_.kind == Tok::kNumber) {
      out = tok_.text;
      Next();
    } else if (tok_.kind == Tok::kString) {
      out = FeelString(tok_.text);
      Next();
    } else if (tok_.kind == Tok::kName) {
      std::string name = tok_.text;
      Next();
      if (name == "true" || name == "false" || name == "null") return name;
      if ((name == "now" || name == "dateTime") && IsSymbol("(")) {
        // Camunda 7's built-in context functions: now() (a Date) and dateTime() (a Joda DateTime
        // with its plus/minus methods). FEEL's now() is the engine command's time.
        Next();
        if (!IsSymbol(")")) {
          Fail(tok_.at, "'" + name + "()' takes no arguments");
          return {};
        }
        Next();
        out = "now()";
        if (name == "dateTime") out = DateTimeMethods(out);
        if (!ok()) return {};
        return Suffixes(out);
      }
      if (IsSymbol("(") || IsSymbol(":")) {
        Fail(at, "function calls never run in Ordo: '" + name + "(...)' (only variables, literals and operators)");
        return {};
      }
      if (name == "execution" || name == "task") {
        // execution.getVariable('name') reads the variable; nothing else of these objects exists.
        if (IsSymbol(".")) {
          Next();
          if (IsWord("getVariable")) {
            Next();
            if (IsSymbol("(")) {
              Next();
              if (tok_.kind == Tok::kString) {
                std::string var = tok_.text;
                Next();
                if (IsSymbol(")")) {
                  Next();
                  if (!IsPlainName(var) || IsFeelKeyword(var)) {
                    Fail(at, "the variable name '" + var + "' cannot be written in FEEL");
                    return {};
                  }
                  return Suffixes(var);
                }
              }
            }
          }
        }
        Fail(at, "'" + name + "' is a Java object that does not exist in Ordo; name the variable directly");
        return {};
      }
      if (name.find('$') != std::string::npos) {
        Fail(at, "the name '" + name + "' contains '$', which FEEL names cannot");
        return {};
      }
      if (IsFeelKeyword(name)) {
        Fail(at, "the variable name '" + name + "' is a FEEL keyword; rename the variable");
        return {};
      }
      out = name;
    } else if (tok_.kind == Tok::kClose || tok_.kind == Tok::kEnd) {
      Fail(tok_.at, "an operand is missing");
      return {};
    } else {
      Fail(tok_.at, "unexpected '" + tok_.text + "'");
      return {};
    }
    return Suffixes(out);
  }

  // Joda-Time's DateTime methods Camunda models chain on dateTime(): plusYears .. plusMillis,
  // minusYears .. minusMillis, and toDate(), which ends the chain.
  std::string DateTimeMethods(std::string out) {
    struct Unit {
      std::string_view name;
      std::string_view duration;
    };
    static constexpr Unit kUnits[] = {{"Years", "P1Y"},    {"Months", "P1M"},   {"Weeks", "P7D"},
                                      {"Days", "P1D"},     {"Hours", "PT1H"},   {"Minutes", "PT1M"},
                                      {"Seconds", "PT1S"}, {"Millis", "PT0.001S"}};
    while (ok() && IsSymbol(".")) {
      size_t at = tok_.at;
      Next();
      if (tok_.kind != Tok::kName) {
        Fail(tok_.at, "expected a method name after '.'");
        return {};
      }
      std::string method = tok_.text;
      Next();
      if (!IsSymbol("(")) {
        Fail(at, "dateTime() has no property '" + method + "'");
        return {};
      }
      Next();
      if (method == "toDate") {
        if (!IsSymbol(")")) {
          Fail(tok_.at, "toDate() takes no arguments");
          return {};
        }
        Next();
        return out;
      }
      const Unit* unit = nullptr;
      bool plus = method.rfind("plus", 0) == 0;
      if (plus || method.rfind("minus", 0) == 0) {
        std::string_view rest = std::string_view(method).substr(plus ? 4 : 5);
        for (const Unit& u : kUnits) {
          if (u.name == rest) unit = &u;
        }
      }
      if (unit == nullptr) {
        Fail(at, "the dateTime() method '" + method +
                     "(...)' does not run in Ordo (plusYears .. plusMillis, minusYears .. minusMillis and "
                     "toDate do)");
        return {};
      }
      std::string amount = Conditional();
      if (!ok()) return {};
      if (!IsSymbol(")")) {
        Fail(tok_.at, "expected ')' after the argument of " + method + "(...)");
        return {};
      }
      Next();
      out = "(" + out + (plus ? " + " : " - ") + "duration(\"" + std::string(unit->duration) + "\") * (" + amount +
            "))";
    }
    return out;
  }

  std::string Suffixes(std::string out) {
    while (ok()) {
      if (IsSymbol(".")) {
        size_t at = tok_.at;
        Next();
        if (tok_.kind != Tok::kName) {
          Fail(tok_.at, "expected a property name after '.'");
          return {};
        }
        std::string property = tok_.text;
        Next();
        if (IsSymbol("(")) {
          Fail(at, "method calls never run in Ordo: '." + property + "(...)' (no Java objects)");
          return {};
        }
        out = PropertyOf(out, property);
      } else if (IsSymbol("[")) {
        Next();
        if (tok_.kind == Tok::kString) {
          std::string key = tok_.text;
          Next();
          out = PropertyOf(out, key);
        } else if (tok_.kind == Tok::kNumber && tok_.text.find('.') == std::string::npos) {
          // EL lists count from 0, FEEL lists from 1.
          out = out + "[" + std::to_string(std::stoll(tok_.text.substr(0, 18)) + 1) + "]";
          Next();
        } else {
          std::string index = Conditional();
          if (!ok()) return {};
          out = out + "[(" + index + ") + 1]";
        }
        if (!IsSymbol("]")) {
          Fail(tok_.at, "expected ']'");
          return {};
        }
        Next();
      } else {
        break;
      }
    }
    return out;
  }

  static bool IsFeelKeyword(std::string_view name) {
    for (std::string_view k : kFeelOnlyKeywords) {
      if (k == name) return true;
    }
    return false;
  }

  static std::string PropertyOf(const std::string& base, const std::string& key) {
    if (IsPlainName(key) && !IsFeelKeyword(key)) return base + "." + key;
    return "get value(" + base + ", " + FeelString(key) + ")";
  }

  std::string_view text_;
  size_t pos_;
  Token tok_;
  Status error_;
  int depth_ = 0;
};

}  // namespace

Result<std::string> TranslateJuel(std::string_view text) {
  std::vector<std::string> parts;  // FEEL operands of the concatenation
  std::vector<bool> is_expression;
  std::string literal;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '$' || text[i + 1] == '#') && i + 2 < text.size() &&
        text[i + 2] == '{') {
      literal += text[i + 1];  // \${ is a literal "${" (EL 2.2 §1.2.2)
      i += 2;
      continue;
    }
    if ((c == '$' || c == '#') && i + 1 < text.size() && text[i + 1] == '{') {
      if (!literal.empty()) {
        parts.push_back(FeelString(literal));
        is_expression.push_back(false);
        literal.clear();
      }
      Translator t(text, i + 2);
      std::string feel = t.Expression();
      if (!t.ok()) return t.error();
      parts.push_back(std::move(feel));
      is_expression.push_back(true);
      i = t.end();
      continue;
    }
    literal += c;
    ++i;
  }
  if (!literal.empty()) {
    parts.push_back(FeelString(literal));
    is_expression.push_back(false);
  }
  if (parts.empty()) return InvalidArgument("column 1: the text holds no expression");
  // One expression, perhaps padded with whitespace: its value as it is.
  size_t expressions = 0;
  size_t only = 0;
  bool blank_literals = true;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (is_expression[k]) {
      ++expressions;
      only = k;
    } else if (parts[k].find_first_not_of(" \t\r\n\"") != std::string::npos) {
      blank_literals = false;
    }
  }
  if (expressions == 1 && blank_literals) return parts[only];
  // Composite text: a string, null read as "" (EL 2.2 §1.2.1.1).
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k) {
    if (k) out += " + ";
    if (is_expression[k]) {
      out += "(if " + parts[k] + " = null then \"\" else string(" + parts[k] + "))";
    } else {
      out += parts[k];
    }
  }
  return out;
}

}  // namespace ordo::bpmn
