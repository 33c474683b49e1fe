// DMN 1.5 §10.3.4.3 string functions with regular expressions: matches, replace and split. The
// patterns follow XML Schema / XQuery 1.0 (fn:matches, fn:replace, fn:tokenize) and run on PCRE2,
// which accepts that syntax except for character class subtraction and block escapes (rewritten).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "feel/builtins.h"

namespace ordo::feel {
namespace {

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
using Code = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchData = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

// XQuery 1.0 §7.6.1.1 flags: s (dot matches newline), m (multi-line), i (case-insensitive),
// x (whitespace in the pattern is ignored), q (the pattern is a literal string).
// Not a PCRE2 option bit: XQuery's x removes whitespace before the pattern is compiled.
constexpr uint32_t kStripWhitespace = 1u << 31;
static_assert((PCRE2_EXTENDED & kStripWhitespace) == 0 && (PCRE2_UTF & kStripWhitespace) == 0);

std::optional<uint32_t> Options(std::string_view flags) {
  // `$` matches only at the very end, as in XML Schema, unless m is given.
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY;
  for (char f : flags) {
    switch (f) {
      case 's': options |= PCRE2_DOTALL; break;
      case 'm': options |= PCRE2_MULTILINE; break;
      case 'i': options |= PCRE2_CASELESS; break;
      case 'x': options |= kStripWhitespace; break;
      case 'q': options |= PCRE2_LITERAL; break;
      default: return std::nullopt;
    }
  }
  if (options & PCRE2_LITERAL) options &= ~(kStripWhitespace | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY | PCRE2_MULTILINE | PCRE2_DOTALL);
  return options;
}

struct CompileContextDeleter {
  void operator()(pcre2_compile_context* c) const { pcre2_compile_context_free(c); }
};

// The end of the character class that opens at pattern[open] (the index of its `]`), or npos.
size_t ClassEnd(std::string_view pattern, size_t open) {
  for (size_t i = open + 1; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '[') {
      i = ClassEnd(pattern, i);
      if (i == std::string_view::npos) return i;
    } else if (pattern[i] == ']' && i > open + 1) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// XQuery 1.0 §7.6.1.1 flag x: whitespace outside character classes is removed before the
// pattern is read, so "\ s" means "\s".
std::string StripWhitespace(std::string_view pattern) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      out += c;
      while (depth == 0 && i + 1 < pattern.size() && IsSpace(pattern[i + 1])) ++i;
      if (i + 1 < pattern.size()) out += pattern[++i];
      continue;
    }
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (depth == 0 && IsSpace(c)) continue;
    out += c;
  }
  return out;
}

// True when a character class holds an escaped digit: XML Schema has no back-references or
// octal escapes there, while PCRE2 would read `[\1]` as an octal character.
bool ClassHasDigitEscape(std::string_view body) {
  for (size_t i = 0; i + 1 < body.size(); ++i) {
    if (body[i] != '\\') continue;
    if (body[i + 1] >= '0' && body[i + 1] <= '9') return true;
    ++i;
  }
  return false;
}

// XML Schema 1.0 Part 2 §F.1.1 block escapes (`\p{IsBasicLatin}`): the blocks' code point
// ranges, for the blocks PCRE2 does not know by these names.
struct Block {
  std::string_view name;
  uint32_t first, last;
};
constexpr Block kBlocks[] = {
    {"BasicLatin", 0x0000, 0x007F},         {"Latin-1Supplement", 0x0080, 0x00FF},
    {"LatinExtended-A", 0x0100, 0x017F},    {"LatinExtended-B", 0x0180, 0x024F},
    {"IPAExtensions", 0x0250, 0x02AF},      {"Greek", 0x0370, 0x03FF},
    {"Cyrillic", 0x0400, 0x04FF},           {"Armenian", 0x0530, 0x058F},
    {"Hebrew", 0x0590, 0x05FF},             {"Arabic", 0x0600, 0x06FF},
    {"Devanagari", 0x0900, 0x097F},         {"Thai", 0x0E00, 0x0E7F},
    {"GeneralPunctuation", 0x2000, 0x206F}, {"CurrencySymbols", 0x20A0, 0x20CF},
    {"Arrows", 0x2190, 0x21FF},             {"MathematicalOperators", 0x2200, 0x22FF},
    {"Hiragana", 0x3040, 0x309F},           {"Katakana", 0x30A0, 0x30FF},
    {"CJKUnifiedIdeographs", 0x4E00, 0x9FFF}, {"HangulSyllables", 0xAC00, 0xD7AF},
};

// At pattern[i], `\p{IsName}` or `\P{IsName}`: appends the class it stands for and returns the
// index of its `}`; 0 when the text there is not a block escape; npos for an unknown block.
size_t BlockEscape(std::string_view pattern, size_t i, std::string& out) {
  if (pattern.substr(i, 5) != "\\p{Is" && pattern.substr(i, 5) != "\\P{Is") return 0;
  const size_t close = pattern.find('}', i);
  if (close == std::string_view::npos) return 0;
  const std::string_view name = pattern.substr(i + 5, close - i - 5);
  for (const Block& b : kBlocks) {
    if (b.name != name) continue;
    char range[64];
    std::snprintf(range, sizeof range, "[%s\\x{%04X}-\\x{%04X}]", pattern[i + 1] == 'P' ? "^" : "", b.first, b.last);
    out += range;
    return close;
  }
  return std::string_view::npos;
}

// Rewrites what PCRE2 lacks: XML Schema's class subtraction `[a-z-[aeiou]]` becomes
// `(?:(?![aeiou])[a-z])`, a block escape `\p{IsBasicLatin}` a class of its code points.
// Nullopt for what XML Schema forbids and PCRE2 would accept.
std::optional<std::string> Translate(std::string_view pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const size_t block_end = BlockEscape(pattern, i, out);
      if (block_end == std::string_view::npos) return std::nullopt;
      if (block_end > 0) {
        i = block_end;
        continue;
      }
      out += pattern.substr(i, 2);
      ++i;
    } else if (c == '[') {
      size_t end = ClassEnd(pattern, i);
      if (end == std::string_view::npos) return out + std::string(pattern.substr(i));
      std::string_view body = pattern.substr(i, end - i + 1);
      if (ClassHasDigitEscape(body)) return std::nullopt;
      size_t minus = body.find("-[");
      if (minus != std::string_view::npos && minus > 1 && body[minus - 1] != '\\' &&
          ClassEnd(body, minus + 1) == body.size() - 2) {
        std::optional<std::string> subtracted = Translate(body.substr(minus + 1, body.size() - minus - 2));
        if (!subtracted) return std::nullopt;
        out += "(?:(?!" + *subtracted + ")" + std::string(body.substr(0, minus)) + "])";
      } else {
        out += body;
      }
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

Code CompilePattern(const std::string& pattern, uint32_t options) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  std::string translated = pattern;
  if (!(options & PCRE2_LITERAL)) {
    std::optional<std::string> rewritten =
        Translate(options & kStripWhitespace ? StripWhitespace(pattern) : pattern);
    if (!rewritten) return nullptr;
    translated = std::move(*rewritten);
  }
  // `.` excludes both \n and \r in XML Schema.
  std::unique_ptr<pcre2_compile_context, CompileContextDeleter> compile(pcre2_compile_context_create(nullptr));
  pcre2_set_newline(compile.get(), PCRE2_NEWLINE_ANYCRLF);
  return Code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                            options & ~kStripWhitespace, &error, &offset, compile.get()));
}

// Arguments: input, pattern, then the flags at `flags_index` (absent or null: none).
Code PrepareArguments(std::span<const Value> args, size_t strings, size_t flags_index, CallContext& context,
                      Value& failure, bool& literal) {
  for (size_t i = 0; i < strings; ++i) {
    if (args[i].is_null()) return nullptr;
    if (!args[i].is_string()) {
      failure = context.Fail("expected a string, got a " + std::string(KindName(args[i].kind())));
      return nullptr;
    }
  }
  std::string_view flags;
  if (args.size() > flags_index && !args[flags_index].is_null()) {
    if (!args[flags_index].is_string()) {
      failure = context.Fail("flags must be a string");
      return nullptr;
    }
    flags = args[flags_index].as_string();
  }
  std::optional<uint32_t> options = Options(flags);
  if (!options) {
    failure = context.Fail("unknown flag in \"" + std::string(flags) + "\"");
    return nullptr;
  }
  literal = (*options & PCRE2_LITERAL) != 0;
  Code code = CompilePattern(args[1].as_string(), *options);
  if (!code) failure = context.Fail("invalid pattern \"" + args[1].as_string() + "\"");
  return code;
}

bool MatchesEmpty(pcre2_code* code) {
  MatchData data(pcre2_match_data_create_from_pattern(code, nullptr));
  return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(""), 0, 0, 0, data.get(), nullptr) >= 0;
}

// XQuery 1.0 §7.6.3: `\$` and `\\` are literal, `$N` is group N; PCRE2 writes a literal $ as $$.
std::optional<std::string> TranslateReplacement(std::string_view replacement, bool literal) {
  std::string out;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (literal) {
      out += c == '$' ? "$$" : std::string(1, c);
    } else if (c == '\\') {
      if (i + 1 >= replacement.size() || (replacement[i + 1] != '\\' && replacement[i + 1] != '$')) return std::nullopt;
      out += replacement[++i] == '$' ? "$$" : "\\";
    } else if (c == '$') {
      if (i + 1 >= replacement.size() || replacement[i + 1] < '0' || replacement[i + 1] > '9') return std::nullopt;
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

// matches(input, pattern, flags?): true when the pattern matches some part of the input.
Value Matches(std::span<const Value> args, CallContext& context) {
  Value failure;
  bool literal = false;
  Code code = PrepareArguments(args, 2, 2, context, failure, literal);
  if (!code) return failure;
  MatchData data(pcre2_match_data_create_from_pattern(code.get(), nullptr));
  const std::string& input = args[0].as_string();
  int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(input.data()), input.size(), 0, 0, data.get(),
                       nullptr);
  if (rc < -1) return context.Fail("matching failed");
  return Value::Bool(rc >= 0);
}

// replace(input, pattern, replacement, flags?): every non-overlapping match is replaced.
Value Replace(std::span<const Value> args, CallContext& context) {
  Value failure;
  bool literal = false;
  Code code = PrepareArguments(args, 3, 3, context, failure, literal);
  if (!code) return failure;
  if (MatchesEmpty(code.get())) return context.Fail("the pattern matches the empty string");
  std::optional<std::string> replacement = TranslateReplacement(args[2].as_string(), literal);
  if (!replacement) return context.Fail("invalid replacement \"" + args[2].as_string() + "\"");
  const std::string& input = args[0].as_string();
  std::string out(input.size() * 2 + replacement->size() + 64, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    PCRE2_SIZE length = out.size();
    int rc = pcre2_substitute(code.get(), reinterpret_cast<PCRE2_SPTR>(input.data()), input.size(), 0,
                              PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
                                  PCRE2_SUBSTITUTE_UNSET_EMPTY | PCRE2_SUBSTITUTE_UNKNOWN_UNSET, nullptr, nullptr,
                              reinterpret_cast<PCRE2_SPTR>(replacement->data()), replacement->size(),
                              reinterpret_cast<PCRE2_UCHAR*>(out.data()), &length);
    if (rc == PCRE2_ERROR_NOMEMORY && attempt == 0 && length <= kMaxStringBytes) {
      out.resize(length + 1);
      continue;
    }
    if (rc < 0) return context.Fail("replacement failed");
    out.resize(length);
    return Value::String(std::move(out));
  }
  return context.Fail("result too long");
}

// split(string, delimiter): the parts between matches of the delimiter pattern (fn:tokenize).
Value Split(std::span<const Value> args, CallContext& context) {
  Value failure;
  bool literal = false;
  Code code = PrepareArguments(args, 2, 2, context, failure, literal);
  if (!code) return failure;
  if (MatchesEmpty(code.get())) return context.Fail("the delimiter matches the empty string");
  const std::string& input = args[0].as_string();
  MatchData data(pcre2_match_data_create_from_pattern(code.get(), nullptr));
  std::vector<Value> parts;
  PCRE2_SIZE start = 0;
  while (start <= input.size()) {
    int rc = pcre2_match(code.get(), reinterpret_cast<PCRE2_SPTR>(input.data()), input.size(), start, 0,
                         data.get(), nullptr);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) return context.Fail("matching failed");
    PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
    parts.push_back(Value::String(input.substr(start, ovector[0] - start)));
    start = ovector[1];
  }
  parts.push_back(Value::String(input.substr(std::min<size_t>(start, input.size()))));
  return Value::List(std::move(parts));
}

}  // namespace

std::span<const Builtin> RegexBuiltins() {
  static const Builtin kBuiltins[] = {
      {"matches", {"input", "pattern", "flags"}, 2, 3, Matches},
      {"replace", {"input", "pattern", "replacement", "flags"}, 3, 4, Replace},
      {"split", {"string", "delimiter"}, 2, 2, Split},
  };
  return kBuiltins;
}

}  // namespace ordo::feel
