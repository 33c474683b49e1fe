#include "mining/xes_reader.h"

#include <expat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "mining/xes_scanner.h"

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

std::string_view LocalName(std::string_view n) {
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

bool AllDigits(std::string_view v) {
  for (char c : v) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// xs:long as strtoll reads it (leading white space and '+' included), errors as before.
bool ParseInt(std::string_view v, int64_t& out) {
  // Fast path: -?[0-9]{1,18} cannot overflow and reads the same either way.
  std::string_view digits = !v.empty() && v[0] == '-' ? v.substr(1) : v;
  if (!digits.empty() && digits.size() <= 18 && AllDigits(digits)) {
    int64_t n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    out = v.size() == digits.size() ? n : -n;
    return true;
  }
  std::string text(v);
  errno = 0;
  char* end = nullptr;
  long long n = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0') return false;
  out = n;
  return true;
}

// xs:double as strtod reads it (in the C locale).
bool ParseFloat(std::string_view v, double& out) {
  // Fast path: plain decimal notation, which from_chars and strtod both round correctly.
  // Anything else (white space, '+', hex, inf, nan, out of range) takes strtod.
  bool plain = !v.empty() && (v[0] == '-' || v[0] == '.' || (v[0] >= '0' && v[0] <= '9'));
  for (char c : v) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) plain = false;
  }
  if (plain) {
    double d = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d, std::chars_format::general);
    if (ec == std::errc() && ptr == v.data() + v.size()) {
      out = d;
      return true;
    }
  }
  std::string text(v);
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return false;
  out = d;
  return true;
}

// Builds the log from element callbacks, which come from the scanner (the fast path) or from
// expat: from the start (XmlTokenizer::kExpat), or from where the scanner handed off.
class Reader final : public XmlElementHandler {
 public:
  Reader(const ReadOptions& options, ReadReport* report) : options_(options), report_(report) {
    StringPool& s = builder_.strings();
    SetRole(s.Intern("concept:name"), kRoleName);
    SetRole(s.Intern("time:timestamp"), kRoleTime);
    SetRole(s.Intern("lifecycle:transition"), kRoleLifecycle);
    SetRole(s.Intern("org:resource"), kRoleResource);
    frames_.reserve(64);
  }
  ~Reader() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  Result<EventLog> Run(ByteSource& source) {
    // Real logs take 5-20 bytes per event gzipped and 250-300 as XML: room for a few more events
    // than the file can hold is address space only, so the columns never copy while they grow.
    // A hint, capped at 16M events (each column at most a few hundred MB of address space, which
    // a strict-overcommit machine must still grant); bigger logs grow the rest as usual.
    const uint64_t total = source.source_bytes_total();
    if (total > (1u << 20)) builder_.Reserve(std::min<uint64_t>(total / (source.compressed() ? 5 : 150), 1u << 24));
    if (options_.tokenizer == XmlTokenizer::kExpat) {
      StartExpat(XesScanner::HandOff());
      RETURN_IF_ERROR(ExpatRest(source));
    } else {
      RETURN_IF_ERROR(Scan(source));
    }
    if (!saw_log_) return InvalidArgument("not an XES document: the root element is not <log>");
    return std::move(builder_).Finish();
  }

  bool StartElement(std::string_view name, std::span<const XmlAttribute> atts) override {
    Start(name, atts);
    return status_.ok();
  }
  bool EndElement() override {
    End();
    return status_.ok();
  }

 private:
  void Progress(const ByteSource& source) {
    if (options_.progress) options_.progress(source.source_bytes_read(), source.source_bytes_total());
  }

  Status Scan(ByteSource& source) {
    XesScanner scanner(*this);
    scanner_ = &scanner;
    for (;;) {
      ASSIGN_OR_RETURN(std::span<const char> chunk, source.Next());
      bool last = chunk.empty();
      if (report_) report_->bytes_read += chunk.size();
      XesScanner::Outcome outcome = scanner.Feed(chunk, last);
      RETURN_IF_ERROR(status_);
      if (outcome == XesScanner::Outcome::kHandOff) {
        XesScanner::HandOff handoff = scanner.TakeHandOff();
        scanner_ = nullptr;
        StartExpat(handoff);
        std::string replay = std::move(handoff.replay);
        std::string tail = std::move(handoff.tail);
        size_t begin = 0;
        for (size_t end : handoff.replay_chunk_ends) {
          RETURN_IF_ERROR(ExpatParse(std::string_view(replay).substr(begin, end - begin), false));
          begin = end;
        }
        RETURN_IF_ERROR(ExpatParse(std::string_view(replay).substr(begin), false));
        RETURN_IF_ERROR(ExpatParse(tail, last));
        Progress(source);
        return last ? Status() : ExpatRest(source);
      }
      Progress(source);
      if (last) return Status();
    }
  }

  // REQUIRES: StartExpat was called.
  Status ExpatRest(ByteSource& source) {
    for (;;) {
      ASSIGN_OR_RETURN(std::span<const char> chunk, source.Next());
      bool last = chunk.empty();
      if (report_) report_->bytes_read += chunk.size();
      RETURN_IF_ERROR(ExpatParse(std::string_view(chunk.data(), chunk.size()), last));
      Progress(source);
      if (last) return Status();
    }
  }

  // Expat from here on; after a synthetic replay, callbacks within it are not delivered and
  // positions are mapped back to the document's (XesScanner::HandOff).
  void StartExpat(const XesScanner::HandOff& handoff) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Reader::OnStart, &Reader::OnEnd);
    XML_SetEntityDeclHandler(parser_, &Reader::OnEntityDecl);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    if (handoff.synthetic) {
      synthetic_bytes_ = handoff.replay.size();
      handoff_at_ = handoff.at;
    }
  }

  Status ExpatParse(std::string_view data, bool last) {
    if (XML_Parse(parser_, data.data(), static_cast<int>(data.size()), last ? XML_TRUE : XML_FALSE) ==
        XML_STATUS_ERROR) {
      RETURN_IF_ERROR(status_);
      return InvalidArgument("XES is not well-formed XML at " + Where() + ": " +
                             XML_ErrorString(XML_GetErrorCode(parser_)));
    }
    return status_;
  }

  bool InSyntheticReplay() const {
    return synthetic_bytes_ > 0 && static_cast<uint64_t>(XML_GetCurrentByteIndex(parser_)) < synthetic_bytes_;
  }

  // StringPool::Intern behind a small direct-mapped cache: keys and most values repeat (a
  // handful of keys, activities, resources), and the cache stays in L1 where the pool's table
  // does not. Ids are the pool's, so interning order is unchanged.
  StringId Intern(std::string_view text) {
    size_t n = text.size();
    uint64_t a = 0, b = 0;
    if (n >= 8) {
      std::memcpy(&a, text.data(), 8);
      std::memcpy(&b, text.data() + n - 8, 8);
    } else if (n >= 4) {
      uint32_t x, y;
      std::memcpy(&x, text.data(), 4);
      std::memcpy(&y, text.data() + n - 4, 4);
      a = x;
      b = y;
    } else if (n > 0) {
      a = static_cast<unsigned char>(text[0]) | static_cast<unsigned char>(text[n / 2]) << 8 |
          static_cast<unsigned char>(text[n - 1]) << 16;
    }
    uint64_t h = ((a * 0x9E3779B97F4A7C15ull) ^ b ^ n) * 0xC2B2AE3D27D4EB4Full;
    CachedString& slot = intern_cache_[h >> (64 - kInternCacheBits)];
    if (slot.size == n && slot.data != nullptr && std::memcmp(slot.data, text.data(), n) == 0) return slot.id;
    StringId id = builder_.strings().Intern(text);
    slot = CachedString{builder_.strings().Get(id).data(), n, id};
    return id;
  }

  void SetRole(StringId id, Role role) {
    if (id >= roles_.size()) roles_.resize(id + 1, kRoleNone);
    roles_[id] = role;
  }
  Role RoleOf(StringId id) const { return id < roles_.size() ? static_cast<Role>(roles_[id]) : kRoleNone; }

  XmlPosition CurrentPosition() const {
    if (scanner_ != nullptr) return scanner_->Position();
    XmlPosition p{XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_),
                  static_cast<uint64_t>(XML_GetCurrentByteIndex(parser_))};
    if (synthetic_bytes_ > 0) {
      // Expat's line 1 is the replay followed by the rest of the scanner's line.
      if (p.line == 1) p.column = handoff_at_.column + (p.column - synthetic_bytes_);
      p.line = handoff_at_.line + (p.line - 1);
      p.byte = handoff_at_.byte + (p.byte - synthetic_bytes_);
    }
    return p;
  }

  std::string Where() const {
    XmlPosition p = CurrentPosition();
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column + 1) + " (byte " +
           std::to_string(p.byte) + ")";
  }

  void Fail(Status status) {
    if (status_.ok()) status_ = std::move(status);
    if (parser_ != nullptr) XML_StopParser(parser_, XML_FALSE);
  }

  static void XMLCALL OnEntityDecl(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                   const XML_Char*, const XML_Char*, const XML_Char*) {
    auto* r = static_cast<Reader*>(self);
    r->Fail(InvalidArgument("entity declarations are not allowed in XES (" + r->Where() +
                            "): refusing possible entity expansion"));
  }

  static void XMLCALL OnStart(void* self, const XML_Char* name, const XML_Char** atts) {
    auto* r = static_cast<Reader*>(self);
    if (r->InSyntheticReplay()) return;
    r->expat_atts_.clear();
    for (const char** a = atts; *a; a += 2) r->expat_atts_.push_back(XmlAttribute{a[0], a[1]});
    r->Start(name, r->expat_atts_);
  }
  static void XMLCALL OnEnd(void* self, const XML_Char*) {
    auto* r = static_cast<Reader*>(self);
    if (r->InSyntheticReplay()) return;
    r->End();
  }

  Kind ParentKind() const { return frames_.empty() ? Kind::kOther : frames_.back().kind; }

  void Start(std::string_view name, std::span<const XmlAttribute> atts) {
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
        event_.line = CurrentPosition().line;
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
        for (const XmlAttribute& a : atts) {
          if (a.name == "name") e.name = a.value;
          else if (a.name == "prefix") e.prefix = a.value;
          else if (a.name == "uri") e.uri = a.value;
        }
        builder_.extensions().push_back(std::move(e));
        break;
      }
      case Kind::kGlobal: {
        GlobalScope g;
        for (const XmlAttribute& a : atts) {
          if (a.name == "scope") g.scope = a.value;
        }
        builder_.globals().push_back(std::move(g));
        break;
      }
      case Kind::kClassifier: {
        Classifier c;
        for (const XmlAttribute& a : atts) {
          if (a.name == "name") c.name = a.value;
          else if (a.name == "keys") c.keys = a.value;
        }
        builder_.classifiers().push_back(std::move(c));
        break;
      }
      default: break;
    }
    frames_.push_back(f);
  }

  void Misplaced(std::string_view name) {
    std::string message = "<";
    message.append(name);
    message += "> is not allowed here (" + Where() + ")";
    Fail(InvalidArgument(std::move(message)));
  }

  bool ParseAttribute(AttributeType type, std::span<const XmlAttribute> atts, Frame& f) {
    // Members of a list's <values> may omit keys (IEEE 1849-2016 §5.3.9); OpenXES also writes
    // keyless nested meta attributes (BPIC 2012), so a missing key reads as the empty key.
    std::string_view key = "";
    std::string_view v;
    bool has_value = false;
    for (const XmlAttribute& a : atts) {
      if (a.name == "key") {
        key = a.value;
      } else if (a.name == "value") {
        v = a.value;
        has_value = true;
      }
    }
    Kind parent = ParentKind();
    f.key = Intern(key);
    f.value.type = type;
    if (type == AttributeType::kList || type == AttributeType::kContainer) return true;
    if (!has_value) {
      Fail(InvalidArgument("attribute '" + std::string(key) + "' has no value at " + Where()));
      return false;
    }
    switch (type) {
      case AttributeType::kString:
      case AttributeType::kId: f.value.text = Intern(v); break;
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
        int64_t n = 0;
        if (!ParseInt(v, n)) {
          Fail(InvalidArgument("int attribute '" + std::string(key) + "' has value '" + std::string(v) + "' at " +
                               Where()));
          return false;
        }
        f.value.int_value = n;
        break;
      }
      case AttributeType::kFloat: {
        double d = 0;
        if (!ParseFloat(v, d)) {
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
  XesScanner* scanner_ = nullptr;  // during Scan(), until it hands off; points to its local
  XML_Parser parser_ = nullptr;    // from the hand-off (or the start) on
  uint64_t synthetic_bytes_ = 0;   // length of the synthetic replay expat was given first
  XmlPosition handoff_at_;         // where in the document the replay ends
  std::vector<XmlAttribute> expat_atts_;
  struct CachedString {
    const char* data = nullptr;  // into the pool, whose storage never moves
    size_t size = 0;
    StringId id = kNoString;
  };
  static constexpr int kInternCacheBits = 10;
  std::vector<CachedString> intern_cache_ = std::vector<CachedString>(size_t{1} << kInternCacheBits);
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
