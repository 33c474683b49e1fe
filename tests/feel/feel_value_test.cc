// feel::Value and feel::Decimal: construction, canonical text, equality.
#include <gtest/gtest.h>

#include "feel/decimal.h"
#include "feel/value.h"

namespace ordo::feel {
namespace {

std::string Text(std::string_view number) {
  Result<Value> v = Value::NumberFromString(number);
  EXPECT_TRUE(v.ok()) << number;
  return v->ToString();
}

TEST(FeelDecimal, CanonicalText) {
  EXPECT_EQ(Text("0.3"), "0.3");
  EXPECT_EQ(Text("1000"), "1000");
  EXPECT_EQ(Text("1E+3"), "1000");
  EXPECT_EQ(Text("-2"), "-2");
  EXPECT_EQ(Text("-0.00"), "0.00");
  EXPECT_EQ(Text("0.000000001"), "0.000000001");
  EXPECT_EQ(Text("1e-50"), "1E-50");
  EXPECT_EQ(Text("123.456e2"), "12345.6");
}

TEST(FeelDecimal, RejectsWhatIsNotANumber) {
  for (std::string_view bad : {"", "abc", "1.2.3", "inf", "nan", "1e", "--1", "1 ", " 1", "0x10", "1e9999999"}) {
    EXPECT_FALSE(Value::NumberFromString(bad).ok()) << bad;
  }
}

TEST(FeelDecimal, Arithmetic) {
  Decimal one = Decimal::FromInt(1), three = Decimal::FromInt(3);
  EXPECT_EQ(Divide(one, three)->ToString(), "0.3333333333333333333333333333333333");
  EXPECT_FALSE(Divide(one, Decimal()).has_value());
  EXPECT_EQ(Compare(*Decimal::FromString("1.0"), one), 0);
  EXPECT_TRUE(Decimal::FromString("2.50")->IsInteger() == false);
  EXPECT_TRUE(Decimal::FromString("2.00")->IsInteger());
  EXPECT_EQ(Decimal::FromString("-7.9")->ToInt64(), -7);
  EXPECT_EQ(RoundToScale(*Decimal::FromString("2.345"), 2, Rounding::kHalfEven)->ToString(), "2.34");
  EXPECT_EQ(RoundToScale(*Decimal::FromString("1234"), -2, Rounding::kHalfUp)->ToString(), "1200");
  EXPECT_EQ(Decimal::FromDouble(0.1)->ToString(), "0.1");
}

TEST(FeelValue, KindsAndAccessors) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_TRUE(Value::Bool(true).as_bool());
  EXPECT_EQ(Value::Int(42).ToString(), "42");
  EXPECT_EQ(Value::String("a\"b").ToString(), R"("a\"b")");
  Value list = Value::List({Value::Int(1), Value::String("x")});
  EXPECT_EQ(list.as_list().size(), 2u);
  EXPECT_EQ(list.ToString(), R"([1, "x"])");
  Value ctx = Value::Context({{"a", Value::Int(1)}, {"b c", Value::Null()}});
  EXPECT_EQ(ctx.ToString(), R"({a: 1, "b c": null})");
  EXPECT_EQ(ctx.FindEntry("a")->ToString(), "1");
  EXPECT_EQ(ctx.FindEntry("z"), nullptr);
  EXPECT_EQ(KindName(Value::MakeDaysTime(DaysTime{}).kind()), "days and time duration");
}

TEST(FeelValue, ContextRepeatedKeysKeepTheLastValue) {
  Value ctx = Value::Context({{"a", Value::Int(1)}, {"b", Value::Int(2)}, {"a", Value::Int(3)}});
  EXPECT_EQ(ctx.ToString(), "{a: 3, b: 2}");
}

TEST(FeelValue, Equality) {
  EXPECT_EQ(*Value::NumberFromString("1.0"), Value::Int(1));
  EXPECT_NE(Value::Int(1), Value::String("1"));
  EXPECT_EQ(Value::Null(), Value::Null());
  EXPECT_EQ(Value::List({Value::Int(1)}), Value::List({*Value::NumberFromString("1.00")}));
  EXPECT_EQ(Value::Context({{"a", Value::Int(1)}, {"b", Value::Int(2)}}),
            Value::Context({{"b", Value::Int(2)}, {"a", Value::Int(1)}}));
  EXPECT_NE(Value::Context({{"a", Value::Int(1)}}), Value::Context({{"a", Value::Int(1)}, {"b", Value::Int(1)}}));
}

TEST(FeelValue, CopiesShareTheirPayload) {
  Value a = Value::String(std::string(1000, 'x'));
  Value b = a;
  EXPECT_EQ(&a.as_string(), &b.as_string());
}

TEST(FeelTemporal, CivilConversionsRoundTrip) {
  for (int64_t days : {-1000000LL, -719468LL, -1LL, 0LL, 1LL, 19723LL, 2932896LL}) {
    CivilDate c = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), days);
  }
  EXPECT_EQ(FormatDate(Date{0}), "1970-01-01");
  EXPECT_EQ(Weekday(0), 4);  // Thursday
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  EXPECT_TRUE(ParseTime("24:00:00").has_value());
  EXPECT_FALSE(ParseTime("24:00:01").has_value());
  EXPECT_EQ(FormatDaysTime(*ParseDaysTime("-PT0.5S")), "-PT0.5S");
  EXPECT_FALSE(ParseDaysTime("P").has_value());
  EXPECT_FALSE(ParseDaysTime("PT").has_value());
  EXPECT_FALSE(ParseYearsMonths("P1D").has_value());
}

}  // namespace
}  // namespace ordo::feel
