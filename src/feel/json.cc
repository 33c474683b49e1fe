#include "feel/json.h"

namespace ordo::feel {

Value FromJson(const json::Value& value) {
  switch (value.type()) {
    case json::Type::kNull:
      return Value::Null();
    case json::Type::kBool:
      return Value::Bool(value.as_bool());
    case json::Type::kNumber: {
      std::optional<Decimal> d = Decimal::FromString(value.number_text());
      return d ? Value::Number(*d) : Value::Null();
    }
    case json::Type::kString:
      return Value::String(value.as_string());
    case json::Type::kArray: {
      std::vector<Value> items;
      items.reserve(value.as_array().size());
      for (const json::Value& item : value.as_array()) items.push_back(FromJson(item));
      return Value::List(std::move(items));
    }
    case json::Type::kObject: {
      ContextEntries entries;
      entries.reserve(value.as_object().size());
      for (const json::Member& m : value.as_object()) entries.emplace_back(m.key, FromJson(m.value));
      return Value::Context(std::move(entries));
    }
  }
  return Value::Null();
}

json::Value ToJson(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return json::Value::Null();
    case ValueKind::kBoolean:
      return json::Value::Bool(value.as_bool());
    case ValueKind::kNumber:
      return json::Value::Number(value.as_number().ToString());
    case ValueKind::kString:
      return json::Value::String(value.as_string());
    case ValueKind::kDate:
      return json::Value::String(FormatDate(value.as_date()));
    case ValueKind::kTime:
      return json::Value::String(FormatTime(value.as_time()));
    case ValueKind::kDateTime:
      return json::Value::String(FormatDateTime(value.as_date_time()));
    case ValueKind::kYearsMonthsDuration:
      return json::Value::String(FormatYearsMonths(value.as_years_months()));
    case ValueKind::kDaysTimeDuration:
      return json::Value::String(FormatDaysTime(value.as_days_time()));
    case ValueKind::kList: {
      json::Array items;
      items.reserve(value.as_list().size());
      for (const Value& item : value.as_list()) items.push_back(ToJson(item));
      return json::Value::MakeArray(std::move(items));
    }
    case ValueKind::kContext: {
      json::Object members;
      members.reserve(value.as_context().size());
      for (const auto& [key, v] : value.as_context()) members.push_back({key, ToJson(v)});
      return json::Value::MakeObject(std::move(members));
    }
    case ValueKind::kRange:
    case ValueKind::kFunction:
      return json::Value::String(value.ToString());
  }
  return json::Value::Null();
}

}  // namespace ordo::feel
