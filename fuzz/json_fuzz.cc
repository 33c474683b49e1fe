// Fuzzes the JSON reader every API body goes through: any input parses or fails with a message;
// whatever parses serializes to text that parses to the same value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ordo::json::Parse(text);
  if (!parsed.ok()) {
    if (parsed.status().message().empty()) std::abort();
    return 0;
  }
  std::string again = ordo::json::Serialize(*parsed);
  auto reparsed = ordo::json::Parse(again);
  if (!reparsed.ok() || !(*reparsed == *parsed)) std::abort();
  return 0;
}
