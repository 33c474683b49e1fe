// Export of an EventLog back to XES (IEEE 1849-2016) and CSV.
//
// XES keeps log attributes, extensions, globals, classifiers, case and event attributes of every
// type with their nesting, and dates with their original offsets, so reading the export gives
// the same log. CSV writes one row per event: case:concept:name, concept:name, time:timestamp,
// lifecycle:transition and org:resource when present, the other event attributes by key, then
// the case attributes as "case:<key>" (the layout mining/csv_reader.h reads back).
// Output ending in ".gz" is gzip-compressed.
// Thread-safety: each call is independent.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "mining/event_log.h"

namespace ordo::mining {

void AppendXes(const EventLog& log, std::string& out);
// Appends text escaped for an XML attribute value or element content: the five predefined
// entities' characters and tab, CR and LF as character references (so attribute-value
// normalisation, XML 1.0 §3.3.3, gives them back unchanged).
void AppendXmlEscaped(std::string& out, std::string_view s);
void AppendCsv(const EventLog& log, std::string& out);

// Writes the text to path, gzip-compressed when path ends in ".gz".
Status WriteTextFile(const std::string& path, const std::string& text);

}  // namespace ordo::mining
