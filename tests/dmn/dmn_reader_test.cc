// The DMN reader on hostile and broken documents: errors with a line, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "dmn/reader.h"

namespace ordo::dmn {
namespace {

TEST(DmnReader, RefusesDoctype) {
  Result<Definitions> d = ReadDefinitions("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<definitions/>");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find(":2: a DOCTYPE"), std::string::npos) << d.status().message();
}

TEST(DmnReader, BoundsNesting) {
  std::string xml = "<definitions>";
  for (int i = 0; i < 10000; ++i) xml += "<context>";
  Result<Definitions> d = ReadDefinitions(xml);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kResourceExhausted);
}

TEST(DmnReader, ReportsLineOfMalformedXml) {
  Result<Definitions> d = ReadDefinitions("<definitions>\n<decision>\n</definitions>", "m.dmn");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("m.dmn:3"), std::string::npos) << d.status().message();
}

TEST(DmnReader, ReadsDecisionTable) {
  Result<Definitions> d = ReadDefinitions(R"(<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" name="m">
  <decision id="d" name="D">
    <decisionTable hitPolicy="COLLECT" aggregation="SUM">
      <input><inputExpression><text>x</text></inputExpression></input>
      <output name="o"/>
      <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>)");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->elements.size(), 1u);
  EXPECT_EQ(d->elements[0].line, 2);
  ASSERT_EQ(d->elements[0].logic.kind, BoxedKind::kDecisionTable);
  EXPECT_EQ(d->elements[0].logic.table->aggregation, "SUM");
  EXPECT_EQ(d->elements[0].logic.table->rules.size(), 1u);
}

}  // namespace
}  // namespace ordo::dmn
