// The subcommands of the `ordo` binary. main.cc parses flags (CLI11) and calls one of these; each
// returns the process exit code and prints errors that say what was wrong.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ordo::cli {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./var";
  std::string demo_dir;  // deploy every .bpmn in it at start
  int threads = 128;
};
int Serve(const ServeOptions& options);

// `ordo audit verify`: offline, straight from the database.
int AuditVerify(const std::string& data_dir, bool deep);

// Client commands: talk to a server at `server` ("http://127.0.0.1:8080").
struct ClientOptions {
  std::string server = "http://127.0.0.1:8080";
  bool json = false;  // print the raw JSON answer
};
int Deploy(const ClientOptions& client, const std::string& file);
// POST /api/v1/decisions/KEY/evaluate; prints the result as JSON and the rules that fired.
int Evaluate(const ClientOptions& client, const std::string& key, const std::vector<std::string>& vars, int version);
int Start(const ClientOptions& client, const std::string& key, const std::vector<std::string>& vars,
          const std::string& business_key);
int Instances(const ClientOptions& client, const std::string& process_key, const std::string& state);
int Tasks(const ClientOptions& client, const std::string& state, const std::string& assignee,
          const std::string& group);
int Complete(const ClientOptions& client, const std::string& task, const std::vector<std::string>& vars);

// "name=value" flags to a JSON object: value is JSON when it parses as JSON (42, true, "x",
// {"a":1}), otherwise a string. Returns false with `error` set on a malformed flag.
bool VarsToJson(const std::vector<std::string>& vars, std::string& json, std::string& error);

}  // namespace ordo::cli
