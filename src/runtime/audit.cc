#include "runtime/audit.h"

#include "model/event_codec.h"

namespace ordo::runtime {
namespace {
// Stops the scan at the first break; the report says what broke. The visitor's own status is
// told apart from a store error by `stopped`, not by its code.
Status Cancelled(bool& stopped) {
  stopped = true;
  return FailedPrecondition("audit stopped at the first break");
}
}  // namespace

Result<AuditReport> VerifyChains(store::Store& store) {
  AuditReport report;
  bool stopped = false;
  uint64_t current = 0;
  Digest head = model::GenesisHash();
  uint64_t expected_seq = 1;
  auto finish_instance = [&](uint64_t id) -> Status {
    if (id == 0 || !report.ok()) return Status::Ok();
    ASSIGN_OR_RETURN(std::optional<store::InstanceRow> row, store.GetInstance(id));
    if (!row) {
      report.broken_instance = id;
      report.broken_seq = expected_seq - 1;
      report.problem = "the log has no instance row";
    } else if (row->last_seq != expected_seq - 1 || row->last_hash != head) {
      report.broken_instance = id;
      report.broken_seq = expected_seq - 1;
      report.problem = "the instance row's last hash or sequence number does not match its log";
    }
    return Status::Ok();
  };
  Status scanned = store.ScanEvents([&](const store::EventRow& row) -> Status {
    if (row.instance_id != current) {
      RETURN_IF_ERROR(finish_instance(current));
      if (!report.ok()) return Cancelled(stopped);
      current = row.instance_id;
      head = model::GenesisHash();
      expected_seq = 1;
      ++report.instances;
    }
    auto fail = [&](uint64_t seq, std::string problem) {
      report.broken_instance = row.instance_id;
      report.broken_seq = seq;
      report.problem = std::move(problem);
      return Cancelled(stopped);
    };
    if (row.seq_first != expected_seq) {
      return fail(expected_seq, "event " + std::to_string(expected_seq) + " is missing (the next stored is " +
                                    std::to_string(row.seq_first) + ")");
    }
    std::string_view body = row.body;
    while (true) {
      size_t nl = body.find('\n');
      std::string_view line = body.substr(0, nl);
      head = model::ChainHash(head, line);
      // The sequence number inside the bytes must be the one the chain position says.
      auto parsed = model::ParseCanonical(line);
      if (!parsed.ok()) return fail(expected_seq, "event bytes do not parse: " + parsed.status().message());
      if (parsed->seq != expected_seq) return fail(expected_seq, "event carries seq " + std::to_string(parsed->seq));
      ++expected_seq;
      ++report.events;
      if (nl == std::string_view::npos) break;
      body = body.substr(nl + 1);
    }
    if (expected_seq - 1 != row.seq_last) return fail(row.seq_first, "the row's sequence range does not match its events");
    if (head != row.hash) {
      return fail(row.seq_first, "hash mismatch: the events " + std::to_string(row.seq_first) + ".." +
                                     std::to_string(row.seq_last) + " are not what was chained");
    }
    return Status::Ok();
  });
  if (!scanned.ok() && !stopped) return scanned;
  if (report.ok()) RETURN_IF_ERROR(finish_instance(current));
  return report;
}

}  // namespace ordo::runtime
