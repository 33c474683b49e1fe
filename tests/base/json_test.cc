#include "base/json.h"

#include <gtest/gtest.h>

namespace ordo::json {
namespace {

TEST(Json, KeepsNumberTextExactly) {
  auto v = Parse(R"({"a": 0.1, "b": 12345678901234567890.123456789, "c": -1e-7})");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->Find("a")->number_text(), "0.1");
  EXPECT_EQ(v->Find("b")->number_text(), "12345678901234567890.123456789");
  EXPECT_EQ(Serialize(*v), R"({"a":0.1,"b":12345678901234567890.123456789,"c":-1e-7})");
}

TEST(Json, ReportsLineAndColumnOfErrors) {
  auto v = Parse("{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("line 3, column 7"), std::string::npos) << v.status().message();
}

TEST(Json, RejectsMalformedInput) {
  for (const char* bad : {"", "{", "[1,]", "01", "1.", "\"\\x\"", "{\"a\":1}x", "nul", "\"\x01\"",
                          "\"\xff\"", "\"\\ud800\""}) {
    EXPECT_FALSE(Parse(bad).ok()) << bad;
  }
}

TEST(Json, BoundsNestingDepth) {
  std::string deep(10000, '[');
  auto v = Parse(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kResourceExhausted);
}

TEST(Json, DecodesEscapesAndSurrogatePairs) {
  auto v = Parse(R"("a\n\u00e9\ud83d\ude00")");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->as_string(), "a\n\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(Serialize(*v), "\"a\\n\xc3\xa9\xf0\x9f\x98\x80\"");
}

TEST(Json, IntegersConvertOnlyWhenIntegral) {
  EXPECT_EQ(Parse("42")->as_int(), 42);
  EXPECT_EQ(Parse("-9223372036854775808")->as_int(), INT64_MIN);
  EXPECT_FALSE(Parse("9223372036854775808")->as_int().has_value());
  EXPECT_FALSE(Parse("1.5")->as_int().has_value());
  EXPECT_EQ(Parse("5.0")->as_int(), 5);
}

}  // namespace
}  // namespace ordo::json
