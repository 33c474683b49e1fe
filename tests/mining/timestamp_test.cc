#include "mining/timestamp.h"

#include <gtest/gtest.h>

namespace ordo::mining {
namespace {

constexpr int64_t kSec = 1'000'000'000;

TEST(Timestamp, ParsesOffsetsAsTrueInstants) {
  auto a = ParseIsoTimestamp("2011-10-01T00:38:44.546+02:00");
  ASSERT_TRUE(a.has_value());
  auto b = ParseIsoTimestamp("2011-09-30T22:38:44.546Z");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->utc_ns, b->utc_ns);
  EXPECT_EQ(a->offset_minutes, 120);
  EXPECT_EQ(b->offset_minutes, 0);
  // PM4Py 2.7.14 keeps the wall-clock time: two hours later than the instant.
  EXPECT_EQ(TimeUnder(*a, TimeConvention::kWallClock) - TimeUnder(*a, TimeConvention::kUtc), 7200 * kSec);
}

TEST(Timestamp, TextWithoutOffsetIsUtc) {
  auto t = ParseIsoTimestamp("1970-01-02 00:00:01");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->utc_ns, 86401 * kSec);
  EXPECT_EQ(t->offset_minutes, kNoOffset);
  EXPECT_EQ(TimeUnder(*t, TimeConvention::kWallClock), t->utc_ns);
}

TEST(Timestamp, FractionsAndNegativeOffsets) {
  auto t = ParseIsoTimestamp("2020-02-29T23:59:59.123456789-05:30");
  ASSERT_TRUE(t.has_value());
  auto u = ParseIsoTimestamp("2020-03-01T05:29:59.123456789Z");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(t->utc_ns, u->utc_ns);
  EXPECT_EQ(ParseIsoTimestamp("2011-12-06 13:41:31.788000+01:00")->offset_minutes, 60);
  EXPECT_EQ(ParseIsoTimestamp("2019-01-01")->utc_ns, DaysFromCivil(2019, 1, 1) * 86400 * kSec);
}

TEST(Timestamp, RejectsNonsense) {
  for (const char* bad : {"", "2011", "2011-13-01T00:00:00", "2021-02-29T00:00:00", "2011-10-01T25:00:00",
                          "2011-10-01T00:00:00+", "2011-10-01T00:00:00+02:00x", "yesterday", "2011-10-01T00:00:00.",
                          "4000-01-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseIsoTimestamp(bad).has_value()) << bad;
  }
}

TEST(Timestamp, FormatPatterns) {
  auto t = ParseTimestampWithFormat("06-12-2011 13:41:31", "%d-%m-%Y %H:%M:%S");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->utc_ns, ParseIsoTimestamp("2011-12-06T13:41:31")->utc_ns);
  auto z = ParseTimestampWithFormat("2011/Dec/06 13.41.31.5 +0100", "%Y/%b/%d %H.%M.%S.%f %z");
  ASSERT_TRUE(z.has_value());
  EXPECT_EQ(z->utc_ns, ParseIsoTimestamp("2011-12-06T12:41:31.5Z")->utc_ns);
  EXPECT_FALSE(ParseTimestampWithFormat("2011-12-06", "%d-%m-%Y").has_value());
}

TEST(Timestamp, FormatsBackWithTheOriginalOffset) {
  for (const char* text : {"2011-10-01T00:38:44.546+02:00", "1999-12-31T23:59:59.000-05:30", "2005-01-03T00:00:00.000"}) {
    auto t = ParseIsoTimestamp(text);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(FormatIsoTimestamp(*t), text);
  }
}

}  // namespace
}  // namespace ordo::mining
