#include "feel/value.h"

#include <algorithm>

namespace ordo::feel {

std::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kBoolean:
      return "boolean";
    case ValueKind::kNumber:
      return "number";
    case ValueKind::kString:
      return "string";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kTime:
      return "time";
    case ValueKind::kDateTime:
      return "date and time";
    case ValueKind::kYearsMonthsDuration:
      return "years and months duration";
    case ValueKind::kDaysTimeDuration:
      return "days and time duration";
    case ValueKind::kList:
      return "list";
    case ValueKind::kContext:
      return "context";
    case ValueKind::kRange:
      return "range";
    case ValueKind::kFunction:
      return "function";
  }
  return "?";
}

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = ValueKind::kBoolean;
  v.inline_.boolean = b;
  return v;
}

Value Value::Int(int64_t i) { return Number(Decimal::FromInt(i)); }

Value Value::Number(const Decimal& d) {
  Value v;
  v.kind_ = ValueKind::kNumber;
  v.inline_.number = d;
  return v;
}

Result<Value> Value::NumberFromString(std::string_view text) {
  std::optional<Decimal> d = Decimal::FromString(text);
  if (!d) return InvalidArgument("not a decimal number: '" + std::string(text.substr(0, 64)) + "'");
  return Number(*d);
}

void Value::MeasureChild(const Value& child) {
  depth_ = static_cast<uint16_t>(std::max<int>(depth_, std::min<int>(child.depth_ + 1, UINT16_MAX)));
  uint64_t w = static_cast<uint64_t>(weight_) + child.weight_;
  weight_ = static_cast<uint32_t>(std::min<uint64_t>(w, UINT32_MAX));
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = ValueKind::kString;
  v.weight_ = static_cast<uint32_t>(std::min<size_t>(1 + s.size() / 64, UINT32_MAX));
  v.payload_ = std::make_shared<const std::string>(std::move(s));
  return v;
}

Value Value::List(std::vector<Value> items) {
  Value v;
  v.kind_ = ValueKind::kList;
  for (const Value& item : items) v.MeasureChild(item);
  v.payload_ = std::make_shared<const std::vector<Value>>(std::move(items));
  return v;
}

Value Value::Context(ContextEntries entries) {
  // Merge repeated keys so that lookups and equality see one entry per key.
  for (size_t i = 1; i < entries.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (entries[j].first == entries[i].first) {
        entries[j].second = std::move(entries[i].second);
        entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(i));
        --i;
        break;
      }
    }
  }
  Value v;
  v.kind_ = ValueKind::kContext;
  for (const auto& entry : entries) {
    v.MeasureChild(entry.second);
    v.weight_ = static_cast<uint32_t>(std::min<uint64_t>(uint64_t{v.weight_} + entry.first.size() / 64, UINT32_MAX));
  }
  v.payload_ = std::make_shared<const ContextEntries>(std::move(entries));
  return v;
}

Value Value::MakeDate(Date d) {
  Value v;
  v.kind_ = ValueKind::kDate;
  v.inline_.date = d;
  return v;
}

Value Value::MakeTime(Time t) {
  Value v;
  v.kind_ = ValueKind::kTime;
  v.inline_.time = t;
  return v;
}

Value Value::MakeDateTime(DateTime dt) {
  Value v;
  v.kind_ = ValueKind::kDateTime;
  v.inline_.date_time = dt;
  return v;
}

Value Value::MakeYearsMonths(YearsMonths d) {
  Value v;
  v.kind_ = ValueKind::kYearsMonthsDuration;
  v.inline_.years_months = d;
  return v;
}

Value Value::MakeDaysTime(DaysTime d) {
  Value v;
  v.kind_ = ValueKind::kDaysTimeDuration;
  v.inline_.days_time = d;
  return v;
}

Value Value::MakeRange(RangeValue range) {
  Value v;
  v.kind_ = ValueKind::kRange;
  v.MeasureChild(range.start);
  v.MeasureChild(range.end);
  v.payload_ = std::make_shared<const RangeValue>(std::move(range));
  return v;
}

Value Value::MakeFunction(FunctionValue function) {
  Value v;
  v.kind_ = ValueKind::kFunction;
  v.payload_ = std::make_shared<const FunctionValue>(std::move(function));
  return v;
}

const std::string& Value::as_string() const { return *static_cast<const std::string*>(payload_.get()); }

const std::vector<Value>& Value::as_list() const { return *static_cast<const std::vector<Value>*>(payload_.get()); }

const ContextEntries& Value::as_context() const { return *static_cast<const ContextEntries*>(payload_.get()); }

const RangeValue& Value::as_range() const { return *static_cast<const RangeValue*>(payload_.get()); }

const FunctionValue& Value::as_function() const { return *static_cast<const FunctionValue*>(payload_.get()); }

const Value* Value::FindEntry(std::string_view key) const {
  if (kind_ != ValueKind::kContext) return nullptr;
  for (const auto& [k, v] : as_context()) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {

bool IsPlainName(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ok =
        c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void AppendQuotedString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('"');
}

void AppendCall(std::string& out, std::string_view function, const std::string& text) {
  out.append(function);
  out.push_back('(');
  AppendQuotedString(out, text);
  out.push_back(')');
}

}  // namespace

void Value::AppendTo(std::string& out) const {
  switch (kind_) {
    case ValueKind::kNull:
      out += "null";
      return;
    case ValueKind::kBoolean:
      out += inline_.boolean ? "true" : "false";
      return;
    case ValueKind::kNumber:
      inline_.number.AppendTo(out);
      return;
    case ValueKind::kString:
      AppendQuotedString(out, as_string());
      return;
    case ValueKind::kDate:
      AppendCall(out, "date", FormatDate(inline_.date));
      return;
    case ValueKind::kTime:
      AppendCall(out, "time", FormatTime(inline_.time));
      return;
    case ValueKind::kDateTime:
      AppendCall(out, "date and time", FormatDateTime(inline_.date_time));
      return;
    case ValueKind::kYearsMonthsDuration:
      AppendCall(out, "duration", FormatYearsMonths(inline_.years_months));
      return;
    case ValueKind::kDaysTimeDuration:
      AppendCall(out, "duration", FormatDaysTime(inline_.days_time));
      return;
    case ValueKind::kList: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : as_list()) {
        if (!first) out += ", ";
        first = false;
        item.AppendTo(out);
      }
      out.push_back(']');
      return;
    }
    case ValueKind::kContext: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : as_context()) {
        if (!first) out += ", ";
        first = false;
        if (IsPlainName(key)) {
          out += key;
        } else {
          AppendQuotedString(out, key);
        }
        out += ": ";
        value.AppendTo(out);
      }
      out.push_back('}');
      return;
    }
    case ValueKind::kRange: {
      const RangeValue& r = as_range();
      if (r.form != RangeForm::kInterval) {
        out += r.form == RangeForm::kEqual ? "= " : "!= ";
        r.start.AppendTo(out);
        return;
      }
      if (r.start.is_null() && !r.end.is_null()) {
        out += r.end_included ? "<= " : "< ";
        r.end.AppendTo(out);
        return;
      }
      if (r.end.is_null() && !r.start.is_null()) {
        out += r.start_included ? ">= " : "> ";
        r.start.AppendTo(out);
        return;
      }
      out.push_back(r.start_included ? '[' : '(');
      r.start.AppendTo(out);
      out += "..";
      r.end.AppendTo(out);
      out.push_back(r.end_included ? ']' : ')');
      return;
    }
    case ValueKind::kFunction:
      out += "function ";
      out += as_function().name;
      return;
  }
}

std::string Value::ToString() const {
  std::string out;
  AppendTo(out);
  return out;
}

bool Value::operator==(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case ValueKind::kNull:
      return true;
    case ValueKind::kBoolean:
      return inline_.boolean == other.inline_.boolean;
    case ValueKind::kNumber:
      return NumericEquals(inline_.number, other.inline_.number);
    case ValueKind::kString:
      return as_string() == other.as_string();
    case ValueKind::kDate:
      return inline_.date.days == other.inline_.date.days;
    case ValueKind::kTime: {
      const Time &a = inline_.time, &b = other.inline_.time;
      if ((a.offset_seconds == kNoOffset) != (b.offset_seconds == kNoOffset)) return false;
      int64_t shift_a = a.offset_seconds == kNoOffset ? 0 : a.offset_seconds;
      int64_t shift_b = b.offset_seconds == kNoOffset ? 0 : b.offset_seconds;
      return a.nanos_of_day - shift_a * 1'000'000'000 == b.nanos_of_day - shift_b * 1'000'000'000;
    }
    case ValueKind::kDateTime: {
      const DateTime &a = inline_.date_time, &b = other.inline_.date_time;
      if ((a.offset_seconds == kNoOffset) != (b.offset_seconds == kNoOffset)) return false;
      return UtcSeconds(a) == UtcSeconds(b) && a.nanos == b.nanos;
    }
    case ValueKind::kYearsMonthsDuration:
      return inline_.years_months.months == other.inline_.years_months.months;
    case ValueKind::kDaysTimeDuration:
      return CompareDaysTime(inline_.days_time, other.inline_.days_time) == 0;
    case ValueKind::kList:
      return as_list() == other.as_list();
    case ValueKind::kContext: {
      const ContextEntries &a = as_context(), &b = other.as_context();
      if (a.size() != b.size()) return false;
      return std::all_of(a.begin(), a.end(), [&](const auto& entry) {
        const Value* v = other.FindEntry(entry.first);
        return v != nullptr && *v == entry.second;
      });
    }
    case ValueKind::kRange: {
      const RangeValue &a = as_range(), &b = other.as_range();
      return a.form == b.form && a.start_included == b.start_included && a.end_included == b.end_included &&
             a.start == b.start &&
             a.end == b.end && a.start_unknown == b.start_unknown && a.end_unknown == b.end_unknown;
    }
    case ValueKind::kFunction:
      return as_function().builtin == other.as_function().builtin && as_function().callable == other.as_function().callable &&
             as_function().name == other.as_function().name;
  }
  return false;
}

}  // namespace ordo::feel
static_assert(sizeof(ordo::feel::Value) <= 48, "Value should stay small: scalars inline, one shared payload");
