// Export round trips: XES -> XES and XES -> CSV give back the same log.
#include <gtest/gtest.h>

#include "mining/export.h"
#include "mining/log_file.h"
#include "mining/summary.h"
#include "reference.h"

namespace ordo::mining {
namespace {

std::string Hashes(const EventLog& log) {
  Mined m = MineAll(log, SummaryOptions{});
  return DfgHash(log, m.dfg) + PerfHash(log, m.dfg) + VariantsHash(log, m.variants);
}

TEST(Export, XesRoundTripKeepsEverything) {
  Result<EventLog> log = ReadLogFile(testing::LogPath("running-example.xes"), LogFormat::kAuto);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  std::string xes;
  AppendXes(*log, xes);
  auto source = ByteSource::FromMemory(xes);
  Result<EventLog> back = ReadXes(*source);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->num_events(), log->num_events());
  EXPECT_EQ(back->utc_ns(), log->utc_ns());
  EXPECT_EQ(back->offsets(), log->offsets());
  EXPECT_EQ(back->event_attributes().size(), log->event_attributes().size());
  EXPECT_EQ(back->extensions().size(), log->extensions().size());
  EXPECT_EQ(Hashes(*back), Hashes(*log));
  std::string again;
  AppendXes(*back, again);
  EXPECT_EQ(again, xes);
}

TEST(Export, CsvRoundTripKeepsTheEvents) {
  Result<EventLog> log = ReadLogFile(testing::LogPath("sepsis.xes.gz"), LogFormat::kAuto);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  std::string csv;
  AppendCsv(*log, csv);
  Result<EventLog> back = ReadCsv(csv, CsvOptions{});
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->num_cases(), log->num_cases());
  EXPECT_EQ(back->num_events(), log->num_events());
  EXPECT_EQ(back->utc_ns(), log->utc_ns());
  EXPECT_EQ(Hashes(*back), Hashes(*log));
}

TEST(Export, GzipFileRoundTrip) {
  Result<EventLog> log = ReadLogFile(testing::LogPath("running-example.xes"), LogFormat::kAuto);
  ASSERT_TRUE(log.ok());
  std::string path = ::testing::TempDir() + "/roundtrip.xes.gz";
  ASSERT_TRUE(WriteLogFile(*log, path, LogFormat::kAuto).ok());
  Result<EventLog> back = ReadLogFile(path, LogFormat::kAuto);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Hashes(*back), Hashes(*log));
}

TEST(Export, XmlEscapingKeepsWhitespaceThroughAttributeNormalisation) {
  // The XES and the BPMN writers share it: a label "Invoice\nreceived" must come back as written.
  std::string out;
  AppendXmlEscaped(out, "a<b>&\"c\"\n\r\td'");
  EXPECT_EQ(out, "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#13;&#9;d'");
}

}  // namespace
}  // namespace ordo::mining
