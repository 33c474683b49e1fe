// The decision subcommands of `ordo` (FEEL and DMN, src/feel and src/dmn):
//   ordo feel 'EXPR' [--context JSON]          prints the value as JSON
//   ordo decide FILE.dmn DECISION [--context JSON]
//   ordo tck DIR [--json FILE] [--baseline FILE]  runs DMN TCK test cases as they are
#pragma once

#include "cli/command_registry.h"

namespace ordo::cli {

void AddDecisionCommands(CLI::App& app, Subcommands& subcommands);

}  // namespace ordo::cli
