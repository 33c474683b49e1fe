// The canonical bytes of an event: the exact bytes that are stored and hashed. Defined once and
// versioned; a version's meaning never changes once written (docs/events.md documents it).
//
// Version 1 is one line of JSON, fields in a fixed order, only those the type uses:
//   {"v":1,"seq":3,"at":1700000000000,"type":"ElementActivated","key":12,"element":"Task_1",...}
// Strings are escaped as in base/json.h, numbers are integers, variables are a JSON object ordered
// by name with FEEL values in their canonical JSON form. The chain hash of an instance's log is
//   chain_0 = 32 zero bytes;  chain_i = SHA-256(chain_{i-1} || bytes_i).
#pragma once

#include <string>
#include <string_view>

#include "base/sha256.h"
#include "base/status.h"
#include "model/event.h"

namespace ordo::model {

inline constexpr int kEventFormatVersion = 1;

// Appends the canonical bytes of `event` to `out`.
void AppendCanonical(const Event& event, std::string& out);
std::string CanonicalBytes(const Event& event);

// Parses canonical bytes back. Errors name the field that is wrong.
Result<Event> ParseCanonical(std::string_view bytes);

// The data part of an event as JSON (what the history API shows under "data").
std::string EventDataJson(const Event& event);

inline Digest GenesisHash() { return Digest{}; }
Digest ChainHash(const Digest& previous, std::string_view canonical_bytes);

}  // namespace ordo::model
