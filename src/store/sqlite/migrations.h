// Numbered schema migrations for the SQLite store. Each migration is one SQL script; the scripts
// run in order, each exactly once per database, recorded in the schema_version table. A released
// migration never changes: a schema change is a new, higher-numbered script.
// Thread-safety: ApplyMigrations needs exclusive use of the connection it is given.
#pragma once

#include <vector>

#include "base/status.h"
#include "store/sqlite/database.h"

namespace ordo::store::sqlite {

struct Migration {
  int version;       // 1, 2, ... without gaps
  const char* name;  // a few words, recorded beside the version
  const char* sql;
};

// Every migration this binary knows, in order.
const std::vector<Migration>& Migrations();

// The version a fully migrated database has.
int LatestSchemaVersion();

// Brings the database up to LatestSchemaVersion() inside one IMMEDIATE transaction (all or
// nothing). A database at a newer version than this binary knows is refused with
// FailedPrecondition and left untouched.
Status ApplyMigrations(Database& db);

// The version recorded in the database (0 for an empty one).
Result<int> CurrentSchemaVersion(Database& db);

}  // namespace ordo::store::sqlite
