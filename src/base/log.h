// Minimal leveled logging to stderr. One line per call, written with a single write(2) so lines
// from different threads never interleave. Thread-safe.
#pragma once

#include <string_view>

namespace ordo::log {

enum class Level { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

void SetLevel(Level level);
bool Enabled(Level level);
void Write(Level level, std::string_view message);

inline void Info(std::string_view m) { Write(Level::kInfo, m); }
inline void Warning(std::string_view m) { Write(Level::kWarning, m); }
inline void Error(std::string_view m) { Write(Level::kError, m); }
inline void Debug(std::string_view m) { Write(Level::kDebug, m); }

}  // namespace ordo::log
