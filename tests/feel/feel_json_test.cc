// The JSON bridge (feel/json.h): exact numbers in both directions, ISO 8601 temporal strings.
#include <gtest/gtest.h>

#include "base/json.h"
#include "feel/expression.h"
#include "feel/json.h"

namespace ordo::feel {
namespace {

Value Parse(std::string_view text) {
  Result<json::Value> j = json::Parse(text);
  EXPECT_TRUE(j.ok()) << text;
  return FromJson(*j);
}

std::string RoundTrip(std::string_view text) { return json::Serialize(ToJson(Parse(text))); }

TEST(FeelJson, NumbersKeepTheirExactText) {
  EXPECT_EQ(RoundTrip("0.1"), "0.1");
  EXPECT_EQ(RoundTrip("1.50"), "1.50");
  EXPECT_EQ(RoundTrip("-2"), "-2");
  EXPECT_EQ(RoundTrip("12345678901234567890.123"), "12345678901234567890.123");
  EXPECT_EQ(RoundTrip("1e3"), "1000");
  EXPECT_EQ(RoundTrip("2.5E-2"), "0.025");
  EXPECT_EQ(RoundTrip("-0"), "0");
  EXPECT_EQ(RoundTrip("1e100"), "1E+100");
}

TEST(FeelJson, NumbersBeyondDecimal128BecomeNull) { EXPECT_TRUE(Parse("1e999999").is_null()); }

TEST(FeelJson, StructuresMapToListsAndOrderedContexts) {
  Value v = Parse(R"({"b": [1, true, null, "x"], "a": {"c": 2.0}})");
  ASSERT_TRUE(v.is_context());
  ASSERT_EQ(v.as_context().size(), 2u);
  EXPECT_EQ(v.as_context()[0].first, "b");
  EXPECT_EQ(v.as_context()[1].first, "a");
  EXPECT_TRUE(v.FindEntry("b")->is_list());
  EXPECT_EQ(json::Serialize(ToJson(v)), R"({"b":[1,true,null,"x"],"a":{"c":2.0}})");
}

TEST(FeelJson, StringsStayStrings) {
  Value v = Parse(R"("2024-01-01")");
  EXPECT_TRUE(v.is_string());
}

Value Eval(std::string_view source) {
  Result<Expression> e = Expression::Compile(source);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e->Evaluate(MapScope());
}

TEST(FeelJson, TemporalValuesBecomeIsoStrings) {
  EXPECT_EQ(json::Serialize(ToJson(Eval(R"(date("2024-01-01"))"))), R"("2024-01-01")");
  EXPECT_EQ(json::Serialize(ToJson(Eval(R"(time("10:00:00.5Z"))"))), R"("10:00:00.5Z")");
  EXPECT_EQ(json::Serialize(ToJson(Eval(R"(date and time("2024-01-01T10:00:00-05:00"))"))),
            R"("2024-01-01T10:00:00-05:00")");
  EXPECT_EQ(json::Serialize(ToJson(Eval(R"(duration("P1Y2M"))"))), R"("P1Y2M")");
  EXPECT_EQ(json::Serialize(ToJson(Eval(R"(duration("PT1.5S"))"))), R"("PT1.5S")");
}

TEST(FeelJson, RangesAndFunctionsBecomeFeelText) {
  EXPECT_EQ(json::Serialize(ToJson(Eval("[1..10)"))), R"j("[1..10)")j");
}

TEST(FeelJson, VariablesFromJsonEvaluateExactly) {
  Result<json::Value> vars = json::Parse(R"({"price": 0.1, "tax": 0.2})");
  ASSERT_TRUE(vars.ok());
  MapScope scope;
  for (const json::Member& m : vars->as_object()) scope.Set(m.key, FromJson(m.value));
  Result<Expression> e = Expression::Compile("price + tax");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(json::Serialize(ToJson(e->Evaluate(scope))), "0.3");
}

}  // namespace
}  // namespace ordo::feel
