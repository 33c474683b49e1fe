// `ordo mine LOG`: process mining on an event log file (XES, XES.gz, CSV) from the command line.
// Readable tables on a terminal, one JSON object with --json (field names as in PM4Py's
// reference results; see docs/mining.md).
#pragma once

#include "cli/command_registry.h"

namespace ordo::cli {

void AddMiningCommands(CLI::App& app, Subcommands& subcommands);

}  // namespace ordo::cli
