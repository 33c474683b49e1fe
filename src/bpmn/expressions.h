// Expression text found in BPMN documents: telling FEEL from JUEL, and compiling FEEL.
//
// Camunda 7 models write JUEL (`${approved}`, `#{x}`); Camunda 8 models write FEEL marked with a
// leading `=` (`=approved`); Ordo's own models write plain FEEL. The engine evaluates FEEL only:
// JUEL in conditions and assignment attributes is translated to FEEL (bpmn/juel.h); elsewhere it
// is recognised in order to name it precisely in a problem rather than to fail later with a
// confusing FEEL syntax error.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "feel/expression.h"

namespace ordo::bpmn {

// `text` without leading and trailing XML whitespace.
std::string_view TrimSpace(std::string_view text);

// True when the text contains a JUEL/EL expression (`${...}` or `#{...}`).
bool ContainsJuel(std::string_view text);

// True when the (trimmed) text starts with '=', Camunda 8's marker for an expression.
bool HasFeelMarker(std::string_view text);

// The FEEL source of an expression attribute or element: trimmed, one leading '=' removed.
std::string_view FeelSource(std::string_view text);

// The problem message for JUEL text: "JUEL expressions are not supported yet: '${approved}'",
// with " in <where>" appended when `where` is non-empty.
std::string JuelMessage(std::string_view text, std::string_view where = {});

// True for a language or script format naming FEEL (case-insensitive "feel", or an OMG FEEL URI).
bool IsFeelLanguage(std::string_view language);

// A FEEL string literal for `s`: double quotes, with '"' and '\\' escaped.
std::string QuoteFeelString(std::string_view s);

// Compiles FEEL source. On failure the Status message reads
// "invalid FEEL in <what> '<source>': <FEEL error>".
Result<feel::Expression> CompileFeel(std::string_view source, std::string_view what);

}  // namespace ordo::bpmn
