// `ordo serve` and `ordo audit verify`: the composition root, the only place that picks a store.
#include <algorithm>
#include <csignal>
#include <malloc.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "api/server.h"
#include "base/log.h"
#include "cli/commands.h"
#include "runtime/audit.h"
#include "runtime/runtime.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

std::string DatabasePath(const std::string& data_dir) { return (std::filesystem::path(data_dir) / "ordo.db").string(); }

void DeployDemos(runtime::Runtime& rt, const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    if (ext == ".bpmn" || ext == ".dmn") files.push_back(entry.path());
  }
  if (ec) {
    log::Warning("cannot read the demo folder " + dir + ": " + ec.message());
    return;
  }
  // Decisions first, so a process's business rule tasks find them from its first instance.
  std::sort(files.begin(), files.end(), [](const std::filesystem::path& a, const std::filesystem::path& b) {
    bool a_dmn = a.extension() == ".dmn";
    bool b_dmn = b.extension() == ".dmn";
    return a_dmn != b_dmn ? a_dmn : a < b;
  });
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    runtime::Reply reply = rt.Deploy(ss.str(), file.filename().string()).get();
    if (!reply.status.ok()) {
      log::Error("demo " + file.string() + " did not deploy: " + reply.status.message() + " " + reply.body);
    } else {
      log::Info("demo " + file.filename().string() + " deployed: " + reply.body);
    }
  }
}

}  // namespace

int Serve(const ServeOptions& options) {
  // Group commits allocate and free in bursts; keep freed memory in the process instead of
  // handing it back to the kernel after every batch (measured: ~15% of commit time in sysmalloc).
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    std::cerr << "error: cannot create the data directory '" << options.data_dir << "': " << ec.message() << "\n";
    return 1;
  }
  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto store = store::SqliteStore::Open(DatabasePath(options.data_dir));
  if (!store.ok()) {
    std::cerr << "error: cannot open the database in '" << options.data_dir << "': " << store.status().ToString() << "\n";
    return 1;
  }
  SystemClock clock;
  auto rt = runtime::Runtime::Open(**store, clock);
  if (!rt.ok()) {
    std::cerr << "error: cannot start the runtime: " << rt.status().ToString() << "\n";
    return 1;
  }
  // Demo models are in place before the port opens, so a healthy server already has them.
  if (!options.demo_dir.empty()) DeployDemos(**rt, options.demo_dir);
  api::ServerOptions server_options;
  server_options.listen = options.listen;
  server_options.threads = options.threads;
  auto server = api::Server::Start(**rt, server_options);
  if (!server.ok()) {
    std::cerr << "error: " << server.status().message() << "\n";
    return 1;
  }
  std::string host = options.listen.find(':') == std::string::npos ? "127.0.0.1" : options.listen.substr(0, options.listen.rfind(':'));
  std::string base = "http://" + host + ":" + std::to_string((*server)->port());
  std::printf("Ordo is serving %s on %s\n", (*store)->Describe().c_str(), base.c_str());
  if (!options.demo_dir.empty()) {
    std::printf(
        "\nTry it:\n"
        "  curl -s %s/api/v1/processes\n"
        "  curl -s -X POST %s/api/v1/processes/invoice-approval/instances -H 'Content-Type: application/json' \\\n"
        "       -d '{\"variables\":{\"amount\":2500,\"supplier\":\"ACME\"}}'\n"
        "  curl -s '%s/api/v1/tasks?state=open'\n"
        "Complete a task with: curl -s -X POST %s/api/v1/tasks/TASK_ID/complete -H 'Content-Type: application/json' "
        "-d '{\"variables\":{\"approved\":true}}'\n"
        "Evaluate a decision: curl -s -X POST %s/api/v1/decisions/expense-approvers/evaluate "
        "-H 'Content-Type: application/json' -d '{\"variables\":{\"amount\":1500,\"category\":\"equipment\"}}'\n\n",
        base.c_str(), base.c_str(), base.c_str(), base.c_str(), base.c_str());
  }
  std::fflush(stdout);
  int sig = 0;
  sigwait(&signals, &sig);
  log::Info(std::string("stopping on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
  server->reset();
  rt->reset();
  return 0;
}

int AuditVerify(const std::string& data_dir, bool deep) {
  std::string path = DatabasePath(data_dir);
  if (!std::filesystem::exists(path)) {
    std::cerr << "error: there is no Ordo database at '" << path << "' (pass --data-dir)\n";
    return 2;
  }
  auto store = store::SqliteStore::Open(path);
  if (!store.ok()) {
    std::cerr << "error: cannot open '" << path << "': " << store.status().ToString() << "\n";
    return 2;
  }
  auto report = runtime::VerifyChains(**store);
  if (!report.ok()) {
    std::cerr << "error: cannot read the event log: " << report.status().ToString() << "\n";
    return 2;
  }
  if (!report->ok()) {
    std::printf("BROKEN: instance %llu, sequence %llu: %s\n", static_cast<unsigned long long>(report->broken_instance),
                static_cast<unsigned long long>(report->broken_seq), report->problem.c_str());
    return 1;
  }
  std::printf("ok: %llu instances, %llu events, every hash chain verifies\n",
              static_cast<unsigned long long>(report->instances), static_cast<unsigned long long>(report->events));
  if (deep) {
    Status replay = runtime::VerifyProjections(**store);
    if (!replay.ok()) {
      std::printf("BROKEN: %s\n", replay.message().c_str());
      return 1;
    }
    std::printf("ok: replaying every log rebuilds the stored projections exactly\n");
  }
  return 0;
}

}  // namespace ordo::cli
