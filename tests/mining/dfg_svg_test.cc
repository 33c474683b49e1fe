// The directly-follows graph drawn by Graphviz: every activity and every frequency is in the SVG.
#include "mining/dfg_svg.h"

#include <gtest/gtest.h>

#include "mining/csv_reader.h"
#include "mining/summary.h"

namespace ordo::mining {
namespace {

TEST(DfgSvg, DrawsEveryActivityAndEdgeCount) {
  Result<EventLog> log = ReadCsv("case:concept:name,concept:name,time:timestamp\n"
                                 "1,Register & check,2020-01-01T00:00:00Z\n1,Approve <big>,2020-01-01T01:00:00Z\n"
                                 "2,Register & check,2020-01-01T00:00:00Z\n2,Approve <big>,2020-01-01T01:00:00Z\n"
                                 "3,Register & check,2020-01-01T00:00:00Z\n3,Reject,2020-01-01T01:00:00Z\n",
                                 CsvOptions{});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  Mined mined = MineAll(*log, SummaryOptions{});
  Result<std::string> svg = DfgToSvg(*log, mined.dfg);
  if (!svg.ok()) {
    EXPECT_EQ(svg.status().code(), StatusCode::kUnimplemented) << svg.status().ToString();
    GTEST_SKIP() << "built without Graphviz";
  }
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  // Names are XML-escaped by Graphviz; event counts follow them.
  EXPECT_NE(svg->find("Register &amp; check"), std::string::npos);
  EXPECT_NE(svg->find("Approve &lt;big&gt;"), std::string::npos);
  EXPECT_NE(svg->find("Reject"), std::string::npos);
  // Edges: start -> Register (3), Register -> Approve (2), Register -> Reject (1), two to the end.
  size_t edges = 0;
  for (size_t at = svg->find("class=\"edge\""); at != std::string::npos; at = svg->find("class=\"edge\"", at + 1)) ++edges;
  EXPECT_EQ(edges, 1u + mined.dfg.edges.size() + mined.dfg.end_activities.size());
  EXPECT_NE(svg->find(">2</text>"), std::string::npos);
}

}  // namespace
}  // namespace ordo::mining
