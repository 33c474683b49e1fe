// Commit throughput of the SQLite store with acknowledged-command durability (WAL,
// synchronous=FULL), compared with the raw fsync rate of the same disk. Each "instance" is what a
// simple process instance writes per group commit: one ~900-byte event row and one instance row.
//
// The database and the fsync probe file go to $ORDO_BENCH_DIR (default: the working directory),
// so run it on the disk that will hold var/ordo.db. /tmp may be a RAM disk.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace ordo::store {
namespace {

std::filesystem::path BenchDir() {
  const char* dir = std::getenv("ORDO_BENCH_DIR");
  return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                        : std::filesystem::current_path();
}

// Removes a database and its WAL/SHM side files.
void RemoveDatabase(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

InstanceRow SimpleInstance() {
  InstanceRow row;
  row.definition_id = 1;
  row.process_key = "bench-simple";
  row.version = 1;
  row.state = InstanceState::kCompleted;
  row.variables_json = R"({"amount":"100.00","approved":true})";
  row.active_json = "[]";
  row.created_at = 1'700'000'000'000;
  row.ended_at = 1'700'000'000'001;
  row.last_seq = 6;
  return row;
}

void BM_SqliteCommit(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  const std::string path = (BenchDir() / "ordo-store-bench.db").string();
  RemoveDatabase(path);
  auto opened = SqliteStore::Open(path, {.synchronous = Synchronous::kFull});
  if (!opened.ok()) {
    state.SkipWithError(opened.status().ToString().c_str());
    return;
  }
  std::unique_ptr<SqliteStore> store = std::move(opened).value();

  Transaction txn;
  txn.events.resize(batch);
  txn.instances.assign(batch, SimpleInstance());
  const std::string body(900, 'e');
  for (EventRow& event : txn.events) {
    event.seq_first = 1;
    event.seq_last = 6;
    event.body = body;
    event.hash.fill(0xab);
  }
  uint64_t next_id = 1;
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) {
      txn.events[i].instance_id = next_id;
      txn.instances[i].id = next_id;
      ++next_id;
    }
    txn.next_key = next_id;
    Status status = store->Commit(txn);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      break;
    }
  }
  const double instances = static_cast<double>(state.iterations()) * batch;
  state.counters["commits/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
  state.counters["instances/s"] = benchmark::Counter(instances, benchmark::Counter::kIsRate);
  state.counters["rows/s"] = benchmark::Counter(2 * instances, benchmark::Counter::kIsRate);
  state.SetLabel(store->Describe());
  store.reset();
  RemoveDatabase(path);
}
BENCHMARK(BM_SqliteCommit)->Arg(1)->Arg(64)->Arg(512)->UseRealTime()->MinTime(2.0);

// The disk's durable write rate: rewrite one 4 KiB block of a preallocated file, then fdatasync.
void BM_Fsync(benchmark::State& state) {
  const std::string path = (BenchDir() / "ordo-fsync-bench.tmp").string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    state.SkipWithError("cannot create the fsync probe file");
    return;
  }
  std::vector<char> block(4096, 'f');
  constexpr int kBlocks = 256;
  for (int i = 0; i < kBlocks; ++i) {
    if (::pwrite(fd, block.data(), block.size(), static_cast<off_t>(i) * 4096) < 0) break;
  }
  ::fsync(fd);
  int64_t n = 0;
  for (auto _ : state) {
    off_t offset = static_cast<off_t>(n++ % kBlocks) * 4096;
    if (::pwrite(fd, block.data(), block.size(), offset) < 0 || ::fdatasync(fd) != 0) {
      state.SkipWithError("write or fdatasync failed");
      break;
    }
  }
  state.counters["fsync/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  ::close(fd);
  std::filesystem::remove(path);
}
BENCHMARK(BM_Fsync)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace ordo::store

BENCHMARK_MAIN();
