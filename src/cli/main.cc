// ordo: the single binary. Parses the command line (CLI11) and runs one subcommand.
#include <CLI/CLI.hpp>

#include "cli/command_registry.h"
#include "cli/commands.h"
#include "cli/decision_command.h"
#include "cli/mine_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Ordo: process management that runs the right way every time and proves it."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ordo 0.1.0");

  ordo::cli::ServeOptions serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the HTTP API and engine on the embedded SQLite store");
  serve_cmd->add_option("--listen", serve.listen, "Address to listen on (host:port)")->capture_default_str();
  serve_cmd->add_option("--data-dir", serve.data_dir, "Folder holding the SQLite database")->capture_default_str();
  serve_cmd->add_option("--demo", serve.demo_dir, "Deploy every .dmn and .bpmn file of this folder at start");
  serve_cmd->add_option("--threads", serve.threads, "HTTP worker threads")->check(CLI::Range(4, 1024))->capture_default_str();

  ordo::cli::ClientOptions client;
  auto add_client_flags = [&client](CLI::App* cmd) {
    cmd->add_option("--server", client.server, "URL of the Ordo server")->capture_default_str();
    cmd->add_flag("--json", client.json, "Print the server's JSON answer");
  };

  std::string file;
  CLI::App* deploy_cmd = app.add_subcommand("deploy", "Deploy a BPMN 2.0 or DMN file");
  deploy_cmd->add_option("FILE", file, "The .bpmn or .dmn file")->required();
  add_client_flags(deploy_cmd);

  std::string key, business_key;
  std::vector<std::string> vars;
  CLI::App* start_cmd = app.add_subcommand("start", "Start an instance of a deployed process");
  start_cmd->add_option("KEY", key, "Process key (the BPMN process id)")->required();
  start_cmd->add_option("--var", vars, "Variable as name=value (value as JSON, else a string); repeatable");
  start_cmd->add_option("--business-key", business_key, "Business key of the instance");
  add_client_flags(start_cmd);

  int decision_version = 0;
  CLI::App* evaluate_cmd = app.add_subcommand("evaluate", "Evaluate a deployed decision and show the rules that fired");
  evaluate_cmd->add_option("KEY", key, "Decision key (the DMN decision id)")->required();
  evaluate_cmd->add_option("--var", vars, "Variable as name=value (value as JSON, else a string); repeatable");
  evaluate_cmd->add_option("--version", decision_version, "A version other than the newest")->check(CLI::PositiveNumber);
  add_client_flags(evaluate_cmd);

  std::string process_filter, state_filter;
  CLI::App* instances_cmd = app.add_subcommand("instances", "List process instances");
  instances_cmd->add_option("--process", process_filter, "Only this process key");
  instances_cmd->add_option("--state", state_filter, "active, completed, terminated or incident");
  add_client_flags(instances_cmd);

  std::string task_state = "open", assignee, group;
  CLI::App* tasks_cmd = app.add_subcommand("tasks", "List user tasks");
  tasks_cmd->add_option("--state", task_state, "open, completed or canceled")->capture_default_str();
  tasks_cmd->add_option("--assignee", assignee, "Only tasks assigned to this user");
  tasks_cmd->add_option("--group", group, "Only tasks for this candidate group");
  add_client_flags(tasks_cmd);

  std::string task;
  CLI::App* complete_cmd = app.add_subcommand("complete", "Complete a user task");
  complete_cmd->add_option("TASK", task, "Task id")->required();
  complete_cmd->add_option("--var", vars, "Variable as name=value; repeatable");
  add_client_flags(complete_cmd);

  std::string data_dir = "./var";
  bool deep = false;
  CLI::App* audit_cmd = app.add_subcommand("audit", "Check the tamper-evident record");
  audit_cmd->require_subcommand(1);
  CLI::App* verify_cmd = audit_cmd->add_subcommand("verify", "Verify every instance's hash chain, offline");
  verify_cmd->add_option("--data-dir", data_dir, "Folder holding the SQLite database")->capture_default_str();
  verify_cmd->add_flag("--deep", deep, "Also replay every log and compare the rebuilt projections");

  ordo::cli::Subcommands more;
  // Subcommand families from their own files (src/cli/*_command.cc):
  ordo::cli::AddMiningCommands(app, more);
  ordo::cli::AddDecisionCommands(app, more);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (*serve_cmd) return ordo::cli::Serve(serve);
  if (*deploy_cmd) return ordo::cli::Deploy(client, file);
  if (*start_cmd) return ordo::cli::Start(client, key, vars, business_key);
  if (*evaluate_cmd) return ordo::cli::Evaluate(client, key, vars, decision_version);
  if (*instances_cmd) return ordo::cli::Instances(client, process_filter, state_filter);
  if (*tasks_cmd) return ordo::cli::Tasks(client, task_state, assignee, group);
  if (*complete_cmd) return ordo::cli::Complete(client, task, vars);
  if (*verify_cmd) return ordo::cli::AuditVerify(data_dir, deep);
  for (const ordo::cli::Subcommand& sub : more) {
    if (*sub.app) return sub.run();
  }
  return 2;
}
