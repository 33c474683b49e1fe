// The bridge between FEEL values and the JSON document model of base/json.h.
//
// JSON numbers become decimal128 numbers parsed from their exact text (never through double);
// objects become contexts in member order; strings stay strings (an ISO 8601 string is not turned
// into a date: a model converts it explicitly with date(...)). In the other direction numbers are
// written as FEEL's canonical number text, dates, times and durations as their ISO 8601 strings,
// and ranges and functions as their FEEL text.
// Thread-safety: pure functions.
#pragma once

#include "base/json.h"
#include "feel/value.h"

namespace ordo::feel {

// Never fails: a number beyond decimal128's range becomes null.
Value FromJson(const json::Value& value);
json::Value ToJson(const Value& value);

}  // namespace ordo::feel
