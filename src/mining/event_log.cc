#include "mining/event_log.h"

#include <algorithm>
#include <numeric>

namespace ordo::mining {

const AttributeValue* AttributeColumn::Find(uint32_t row) const {
  auto it = std::lower_bound(rows.begin(), rows.end(), row);
  if (it == rows.end() || *it != row) return nullptr;
  return &values[static_cast<size_t>(it - rows.begin())];
}

std::vector<int64_t> EventLog::Times(TimeConvention convention) const {
  if (convention == TimeConvention::kUtc) return utc_ns_;
  std::vector<int64_t> out(utc_ns_.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = TimeUnder({utc_ns_[i], offset_[i]}, convention);
  return out;
}

LogBuilder::LogBuilder() = default;

void LogBuilder::Reserve(size_t events) {
  expected_events_ = events;
  event_case_.reserve(events);
  log_.activity_.reserve(events);
  log_.utc_ns_.reserve(events);
  log_.offset_.reserve(events);
  log_.lifecycle_.reserve(events);
  log_.resource_.reserve(events);
}

uint32_t LogBuilder::CaseFor(StringId id, bool& existed) {
  if (id >= case_of_id_.size()) case_of_id_.resize(std::max<size_t>(id + 1, case_of_id_.size() * 2), 0);
  existed = case_of_id_[id] != 0;
  if (existed) return case_of_id_[id] - 1;
  uint32_t c = static_cast<uint32_t>(log_.case_id_.size());
  log_.case_id_.push_back(id);
  case_of_id_[id] = c + 1;
  return c;
}

uint32_t LogBuilder::AddEvent(uint32_t c, const Event& e) {
  uint32_t row = static_cast<uint32_t>(log_.activity_.size());
  if (!event_case_.empty() && event_case_.back() > c) grouped_ = false;
  event_case_.push_back(c);
  log_.activity_.push_back(e.activity);
  log_.utc_ns_.push_back(e.time.utc_ns);
  log_.offset_.push_back(e.time.offset_minutes);
  log_.lifecycle_.push_back(e.lifecycle);
  log_.resource_.push_back(e.resource);
  return row;
}

AttributeColumn& LogBuilder::Column(std::vector<AttributeColumn>& columns, std::vector<uint32_t>& index,
                                    StringId key) {
  if (key >= index.size()) index.resize(std::max<size_t>(key + 1, index.size() * 2), 0);
  if (index[key] == 0) {
    columns.push_back(AttributeColumn{key, {}, {}});
    index[key] = static_cast<uint32_t>(columns.size());
    // An event attribute seen among the first events is likely on every event.
    if (&columns == &log_.event_attributes_ && expected_events_ > 0 && log_.activity_.size() < 64) {
      columns.back().rows.reserve(expected_events_);
      columns.back().values.reserve(expected_events_);
    }
  }
  return columns[index[key] - 1];
}

void LogBuilder::SetEventAttribute(uint32_t row, StringId key, const AttributeValue& value) {
  AttributeColumn& col = Column(log_.event_attributes_, event_column_of_key_, key);
  if (!col.rows.empty() && col.rows.back() == row) {
    col.values.back() = value;  // a repeated key: the last one wins, as in PM4Py
    return;
  }
  col.rows.push_back(row);
  col.values.push_back(value);
}

void LogBuilder::SetCaseAttribute(uint32_t c, StringId key, const AttributeValue& value) {
  AttributeColumn& col = Column(log_.case_attributes_, case_column_of_key_, key);
  if (!col.rows.empty() && col.rows.back() >= c) {
    auto it = std::lower_bound(col.rows.begin(), col.rows.end(), c);
    if (it != col.rows.end() && *it == c) {
      col.values[static_cast<size_t>(it - col.rows.begin())] = value;
      return;
    }
    size_t at = static_cast<size_t>(it - col.rows.begin());
    col.rows.insert(it, c);
    col.values.insert(col.values.begin() + static_cast<std::ptrdiff_t>(at), value);
    return;
  }
  col.rows.push_back(c);
  col.values.push_back(value);
}

uint32_t LogBuilder::AddNested(std::vector<NestedAttribute> children) {
  log_.nested_.push_back(std::move(children));
  return static_cast<uint32_t>(log_.nested_.size() - 1);
}

namespace {

template <typename T>
void Permute(std::vector<T>& column, const std::vector<uint32_t>& order) {
  std::vector<T> out(column.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = column[order[i]];
  column.swap(out);
}

}  // namespace

EventLog LogBuilder::Finish() && {
  size_t cases = log_.case_id_.size();
  size_t events = log_.activity_.size();
  std::vector<uint32_t> counts(cases + 1, 0);
  for (uint32_t c : event_case_) ++counts[c + 1];
  // Cases without events (all dropped) are removed.
  std::vector<uint32_t> new_index(cases, 0);
  size_t kept = 0;
  for (size_t c = 0; c < cases; ++c) {
    if (counts[c + 1] != 0) new_index[c] = static_cast<uint32_t>(kept++);
  }
  if (kept != cases) {
    std::vector<StringId> ids;
    ids.reserve(kept);
    for (size_t c = 0; c < cases; ++c) {
      if (counts[c + 1] != 0) ids.push_back(log_.case_id_[c]);
    }
    log_.case_id_.swap(ids);
    for (uint32_t& c : event_case_) c = new_index[c];
    for (AttributeColumn& col : log_.case_attributes_) {
      AttributeColumn out{col.key, {}, {}};
      for (size_t i = 0; i < col.rows.size(); ++i) {
        if (counts[col.rows[i] + 1] == 0) continue;
        out.rows.push_back(new_index[col.rows[i]]);
        out.values.push_back(col.values[i]);
      }
      col = std::move(out);
    }
    std::vector<uint32_t> kept_counts(kept + 1, 0);
    for (uint32_t c : event_case_) ++kept_counts[c + 1];
    counts.swap(kept_counts);
    cases = kept;
  }
  std::partial_sum(counts.begin(), counts.end(), counts.begin());
  log_.case_offsets_ = counts;
  if (!grouped_) {
    // Stable counting sort of rows by case: order[new_row] = old_row.
    std::vector<uint32_t> cursor(counts.begin(), counts.end() - 1);
    std::vector<uint32_t> order(events);
    std::vector<uint32_t> new_row(events);
    for (size_t r = 0; r < events; ++r) {
      uint32_t to = cursor[event_case_[r]]++;
      order[to] = static_cast<uint32_t>(r);
      new_row[r] = to;
    }
    Permute(log_.activity_, order);
    Permute(log_.utc_ns_, order);
    Permute(log_.offset_, order);
    Permute(log_.lifecycle_, order);
    Permute(log_.resource_, order);
    for (AttributeColumn& col : log_.event_attributes_) {
      std::vector<uint32_t> idx(col.rows.size());
      std::iota(idx.begin(), idx.end(), 0u);
      for (uint32_t& r : col.rows) r = new_row[r];
      std::sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) { return col.rows[a] < col.rows[b]; });
      AttributeColumn out{col.key, {}, {}};
      out.rows.reserve(idx.size());
      out.values.reserve(idx.size());
      for (uint32_t i : idx) {
        out.rows.push_back(col.rows[i]);
        out.values.push_back(col.values[i]);
      }
      col = std::move(out);
    }
  }
  event_case_.clear();
  event_case_.shrink_to_fit();
  std::vector<uint32_t> dense(log_.strings_.size(), UINT32_MAX);
  log_.activity_index_.resize(events);
  for (size_t r = 0; r < events; ++r) {
    uint32_t& d = dense[log_.activity_[r]];
    if (d == UINT32_MAX) {
      d = static_cast<uint32_t>(log_.activity_alphabet_.size());
      log_.activity_alphabet_.push_back(log_.activity_[r]);
    }
    log_.activity_index_[r] = d;
  }
  return std::move(log_);
}

}  // namespace ordo::mining
