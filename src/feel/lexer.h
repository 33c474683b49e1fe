// The FEEL lexer (DMN 1.5 §10.3.1.2 grammar rules 25-37 and 61-64: names, literals, white
// space, string escapes).
//
// Produces the whole token vector up front (expressions are short and the parser needs a little
// lookahead). Keywords ("and", "if", "between", ...) are returned as kName tokens: whether a word
// is a keyword depends on where it stands, since built-in names such as "date and time" contain
// them. Besides FEEL's own syntax it accepts `back-quoted names` for names with characters that
// are otherwise operators. Comments (// and /* */) are skipped.
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo::feel {

enum class TokenKind : uint8_t {
  kEnd,
  kNumber,      // text: the literal's digits
  kString,      // text: the decoded contents
  kName,        // text: one word of a name, or a keyword
  kQuotedName,  // text: a `back-quoted` name
  kLeftParen,
  kRightParen,
  kLeftBracket,
  kRightBracket,
  kLeftBrace,
  kRightBrace,
  kComma,
  kDot,
  kDotDot,
  kColon,
  kPlus,
  kMinus,
  kStar,
  kStarStar,
  kSlash,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kQuestion,
  kAt,  // '@' before a string: a temporal literal (DMN 1.5 grammar rule 62)
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  int line = 1;
  int column = 1;  // in code points, 1-based
};

std::string_view TokenKindText(TokenKind kind);

// Errors are InvalidArgument "line L, column C: ..."; the source must be valid UTF-8.
// `known_names` are names in scope that the words of the grammar alone cannot read (DMN 1.5
// §10.3.1.2: a name may hold spaces, keywords and the symbols . / - ' + *, and the names in
// scope decide how text such as "Pre-bureau risk" is read). Where a word starts, the longest of
// them that the source spells out (any run of white space standing for a space) and that does
// not run on into a further name character becomes one kQuotedName token.
Result<std::vector<Token>> Tokenize(std::string_view source, std::span<const std::string> known_names = {});

// Formats "line L, column C: message".
std::string PositionMessage(int line, int column, std::string_view message);

}  // namespace ordo::feel
