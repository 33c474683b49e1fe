#include "model/process.h"

#include <limits>

#include "feel/temporal.h"

namespace ordo::model {

const char* NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kStartEvent: return "startEvent";
    case NodeKind::kEndEvent: return "endEvent";
    case NodeKind::kTerminateEndEvent: return "endEvent";
    case NodeKind::kTask: return "task";
    case NodeKind::kManualTask: return "manualTask";
    case NodeKind::kUserTask: return "userTask";
    case NodeKind::kServiceTask: return "serviceTask";
    case NodeKind::kScriptTask: return "scriptTask";
    case NodeKind::kBusinessRuleTask: return "businessRuleTask";
    case NodeKind::kCallActivity: return "callActivity";
    case NodeKind::kExclusiveGateway: return "exclusiveGateway";
    case NodeKind::kParallelGateway: return "parallelGateway";
  }
  return "?";
}

const char* DecisionResultMappingName(DecisionResultMapping m) {
  switch (m) {
    case DecisionResultMapping::kValue: return "value";
    case DecisionResultMapping::kResultList: return "resultList";
    case DecisionResultMapping::kSingleResult: return "singleResult";
    case DecisionResultMapping::kSingleEntry: return "singleEntry";
    case DecisionResultMapping::kCollectEntries: return "collectEntries";
  }
  return "?";
}

namespace {

constexpr int64_t kMsPerDay = 86'400'000;
// Years 1..9999: what a due date can sensibly be, and safe from overflow in milliseconds.
constexpr int64_t kMinMs = -62'135'596'800'000;
constexpr int64_t kMaxMs = 253'402'300'799'999;

std::optional<int64_t> Checked(__int128 ms) {
  if (ms < kMinMs || ms > kMaxMs) return std::nullopt;
  return static_cast<int64_t>(ms);
}

}  // namespace

std::optional<int64_t> DueAt(const feel::Value& value, int64_t now_ms) {
  switch (value.kind()) {
    case feel::ValueKind::kDateTime: {
      const feel::DateTime& dt = value.as_date_time();
      return Checked(static_cast<__int128>(feel::UtcSeconds(dt)) * 1000 + dt.nanos / 1'000'000);
    }
    case feel::ValueKind::kDate:
      return Checked(static_cast<__int128>(value.as_date().days) * kMsPerDay);
    case feel::ValueKind::kDaysTimeDuration: {
      const feel::DaysTime& d = value.as_days_time();
      return Checked(static_cast<__int128>(now_ms) + static_cast<__int128>(d.seconds) * 1000 + d.nanos / 1'000'000);
    }
    case feel::ValueKind::kYearsMonthsDuration: {
      int64_t day = now_ms >= 0 ? now_ms / kMsPerDay : -((-now_ms + kMsPerDay - 1) / kMsPerDay);
      int64_t time_of_day = now_ms - day * kMsPerDay;
      std::optional<feel::Date> moved = feel::AddMonths(feel::Date{day}, value.as_years_months().months);
      if (!moved) return std::nullopt;
      return Checked(static_cast<__int128>(moved->days) * kMsPerDay + time_of_day);
    }
    case feel::ValueKind::kString: {
      std::string_view text = value.as_string();
      if (auto dt = feel::ParseDateTime(text)) return DueAt(feel::Value::MakeDateTime(*dt), now_ms);
      if (auto d = feel::ParseDaysTime(text)) return DueAt(feel::Value::MakeDaysTime(*d), now_ms);
      if (auto ym = feel::ParseYearsMonths(text)) return DueAt(feel::Value::MakeYearsMonths(*ym), now_ms);
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

void Process::Finish() {
  node_index_.clear();
  flow_index_.clear();
  none_start_events.clear();
  for (NodeIndex i = 0; i < nodes.size(); ++i) {
    node_index_.emplace(nodes[i].id, i);
    if (nodes[i].kind == NodeKind::kStartEvent) none_start_events.push_back(i);
  }
  for (FlowIndex i = 0; i < flows.size(); ++i) flow_index_.emplace(flows[i].id, i);
}

NodeIndex Process::FindNode(std::string_view id) const {
  auto it = node_index_.find(std::string(id));
  return it == node_index_.end() ? kNone : it->second;
}

FlowIndex Process::FindFlow(std::string_view id) const {
  auto it = flow_index_.find(std::string(id));
  return it == flow_index_.end() ? kNone : it->second;
}

}  // namespace ordo::model
