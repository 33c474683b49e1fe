// bench_xes_import: XES import alone, the scanner (the fast path) against expat (the reference),
// next to `gzip -dc` of the same file measured in the same run.
//
//   bench_xes_import [--repeat N] [--no-expat] FILE...
//
// Per file: the best of N reads with each tokenizer (seconds, MB/s of XML), for .gz the zcat
// time and import / zcat, and whether both logs export to the same XES (they must).
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "mining/export.h"
#include "mining/xes_reader.h"

namespace {

namespace m = ordo::mining;

double Now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double Zcat(const std::string& path, int repeat) {
  std::string cmd = "gzip -dc '" + path + "' > /dev/null";
  double best = 1e9;
  for (int i = 0; i < repeat; ++i) {
    double t0 = Now();
    if (std::system(cmd.c_str()) != 0) return -1;
    best = std::min(best, Now() - t0);
  }
  return best;
}

struct Timed {
  double seconds = 1e9;
  uint64_t bytes = 0;
  std::string xes;
  std::string error;
};

Timed Import(const std::string& path, m::XmlTokenizer tokenizer, int repeat, bool export_xes) {
  Timed t;
  m::ReadOptions options;
  options.tokenizer = tokenizer;
  for (int i = 0; i < repeat; ++i) {
    m::ReadReport report;
    double t0 = Now();
    ordo::Result<m::EventLog> log = m::ReadXesFile(path, options, &report);
    t.seconds = std::min(t.seconds, Now() - t0);
    t.bytes = report.bytes_read;
    if (!log.ok()) {
      t.error = log.status().ToString();
      return t;
    }
    if (i == 0 && export_xes) {
      t.xes.clear();
      m::AppendXes(*log, t.xes);
    }
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  bool expat = true;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc)
      repeat = std::atoi(argv[++i]);
    else if (a == "--no-expat")
      expat = false;
    else
      files.push_back(a);
  }
  std::printf("%-36s %9s %9s %8s %9s %9s %8s %8s %8s %s\n", "file", "MB", "scan_s", "scan_MB/s", "expat_s",
              "expat_MB/s", "zcat_s", "scan/zc", "expat/zc", "same");
  for (const std::string& path : files) {
    bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    double zcat = gz ? Zcat(path, repeat) : -1;
    Timed scan = Import(path, m::XmlTokenizer::kScanner, repeat, expat);
    Timed ref = expat ? Import(path, m::XmlTokenizer::kExpat, repeat, true) : Timed();
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (!scan.error.empty() || !ref.error.empty()) {
      std::printf("%-36s scanner: %s | expat: %s\n", name.c_str(), scan.error.c_str(), ref.error.c_str());
      continue;
    }
    double mb = static_cast<double>(scan.bytes) / 1e6;
    std::printf("%-36s %9.1f %9.3f %9.0f %9.3f %9.0f %8.3f %8.2f %8.2f %s\n", name.c_str(), mb, scan.seconds,
                mb / scan.seconds, expat ? ref.seconds : 0.0, expat ? mb / ref.seconds : 0.0, zcat,
                gz ? scan.seconds / zcat : 0.0, gz && expat ? ref.seconds / zcat : 0.0,
                !expat                ? "-"
                : scan.xes == ref.xes ? "yes"
                                      : "NO");
    std::fflush(stdout);
  }
  return 0;
}
