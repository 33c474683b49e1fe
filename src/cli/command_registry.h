// How subcommands plug into the `ordo` binary: each family lives in its own *_command.cc, adds
// its CLI11 subcommands to the app and registers what runs when one is chosen. main.cc calls the
// Add*Commands functions. CLI11 is heavy to compile, so only these files include it.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace ordo::cli {

struct Subcommand {
  CLI::App* app;             // the parsed subcommand
  std::function<int()> run;  // returns the exit code
};
using Subcommands = std::vector<Subcommand>;

}  // namespace ordo::cli
