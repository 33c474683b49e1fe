// DMN 1.5 §10.3.4.9 range functions: Allen's interval relations between points and ranges
// (before, after, meets, met by, overlaps, overlaps before, overlaps after, finishes, finished by,
// includes, during, starts, started by, coincides). A range without a start or an end (`< 10`)
// is unbounded on that side.
#include <optional>

#include "feel/builtins.h"
#include "feel/expression.h"
#include "feel/lexer.h"
#include "feel/ops.h"

namespace ordo::feel {
namespace {

// An endpoint: a value, or minus/plus infinity for a missing start/end.
struct Bound {
  const Value* value;
  int infinity;  // -1, 0 or +1
  bool included;
};

Bound Start(const RangeValue& r) { return {&r.start, r.start.is_null() ? -1 : 0, r.start_included}; }
Bound End(const RangeValue& r) { return {&r.end, r.end.is_null() ? 1 : 0, r.end_included}; }
Bound Point(const Value& v) { return {&v, 0, true}; }

// Comparison that remembers whether any pair was incomparable (the result is then null).
class Relation {
 public:
  int Cmp(const Bound& a, const Bound& b) {
    if (a.infinity != 0 || b.infinity != 0) return (a.infinity > b.infinity) - (a.infinity < b.infinity);
    std::optional<int> order = Order(*a.value, *b.value);
    if (!order) {
      failed_ = true;
      return 2;  // neither less, equal nor greater
    }
    return *order;
  }
  bool Lt(const Bound& a, const Bound& b) { return Cmp(a, b) == -1; }
  bool Gt(const Bound& a, const Bound& b) { return Cmp(a, b) == 1; }
  bool Eq(const Bound& a, const Bound& b) { return Cmp(a, b) == 0; }
  bool failed() const { return failed_; }

 private:
  bool failed_ = false;
};

enum class Shape { kPointPoint, kPointRange, kRangePoint, kRangeRange };

using Rule = bool (*)(Relation& r, const Value& a, const Value& b, Shape shape);

template <Rule kRule, bool kPoints, bool kPointRange, bool kRangePoint>
Value Relate(std::span<const Value> args, CallContext& context) {
  const Value &a = args[0], &b = args[1];
  if (a.is_null() || b.is_null()) return Value::Null();
  Shape shape = a.is_range() ? (b.is_range() ? Shape::kRangeRange : Shape::kRangePoint)
                             : (b.is_range() ? Shape::kPointRange : Shape::kPointPoint);
  if ((shape == Shape::kPointPoint && !kPoints) || (shape == Shape::kPointRange && !kPointRange) ||
      (shape == Shape::kRangePoint && !kRangePoint)) {
    return context.Fail("arguments are not of the accepted kinds");
  }
  Relation r;
  bool result = kRule(r, a, b, shape);
  if (r.failed()) return context.Fail("endpoints are not comparable");
  return Value::Bool(result);
}

bool BeforeRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  switch (shape) {
    case Shape::kPointPoint:
      return r.Lt(Point(a), Point(b));
    case Shape::kPointRange: {
      Bound s = Start(b.as_range());
      return r.Lt(Point(a), s) || (r.Eq(Point(a), s) && !s.included);
    }
    case Shape::kRangePoint: {
      Bound e = End(a.as_range());
      return r.Lt(e, Point(b)) || (r.Eq(e, Point(b)) && !e.included);
    }
    case Shape::kRangeRange: {
      Bound e = End(a.as_range()), s = Start(b.as_range());
      return r.Lt(e, s) || ((!e.included || !s.included) && r.Eq(e, s));
    }
  }
  return false;
}

Shape Swapped(Shape shape) {
  if (shape == Shape::kPointRange) return Shape::kRangePoint;
  if (shape == Shape::kRangePoint) return Shape::kPointRange;
  return shape;
}

bool AfterRule(Relation& r, const Value& a, const Value& b, Shape shape) { return BeforeRule(r, b, a, Swapped(shape)); }

bool MeetsRule(Relation& r, const Value& a, const Value& b, Shape) {
  Bound e = End(a.as_range()), s = Start(b.as_range());
  return e.included && s.included && r.Eq(e, s);
}

bool MetByRule(Relation& r, const Value& a, const Value& b, Shape shape) { return MeetsRule(r, b, a, shape); }

bool OverlapsRule(Relation& r, const Value& a, const Value& b, Shape) {
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range()), s2 = Start(b.as_range()), e2 = End(b.as_range());
  return (r.Gt(e1, s2) || (r.Eq(e1, s2) && e1.included && s2.included)) &&
         (r.Lt(s1, e2) || (r.Eq(s1, e2) && s1.included && e2.included));
}

bool OverlapsBeforeRule(Relation& r, const Value& a, const Value& b, Shape) {
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range()), s2 = Start(b.as_range()), e2 = End(b.as_range());
  return (r.Lt(s1, s2) || (r.Eq(s1, s2) && s1.included && !s2.included)) &&
         (r.Gt(e1, s2) || (r.Eq(e1, s2) && e1.included && s2.included)) &&
         (r.Lt(e1, e2) || (r.Eq(e1, e2) && (!e1.included || e2.included)));
}

bool OverlapsAfterRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  return OverlapsBeforeRule(r, b, a, shape);
}

bool FinishesRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  Bound e2 = End(b.as_range());
  if (shape == Shape::kPointRange) return e2.included && r.Eq(e2, Point(a));
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range()), s2 = Start(b.as_range());
  return e1.included == e2.included && r.Eq(e1, e2) &&
         (r.Gt(s1, s2) || (r.Eq(s1, s2) && (!s1.included || s2.included)));
}

bool FinishedByRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  return FinishesRule(r, b, a, Swapped(shape));
}

bool IncludesRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range());
  if (shape == Shape::kRangePoint) {
    Bound p = Point(b);
    return (r.Lt(s1, p) && r.Gt(e1, p)) || (r.Eq(s1, p) && s1.included) || (r.Eq(e1, p) && e1.included);
  }
  Bound s2 = Start(b.as_range()), e2 = End(b.as_range());
  return (r.Lt(s1, s2) || (r.Eq(s1, s2) && (s1.included || !s2.included))) &&
         (r.Gt(e1, e2) || (r.Eq(e1, e2) && (e1.included || !e2.included)));
}

bool DuringRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  return IncludesRule(r, b, a, Swapped(shape));
}

bool StartsRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  Bound s2 = Start(b.as_range());
  if (shape == Shape::kPointRange) return s2.included && r.Eq(s2, Point(a));
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range()), e2 = End(b.as_range());
  return r.Eq(s1, s2) && s1.included == s2.included &&
         (r.Lt(e1, e2) || (r.Eq(e1, e2) && (!e1.included || e2.included)));
}

bool StartedByRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  return StartsRule(r, b, a, Swapped(shape));
}

bool CoincidesRule(Relation& r, const Value& a, const Value& b, Shape shape) {
  if (shape == Shape::kPointPoint) return r.Eq(Point(a), Point(b));
  Bound s1 = Start(a.as_range()), e1 = End(a.as_range()), s2 = Start(b.as_range()), e2 = End(b.as_range());
  return r.Eq(s1, s2) && s1.included == s2.included && r.Eq(e1, e2) && e1.included == e2.included;
}

// DMN 1.5 §10.3.4.1 range(from): a range from the text of a range literal with both endpoints,
// such as "[1..10)" or "[date(\"2020-01-01\")..@\"2021-01-01\"]". The endpoints are evaluated
// without variables; they must be of one kind and in order.
Value RangeFromString(std::span<const Value> args, CallContext& context) {
  if (!args[0].is_string()) return args[0].is_null() ? Value::Null() : context.Fail("from must be a string");
  std::string_view text = args[0].as_string();
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || (text.front() != '[' && text.front() != '(' && text.front() != ']')) {
    return context.Fail("not a range literal");
  }
  // The endpoints are literals: a call may only be a temporal constructor of one string
  // ("date(\"2020-01-01\")"), never nested ("date(string(...))").
  Result<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return context.Fail("not a range literal");
  const std::vector<Token>& t = *tokens;
  for (size_t i = 1; i < t.size(); ++i) {
    const bool literal_word = t[i].text == "null" || t[i].text == "true" || t[i].text == "false";
    if (t[i].kind == TokenKind::kName && !literal_word &&
        (i + 1 >= t.size() || (t[i + 1].kind != TokenKind::kName && t[i + 1].kind != TokenKind::kLeftParen))) {
      return context.Fail("range endpoints must be literals");
    }
    if (t[i].kind != TokenKind::kLeftParen) continue;
    const bool literal_call = t[i - 1].kind == TokenKind::kName && i + 2 < t.size() &&
                              t[i + 1].kind == TokenKind::kString && t[i + 2].kind == TokenKind::kRightParen;
    if (!literal_call) return context.Fail("range endpoints must be literals");
  }
  Result<Expression> compiled = Expression::Compile(text);
  if (!compiled.ok()) return context.Fail("not a range literal");
  MapScope no_variables;
  Value range = compiled.value().Evaluate(no_variables);
  if (!range.is_range()) return context.Fail("not a range literal");
  const RangeValue& r = range.as_range();
  if (r.start.is_null() || r.end.is_null() || r.start.kind() != r.end.kind()) {
    return context.Fail("endpoints must be values of one kind");
  }
  std::optional<int> order = Order(r.start, r.end);
  if (!order || *order > 0) return context.Fail("the start must not be after the end");
  return range;
}

// Each relation is listed once per signature so that named arguments (point1, range, ...) resolve.
#define POINT_POINT(name, fn) {name, {"point1", "point2"}, 2, 2, fn}
#define POINT_RANGE(name, fn) {name, {"point", "range"}, 2, 2, fn}
#define RANGE_POINT(name, fn) {name, {"range", "point"}, 2, 2, fn}
#define RANGE_RANGE(name, fn) {name, {"range1", "range2"}, 2, 2, fn}

}  // namespace

std::span<const Builtin> RangeBuiltins() {
  static constexpr auto kBefore = Relate<BeforeRule, true, true, true>;
  static constexpr auto kAfter = Relate<AfterRule, true, true, true>;
  static constexpr auto kMeets = Relate<MeetsRule, false, false, false>;
  static constexpr auto kMetBy = Relate<MetByRule, false, false, false>;
  static constexpr auto kOverlaps = Relate<OverlapsRule, false, false, false>;
  static constexpr auto kOverlapsBefore = Relate<OverlapsBeforeRule, false, false, false>;
  static constexpr auto kOverlapsAfter = Relate<OverlapsAfterRule, false, false, false>;
  static constexpr auto kFinishes = Relate<FinishesRule, false, true, false>;
  static constexpr auto kFinishedBy = Relate<FinishedByRule, false, false, true>;
  static constexpr auto kIncludes = Relate<IncludesRule, false, false, true>;
  static constexpr auto kDuring = Relate<DuringRule, false, true, false>;
  static constexpr auto kStarts = Relate<StartsRule, false, true, false>;
  static constexpr auto kStartedBy = Relate<StartedByRule, false, false, true>;
  static constexpr auto kCoincides = Relate<CoincidesRule, true, false, false>;
  static const Builtin kBuiltins[] = {
      {"range", {"from"}, 1, 1, RangeFromString},
      POINT_POINT("before", kBefore),       POINT_RANGE("before", kBefore),
      RANGE_POINT("before", kBefore),       RANGE_RANGE("before", kBefore),
      POINT_POINT("after", kAfter),         POINT_RANGE("after", kAfter),
      RANGE_POINT("after", kAfter),         RANGE_RANGE("after", kAfter),
      RANGE_RANGE("meets", kMeets),         RANGE_RANGE("met by", kMetBy),
      RANGE_RANGE("overlaps", kOverlaps),   RANGE_RANGE("overlaps before", kOverlapsBefore),
      RANGE_RANGE("overlaps after", kOverlapsAfter),
      POINT_RANGE("finishes", kFinishes),   RANGE_RANGE("finishes", kFinishes),
      RANGE_POINT("finished by", kFinishedBy), RANGE_RANGE("finished by", kFinishedBy),
      RANGE_POINT("includes", kIncludes),   RANGE_RANGE("includes", kIncludes),
      POINT_RANGE("during", kDuring),       RANGE_RANGE("during", kDuring),
      POINT_RANGE("starts", kStarts),       RANGE_RANGE("starts", kStarts),
      RANGE_POINT("started by", kStartedBy), RANGE_RANGE("started by", kStartedBy),
      POINT_POINT("coincides", kCoincides), RANGE_RANGE("coincides", kCoincides),
  };
  return kBuiltins;
}

}  // namespace ordo::feel
