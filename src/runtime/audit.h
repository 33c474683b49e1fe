// Offline checks of what is stored: the hash chain of every instance log (ordo audit verify), and
// a deep check that replaying every log through the appliers rebuilds the stored projections
// exactly. Both only read the store.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace ordo::runtime {

struct AuditReport {
  uint64_t instances = 0;
  uint64_t events = 0;
  // Empty when every chain verifies; else the first break: which instance, which sequence
  // number, and what is wrong.
  uint64_t broken_instance = 0;
  uint64_t broken_seq = 0;
  std::string problem;
  bool ok() const { return problem.empty(); }
};

// Recomputes every instance's chain from the stored event bytes and compares it with the stored
// hashes, sequence numbers and the instance row's last hash. A read error is returned as Status;
// a break is reported in the AuditReport.
Result<AuditReport> VerifyChains(store::Store& store);

}  // namespace ordo::runtime
