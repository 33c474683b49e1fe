#include "mining/export.h"

#include <zlib.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace ordo::mining {
namespace {

const char* TagOf(AttributeType t) {
  switch (t) {
    case AttributeType::kString: return "string";
    case AttributeType::kDate: return "date";
    case AttributeType::kInt: return "int";
    case AttributeType::kFloat: return "float";
    case AttributeType::kBoolean: return "boolean";
    case AttributeType::kId: return "id";
    case AttributeType::kList: return "list";
    case AttributeType::kContainer: return "container";
    default: return nullptr;
  }
}

void AppendValueText(const EventLog& log, const AttributeValue& v, std::string& out) {
  char buf[64];
  switch (v.type) {
    case AttributeType::kString:
    case AttributeType::kId: AppendXmlEscaped(out, log.str(v.text)); break;
    case AttributeType::kDate: out += FormatIsoTimestamp({v.date_ns, v.offset_minutes}); break;
    case AttributeType::kInt: out += std::to_string(v.int_value); break;
    case AttributeType::kFloat: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.float_value);
      out.append(buf, r.ptr);
      break;
    }
    case AttributeType::kBoolean: out += v.bool_value ? "true" : "false"; break;
    default: break;
  }
}

void AppendAttribute(const EventLog& log, StringId key, const AttributeValue& v, int indent, bool in_values,
                     std::string& out) {
  const char* tag = TagOf(v.type);
  if (tag == nullptr) return;
  out.append(static_cast<size_t>(indent), '\t');
  out += '<';
  out += tag;
  if (!(in_values && log.str(key).empty())) {
    out += " key=\"";
    AppendXmlEscaped(out, log.str(key));
    out += '"';
  }
  if (v.type != AttributeType::kList && v.type != AttributeType::kContainer) {
    out += " value=\"";
    AppendValueText(log, v, out);
    out += '"';
  }
  if (v.children == kNoChildren) {
    if (v.type == AttributeType::kList) {
      out += "><values/></list>\n";
    } else {
      out += "/>\n";
    }
    return;
  }
  out += ">\n";
  const auto& children = log.nested()[v.children];
  if (v.type == AttributeType::kList) {
    out.append(static_cast<size_t>(indent + 1), '\t');
    out += "<values>\n";
    for (const NestedAttribute& c : children) AppendAttribute(log, c.key, c.value, indent + 2, true, out);
    out.append(static_cast<size_t>(indent + 1), '\t');
    out += "</values>\n";
  } else {
    for (const NestedAttribute& c : children) AppendAttribute(log, c.key, c.value, indent + 1, false, out);
  }
  out.append(static_cast<size_t>(indent), '\t');
  out += "</";
  out += tag;
  out += ">\n";
}

void AppendString(std::string& out, int indent, std::string_view key, std::string_view value) {
  out.append(static_cast<size_t>(indent), '\t');
  out += "<string key=\"";
  AppendXmlEscaped(out, key);
  out += "\" value=\"";
  AppendXmlEscaped(out, value);
  out += "\"/>\n";
}

void CsvField(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string PlainValue(const EventLog& log, const AttributeValue& v) {
  if (v.type == AttributeType::kString || v.type == AttributeType::kId) return std::string(log.str(v.text));
  std::string s;
  AppendValueText(log, v, s);
  return s;
}

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out += c;
    }
  }
}

void AppendXes(const EventLog& log, std::string& out) {
  out.reserve(out.size() + log.num_events() * 200);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<log xes.version=\"1849-2016\" xes.features=\"nested-attributes\" xmlns=\"http://www.xes-standard.org/\">\n";
  for (const Extension& e : log.extensions()) {
    out += "\t<extension name=\"";
    AppendXmlEscaped(out, e.name);
    out += "\" prefix=\"";
    AppendXmlEscaped(out, e.prefix);
    out += "\" uri=\"";
    AppendXmlEscaped(out, e.uri);
    out += "\"/>\n";
  }
  for (const GlobalScope& g : log.globals()) {
    out += "\t<global scope=\"";
    AppendXmlEscaped(out, g.scope);
    out += "\">\n";
    for (const NestedAttribute& a : g.attributes) AppendAttribute(log, a.key, a.value, 2, false, out);
    out += "\t</global>\n";
  }
  for (const Classifier& c : log.classifiers()) {
    out += "\t<classifier name=\"";
    AppendXmlEscaped(out, c.name);
    out += "\" keys=\"";
    AppendXmlEscaped(out, c.keys);
    out += "\"/>\n";
  }
  for (const NestedAttribute& a : log.log_attributes()) AppendAttribute(log, a.key, a.value, 1, false, out);
  // Per-column cursors: rows are ascending, so one forward pass visits every value once.
  const auto& ecols = log.event_attributes();
  const auto& ccols = log.case_attributes();
  std::vector<size_t> ecur(ecols.size(), 0), ccur(ccols.size(), 0);
  for (size_t c = 0; c < log.num_cases(); ++c) {
    out += "\t<trace>\n";
    AppendString(out, 2, "concept:name", log.str(log.case_id(c)));
    for (size_t k = 0; k < ccols.size(); ++k) {
      if (ccur[k] < ccols[k].rows.size() && ccols[k].rows[ccur[k]] == c) {
        AppendAttribute(log, ccols[k].key, ccols[k].values[ccur[k]], 2, false, out);
        ++ccur[k];
      }
    }
    for (uint32_t r = log.case_begin(c); r < log.case_end(c); ++r) {
      out += "\t\t<event>\n";
      AppendString(out, 3, "concept:name", log.str(log.activities()[r]));
      if (log.lifecycles()[r] != kNoString) AppendString(out, 3, "lifecycle:transition", log.str(log.lifecycles()[r]));
      if (log.resources()[r] != kNoString) AppendString(out, 3, "org:resource", log.str(log.resources()[r]));
      out += "\t\t\t<date key=\"time:timestamp\" value=\"";
      out += FormatIsoTimestamp(log.timestamp(r));
      out += "\"/>\n";
      for (size_t k = 0; k < ecols.size(); ++k) {
        if (ecur[k] < ecols[k].rows.size() && ecols[k].rows[ecur[k]] == r) {
          AppendAttribute(log, ecols[k].key, ecols[k].values[ecur[k]], 3, false, out);
          ++ecur[k];
        }
      }
      out += "\t\t</event>\n";
    }
    out += "\t</trace>\n";
  }
  out += "</log>\n";
}

void AppendCsv(const EventLog& log, std::string& out) {
  bool has_life = false, has_res = false;
  for (StringId s : log.lifecycles()) has_life = has_life || s != kNoString;
  for (StringId s : log.resources()) has_res = has_res || s != kNoString;
  const auto& ecols = log.event_attributes();
  const auto& ccols = log.case_attributes();
  out += "case:concept:name,concept:name,time:timestamp";
  if (has_life) out += ",lifecycle:transition";
  if (has_res) out += ",org:resource";
  for (const AttributeColumn& col : ecols) {
    out += ',';
    CsvField(out, log.str(col.key));
  }
  for (const AttributeColumn& col : ccols) {
    out += ',';
    CsvField(out, "case:" + std::string(log.str(col.key)));
  }
  out += '\n';
  std::vector<size_t> ecur(ecols.size(), 0), ccur(ccols.size(), 0);
  std::vector<std::string> case_values(ccols.size());
  for (size_t c = 0; c < log.num_cases(); ++c) {
    for (size_t k = 0; k < ccols.size(); ++k) {
      case_values[k].clear();
      if (ccur[k] < ccols[k].rows.size() && ccols[k].rows[ccur[k]] == c) {
        case_values[k] = PlainValue(log, ccols[k].values[ccur[k]]);
        ++ccur[k];
      }
    }
    for (uint32_t r = log.case_begin(c); r < log.case_end(c); ++r) {
      CsvField(out, log.str(log.case_id(c)));
      out += ',';
      CsvField(out, log.str(log.activities()[r]));
      out += ',';
      out += FormatIsoTimestamp(log.timestamp(r));
      if (has_life) {
        out += ',';
        CsvField(out, log.str(log.lifecycles()[r]));
      }
      if (has_res) {
        out += ',';
        CsvField(out, log.str(log.resources()[r]));
      }
      for (size_t k = 0; k < ecols.size(); ++k) {
        out += ',';
        if (ecur[k] < ecols[k].rows.size() && ecols[k].rows[ecur[k]] == r) {
          CsvField(out, PlainValue(log, ecols[k].values[ecur[k]]));
          ++ecur[k];
        }
      }
      for (size_t k = 0; k < ccols.size(); ++k) {
        out += ',';
        CsvField(out, case_values[k]);
      }
      out += '\n';
    }
  }
}

Status WriteTextFile(const std::string& path, const std::string& text) {
  bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  if (gz) {
    gzFile f = gzopen(path.c_str(), "wb6");
    if (f == nullptr) return Unavailable("cannot write " + path + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < text.size()) {
      unsigned chunk = static_cast<unsigned>(std::min<size_t>(text.size() - done, 1 << 30));
      if (gzwrite(f, text.data() + done, chunk) != static_cast<int>(chunk)) {
        gzclose(f);
        return Unavailable("cannot write " + path);
      }
      done += chunk;
    }
    if (gzclose(f) != Z_OK) return Unavailable("cannot finish " + path);
    return Status::Ok();
  }
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Unavailable("cannot write " + path + ": " + std::strerror(errno));
  size_t n = std::fwrite(text.data(), 1, text.size(), f);
  bool ok = n == text.size() && std::fclose(f) == 0;
  if (!ok) return Unavailable("cannot write " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace ordo::mining
