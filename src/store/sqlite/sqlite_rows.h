// How rows.h structs map to SQLite columns: the SELECT column lists and the decoders that read one
// result row into a struct, plus the JSON encoding of name lists. Internal to the SQLite store.
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/rows.h"
#include "store/sqlite/database.h"

namespace ordo::store::sqlite {

// Column lists, in the order the decoders below read them.
extern const char* const kDefinitionColumns;
extern const char* const kEventColumns;
extern const char* const kInstanceColumns;
extern const char* const kElementInstanceColumns;
extern const char* const kTaskColumns;
extern const char* const kJobColumns;
extern const char* const kIncidentColumns;
extern const char* const kIdempotencyColumns;

// REQUIRES: the statement selected the matching column list and its last Step() returned true.
DefinitionRow ReadDefinition(const Statement& stmt);
void ReadEvent(const Statement& stmt, EventRow& row);  // reuses row's buffers
Result<InstanceRow> ReadInstance(const Statement& stmt);
ElementInstanceRow ReadElementInstance(const Statement& stmt);
Result<TaskRow> ReadTask(const Statement& stmt);
Result<JobRow> ReadJob(const Statement& stmt);
Result<IncidentRow> ReadIncident(const Statement& stmt);
IdempotencyRow ReadIdempotency(const Statement& stmt);

// Writes names as a JSON array of strings into out (replacing its contents).
void EncodeNames(const std::vector<std::string>& names, std::string& out);
// Reads a JSON array of strings; DataLoss when the stored text is not one.
Result<std::vector<std::string>> DecodeNames(std::string_view json);

const char* IncidentStateName(IncidentState state);  // "open", "resolved"

}  // namespace ordo::store::sqlite
