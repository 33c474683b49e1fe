#include "feel/lexer.h"

#include <cstdint>

namespace ordo::feel {
namespace {

bool IsNameStart(unsigned char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return i;
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsNamePart(unsigned char c) { return IsNameStart(c) || IsDigit(static_cast<char>(c)); }

// How many bytes of `text` spell `name`, or 0. A space in the name matches any run of white
// space; the match must not end inside a longer word.
size_t MatchName(std::string_view text, std::string_view name) {
  size_t i = 0, k = 0;
  while (k < name.size()) {
    if (i >= text.size()) return 0;
    if (name[k] == ' ') {
      if (!IsSpace(text[i])) return 0;
      while (i < text.size() && IsSpace(text[i])) ++i;
      while (k < name.size() && name[k] == ' ') ++k;
      continue;
    }
    if (text[i] != name[k]) return 0;
    ++i, ++k;
  }
  const bool ends_in_word = IsNamePart(static_cast<unsigned char>(name.back()));
  if (ends_in_word && i < text.size() && IsNamePart(static_cast<unsigned char>(text[i]))) return 0;
  return i;
}

class Lexer {
 public:
  Lexer(std::string_view source, std::span<const std::string> known_names) : s_(source), known_(known_names) {}

  Result<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      RETURN_IF_ERROR(SkipSpaceAndComments());
      Token t;
      t.line = line_;
      t.column = column_;
      if (pos_ >= s_.size()) {
        tokens.push_back(std::move(t));
        return tokens;
      }
      RETURN_IF_ERROR(Next(t));
      tokens.push_back(std::move(t));
    }
  }

 private:
  char Peek(size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

  void Advance(size_t n = 1) {
    for (size_t k = 0; k < n && pos_ < s_.size(); ++k) {
      unsigned char c = static_cast<unsigned char>(s_[pos_++]);
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;
      }
    }
  }

  Status Error(int line, int column, std::string_view message) const {
    return InvalidArgument(PositionMessage(line, column, message));
  }

  Status SkipSpaceAndComments() {
    while (pos_ < s_.size()) {
      char c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        Advance();
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < s_.size() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        int line = line_, column = column_;
        Advance(2);
        while (pos_ < s_.size() && !(Peek() == '*' && Peek(1) == '/')) Advance();
        if (pos_ >= s_.size()) return Error(line, column, "unterminated comment");
        Advance(2);
      } else if (static_cast<unsigned char>(c) == 0xC2 && static_cast<unsigned char>(Peek(1)) == 0xA0) {
        Advance(2);  // no-break space, common in pasted text
      } else {
        break;
      }
    }
    return Status::Ok();
  }

  Status Next(Token& t) {
    char c = Peek();
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return Number(t);
    if (c == '"') return String(t);
    if (c == '`') return QuotedName(t);
    if (IsNameStart(static_cast<unsigned char>(c))) {
      size_t longest = 0;
      const std::string* known = nullptr;
      for (const std::string& name : known_) {
        if (name.empty() || name[0] != c) continue;
        size_t length = MatchName(s_.substr(pos_), name);
        if (length > longest) longest = length, known = &name;
      }
      if (known) {
        t.kind = TokenKind::kQuotedName;
        t.text = *known;
        Advance(longest);
        return Status::Ok();
      }
      size_t start = pos_;
      while (pos_ < s_.size() && (IsNameStart(static_cast<unsigned char>(Peek())) || IsDigit(Peek()))) {
        Advance();
      }
      t.kind = TokenKind::kName;
      t.text = std::string(s_.substr(start, pos_ - start));
      return Status::Ok();
    }
    struct Punct {
      const char* text;
      TokenKind kind;
    };
    static constexpr Punct kPunct[] = {
        {"**", TokenKind::kStarStar},  {"..", TokenKind::kDotDot},       {"!=", TokenKind::kNotEqual},
        {"<=", TokenKind::kLessEqual}, {">=", TokenKind::kGreaterEqual}, {"(", TokenKind::kLeftParen},
        {")", TokenKind::kRightParen}, {"[", TokenKind::kLeftBracket},   {"]", TokenKind::kRightBracket},
        {"{", TokenKind::kLeftBrace},  {"}", TokenKind::kRightBrace},    {",", TokenKind::kComma},
        {".", TokenKind::kDot},        {":", TokenKind::kColon},         {"+", TokenKind::kPlus},
        {"-", TokenKind::kMinus},      {"*", TokenKind::kStar},          {"/", TokenKind::kSlash},
        {"=", TokenKind::kEqual},      {"<", TokenKind::kLess},          {">", TokenKind::kGreater},
        {"?", TokenKind::kQuestion},   {"@", TokenKind::kAt},
    };
    for (const Punct& p : kPunct) {
      std::string_view text(p.text);
      if (s_.substr(pos_, text.size()) == text) {
        t.kind = p.kind;
        Advance(text.size());
        return Status::Ok();
      }
    }
    std::string shown = (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F)
                            ? std::string("'") + c + "'"
                            : "character code " + std::to_string(static_cast<unsigned char>(c));
    return Error(line_, column_, "unexpected " + shown);
  }

  Status Number(Token& t) {
    size_t start = pos_;
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.' && IsDigit(Peek(1))) {
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    // DMN 1.5 grammar rule 37 has no exponent; accept one as most engines do ("1e3", "2.5E-2").
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      Advance(2);
      while (IsDigit(Peek())) Advance();
    }
    t.kind = TokenKind::kNumber;
    t.text = std::string(s_.substr(start, pos_ - start));
    if (t.text.size() > 1000) return Error(t.line, t.column, "number literal too long");
    return Status::Ok();
  }

  Status String(Token& t) {
    Advance();  // opening quote
    t.kind = TokenKind::kString;
    while (true) {
      if (pos_ >= s_.size()) return Error(t.line, t.column, "unterminated string literal");
      char c = Peek();
      if (c == '"') {
        Advance();
        return Status::Ok();
      }
      if (c != '\\') {
        t.text.push_back(c);
        Advance();
        continue;
      }
      int line = line_, column = column_;
      char e = Peek(1);
      Advance(2);
      switch (e) {
        case '"':
          t.text.push_back('"');
          break;
        case '\'':
          t.text.push_back('\'');
          break;
        case '\\':
          t.text.push_back('\\');
          break;
        case 'n':
          t.text.push_back('\n');
          break;
        case 'r':
          t.text.push_back('\r');
          break;
        case 't':
          t.text.push_back('\t');
          break;
        case 'u':
        case 'U': {
          uint32_t cp = 0;
          RETURN_IF_ERROR(Hex(e == 'u' ? 4 : 6, line, column, cp));
          if (e == 'u' && cp >= 0xD800 && cp <= 0xDBFF && Peek() == '\\' && Peek(1) == 'u') {
            Advance(2);
            uint32_t low = 0;
            RETURN_IF_ERROR(Hex(4, line, column, low));
            if (low < 0xDC00 || low > 0xDFFF) return Error(line, column, "invalid surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            return Error(line, column, "invalid code point in escape");
          }
          AppendUtf8(t.text, cp);
          break;
        }
        default:
          // Other escapes are kept as written, so regular expressions can use `\d` and `\s`
          // (DMN 1.5 §10.3.4.3 patterns are XML Schema regular expressions).
          t.text.push_back('\\');
          t.text.push_back(e);
          break;
      }
    }
  }

  Status Hex(int digits, int line, int column, uint32_t& out) {
    out = 0;
    for (int i = 0; i < digits; ++i) {
      int h = HexValue(Peek());
      if (h < 0) return Error(line, column, "expected hexadecimal digits in escape");
      out = out * 16 + static_cast<uint32_t>(h);
      Advance();
    }
    return Status::Ok();
  }

  Status QuotedName(Token& t) {
    Advance();
    size_t start = pos_;
    while (pos_ < s_.size() && Peek() != '`' && Peek() != '\n') Advance();
    if (Peek() != '`') return Error(t.line, t.column, "unterminated `name`");
    t.kind = TokenKind::kQuotedName;
    t.text = std::string(s_.substr(start, pos_ - start));
    Advance();
    if (t.text.empty()) return Error(t.line, t.column, "empty `name`");
    return Status::Ok();
  }

  std::string_view s_;
  std::span<const std::string> known_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

std::string PositionMessage(int line, int column, std::string_view message) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + std::string(message);
}

std::string_view TokenKindText(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kString:
      return "string";
    case TokenKind::kName:
      return "name";
    case TokenKind::kQuotedName:
      return "`name`";
    case TokenKind::kLeftParen:
      return "'('";
    case TokenKind::kRightParen:
      return "')'";
    case TokenKind::kLeftBracket:
      return "'['";
    case TokenKind::kRightBracket:
      return "']'";
    case TokenKind::kLeftBrace:
      return "'{'";
    case TokenKind::kRightBrace:
      return "'}'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kDot:
      return "'.'";
    case TokenKind::kDotDot:
      return "'..'";
    case TokenKind::kColon:
      return "':'";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kStarStar:
      return "'**'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kEqual:
      return "'='";
    case TokenKind::kNotEqual:
      return "'!='";
    case TokenKind::kLess:
      return "'<'";
    case TokenKind::kLessEqual:
      return "'<='";
    case TokenKind::kGreater:
      return "'>'";
    case TokenKind::kGreaterEqual:
      return "'>='";
    case TokenKind::kAt:
      return "'@'";
    case TokenKind::kQuestion:
      return "'?'";
  }
  return "?";
}

Result<std::vector<Token>> Tokenize(std::string_view source, std::span<const std::string> known_names) {
  size_t bad = FindInvalidUtf8(source);
  if (bad != std::string_view::npos) {
    int line = 1, column = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (source[i] == '\n') {
        ++line, column = 1;
      } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    return InvalidArgument(PositionMessage(line, column, "invalid UTF-8"));
  }
  return Lexer(source, known_names).Run();
}

}  // namespace ordo::feel
