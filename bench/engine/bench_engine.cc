// bench_engine: end-to-end throughput and latency of the engine on a durable SQLite store.
//
// Every scenario runs on a fresh database (WAL, synchronous=FULL) in a temporary directory on the
// same disk as the binary, so the numbers include real fsyncs; group commit is what makes them
// larger than the disk's fsync rate, which is measured first for comparison.
//
//   (a) in-process   start -> script task (FEEL) -> end, submitted by --clients threads
//   (b) http         the same model through POST /api/v1/processes/{key}/instances
//   (c) service      start -> service task -> end; instances started over HTTP while external
//                    workers acquire jobs and complete them over HTTP
//   (d) user-task    instances wait at a user task; POST /api/v1/tasks/{id}/complete latency
//
// Usage: bench_engine [--n N] [--n-extra M] [--quick] [--clients C] [--dir DIR] [--only a,b,c,d]
//                     [--keep]
#include <malloc.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/server.h"
#include "base/clock.h"
#include "base/log.h"
#include "http_client.h"
#include "runtime/runtime.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench_engine: %s\n", message.c_str());
  std::exit(1);
}

// ---------------------------------------------------------------------------------------------
// Models

constexpr const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"\n"
    "                  xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"\n"
    "                  xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"\n"
    "                  id=\"bench-definitions\" targetNamespace=\"https://ordo.dev/bench\">\n";

std::string Model(const std::string& key, const std::string& task) {
  return std::string(kHead) + "  <bpmn:process id=\"" + key + "\" isExecutable=\"true\">\n" +
         "    <bpmn:startEvent id=\"start\"/>\n"
         "    <bpmn:sequenceFlow id=\"f1\" sourceRef=\"start\" targetRef=\"t\"/>\n    " +
         task +
         "\n    <bpmn:sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"end\"/>\n"
         "    <bpmn:endEvent id=\"end\"/>\n"
         "  </bpmn:process>\n"
         "</bpmn:definitions>\n";
}

const std::string kScriptKey = "bench-script";
const std::string kServiceKey = "bench-service";
const std::string kUserKey = "bench-user";

std::string ScriptModel() {
  return Model(kScriptKey,
               "<bpmn:scriptTask id=\"t\" scriptFormat=\"feel\" camunda:resultVariable=\"r\">"
               "<bpmn:script>x + 1</bpmn:script></bpmn:scriptTask>");
}
std::string ServiceModel() {
  return Model(kServiceKey,
               "<bpmn:serviceTask id=\"t\"><bpmn:extensionElements>"
               "<zeebe:taskDefinition type=\"work\"/></bpmn:extensionElements></bpmn:serviceTask>");
}
std::string UserModel() { return Model(kUserKey, "<bpmn:userTask id=\"t\" name=\"Approve\"/>"); }

// (e): a business rule task calling a 2-input COLLECT decision table of 3 rules.
const std::string kRuleKey = "bench-rules";
std::string RuleModel() {
  return Model(kRuleKey,
               "<bpmn:businessRuleTask id=\"t\" camunda:decisionRef=\"bench-approvers\" "
               "camunda:mapDecisionResult=\"collectEntries\" camunda:resultVariable=\"groups\"/>");
}
std::string RuleDecision() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bench-dmn" name="bench" namespace="bench">
  <decision id="bench-approvers" name="Approvers">
    <decisionTable hitPolicy="COLLECT">
      <input><inputExpression typeRef="number"><text>x</text></inputExpression></input>
      <input><inputExpression typeRef="string"><text>category</text></inputExpression></input>
      <output name="group" typeRef="string"/>
      <rule id="r1"><inputEntry><text>-</text></inputEntry><inputEntry><text>-</text></inputEntry>
        <outputEntry><text>"team-leads"</text></outputEntry></rule>
      <rule id="r2"><inputEntry><text>&gt;= 1000</text></inputEntry><inputEntry><text>-</text></inputEntry>
        <outputEntry><text>"finance"</text></outputEntry></rule>
      <rule id="r3"><inputEntry><text>-</text></inputEntry><inputEntry><text>"equipment"</text></inputEntry>
        <outputEntry><text>"it"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>)";
}

// ---------------------------------------------------------------------------------------------
// Options and results

struct Options {
  int n = 20000;        // (a), (b)
  int n_extra = 5000;   // (c), (d)
  int clients = 64;     // (a) threads, (b) connections, starters in (c)/(d)
  int workers = 4;      // (c) worker processes (one acquiring connection each)
  int completers = 8;   // (c) completing connections per worker
  int job_batch = 64;   // (c) max jobs per acquire
  int user_clients = 32;  // (d) completing connections
  int inflight = 2048;  // (a2) futures in flight from one submitting thread
  std::string dir;      // parent of the temporary directory; default: next to the binary
  std::string only = "aAbcde";
  bool keep = false;
  bool quick = false;
};

struct Latencies {
  std::vector<double> us;
  void Add(Clock::duration d) { us.push_back(std::chrono::duration<double, std::micro>(d).count()); }
  void Merge(const Latencies& o) { us.insert(us.end(), o.us.begin(), o.us.end()); }
  double Pct(double p) {
    if (us.empty()) return 0;
    std::sort(us.begin(), us.end());
    size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(us.size() - 1) + 0.5);
    return us[std::min(i, us.size() - 1)];
  }
};

struct Result {
  std::string name;
  int instances = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // whole process: engine, server and the benchmark's own clients
  double p50_ms = 0, p99_ms = 0;
  std::string latency_of;
  runtime::Runtime::Stats stats;
  double bytes_per_instance = 0;
  std::string notes;
  double rate() const { return seconds > 0 ? instances / seconds : 0; }
};

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

std::string LoadAverage() {
  std::ifstream f("/proc/loadavg");
  std::string a, b, c;
  f >> a >> b >> c;
  return a + " " + b + " " + c;
}

// ---------------------------------------------------------------------------------------------
// The disk's durable-commit limit: 4 KiB writes, each followed by fdatasync, for `seconds`.

double MeasureFsyncRate(const fs::path& dir, double seconds) {
  fs::path file = dir / "fsync-probe";
  int fd = ::open(file.c_str(), O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) Die("cannot create " + file.string() + ": " + std::strerror(errno));
  constexpr int kBlocks = 256;  // cycle through 1 MiB, preallocated, like a reused WAL
  char block[4096];
  std::memset(block, 'x', sizeof block);
  for (int i = 0; i < kBlocks; ++i) {
    if (::pwrite(fd, block, sizeof block, static_cast<off_t>(i) * 4096) != 4096) Die("pwrite failed");
  }
  ::fsync(fd);
  long count = 0;
  auto start = Clock::now();
  auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < end) {
    block[0] = static_cast<char>(count);
    if (::pwrite(fd, block, sizeof block, static_cast<off_t>(count % kBlocks) * 4096) != 4096) Die("pwrite failed");
    if (::fdatasync(fd) != 0) Die(std::string("fdatasync: ") + std::strerror(errno));
    ++count;
  }
  double rate = static_cast<double>(count) / Seconds(Clock::now() - start);
  ::close(fd);
  fs::remove(file);
  return rate;
}

std::string FilesystemOf(const fs::path& dir) {
  struct statfs s{};
  if (statfs(dir.c_str(), &s) != 0) return "?";
  switch (static_cast<unsigned long>(s.f_type)) {
    case 0xEF53: return "ext4";
    case 0x58465342: return "xfs";
    case 0x9123683E: return "btrfs";
    case 0x01021994: return "tmpfs (not durable!)";
    case 0x794c7630: return "overlayfs";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "fs 0x%lx", static_cast<unsigned long>(s.f_type));
      return buf;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Database size: checkpoint the WAL into the main file and truncate it, then read the file sizes.
// Must run with the store closed.

struct DbSize {
  uint64_t db_bytes = 0, wal_bytes = 0, page_count = 0, page_size = 0, freelist = 0;
};

DbSize CheckpointAndMeasure(const fs::path& db) {
  sqlite3* conn = nullptr;
  if (sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    Die("cannot reopen " + db.string() + ": " + sqlite3_errmsg(conn));
  }
  auto pragma = [&](const char* sql) -> uint64_t {
    sqlite3_stmt* st = nullptr;
    uint64_t v = 0;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, nullptr) != SQLITE_OK) Die(std::string(sql) + ": " + sqlite3_errmsg(conn));
    if (sqlite3_step(st) == SQLITE_ROW) v = static_cast<uint64_t>(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return v;
  };
  pragma("PRAGMA wal_checkpoint(TRUNCATE)");
  DbSize s;
  s.page_count = pragma("PRAGMA page_count");
  s.page_size = pragma("PRAGMA page_size");
  s.freelist = pragma("PRAGMA freelist_count");
  sqlite3_close(conn);
  std::error_code ec;
  s.db_bytes = fs::file_size(db, ec);
  fs::path wal = db;
  wal += "-wal";
  s.wal_bytes = fs::exists(wal) ? fs::file_size(wal, ec) : 0;
  return s;
}

// ---------------------------------------------------------------------------------------------
// One fresh engine: store, runtime and (optionally) the HTTP server.

class Engine {
 public:
  Engine(const fs::path& dir, const std::string& name, bool http) : path_(dir / (name + ".db")) {
    auto store = store::SqliteStore::Open(path_.string());
    if (!store.ok()) Die("open store: " + store.status().ToString());
    store_ = std::move(*store);
    auto rt = runtime::Runtime::Open(*store_, clock_);
    if (!rt.ok()) Die("open runtime: " + rt.status().ToString());
    runtime_ = std::move(*rt);
    if (http) {
      api::ServerOptions options;
      options.listen = "127.0.0.1:0";
      auto server = api::Server::Start(*runtime_, options);
      if (!server.ok()) Die("start server: " + server.status().ToString());
      server_ = std::move(*server);
    }
  }

  runtime::Runtime& runtime() { return *runtime_; }
  int port() const { return server_ ? server_->port() : 0; }
  const fs::path& path() const { return path_; }
  std::string Describe() const { return store_->Describe(); }

  void DeployInProcess(const std::string& xml) {
    runtime::Reply r = runtime_->Deploy(xml, "bench.bpmn").get();
    if (!r.status.ok()) Die("deploy: " + r.status.ToString() + " " + r.body);
  }

  void DeployHttp(const std::string& xml) {
    HttpConnection c("127.0.0.1", port());
    HttpResponse r = c.Post("/api/v1/deployments", xml, "application/xml");
    if (r.status != 201) Die("deploy over HTTP: " + std::to_string(r.status) + " " + r.body + c.error());
  }

  int64_t CountInstances(store::InstanceState state) {
    int64_t n = 0;
    store::Page page{0, 1000};
    while (true) {
      auto rows = store_->ListInstances(store::InstanceFilter{"", state}, page);
      if (!rows.ok()) Die("list instances: " + rows.status().ToString());
      n += static_cast<int64_t>(rows->size());
      if (static_cast<int>(rows->size()) < page.limit) return n;
      page.after_id = rows->back().id;
    }
  }

  // Stops server, runtime and store (in that order) and returns the checkpointed database size.
  DbSize Close() {
    server_.reset();
    runtime_.reset();
    store_.reset();
    return CheckpointAndMeasure(path_);
  }

 private:
  fs::path path_;
  SystemClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<runtime::Runtime> runtime_;
  std::unique_ptr<api::Server> server_;
};

// The bytes a database holds before any instance: schema plus one deployment of `xml`.
uint64_t BaselineBytes(const fs::path& dir, const std::string& name, const std::string& xml) {
  Engine e(dir, name + "-baseline", false);
  e.DeployInProcess(xml);
  return e.Close().db_bytes;
}

void FinishSizes(Result& res, Engine& engine, uint64_t baseline, int completed) {
  DbSize s = engine.Close();
  uint64_t used = s.db_bytes + s.wal_bytes;
  res.bytes_per_instance = completed > 0 && used > baseline ? static_cast<double>(used - baseline) / completed : 0;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "db after wal_checkpoint(TRUNCATE): %llu B (wal %llu B, %llu pages of %llu B, %llu free); "
                "baseline (schema + deployment) %llu B",
                static_cast<unsigned long long>(s.db_bytes), static_cast<unsigned long long>(s.wal_bytes),
                static_cast<unsigned long long>(s.page_count), static_cast<unsigned long long>(s.page_size),
                static_cast<unsigned long long>(s.freelist), static_cast<unsigned long long>(baseline));
  std::printf("  %s\n", buf);
}

void PrintStats(const runtime::Runtime::Stats& s) {
  std::printf("  runtime stats: commits=%llu commands=%llu events=%llu  commands/commit=%.1f events/commit=%.1f\n",
              static_cast<unsigned long long>(s.commits), static_cast<unsigned long long>(s.commands),
              static_cast<unsigned long long>(s.events),
              s.commits ? static_cast<double>(s.commands) / static_cast<double>(s.commits) : 0.0,
              s.commits ? static_cast<double>(s.events) / static_cast<double>(s.commits) : 0.0);
}

void PrintResult(const Result& r) {
  std::printf("  %d instances in %.3f s = %.0f instances/s; cpu %.2f s (%.0f instances per cpu-s)\n", r.instances,
              r.seconds, r.rate(), r.cpu_seconds, r.cpu_seconds > 0 ? r.instances / r.cpu_seconds : 0.0);
  if (!r.latency_of.empty()) {
    std::printf("  latency of %s: p50 %.2f ms, p99 %.2f ms\n", r.latency_of.c_str(), r.p50_ms, r.p99_ms);
  }
  if (!r.notes.empty()) std::printf("  %s\n", r.notes.c_str());
}

// Runs fn(thread_index) on `threads` threads and waits for all of them.
void RunThreads(int threads, const std::function<void(int)>& fn) {
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) pool.emplace_back(fn, t);
  for (auto& th : pool) th.join();
}

// Instance i of n handled by thread t of `threads`: a contiguous share each.
std::pair<int, int> Share(int n, int threads, int t) {
  int lo = static_cast<int>(static_cast<int64_t>(n) * t / threads);
  int hi = static_cast<int>(static_cast<int64_t>(n) * (t + 1) / threads);
  return {lo, hi};
}

std::string StartBody(int i) { return "{\"variables\":{\"x\":" + std::to_string(i) + "}}"; }

// ---------------------------------------------------------------------------------------------
// (a) in-process: script task

Result ScenarioInProcess(const fs::path& dir, const Options& o) {
  std::printf("\n(a) in-process: start -> script task (FEEL x + 1) -> end, %d instances from %d threads\n", o.n,
              o.clients);
  uint64_t baseline = BaselineBytes(dir, "a", ScriptModel());
  Engine engine(dir, "a", false);
  std::printf("  store: %s\n", engine.Describe().c_str());
  engine.DeployInProcess(ScriptModel());
  runtime::Runtime& rt = engine.runtime();
  auto before = rt.stats();
  std::vector<Latencies> lat(static_cast<size_t>(o.clients));
  std::atomic<int> failures{0};
  std::string first_failure;
  std::mutex fail_mu;
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  RunThreads(o.clients, [&](int t) {
    auto [lo, hi] = Share(o.n, o.clients, t);
    for (int i = lo; i < hi; ++i) {
      model::Variables vars;
      vars.emplace("x", feel::Value::Int(i));
      auto s = Clock::now();
      runtime::Reply r = rt.StartInstance(kScriptKey, std::nullopt, "", std::move(vars)).get();
      lat[static_cast<size_t>(t)].Add(Clock::now() - s);
      if (!r.status.ok() || r.body.find("\"state\":\"completed\"") == std::string::npos) {
        if (failures++ == 0) {
          std::lock_guard<std::mutex> l(fail_mu);
          first_failure = r.status.ToString() + " " + r.body;
        }
      }
    }
  });
  Result res;
  res.name = "(a) in-process start->script->end";
  res.seconds = Seconds(Clock::now() - t0);
  res.cpu_seconds = CpuSeconds() - cpu0;
  res.instances = o.n - failures.load();
  auto after = rt.stats();
  res.stats = {after.commits - before.commits, after.commands - before.commands, after.events - before.events};
  Latencies all;
  for (auto& l : lat) all.Merge(l);
  res.p50_ms = all.Pct(50) / 1000;
  res.p99_ms = all.Pct(99) / 1000;
  res.latency_of = "StartInstance (submit to durable reply)";
  int64_t completed = engine.CountInstances(store::InstanceState::kCompleted);
  if (failures) std::printf("  FAILED: %d starts, first: %s\n", failures.load(), first_failure.c_str());
  if (completed != o.n) std::printf("  FAILED: %lld completed instances in the store, expected %d\n",
                                    static_cast<long long>(completed), o.n);
  res.notes = "verified: " + std::to_string(completed) + " completed instances in the store";
  PrintResult(res);
  PrintStats(res.stats);
  FinishSizes(res, engine, baseline, static_cast<int>(completed));
  std::printf("  bytes per completed instance: %.0f (file size after checkpoint minus baseline, / instances)\n",
              res.bytes_per_instance);
  return res;
}

// ---------------------------------------------------------------------------------------------
// (a2) in-process, asynchronous: one thread keeps --inflight StartInstance futures outstanding, so a
// group commit can take far more commands than 64 blocking clients offer.

Result ScenarioInProcessAsync(const fs::path& dir, const Options& o, bool rules) {
  if (rules) {
    std::printf("\n(e) in-process: start -> business rule task (DMN COLLECT table, 2 inputs, 3 rules) -> end, "
                "%d instances from one thread with %d futures in flight\n", o.n, o.inflight);
  } else {
    std::printf("\n(a2) in-process: the same model, %d instances from one thread with %d futures in flight\n", o.n,
                o.inflight);
  }
  const std::string& key = rules ? kRuleKey : kScriptKey;
  Engine engine(dir, rules ? "e" : "a2", false);
  std::printf("  store: %s\n", engine.Describe().c_str());
  if (rules) {
    engine.DeployInProcess(RuleDecision());
    engine.DeployInProcess(RuleModel());
  } else {
    engine.DeployInProcess(ScriptModel());
  }
  runtime::Runtime& rt = engine.runtime();
  auto before = rt.stats();
  struct InFlight {
    std::future<runtime::Reply> reply;
    Clock::time_point submitted;
  };
  std::deque<InFlight> window;
  Latencies lat;
  int failures = 0;
  std::string first_failure;
  auto settle = [&] {
    runtime::Reply r = window.front().reply.get();
    lat.Add(Clock::now() - window.front().submitted);
    window.pop_front();
    if (!r.status.ok() || r.body.find("\"state\":\"completed\"") == std::string::npos) {
      if (failures++ == 0) first_failure = r.status.ToString() + " " + r.body;
    }
  };
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  for (int i = 0; i < o.n; ++i) {
    if (static_cast<int>(window.size()) >= o.inflight) settle();
    model::Variables vars;
    vars.emplace("x", feel::Value::Int(i));
    if (rules) vars.emplace("category", feel::Value::String(i % 2 ? "equipment" : "travel"));
    window.push_back({rt.StartInstance(key, std::nullopt, "", std::move(vars)), Clock::now()});
  }
  while (!window.empty()) settle();
  Result res;
  res.name = rules ? "(e) in-process, business rule task" : "(a2) in-process, futures in flight";
  res.seconds = Seconds(Clock::now() - t0);
  res.cpu_seconds = CpuSeconds() - cpu0;
  res.instances = o.n - failures;
  auto after = rt.stats();
  res.stats = {after.commits - before.commits, after.commands - before.commands, after.events - before.events};
  res.p50_ms = lat.Pct(50) / 1000;
  res.p99_ms = lat.Pct(99) / 1000;
  res.latency_of = "StartInstance (submit to durable reply)";
  int64_t completed = engine.CountInstances(store::InstanceState::kCompleted);
  if (failures) std::printf("  FAILED: %d starts, first: %s\n", failures, first_failure.c_str());
  if (completed != o.n) std::printf("  FAILED: %lld completed instances in the store, expected %d\n",
                                    static_cast<long long>(completed), o.n);
  res.notes = "verified: " + std::to_string(completed) + " completed instances in the store";
  PrintResult(res);
  PrintStats(res.stats);
  engine.Close();
  res.bytes_per_instance = 0;  // the same rows as (a): not measured again
  return res;
}

// ---------------------------------------------------------------------------------------------
// (b) HTTP: script task

Result ScenarioHttp(const fs::path& dir, const Options& o) {
  std::printf("\n(b) HTTP: POST /api/v1/processes/%s/instances, script task, %d instances over %d keep-alive "
              "connections\n",
              kScriptKey.c_str(), o.n, o.clients);
  uint64_t baseline = BaselineBytes(dir, "b", ScriptModel());
  Engine engine(dir, "b", true);
  std::printf("  store: %s; server 127.0.0.1:%d\n", engine.Describe().c_str(), engine.port());
  engine.DeployHttp(ScriptModel());
  auto before = engine.runtime().stats();
  std::vector<Latencies> lat(static_cast<size_t>(o.clients));
  std::atomic<int> failures{0};
  std::mutex fail_mu;
  std::string first_failure;
  const std::string path = "/api/v1/processes/" + kScriptKey + "/instances";
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  RunThreads(o.clients, [&](int t) {
    HttpConnection c("127.0.0.1", engine.port());
    auto [lo, hi] = Share(o.n, o.clients, t);
    for (int i = lo; i < hi; ++i) {
      auto s = Clock::now();
      HttpResponse r = c.Post(path, StartBody(i));
      lat[static_cast<size_t>(t)].Add(Clock::now() - s);
      if (r.status != 201 || JsonField(r.body, "state") != "completed") {
        if (failures++ == 0) {
          std::lock_guard<std::mutex> l(fail_mu);
          first_failure = std::to_string(r.status) + " " + r.body + " " + c.error();
        }
      }
    }
  });
  Result res;
  res.name = "(b) HTTP start->script->end";
  res.seconds = Seconds(Clock::now() - t0);
  res.cpu_seconds = CpuSeconds() - cpu0;
  res.instances = o.n - failures.load();
  auto after = engine.runtime().stats();
  res.stats = {after.commits - before.commits, after.commands - before.commands, after.events - before.events};
  Latencies all;
  for (auto& l : lat) all.Merge(l);
  res.p50_ms = all.Pct(50) / 1000;
  res.p99_ms = all.Pct(99) / 1000;
  res.latency_of = "POST .../instances";
  int64_t completed = engine.CountInstances(store::InstanceState::kCompleted);
  if (failures) std::printf("  FAILED: %d starts, first: %s\n", failures.load(), first_failure.c_str());
  if (completed != o.n) std::printf("  FAILED: %lld completed instances in the store, expected %d\n",
                                    static_cast<long long>(completed), o.n);
  res.notes = "verified: " + std::to_string(completed) + " completed instances in the store";
  PrintResult(res);
  PrintStats(res.stats);
  FinishSizes(res, engine, baseline, static_cast<int>(completed));
  std::printf("  bytes per completed instance: %.0f\n", res.bytes_per_instance);
  return res;
}

// ---------------------------------------------------------------------------------------------
// (c) service task with external workers over HTTP

// Job ids of an acquire answer: {"items":[{"id":"7",...},...]}.
void ParseJobIds(const std::string& body, std::vector<std::string>& out) {
  static const std::string kItem = "{\"id\":\"";
  size_t p = 0;
  while ((p = body.find(kItem, p)) != std::string::npos) {
    p += kItem.size();
    size_t q = body.find('"', p);
    if (q == std::string::npos) break;
    out.emplace_back(body, p, q - p);
    p = q;
  }
}

Result ScenarioService(const fs::path& dir, const Options& o) {
  const int n = o.n_extra;
  const int starters = o.clients / 2;
  std::printf("\n(c) service task: %d instances started over HTTP by %d connections; %d workers, each acquiring "
              "up to %d jobs per call on one connection and completing them on %d connections\n",
              n, starters, o.workers, o.job_batch, o.completers);
  uint64_t baseline = BaselineBytes(dir, "c", ServiceModel());
  Engine engine(dir, "c", true);
  std::printf("  store: %s; server 127.0.0.1:%d\n", engine.Describe().c_str(), engine.port());
  engine.DeployHttp(ServiceModel());
  auto before = engine.runtime().stats();
  const int port = engine.port();
  const std::string start_path = "/api/v1/processes/" + kServiceKey + "/instances";

  std::atomic<int> start_failures{0}, complete_failures{0}, acquire_calls{0}, empty_acquires{0};
  std::atomic<int> acquired_total{0}, completed_total{0};
  std::atomic<int64_t> last_completion_ns{0};
  std::mutex fail_mu;
  std::string first_failure;
  auto note_failure = [&](const std::string& what) {
    std::lock_guard<std::mutex> l(fail_mu);
    if (first_failure.empty()) first_failure = what;
  };
  std::vector<Latencies> complete_lat(static_cast<size_t>(o.workers * o.completers));

  struct WorkerQueue {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::string> ids;
    bool done = false;
  };
  std::vector<WorkerQueue> queues(static_cast<size_t>(o.workers));

  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  std::atomic<int64_t> starts_done_ns{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < starters; ++s) {
    threads.emplace_back([&, s] {
      HttpConnection c("127.0.0.1", port);
      auto [lo, hi] = Share(n, starters, s);
      for (int i = lo; i < hi; ++i) {
        HttpResponse r = c.Post(start_path, StartBody(i));
        if (r.status != 201) {
          start_failures++;
          note_failure("start: " + std::to_string(r.status) + " " + r.body + c.error());
        }
      }
      int64_t now = (Clock::now() - t0).count();
      int64_t prev = starts_done_ns.load();
      while (now > prev && !starts_done_ns.compare_exchange_weak(prev, now)) {
      }
    });
  }
  for (int w = 0; w < o.workers; ++w) {
    WorkerQueue& q = queues[static_cast<size_t>(w)];
    const std::string worker = "w" + std::to_string(w);
    const std::string acquire_body = "{\"type\":\"work\",\"worker\":\"" + worker + "\",\"max\":" +
                                     std::to_string(o.job_batch) + ",\"lockMs\":60000}";
    // The acquiring connection: fetch a batch whenever the local queue runs low.
    threads.emplace_back([&, acquire_body] {
      HttpConnection c("127.0.0.1", port);
      std::vector<std::string> ids;
      while (acquired_total.load() + start_failures.load() < n) {
        {
          std::unique_lock<std::mutex> l(q.mu);
          q.cv.wait(l, [&] { return static_cast<int>(q.ids.size()) < o.completers; });
        }
        HttpResponse r = c.Post("/api/v1/jobs/acquire", acquire_body);
        acquire_calls++;
        if (r.status != 200) {
          note_failure("acquire: " + std::to_string(r.status) + " " + r.body + c.error());
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
          continue;
        }
        ids.clear();
        ParseJobIds(r.body, ids);
        if (ids.empty()) {
          empty_acquires++;
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          continue;
        }
        acquired_total += static_cast<int>(ids.size());
        {
          std::lock_guard<std::mutex> l(q.mu);
          for (auto& id : ids) q.ids.push_back(std::move(id));
        }
        q.cv.notify_all();
      }
      {
        std::lock_guard<std::mutex> l(q.mu);
        q.done = true;
      }
      q.cv.notify_all();
    });
    for (int k = 0; k < o.completers; ++k) {
      Latencies& lat = complete_lat[static_cast<size_t>(w * o.completers + k)];
      threads.emplace_back([&, worker] {
        HttpConnection c("127.0.0.1", port);
        const std::string body = "{\"worker\":\"" + worker + "\",\"variables\":{}}";
        while (true) {
          std::string id;
          {
            std::unique_lock<std::mutex> l(q.mu);
            q.cv.wait(l, [&] { return !q.ids.empty() || q.done; });
            if (q.ids.empty()) return;
            id = std::move(q.ids.front());
            q.ids.pop_front();
          }
          q.cv.notify_all();  // the acquirer may be waiting for room
          auto s = Clock::now();
          HttpResponse r = c.Post("/api/v1/jobs/" + id + "/complete", body);
          auto e = Clock::now();
          lat.Add(e - s);
          if (r.status != 200) {
            complete_failures++;
            note_failure("complete job " + id + ": " + std::to_string(r.status) + " " + r.body + c.error());
            continue;
          }
          completed_total++;
          int64_t now = (e - t0).count();
          int64_t prev = last_completion_ns.load();
          while (now > prev && !last_completion_ns.compare_exchange_weak(prev, now)) {
          }
        }
      });
    }
  }
  for (auto& th : threads) th.join();
  Result res;
  res.name = "(c) HTTP start->service->end, workers";
  res.seconds = static_cast<double>(last_completion_ns.load()) / 1e9;
  res.cpu_seconds = CpuSeconds() - cpu0;
  res.instances = completed_total.load();
  auto after = engine.runtime().stats();
  res.stats = {after.commits - before.commits, after.commands - before.commands, after.events - before.events};
  Latencies all;
  for (auto& l : complete_lat) all.Merge(l);
  res.p50_ms = all.Pct(50) / 1000;
  res.p99_ms = all.Pct(99) / 1000;
  res.latency_of = "POST /jobs/{id}/complete";
  int64_t completed = engine.CountInstances(store::InstanceState::kCompleted);
  if (start_failures || complete_failures) {
    std::printf("  FAILED: %d starts, %d completions; first: %s\n", start_failures.load(), complete_failures.load(),
                first_failure.c_str());
  }
  if (completed != n) std::printf("  FAILED: %lld completed instances in the store, expected %d\n",
                                  static_cast<long long>(completed), n);
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "verified: %lld completed instances in the store; starts finished at %.3f s (%.0f starts/s); "
                "%d acquire calls (%d empty), %.1f jobs per non-empty acquire",
                static_cast<long long>(completed), static_cast<double>(starts_done_ns.load()) / 1e9,
                n / (static_cast<double>(starts_done_ns.load()) / 1e9), acquire_calls.load(), empty_acquires.load(),
                acquire_calls > empty_acquires
                    ? static_cast<double>(acquired_total.load()) / (acquire_calls.load() - empty_acquires.load())
                    : 0.0);
  res.notes = buf;
  PrintResult(res);
  PrintStats(res.stats);
  FinishSizes(res, engine, baseline, static_cast<int>(completed));
  std::printf("  bytes per completed instance: %.0f\n", res.bytes_per_instance);
  return res;
}

// ---------------------------------------------------------------------------------------------
// (d) user tasks: completion latency

Result ScenarioUser(const fs::path& dir, const Options& o) {
  const int n = o.n_extra;
  std::printf("\n(d) user task: %d instances started over HTTP by %d connections, then their tasks completed "
              "over HTTP by %d connections\n",
              n, o.clients, o.user_clients);
  uint64_t baseline = BaselineBytes(dir, "d", UserModel());
  Engine engine(dir, "d", true);
  std::printf("  store: %s; server 127.0.0.1:%d\n", engine.Describe().c_str(), engine.port());
  engine.DeployHttp(UserModel());
  const int port = engine.port();
  const std::string start_path = "/api/v1/processes/" + kUserKey + "/instances";
  std::atomic<int> failures{0};
  std::mutex fail_mu;
  std::string first_failure;
  auto note_failure = [&](const std::string& what) {
    failures++;
    std::lock_guard<std::mutex> l(fail_mu);
    if (first_failure.empty()) first_failure = what;
  };

  auto s0 = Clock::now();
  RunThreads(o.clients, [&](int t) {
    HttpConnection c("127.0.0.1", port);
    auto [lo, hi] = Share(n, o.clients, t);
    for (int i = lo; i < hi; ++i) {
      HttpResponse r = c.Post(start_path, StartBody(i));
      if (r.status != 201 || JsonField(r.body, "state") != "active") {
        note_failure("start: " + std::to_string(r.status) + " " + r.body + c.error());
      }
    }
  });
  double start_seconds = Seconds(Clock::now() - s0);

  // Collect the open tasks through the list API, page by page.
  std::vector<std::string> task_ids;
  auto l0 = Clock::now();
  {
    HttpConnection c("127.0.0.1", port);
    std::string cursor;
    while (true) {
      std::string path = "/api/v1/tasks?state=open&limit=1000";
      if (!cursor.empty()) path += "&cursor=" + cursor;
      HttpResponse r = c.Get(path);
      if (r.status != 200) Die("list tasks: " + std::to_string(r.status) + " " + r.body + c.error());
      ParseJobIds(r.body, task_ids);
      std::string_view next = JsonField(r.body, "next");
      if (next.empty() || next == "null") break;
      cursor = std::string(next);
    }
  }
  double list_seconds = Seconds(Clock::now() - l0);
  if (static_cast<int>(task_ids.size()) != n) {
    std::printf("  FAILED: %zu open tasks listed, expected %d\n", task_ids.size(), n);
  }

  auto before = engine.runtime().stats();
  std::vector<Latencies> lat(static_cast<size_t>(o.user_clients));
  const int tasks = static_cast<int>(task_ids.size());
  double cpu0 = CpuSeconds();
  auto t0 = Clock::now();
  RunThreads(o.user_clients, [&](int t) {
    HttpConnection c("127.0.0.1", port);
    auto [lo, hi] = Share(tasks, o.user_clients, t);
    std::string path;
    for (int i = lo; i < hi; ++i) {
      path = "/api/v1/tasks/" + task_ids[static_cast<size_t>(i)] + "/complete";
      auto s = Clock::now();
      HttpResponse r = c.Post(path, "{\"variables\":{\"approved\":true}}");
      lat[static_cast<size_t>(t)].Add(Clock::now() - s);
      if (r.status != 200) note_failure("complete task: " + std::to_string(r.status) + " " + r.body + c.error());
    }
  });
  Result res;
  res.name = "(d) HTTP user-task complete";
  res.seconds = Seconds(Clock::now() - t0);
  res.cpu_seconds = CpuSeconds() - cpu0;
  res.instances = tasks - failures.load();
  auto after = engine.runtime().stats();
  res.stats = {after.commits - before.commits, after.commands - before.commands, after.events - before.events};
  Latencies all;
  for (auto& l : lat) all.Merge(l);
  res.p50_ms = all.Pct(50) / 1000;
  res.p99_ms = all.Pct(99) / 1000;
  res.latency_of = "POST /tasks/{id}/complete";
  int64_t completed = engine.CountInstances(store::InstanceState::kCompleted);
  if (failures) std::printf("  FAILED: %d requests; first: %s\n", failures.load(), first_failure.c_str());
  if (completed != n) std::printf("  FAILED: %lld completed instances in the store, expected %d\n",
                                  static_cast<long long>(completed), n);
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "verified: %lld completed instances in the store; starting took %.3f s (%.0f starts/s), listing "
                "%d tasks %.3f s",
                static_cast<long long>(completed), start_seconds, n / start_seconds, tasks, list_seconds);
  res.notes = buf;
  PrintResult(res);
  std::printf("  (throughput above counts task completions only; stats below cover the completion phase)\n");
  PrintStats(res.stats);
  FinishSizes(res, engine, baseline, static_cast<int>(completed));
  std::printf("  bytes per completed instance: %.0f\n", res.bytes_per_instance);
  return res;
}

// ---------------------------------------------------------------------------------------------

int IntArg(const char* flag, const char* v) {
  if (v == nullptr) Die(std::string(flag) + " needs a value");
  char* end = nullptr;
  long x = std::strtol(v, &end, 10);
  if (*end != '\0' || x < 1 || x > 100000000) Die(std::string(flag) + ": not a positive integer: " + v);
  return static_cast<int>(x);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  int n = -1, n_extra = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--quick") {
      o.quick = true;
    } else if (a == "--keep") {
      o.keep = true;
    } else if (a == "--n") {
      n = IntArg("--n", v), ++i;
    } else if (a == "--n-extra") {
      n_extra = IntArg("--n-extra", v), ++i;
    } else if (a == "--clients") {
      o.clients = IntArg("--clients", v), ++i;
    } else if (a == "--workers") {
      o.workers = IntArg("--workers", v), ++i;
    } else if (a == "--completers") {
      o.completers = IntArg("--completers", v), ++i;
    } else if (a == "--job-batch") {
      o.job_batch = IntArg("--job-batch", v), ++i;
    } else if (a == "--inflight") {
      o.inflight = IntArg("--inflight", v), ++i;
    } else if (a == "--user-clients") {
      o.user_clients = IntArg("--user-clients", v), ++i;
    } else if (a == "--dir") {
      if (v == nullptr) Die("--dir needs a value");
      o.dir = v, ++i;
    } else if (a == "--only") {
      if (v == nullptr) Die("--only needs a value");
      o.only = v, ++i;
    } else if (a == "--help" || a == "-h") {
      std::printf(
          "usage: bench_engine [--n N] [--n-extra M] [--quick] [--clients C] [--workers W] [--completers K]\n"
          "                    [--job-batch B] [--user-clients U] [--inflight F] [--dir DIR]\n"
          "                    [--only a,A,b,c,d,e] [--keep]\n"
          "  --n          instances for (a) and (b) (default 20000; --quick: 2000)\n"
          "  --n-extra    instances for (c) and (d) (default N/4)\n"
          "  --only       scenarios to run: a (in-process, C threads), A (in-process, F futures in flight),\n"
          "               b (HTTP), c (service task + workers), d (user tasks), e (business rule task,\n"
          "               F futures in flight); default aAbcde\n"
          "  --dir        where the temporary databases go (default: next to this binary, i.e. the build disk)\n");
      std::exit(0);
    } else {
      Die("unknown argument " + a + " (see --help)");
    }
  }
  o.n = n > 0 ? n : (o.quick ? 2000 : 20000);
  o.n_extra = n_extra > 0 ? n_extra : std::max(1, o.n / 4);
  return o;
}

int Main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  log::SetLevel(log::Level::kWarning);

  fs::path parent = o.dir.empty() ? fs::read_symlink("/proc/self/exe").parent_path() : fs::path(o.dir);
  std::string tmpl = (parent / "bench-engine-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) Die("cannot create a temporary directory under " + parent.string());
  fs::path dir = tmpl;

  std::printf("bench_engine: Ordo engine end to end, durable SQLite store\n");
  std::printf("  databases in %s (%s), a fresh one per scenario\n", dir.c_str(), FilesystemOf(dir).c_str());
  std::printf("  cores: %u; load average at start: %s\n", std::thread::hardware_concurrency(), LoadAverage().c_str());
  std::printf("  N=%d for (a)/(b), %d for (c)/(d); %d client threads/connections\n", o.n, o.n_extra, o.clients);

  double fsync_rate = MeasureFsyncRate(dir, 2.0);
  std::printf("\ndisk: %.0f durable commits/s (4 KiB pwrite + fdatasync, 2 s, same directory)\n", fsync_rate);

  std::vector<Result> results;
  if (o.only.find('a') != std::string::npos) results.push_back(ScenarioInProcess(dir, o));
  if (o.only.find('A') != std::string::npos) results.push_back(ScenarioInProcessAsync(dir, o, false));
  if (o.only.find('b') != std::string::npos) results.push_back(ScenarioHttp(dir, o));
  if (o.only.find('c') != std::string::npos) results.push_back(ScenarioService(dir, o));
  if (o.only.find('d') != std::string::npos) results.push_back(ScenarioUser(dir, o));
  if (o.only.find('e') != std::string::npos) results.push_back(ScenarioInProcessAsync(dir, o, true));

  std::string describe;
  {
    // Describe() of a store opened like the ones measured, for the summary's header.
    auto s = store::SqliteStore::Open((dir / "ordo.db").string());
    if (s.ok()) describe = (*s)->Describe();
  }
  std::printf("\nSummary: backend %s; fsync limit %.0f/s; load average now %s\n", describe.c_str(), fsync_rate,
              LoadAverage().c_str());
  std::printf("%-40s %9s %9s %9s %9s %9s %10s %9s %9s\n", "scenario", "n", "inst/s", "per-fsync", "inst/cpu-s",
              "cmds/cmt", "B/instance", "p50 ms", "p99 ms");
  for (const Result& r : results) {
    double per_commit = r.stats.commits ? static_cast<double>(r.stats.commands) / static_cast<double>(r.stats.commits) : 0;
    char bytes[32] = "-";
    if (r.bytes_per_instance > 0) std::snprintf(bytes, sizeof bytes, "%.0f", r.bytes_per_instance);
    std::printf("%-40s %9d %9.0f %9.2f %9.0f %9.1f %10s %9.2f %9.2f\n", r.name.c_str(), r.instances, r.rate(),
                fsync_rate > 0 ? r.rate() / fsync_rate : 0.0, r.cpu_seconds > 0 ? r.instances / r.cpu_seconds : 0.0,
                per_commit, bytes, r.p50_ms, r.p99_ms);
  }
  std::printf("  per-fsync = instances/s divided by the disk's fsync/s (> 1 means group commit batches them);\n"
              "  inst/cpu-s counts the whole process (engine, HTTP server and these clients) on a shared machine;\n"
              "  (c) counts completed instances from the first start to the last job completion; (d) counts task\n"
              "  completions; B/instance = (db size after wal_checkpoint(TRUNCATE) - schema+deployment) / instances.\n");

  if (o.keep) {
    std::printf("kept %s\n", dir.c_str());
  } else {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return 0;
}

}  // namespace
}  // namespace ordo::bench

int main(int argc, char** argv) {
  // As `ordo serve` does: keep freed memory in the process between group commits.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  return ordo::bench::Main(argc, argv);
}
