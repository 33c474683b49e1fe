// JUEL, the Unified Expression Language (JSR 245, EL 2.2) that Camunda 7 models write as
// `${approved}` or `#{score > 5}`, translated into FEEL so the engine (which evaluates FEEL only)
// runs those models unchanged.
//
// The subset is the part of EL that reads variables: literals (true, false, null, numbers,
// 'single' and "double" quoted strings), variable names and property paths (`a.b`, `a['b']`,
// `list[0]`), the operators `! not - empty * / div % mod + - < > <= >= lt gt le ge == != eq ne
// && and || or`, the conditional `a ? b : c` and parentheses (EL 2.2 §1.7-1.9, with its
// precedence). `execution.getVariable('name')` reads the variable `name`. Camunda's context
// functions `now()` and `dateTime()` become FEEL's now() (the engine command's time), with
// dateTime()'s Joda-Time methods plusDays(n) .. minusMillis(n) and toDate(). Everything else that
// would call Java (method calls on beans, functions, `execution`/`task` objects) is refused with
// its position: no Java runs in Ordo.
//
// Composite text (`Dear ${name},`) becomes a FEEL string concatenation in which null reads as the
// empty string, as in EL §1.2.1.1. One whole `${...}` keeps its value's type.
//
// Where FEEL and EL differ on values EL would coerce, FEEL's rules apply: `+` adds numbers and
// concatenates strings (EL would parse "1" + 2 as 3), comparisons across types give null (EL
// coerces), and `!`, `&&`, `||` on null give null (EL reads null as false), which makes a condition
// raise an incident instead of taking a path silently. List indexes are 0-based as in EL.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace ordo::bpmn {

inline constexpr int kMaxJuelDepth = 64;

// The FEEL source for `text`, which contains at least one `${...}` or `#{...}`.
// Errors: InvalidArgument "column N: <what is wrong>" (1-based column in `text`).
Result<std::string> TranslateJuel(std::string_view text);

}  // namespace ordo::bpmn
