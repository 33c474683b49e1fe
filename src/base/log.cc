#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "base/clock.h"

namespace ordo::log {
namespace {
std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
}

void SetLevel(Level level) { g_level.store(static_cast<int>(level)); }
bool Enabled(Level level) { return static_cast<int>(level) >= g_level.load(); }

void Write(Level level, std::string_view message) {
  if (!Enabled(level)) return;
  static const char* kNames[] = {"debug", "info", "warn", "error"};
  std::string line = FormatTimestamp(SystemClock().NowMs());
  line += ' ';
  line += kNames[static_cast<int>(level)];
  line += ' ';
  line += message;
  line += '\n';
  ssize_t ignored = ::write(2, line.data(), line.size());
  (void)ignored;
}

}  // namespace ordo::log
