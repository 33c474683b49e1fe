#include "mining/csv_reader.h"

#include <gtest/gtest.h>

namespace ordo::mining {
namespace {

TEST(CsvReader, DefaultColumnsQuotingAndInterleavedCases) {
  const char* csv =
      "case:concept:name,concept:name,time:timestamp,org:resource,case:kind,note\n"
      "c1,a,2020-01-01 10:00:00+01:00,ann,gold,\"x, \"\"quoted\"\"\"\n"
      "c2,a,2020-01-01T09:00:00Z,,silver,\n"
      "c1,\"b\nwith break\",2020-01-01T10:30:00Z,bob,gold,y\n";
  Result<EventLog> log = ReadCsv(csv, CsvOptions{});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->num_cases(), 2u);
  ASSERT_EQ(log->num_events(), 3u);
  EXPECT_EQ(log->str(log->case_id(0)), "c1");
  EXPECT_EQ(log->case_end(0), 2u);  // c1's rows grouped, in file order
  EXPECT_EQ(log->str(log->activities()[1]), "b\nwith break");
  EXPECT_EQ(log->str(log->resources()[1]), "bob");
  EXPECT_EQ(log->resources()[2], kNoString);
  EXPECT_EQ(log->utc_ns()[1] - log->utc_ns()[0], 5400LL * 1'000'000'000);  // 10:00+01:00 to 10:30Z
  ASSERT_EQ(log->event_attributes().size(), 1u);
  EXPECT_EQ(log->str(log->event_attributes()[0].values[0].text), "x, \"quoted\"");
  ASSERT_EQ(log->case_attributes().size(), 1u);
  EXPECT_EQ(log->str(log->case_attributes()[0].key), "kind");
}

TEST(CsvReader, ColumnMappingSeparatorAndFormat) {
  CsvOptions o;
  o.case_column = "Case ID";
  o.activity_column = "Activity";
  o.timestamp_column = "Start";
  o.timestamp_format = "%d/%m/%Y %H:%M";
  o.separator = ';';
  Result<EventLog> log = ReadCsv("Case ID;Activity;Start\r\n1;Open;06/12/2011 13:41\r\n1;Close;07/12/2011 08:00\r\n", o);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->num_events(), 2u);
  EXPECT_EQ(log->utc_ns()[0], ParseIsoTimestamp("2011-12-06T13:41:00")->utc_ns);
}

TEST(CsvReader, MissingColumnListsTheColumns) {
  Result<EventLog> log = ReadCsv("id,act,ts\n1,a,2020-01-01\n", CsvOptions{});
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("columns: id, act, ts"), std::string::npos) << log.status().message();
}

TEST(CsvReader, BadRowsNameTheirLine) {
  const char* csv = "case:concept:name,concept:name,time:timestamp\nc1,a,2020-01-01\nc1,b,31/12/2020\n";
  Result<EventLog> log = ReadCsv(csv, CsvOptions{});
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("line 3"), std::string::npos) << log.status().message();
  EXPECT_FALSE(ReadCsv("case:concept:name,concept:name,time:timestamp\nc1,\"a,2020\n", CsvOptions{}).ok());
  EXPECT_FALSE(ReadCsv("case:concept:name,concept:name,time:timestamp\nc1,a\n", CsvOptions{}).ok());
  EXPECT_FALSE(ReadCsv("", CsvOptions{}).ok());
}

TEST(CsvReader, SkipInvalidCountsWhy) {
  const char* csv =
      "case:concept:name,concept:name,time:timestamp\n"
      ",a,2020-01-01\n"
      "c1,,2020-01-01\n"
      "c1,b,never\n"
      "c1,c,2020-01-02\n";
  ReadOptions options;
  options.skip_invalid = true;
  ReadReport report;
  Result<EventLog> log = ReadCsv(csv, CsvOptions{}, options, &report);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->num_events(), 1u);
  EXPECT_EQ(report.events_read, 4u);
  EXPECT_EQ(report.dropped_no_case_id, 1u);
  EXPECT_EQ(report.dropped_no_activity, 1u);
  EXPECT_EQ(report.dropped_no_timestamp, 1u);
}

TEST(CsvReader, RejectsBytesThatAreNotUtf8) {
  Result<EventLog> log = ReadCsv("case:concept:name,concept:name,time:timestamp\nc1,caf\xe9,2020-01-01\n", CsvOptions{});
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("line 2"), std::string::npos) << log.status().message();
  EXPECT_EQ(FindInvalidUtf8("ok \xc3\xa9"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);  // overlong
}

}  // namespace
}  // namespace ordo::mining
