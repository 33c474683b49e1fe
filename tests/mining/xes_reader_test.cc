#include "mining/xes_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "mining/dfg.h"
#include "mining/ordering.h"

namespace ordo::mining {
namespace {

Result<EventLog> Read(std::string_view xml, ReadReport* report = nullptr, bool skip = false) {
  auto source = ByteSource::FromMemory(xml);
  ReadOptions options;
  options.skip_invalid = skip;
  return ReadXes(*source, options, report);
}

std::string Gzip(std::string_view data) {
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const char* kLog = R"(<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="source" value="test"/>
  <trace>
    <string key="concept:name" value="c1"/>
    <int key="amount" value="-42"/>
    <event>
      <string key="concept:name" value="a"/>
      <date key="time:timestamp" value="2020-03-29T01:30:00.000+01:00"/>
      <string key="org:resource" value="ann"/>
      <string key="lifecycle:transition" value="complete"/>
      <float key="cost" value="1.5E2"/>
      <boolean key="urgent" value="true"/>
      <id key="ref" value="7d1c"/>
      <list key="tags"><values><string key="t" value="x"/><string key="t" value="y"/></values></list>
      <container key="box"><int key="n" value="1"/></container>
      <string key="note" value="outer"><string key="inner" value="nested"/></string>
    </event>
    <event>
      <string key="concept:name" value="b"/>
      <date key="time:timestamp" value="2020-03-29T03:30:00.000+02:00"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="c2"/>
    <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event>
  </trace>
</log>)";

TEST(XesReader, ReadsColumnsAndEveryAttributeType) {
  Result<EventLog> log = Read(kLog);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->num_cases(), 2u);
  ASSERT_EQ(log->num_events(), 3u);
  EXPECT_EQ(log->str(log->case_id(0)), "c1");
  EXPECT_EQ(log->str(log->activities()[1]), "b");
  EXPECT_EQ(log->str(log->resources()[0]), "ann");
  EXPECT_EQ(log->str(log->lifecycles()[0]), "complete");
  EXPECT_EQ(log->resources()[1], kNoString);
  EXPECT_EQ(log->CountActivities(), 2u);
  // 01:30+01:00 and 03:30+02:00 are one hour apart in UTC (DST began), two on the wall clock.
  EXPECT_EQ(log->utc_ns()[1] - log->utc_ns()[0], 3600LL * 1'000'000'000);
  std::vector<int64_t> wall = log->Times(TimeConvention::kWallClock);
  EXPECT_EQ(wall[1] - wall[0], 7200LL * 1'000'000'000);

  std::map<std::string, AttributeType> types;
  for (const AttributeColumn& col : log->event_attributes()) {
    ASSERT_EQ(col.rows.size(), 1u);
    types[std::string(log->str(col.key))] = col.values[0].type;
    if (log->str(col.key) == "cost") {
      EXPECT_EQ(col.values[0].float_value, 150.0);
    }
    if (log->str(col.key) == "tags") {
      ASSERT_NE(col.values[0].children, kNoChildren);
      EXPECT_EQ(log->nested()[col.values[0].children].size(), 2u);
    }
    if (log->str(col.key) == "note") {
      ASSERT_NE(col.values[0].children, kNoChildren);
      EXPECT_EQ(log->str(log->nested()[col.values[0].children][0].value.text), "nested");
    }
  }
  EXPECT_EQ(types["cost"], AttributeType::kFloat);
  EXPECT_EQ(types["urgent"], AttributeType::kBoolean);
  EXPECT_EQ(types["ref"], AttributeType::kId);
  EXPECT_EQ(types["tags"], AttributeType::kList);
  EXPECT_EQ(types["box"], AttributeType::kContainer);
  ASSERT_EQ(log->case_attributes().size(), 1u);
  EXPECT_EQ(log->case_attributes()[0].values[0].int_value, -42);
  EXPECT_EQ(log->extensions().size(), 1u);
  EXPECT_EQ(log->globals().size(), 1u);
  EXPECT_EQ(log->globals()[0].attributes.size(), 1u);
  EXPECT_EQ(log->classifiers().size(), 1u);
  EXPECT_EQ(log->log_attributes().size(), 1u);
}

TEST(XesReader, GzipIsInflated) {
  std::string gz = Gzip(kLog);
  Result<EventLog> log = Read(gz);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->num_events(), 3u);
}

TEST(XesReader, TruncatedGzipIsDataLoss) {
  std::string gz = Gzip(kLog);
  Result<EventLog> log = Read(std::string_view(gz).substr(0, gz.size() / 2));
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find("truncated gzip"), std::string::npos) << log.status().message();
}

TEST(XesReader, MalformedXmlNamesLineAndByte) {
  Result<EventLog> log = Read("<log>\n<trace>\n<event></trace>\n</log>");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("line 3"), std::string::npos) << log.status().message();
  EXPECT_NE(log.status().message().find("byte"), std::string::npos);
}

TEST(XesReader, RefusesEntityExpansion) {
  const char* bomb = R"(<?xml version="1.0"?>
<!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<log><trace><string key="concept:name" value="&b;"/></trace></log>)";
  Result<EventLog> log = Read(bomb);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("entity"), std::string::npos) << log.status().message();
}

TEST(XesReader, RejectsBytesThatAreNotUtf8) {
  std::string xml = "<log><trace><string key=\"concept:name\" value=\"a\xff\"/></trace></log>";
  Result<EventLog> log = Read(xml);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("line 1"), std::string::npos) << log.status().message();
}

TEST(XesReader, CapsAttributeNesting) {
  std::string xml = "<log>";
  for (int i = 0; i < 100; ++i) xml += "<container key=\"k\">";
  for (int i = 0; i < 100; ++i) xml += "</container>";
  xml += "</log>";
  Result<EventLog> log = Read(xml);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kResourceExhausted);
}

const char* kInvalid = R"(<log>
<trace><event><string key="concept:name" value="a"/><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event></trace>
<trace><string key="concept:name" value="c1"/>
  <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event>
  <event><date key="time:timestamp" value="2020-01-01T00:00:00Z"/></event>
  <event><string key="concept:name" value="b"/></event>
  <event><string key="concept:name" value="c"/><date key="time:timestamp" value="not a date"/></event>
</trace>
<trace><string key="concept:name" value="c1"/>
  <event><string key="concept:name" value="d"/><date key="time:timestamp" value="2020-01-02T00:00:00Z"/></event>
</trace>
</log>)";

TEST(XesReader, InvalidEventsAreErrorsByDefault) {
  Result<EventLog> log = Read(kInvalid);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("no concept:name"), std::string::npos) << log.status().message();
}

TEST(XesReader, SkipInvalidDropsAndCountsAndMergesDuplicates) {
  ReadReport report;
  Result<EventLog> log = Read(kInvalid, &report, /*skip=*/true);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(report.events_read, 6u);
  EXPECT_EQ(report.dropped_no_case_id, 1u);
  EXPECT_EQ(report.dropped_no_activity, 1u);
  EXPECT_EQ(report.dropped_no_timestamp, 2u);
  EXPECT_EQ(report.duplicate_case_ids, 1u);
  ASSERT_EQ(log->num_cases(), 1u);
  ASSERT_EQ(log->num_events(), 2u);
  EXPECT_EQ(log->str(log->activities()[1]), "d");
}

TEST(XesReader, RootMustBeLog) {
  Result<EventLog> log = Read("<html/>");
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("<log>"), std::string::npos);
}

TEST(XesReader, MissingFileIsNotFound) {
  Result<EventLog> log = ReadXesFile("/nonexistent/log.xes");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace ordo::mining
