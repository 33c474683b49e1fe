// Clock: the only source of "now". The engine core never reads the wall clock; the runtime reads a
// Clock and passes the time into each command. Tests use ManualClock.
// Thread-safety: SystemClock is stateless; ManualClock is safe for concurrent Now()/Advance().
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace ordo {

// Milliseconds since the Unix epoch, UTC.
using TimestampMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimestampMs NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimestampMs NowMs() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimestampMs start = 1'700'000'000'000) : now_(start) {}
  TimestampMs NowMs() const override { return now_.load(); }
  void Set(TimestampMs t) { now_.store(t); }
  void AdvanceMs(int64_t d) { now_.fetch_add(d); }

 private:
  std::atomic<TimestampMs> now_;
};

// "2024-01-31T12:00:00.123Z"
std::string FormatTimestamp(TimestampMs t);

}  // namespace ordo
