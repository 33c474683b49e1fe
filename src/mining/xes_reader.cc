#include "mining/xes_reader.h"

#include <expat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

namespace ordo::mining {
namespace {

// Element kinds of IEEE 1849-2016 §5 (XML serialization, Annex/§8 of the standard).
enum class Kind : uint8_t {
  kOther, kLog, kTrace, kEvent, kAttribute, kValues, kExtension, kGlobal, kClassifier
};

// Roles of the standard extension keys (§6: concept, time, lifecycle, org).
enum Role : uint8_t { kRoleNone = 0, kRoleName, kRoleTime, kRoleLifecycle, kRoleResource };

struct Frame {
  Kind kind = Kind::kOther;
  StringId key = kNoString;
  AttributeValue value;
  bool has_children = false;
  uint32_t children_begin = 0;  // index into Reader::child_stack_
};

struct PendingEvent {
  LogBuilder::Event event;
  bool has_activity = false;
  bool has_time = false;
  uint64_t line = 0;
  uint32_t attrs_begin = 0, attrs_end = 0;  // into Reader::trace_attrs_
};

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

Kind KindOf(std::string_view n, AttributeType& type) {
  switch (n.size()) {
    case 2:
      if (n == "id") { type = AttributeType::kId; return Kind::kAttribute; }
      break;
    case 3:
      if (n == "int") { type = AttributeType::kInt; return Kind::kAttribute; }
      if (n == "log") return Kind::kLog;
      break;
    case 4:
      if (n == "date") { type = AttributeType::kDate; return Kind::kAttribute; }
      if (n == "list") { type = AttributeType::kList; return Kind::kAttribute; }
      break;
    case 5:
      if (n == "event") return Kind::kEvent;
      if (n == "trace") return Kind::kTrace;
      if (n == "float") { type = AttributeType::kFloat; return Kind::kAttribute; }
      break;
    case 6:
      if (n == "string") { type = AttributeType::kString; return Kind::kAttribute; }
      if (n == "values") return Kind::kValues;
      if (n == "global") return Kind::kGlobal;
      break;
    case 7:
      if (n == "boolean") { type = AttributeType::kBoolean; return Kind::kAttribute; }
      break;
    case 9:
      if (n == "extension") return Kind::kExtension;
      if (n == "container") { type = AttributeType::kContainer; return Kind::kAttribute; }
      break;
    case 10:
      if (n == "classifier") return Kind::kClassifier;
      break;
    default: break;
  }
  return Kind::kOther;
}

class Reader {
 public:
  Reader(const ReadOptions& options, ReadReport* report) : options_(options), report_(report) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Reader::OnStart, &Reader::OnEnd);
    XML_SetEntityDeclHandler(parser_, &Reader::OnEntityDecl);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    StringPool& s = builder_.strings();
    SetRole(s.Intern("concept:name"), kRoleName);
    SetRole(s.Intern("time:timestamp"), kRoleTime);
    SetRole(s.Intern("lifecycle:transition"), kRoleLifecycle);
    SetRole(s.Intern("org:resource"), kRoleResource);
    frames_.reserve(64);
  }
  ~Reader() { XML_ParserFree(parser_); }

  Result<EventLog> Run(ByteSource& source) {
    for (;;) {
      ASSIGN_OR_RETURN(std::span<const char> chunk, source.Next());
      bool last = chunk.empty();
      if (report_) report_->bytes_read += chunk.size();
      if (XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), last ? XML_TRUE : XML_FALSE) ==
          XML_STATUS_ERROR) {
        if (!status_.ok()) return status_;
        return InvalidArgument("XES is not well-formed XML at " + Where() + ": " +
                               XML_ErrorString(XML_GetErrorCode(parser_)));
      }
      if (!status_.ok()) return status_;
      if (options_.progress) options_.progress(source.source_bytes_read(), source.source_bytes_total());
      if (last) break;
    }
    if (!saw_log_) return InvalidArgument("not an XES document: the root element is not <log>");
    return std::move(builder_).Finish();
  }

 private:
  void SetRole(StringId id, Role role) {
    if (id >= roles_.size()) roles_.resize(id + 1, kRoleNone);
    roles_[id] = role;
  }
  Role RoleOf(StringId id) const { return id < roles_.size() ? static_cast<Role>(roles_[id]) : kRoleNone; }

  std::string Where() const {
    return "line " + std::to_string(XML_GetCurrentLineNumber(parser_)) + ", column " +
           std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + " (byte " +
           std::to_string(XML_GetCurrentByteIndex(parser_)) + ")";
  }

  void Fail(Status status) {
    if (status_.ok()) status_ = std::move(status);
    XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL OnEntityDecl(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                   const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* r = static_cast<Reader*>(self);
    r->Fail(InvalidArgument("entity declarations are not allowed in XES (" + r->Where() +
                            "): refusing possible entity expansion"));
  }

  static void XMLCALL OnStart(void* self, const XML_Char* name, const XML_Char** atts) {
    static_cast<Reader*>(self)->Start(name, atts);
  }
  static void XMLCALL OnEnd(void* self, const XML_Char*) { static_cast<Reader*>(self)->End(); }

  Kind ParentKind() const { return frames_.empty() ? Kind::kOther : frames_.back().kind; }

  void Start(const char* name, const char** atts) {
    if (!status_.ok()) return;
    AttributeType type = AttributeType::kNone;
    Kind kind = KindOf(LocalName(name), type);
    if (frames_.empty()) {
      if (kind != Kind::kLog) {
        Fail(InvalidArgument("not an XES document: the root element is <" + std::string(name) + ">, not <log>"));
        return;
      }
      saw_log_ = true;
    }
    Kind parent = ParentKind();
    Frame f;
    f.kind = kind;
    f.children_begin = static_cast<uint32_t>(child_stack_.size());
    switch (kind) {
      case Kind::kTrace:
        if (parent != Kind::kLog) return Misplaced(name);
        in_trace_ = true;
        trace_case_ = kNoString;
        trace_events_.clear();
        trace_attrs_.clear();
        trace_case_attrs_.clear();
        break;
      case Kind::kEvent:
        if (parent != Kind::kTrace && parent != Kind::kLog) return Misplaced(name);
        event_ = PendingEvent();
        event_.line = XML_GetCurrentLineNumber(parser_);
        event_.attrs_begin = static_cast<uint32_t>(trace_attrs_.size());
        break;
      case Kind::kAttribute:
        if (++attribute_depth_ > options_.max_attribute_depth) {
          Fail(ResourceExhausted("attributes nested deeper than " + std::to_string(options_.max_attribute_depth) +
                                 " levels at " + Where()));
          return;
        }
        if (!ParseAttribute(type, atts, f)) return;
        break;
      case Kind::kExtension: {
        Extension e;
        for (const char** a = atts; *a; a += 2) {
          std::string_view k(a[0]);
          if (k == "name") e.name = a[1];
          else if (k == "prefix") e.prefix = a[1];
          else if (k == "uri") e.uri = a[1];
        }
        builder_.extensions().push_back(std::move(e));
        break;
      }
      case Kind::kGlobal: {
        GlobalScope g;
        for (const char** a = atts; *a; a += 2) {
          if (std::string_view(a[0]) == "scope") g.scope = a[1];
        }
        builder_.globals().push_back(std::move(g));
        break;
      }
      case Kind::kClassifier: {
        Classifier c;
        for (const char** a = atts; *a; a += 2) {
          std::string_view k(a[0]);
          if (k == "name") c.name = a[1];
          else if (k == "keys") c.keys = a[1];
        }
        builder_.classifiers().push_back(std::move(c));
        break;
      }
      default: break;
    }
    frames_.push_back(f);
  }

  void Misplaced(const char* name) {
    Fail(InvalidArgument("<" + std::string(name) + "> is not allowed here (" + Where() + ")"));
  }

  bool ParseAttribute(AttributeType type, const char** atts, Frame& f) {
    const char* key = nullptr;
    const char* value = nullptr;
    for (const char** a = atts; *a; a += 2) {
      if (a[0][0] == 'k' && std::strcmp(a[0], "key") == 0) key = a[1];
      else if (a[0][0] == 'v' && std::strcmp(a[0], "value") == 0) value = a[1];
    }
    Kind parent = ParentKind();
    // Members of a list's <values> may omit keys (IEEE 1849-2016 §5.3.9); OpenXES also writes
    // keyless nested meta attributes (BPIC 2012), so a missing key reads as the empty key.
    if (key == nullptr) key = "";
    StringPool& pool = builder_.strings();
    f.key = pool.Intern(key);
    f.value.type = type;
    if (type == AttributeType::kList || type == AttributeType::kContainer) return true;
    if (value == nullptr) {
      Fail(InvalidArgument("attribute '" + std::string(key) + "' has no value at " + Where()));
      return false;
    }
    std::string_view v(value);
    switch (type) {
      case AttributeType::kString:
      case AttributeType::kId: f.value.text = pool.Intern(v); break;
      case AttributeType::kDate: {
        std::optional<Timestamp> t = ParseIsoTimestamp(v);
        if (!t) {
          // A bad time:timestamp makes the event invalid (dropped with skip_invalid); any other
          // bad date is an error.
          if (RoleOf(f.key) == kRoleTime && parent == Kind::kEvent && options_.skip_invalid) {
            f.value.type = AttributeType::kNone;
            return true;
          }
          Fail(InvalidArgument("date attribute '" + std::string(key) + "' has value '" + std::string(v) +
                               "', not an xs:dateTime, at " + Where()));
          return false;
        }
        f.value.date_ns = t->utc_ns;
        f.value.offset_minutes = t->offset_minutes;
        break;
      }
      case AttributeType::kInt: {
        errno = 0;
        char* end = nullptr;
        long long n = std::strtoll(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0') {
          Fail(InvalidArgument("int attribute '" + std::string(key) + "' has value '" + std::string(v) + "' at " +
                               Where()));
          return false;
        }
        f.value.int_value = n;
        break;
      }
      case AttributeType::kFloat: {
        char* end = nullptr;
        double d = std::strtod(value, &end);
        if (end == value || *end != '\0') {
          Fail(InvalidArgument("float attribute '" + std::string(key) + "' has value '" + std::string(v) +
                               "' at " + Where()));
          return false;
        }
        f.value.float_value = d;
        break;
      }
      case AttributeType::kBoolean:
        if (v == "true" || v == "1" || v == "TRUE" || v == "True") f.value.bool_value = true;
        else if (v == "false" || v == "0" || v == "FALSE" || v == "False") f.value.bool_value = false;
        else {
          Fail(InvalidArgument("boolean attribute '" + std::string(key) + "' has value '" + std::string(v) +
                               "' at " + Where()));
          return false;
        }
        break;
      default: break;
    }
    return true;
  }

  void End() {
    if (!status_.ok() || frames_.empty()) return;
    Frame f = frames_.back();
    frames_.pop_back();
    switch (f.kind) {
      case Kind::kAttribute: {
        --attribute_depth_;
        if (child_stack_.size() > f.children_begin) {
          std::vector<NestedAttribute> children(child_stack_.begin() + f.children_begin, child_stack_.end());
          child_stack_.resize(f.children_begin);
          f.value.children = builder_.AddNested(std::move(children));
        }
        Attach(f);
        break;
      }
      case Kind::kEvent: EndEvent(); break;
      case Kind::kTrace: EndTrace(); break;
      case Kind::kGlobal:
        if (child_stack_.size() > f.children_begin) {
          builder_.globals().back().attributes.assign(child_stack_.begin() + f.children_begin, child_stack_.end());
          child_stack_.resize(f.children_begin);
        }
        break;
      default: break;
    }
  }

  void Attach(const Frame& f) {
    switch (ParentKind()) {
      case Kind::kEvent:
        switch (RoleOf(f.key)) {
          case kRoleName:
            if (f.value.type == AttributeType::kString) {
              event_.event.activity = f.value.text;
              event_.has_activity = true;
              return;
            }
            break;
          case kRoleTime:
            if (f.value.type == AttributeType::kDate) {
              event_.event.time = Timestamp{f.value.date_ns, f.value.offset_minutes};
              event_.has_time = true;
              return;
            }
            if (f.value.type == AttributeType::kNone) return;  // unparseable, skip_invalid
            break;
          case kRoleLifecycle:
            if (f.value.type == AttributeType::kString) {
              event_.event.lifecycle = f.value.text;
              return;
            }
            break;
          case kRoleResource:
            if (f.value.type == AttributeType::kString) {
              event_.event.resource = f.value.text;
              return;
            }
            break;
          default: break;
        }
        trace_attrs_.push_back(NestedAttribute{f.key, f.value});
        return;
      case Kind::kTrace:
        if (RoleOf(f.key) == kRoleName && f.value.type == AttributeType::kString) {
          trace_case_ = f.value.text;
          return;
        }
        trace_case_attrs_.push_back(NestedAttribute{f.key, f.value});
        return;
      case Kind::kLog: builder_.log_attributes().push_back(NestedAttribute{f.key, f.value}); return;
      case Kind::kAttribute:
      case Kind::kValues:
      case Kind::kGlobal: {
        child_stack_.push_back(NestedAttribute{f.key, f.value});
        return;
      }
      default: return;
    }
  }

  void EndEvent() {
    event_.attrs_end = static_cast<uint32_t>(trace_attrs_.size());
    if (report_) ++report_->events_read;
    const char* missing = nullptr;
    uint64_t* counter = nullptr;
    uint64_t ignored = 0;
    if (!event_.has_activity) {
      missing = "concept:name (the activity)";
      counter = report_ ? &report_->dropped_no_activity : &ignored;
    } else if (!event_.has_time) {
      missing = "a valid time:timestamp";
      counter = report_ ? &report_->dropped_no_timestamp : &ignored;
    }
    if (missing != nullptr) {
      if (!options_.skip_invalid) {
        Fail(InvalidArgument("the event at line " + std::to_string(event_.line) + " has no " + missing +
                             " (use --skip-invalid to drop such events)"));
        return;
      }
      ++*counter;
      trace_attrs_.resize(event_.attrs_begin);
      return;
    }
    if (!in_trace_) {
      // IEEE 1849-2016 allows events directly under <log>; they belong to no case.
      if (!options_.skip_invalid) {
        Fail(InvalidArgument("the event at line " + std::to_string(event_.line) +
                             " is outside any trace, so it has no case id (use --skip-invalid to drop it)"));
        return;
      }
      if (report_) ++report_->dropped_no_case_id;
      trace_attrs_.resize(event_.attrs_begin);
      return;
    }
    trace_events_.push_back(event_);
  }

  void EndTrace() {
    in_trace_ = false;
    if (trace_case_ == kNoString) {
      if (!options_.skip_invalid && !trace_events_.empty()) {
        Fail(InvalidArgument("the trace ending at " + Where() +
                             " has no concept:name, so its events have no case id (use --skip-invalid to drop them)"));
        return;
      }
      if (report_) report_->dropped_no_case_id += trace_events_.size();
      return;
    }
    if (trace_events_.empty()) return;  // PM4Py's data frame has no row for an empty trace either
    bool existed = false;
    uint32_t c = builder_.CaseFor(trace_case_, existed);
    if (existed && report_) ++report_->duplicate_case_ids;
    for (const NestedAttribute& a : trace_case_attrs_) builder_.SetCaseAttribute(c, a.key, a.value);
    for (const PendingEvent& e : trace_events_) {
      uint32_t row = builder_.AddEvent(c, e.event);
      for (uint32_t i = e.attrs_begin; i < e.attrs_end; ++i) {
        builder_.SetEventAttribute(row, trace_attrs_[i].key, trace_attrs_[i].value);
      }
    }
  }

  const ReadOptions& options_;
  ReadReport* report_;
  XML_Parser parser_;
  LogBuilder builder_;
  Status status_;
  std::vector<uint8_t> roles_;
  std::vector<Frame> frames_;
  std::vector<NestedAttribute> child_stack_;
  int attribute_depth_ = 0;
  bool saw_log_ = false;
  bool in_trace_ = false;
  StringId trace_case_ = kNoString;
  PendingEvent event_;
  std::vector<PendingEvent> trace_events_;
  std::vector<NestedAttribute> trace_attrs_;
  std::vector<NestedAttribute> trace_case_attrs_;
};

}  // namespace

Result<EventLog> ReadXes(ByteSource& source, const ReadOptions& options, ReadReport* report) {
  Reader reader(options, report);
  return reader.Run(source);
}

Result<EventLog> ReadXesFile(const std::string& path, const ReadOptions& options, ReadReport* report) {
  ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source, ByteSource::OpenFile(path));
  Result<EventLog> log = ReadXes(*source, options, report);
  if (!log.ok()) return log.status().WithContext(path);
  return log;
}

}  // namespace ordo::mining
