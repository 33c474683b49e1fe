// The XES scanner (the fast path) against expat (the reference), on tricky snippets split into
// chunks at every possible boundary:
//  - tokenizer level: the scanner's callbacks (names, attribute values, line/column/byte of each
//    tag) equal expat's, and the snippets the scanner is meant to handle never hand off;
//  - reader level: ReadXes with either tokenizer gives the same log (every column, every string
//    in interning order, float bits), the same report, or the same error (code and message).
#include "mining/xes_scanner.h"

#include <expat.h>
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "mining/export.h"
#include "mining/xes_reader.h"

namespace ordo::mining {
namespace {

// Hands out the document in pieces cut at the given offsets; each piece is a heap block of its
// exact size, freed by the next call, so ASan catches a read past a chunk or of a stale one.
class ChunkedSource : public ByteSource {
 public:
  ChunkedSource(std::string_view data, std::vector<size_t> cuts) : data_(data), cuts_(std::move(cuts)) {
    cuts_.push_back(data.size());
  }
  Result<std::span<const char>> Next() override {
    chunk_.reset();
    if (next_ >= cuts_.size()) return std::span<const char>();
    size_t end = cuts_[next_++];
    size_t n = end - done_;
    if (n == 0) return Next();  // an empty piece would mean the end
    chunk_ = std::make_unique<char[]>(n);
    std::memcpy(chunk_.get(), data_.data() + done_, n);
    done_ = end;
    return std::span<const char>(chunk_.get(), n);
  }
  uint64_t source_bytes_read() const override { return done_; }
  uint64_t source_bytes_total() const override { return data_.size(); }
  bool compressed() const override { return false; }

 private:
  std::string_view data_;
  std::vector<size_t> cuts_;
  size_t next_ = 0;
  size_t done_ = 0;
  std::unique_ptr<char[]> chunk_;
};

// Every way of cutting the document in two, and one byte per chunk.
std::vector<std::vector<size_t>> Splits(size_t size) {
  std::vector<std::vector<size_t>> out;
  out.push_back({});
  for (size_t k = 1; k < size; ++k) out.push_back({k});
  std::vector<size_t> bytes;
  for (size_t k = 1; k < size; ++k) bytes.push_back(k);
  out.push_back(bytes);
  return out;
}

// ---- Tokenizer level ----------------------------------------------------------------------

std::string Trace(std::string_view name, std::span<const XmlAttribute> atts, const XmlPosition& p) {
  std::string t = "<" + std::string(name) + " @" + std::to_string(p.line) + ":" + std::to_string(p.column) + ":" +
                  std::to_string(p.byte);
  for (const XmlAttribute& a : atts) t += " " + std::string(a.name) + "=[" + std::string(a.value) + "]";
  return t + "\n";
}

class ScannerRecorder : public XmlElementHandler {
 public:
  bool StartElement(std::string_view name, std::span<const XmlAttribute> atts) override {
    trace += Trace(name, atts, scanner->Position());
    return true;
  }
  bool EndElement() override {
    XmlPosition p = scanner->Position();
    trace += "/ @" + std::to_string(p.line) + ":" + std::to_string(p.column) + ":" + std::to_string(p.byte) + "\n";
    return true;
  }
  XesScanner* scanner = nullptr;
  std::string trace;
};

// Returns the trace, or "HANDOFF" when the scanner handed off.
std::string ScanTrace(std::string_view doc, const std::vector<size_t>& cuts) {
  ScannerRecorder recorder;
  XesScanner scanner(recorder);
  recorder.scanner = &scanner;
  ChunkedSource source(doc, cuts);
  for (;;) {
    Result<std::span<const char>> chunk = source.Next();
    bool last = chunk->empty();
    if (scanner.Feed(*chunk, last) == XesScanner::Outcome::kHandOff) return "HANDOFF";
    if (last) return recorder.trace;
  }
}

std::string ExpatTrace(std::string_view doc) {
  struct State {
    XML_Parser parser;
    std::string trace;
  } state;
  state.parser = XML_ParserCreate(nullptr);
  XML_SetUserData(state.parser, &state);
  XML_SetElementHandler(
      state.parser,
      [](void* self, const XML_Char* name, const XML_Char** atts) {
        auto* s = static_cast<State*>(self);
        std::vector<XmlAttribute> list;
        for (const char** a = atts; *a; a += 2) list.push_back(XmlAttribute{a[0], a[1]});
        XmlPosition p{XML_GetCurrentLineNumber(s->parser), XML_GetCurrentColumnNumber(s->parser),
                      static_cast<uint64_t>(XML_GetCurrentByteIndex(s->parser))};
        s->trace += Trace(name, list, p);
      },
      [](void* self, const XML_Char*) {
        auto* s = static_cast<State*>(self);
        s->trace += "/ @" + std::to_string(XML_GetCurrentLineNumber(s->parser)) + ":" +
                    std::to_string(XML_GetCurrentColumnNumber(s->parser)) + ":" +
                    std::to_string(XML_GetCurrentByteIndex(s->parser)) + "\n";
      });
  bool ok = XML_Parse(state.parser, doc.data(), static_cast<int>(doc.size()), XML_TRUE) == XML_STATUS_OK;
  XML_ParserFree(state.parser);
  return ok ? state.trace : "ERROR";
}

// Documents the scanner must read itself (no hand-off), with expat's callbacks and positions.
const std::vector<std::string>& FastDocuments() {
  static const std::vector<std::string> docs = {
      "<log/>",
      "<log></log>",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<log/>",
      "<?xml version='1.0' encoding='utf-8' standalone='yes'?><log/>\n",
      "<?xml version=\"1.0\"?>\r\n<!-- c - d -->\r\n<?pi some data ?><?pi?>\n<log/><!-- after --> <?x y?>\n",
      "\xEF\xBB\xBF<log a=\"1\"/>",
      "\xEF\xBB\xBF<?xml version=\"1.0\"?><log/>",
      "<log>\n\t<trace>\n\t\t<string key=\"concept:name\" value=\"c1\"/>\n\t</trace>\n</log>",
      "<log\n  xes.version = '1.0'\txmlns=\"http://www.xes-standard.org/\"\r\n><trace ></trace\n></log >",
      "<log><string key='a\"b' value=\"x'y\"/><string key=\"gt\" value=\"a>b\"/></log>",
      "<log><s v=\"&lt;&gt;&amp;&quot;&apos;\" w=\"&#65;&#x42;&#xe9;&#233;&#x65E5;&#x1F600;&#0065;\"/></log>",
      "<log><s v=\"a\tb\nc\r\nd\re  f\" w=\"&#9;&#10;&#13;&#x20;\" x=\"\r\n\"/></log>",
      "<log><s v=\"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 \xC2\x80 \xEF\xBF\xBD\"/></log>",
      "<log>\xC3\xA9t\xC3\xA9<a>text &amp; more &#x41; ]] ] > </a><![CDATA[ <not> &a tag ]] ]]></log>",
      "<xes:log xmlns:xes=\"urn:x\"><xes:trace><xes:string key=\"k\" value=\"v\"></xes:string></xes:trace></xes:log>",
      "<log><a/><a></a><a\n/><b><c><d/></c></b></log>",
      "<log>\r<a/>\r\n<a/>\n\r<a/>\r\r\n<a\r\nb='1'\r/>\xC3\xA9<a/></log>",
      "<log><!----><!-- - --><!--\xC3\xA9--></log>",
      "<log a=\"\" b=''><_x.y-z:w/></log>",
      "<log><string key=\"k\" value=\"" + std::string(300, 'v') + "\"/></log>",
  };
  return docs;
}

TEST(XesScanner, SameCallbacksAndPositionsAsExpatAtEverySplit) {
  for (const std::string& doc : FastDocuments()) {
    std::string expected = ExpatTrace(doc);
    ASSERT_NE(expected, "ERROR") << doc;
    for (const std::vector<size_t>& cuts : Splits(doc.size())) {
      std::string got = ScanTrace(doc, cuts);
      ASSERT_EQ(got, expected) << doc << "\nfirst cut at " << (cuts.empty() ? 0 : cuts[0]) << " of " << cuts.size()
                               << " cuts";
    }
  }
}

// Each of these is outside the scanner's subset: it must hand off (and expat decides).
TEST(XesScanner, HandsOffWhatItDoesNotHandle) {
  const std::vector<std::string> docs = {
      "<!DOCTYPE log><log/>",
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><log/>",
      "<?xml version=\"1.1\"?><log/>",
      " <?xml version=\"1.0\"?><log/>",
      "<log>&nbsp;</log>",
      "<log a=\"&#0;\"/>",
      "<log a=\"&#xD800;\"/>",
      "<log a=\"&#x110000;\"/>",
      "<log a=\"a\xC0\x80\"/>",
      "<log a=\"\xED\xA0\x80\"/>",
      "<log a=\"\xEF\xBF\xBE\"/>",
      "<log a=\"\x01\"/>",
      "<log a=\"<\"/>",
      "<log a=\"1\"b=\"2\"/>",
      "<log a=\"1\" a=\"2\"/>",
      "<log><\xC3\xA9/></log>",
      "<log></lag>",
      "<log>]]></log>",
      "<log><!-- a -- b --></log>",
      "<log><?XML x?></log>",
      "<log/><log/>",
      "<log/>x",
      "x<log/>",
      "<log>",
      "",
      "<log><![CDATA[x</log>",
      "<![CDATA[x]]><log/>",
      [] {
        std::string many = "<log";
        for (int i = 0; i < 33; ++i) many += " a" + std::to_string(i) + "=\"\"";
        return many + "/>";
      }(),
  };
  for (const std::string& doc : docs) {
    EXPECT_EQ(ScanTrace(doc, {}), "HANDOFF") << doc;
  }
}

// ---- Reader level -------------------------------------------------------------------------

void DumpValue(const EventLog& log, const AttributeValue& v, std::string& out);

void DumpAttributes(const EventLog& log, const std::vector<NestedAttribute>& list, std::string& out) {
  out += "{";
  for (const NestedAttribute& a : list) {
    out += std::to_string(a.key) + "=";
    DumpValue(log, a.value, out);
    out += ";";
  }
  out += "}";
}

void DumpValue(const EventLog& log, const AttributeValue& v, std::string& out) {
  uint64_t bits = 0;
  std::memcpy(&bits, &v.float_value, sizeof bits);
  out += std::to_string(static_cast<int>(v.type)) + "/" + std::to_string(v.offset_minutes) + "/" +
         std::to_string(v.text) + "/" + std::to_string(bits);
  if (v.type == AttributeType::kBoolean) out += v.bool_value ? "T" : "F";
  if (v.children != kNoChildren) DumpAttributes(log, log.nested()[v.children], out);
}

// Everything an EventLog holds, ids included (so strings must be interned in the same order).
std::string Dump(const EventLog& log) {
  std::string out;
  for (size_t i = 0; i < log.strings().size(); ++i)
    out += "s" + std::string(log.strings().Get(static_cast<StringId>(i))) + "\n";
  for (uint32_t o : log.case_offsets()) out += std::to_string(o) + ",";
  for (size_t c = 0; c < log.num_cases(); ++c) out += std::to_string(log.case_id(c)) + ",";
  out += "\n";
  for (size_t r = 0; r < log.num_events(); ++r) {
    out += std::to_string(log.activities()[r]) + " " + std::to_string(log.utc_ns()[r]) + " " +
           std::to_string(log.offsets()[r]) + " " + std::to_string(log.lifecycles()[r]) + " " +
           std::to_string(log.resources()[r]) + "\n";
  }
  for (const auto* columns : {&log.case_attributes(), &log.event_attributes()}) {
    for (const AttributeColumn& col : *columns) {
      out += "col " + std::to_string(col.key) + ":";
      for (size_t i = 0; i < col.rows.size(); ++i) {
        out += " " + std::to_string(col.rows[i]) + "=";
        DumpValue(log, col.values[i], out);
      }
      out += "\n";
    }
  }
  DumpAttributes(log, log.log_attributes(), out);
  for (const Extension& e : log.extensions()) out += "ext " + e.name + "|" + e.prefix + "|" + e.uri + "\n";
  for (const GlobalScope& g : log.globals()) {
    out += "global " + g.scope;
    DumpAttributes(log, g.attributes, out);
  }
  for (const Classifier& c : log.classifiers()) out += "cls " + c.name + "|" + c.keys + "\n";
  AppendXes(log, out);
  return out;
}

std::string Outcome(std::string_view doc, const std::vector<size_t>& cuts, XmlTokenizer tokenizer, bool skip) {
  ChunkedSource source(doc, cuts);
  ReadOptions options;
  options.tokenizer = tokenizer;
  options.skip_invalid = skip;
  ReadReport report;
  Result<EventLog> log = ReadXes(source, options, &report);
  if (!log.ok())
    return "error " + std::to_string(static_cast<int>(log.status().code())) + ": " + log.status().message();
  return Dump(*log) + "report " + std::to_string(report.events_read) + " " + std::to_string(report.dropped_no_case_id) +
         " " + std::to_string(report.dropped_no_activity) + " " + std::to_string(report.dropped_no_timestamp) + " " +
         std::to_string(report.duplicate_case_ids) + " " + std::to_string(report.bytes_read);
}

std::string Event(const std::string& attributes) {
  return "<event><string key=\"concept:name\" value=\"a\"/><date key=\"time:timestamp\" "
         "value=\"2020-01-01T00:00:00Z\"/>" +
         attributes + "</event>";
}

std::string InTrace(const std::string& body) {
  return "<log><trace><string key=\"concept:name\" value=\"c\"/>" + body + "</trace></log>";
}

const std::vector<std::string>& ReaderDocuments() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> d = {
        // Every construct of a real log.
        R"(<?xml version="1.0" encoding="UTF-8" ?>
<!-- OpenXES -->
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>
  <classifier name="Activity" keys="concept:name"/>
  <string key="source" value="test"/>
  <trace>
    <string key="concept:name" value="c1"/>
    <int key="amount" value="-42"/>
    <event>
      <string key="concept:name" value="a &amp; b"/>
      <date key="time:timestamp" value="2020-03-29T01:30:00.000+01:00"/>
      <string key="org:resource" value="ann"/>
      <string key="lifecycle:transition" value="complete"/>
      <float key="cost" value="1.5E2"/>
      <boolean key="urgent" value="true"/>
      <id key="ref" value="7d1c"/>
      <list key="tags"><values><string key="t" value="x"/><string value="y"/></values></list>
      <container key="box"><int key="n" value="1"/></container>
      <string key="note" value="outer"><string key="inner" value="nested"/></string>
    </event>
    <event><string key='concept:name' value='b'/><date key='time:timestamp' value='2020-03-29T03:30:00.000+02:00'></date></event>
  </trace>
  <trace><string key="concept:name" value="c2"/></trace>
  <trace><string key="concept:name" value="c1"/>)" +
            Event("") + R"(</trace>
</log>)",
        // Values the scanner decodes.
        InTrace(Event("<string key=\"k&#x9;\" value=\"&lt;a&gt;\tb\r\nc &#x1F600; caf\xC3\xA9\"/>")),
        InTrace(Event("<string key=\"k\" value=\"&#10;&#13;&#9;\"/><id key=\"i\" value=\"\"/>")),
        // Numbers: the fast path and strtoll/strtod must agree.
        InTrace(Event("<int key=\"a\" value=\"-0\"/><int key=\"b\" value=\"007\"/><int key=\"c\" "
                      "value=\"-9223372036854775808\"/><int key=\"d\" value=\"123456789012345678\"/>")),
        InTrace(Event("<int key=\"a\" value=\" 12\"/><int key=\"b\" value=\"+5\"/>")),
        InTrace(Event("<int key=\"a\" value=\"99999999999999999999\"/>")),
        InTrace(Event("<int key=\"a\" value=\"12x\"/>")),
        InTrace(Event("<int key=\"a\" value=\"\"/>")),
        InTrace(Event("<float key=\"a\" value=\"1e999\"/><float key=\"b\" value=\"0x1p3\"/><float key=\"c\" "
                      "value=\" 1.5\"/><float key=\"d\" value=\"-inf\"/><float key=\"e\" value=\"1.5e-320\"/>"
                      "<float key=\"f\" value=\".5\"/><float key=\"g\" value=\"5.\"/><float key=\"h\" "
                      "value=\"0.1\"/><float key=\"i\" value=\"-0\"/><float key=\"j\" value=\"1e+5\"/>"
                      "<float key=\"k\" value=\"2.2250738585072011e-308\"/>")),
        InTrace(Event("<float key=\"a\" value=\"1e\"/>")),
        InTrace(Event("<float key=\"a\" value=\"-\"/>")),
        InTrace(Event("<boolean key=\"a\" value=\"FALSE\"/><boolean key=\"b\" value=\"1\"/>")),
        InTrace(Event("<boolean key=\"a\" value=\"yes\"/>")),
        InTrace(Event("<string key=\"a\"/>")),
        InTrace(Event("<date key=\"a\" value=\"2020-13-01\"/>")),
        // Invalid events (with and without skip_invalid).
        "<log>\n<trace>" + Event("") +
            "</trace>\n<trace><string key=\"concept:name\" value=\"c\"/>\n"
            "<event><date key=\"time:timestamp\" value=\"2020-01-01T00:00:00Z\"/></event>\n"
            "<event><string key=\"concept:name\" value=\"x\"/><date key=\"time:timestamp\" value=\"bad\"/></event>\n"
            "</trace>" +
            Event("") + "</log>",
        // Structure errors of the reader.
        "<html/>",
        "<log><event><trace/></event></log>",
        "<log><trace><trace/></trace></log>",
        "<log><x>" + std::string(70 * 21, ' ') + "</x></log>",
        // XML the scanner leaves to expat, early or late.
        "<!DOCTYPE log><log><trace><string key=\"concept:name\" value=\"c\"/>" + Event("") + "</trace></log>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + InTrace(Event("<string key=\"k\" value=\"caf\xE9\"/>")),
        "<?xml version=\"1.0\"?>\n<!DOCTYPE log [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
        "<log><trace><string key=\"concept:name\" value=\"&b;\"/></trace></log>",
        InTrace(Event("<string key=\"k\" value=\"&nbsp;\"/>")),
        // More than 32 attributes on a tag: expat reads the rest of the log.
        InTrace(Event("") + "<x" +
                [] {
                  std::string many;
                  for (int i = 0; i < 40; ++i) many += " a" + std::to_string(i) + "='" + std::to_string(i) + "'";
                  return many;
                }() +
                "/>" + Event("<int key=\"n\" value=\"7\"/>")),
        InTrace(Event("") + "\n<a\xC3\xA9/>" + Event("")),
        InTrace(Event("") + "\n<string key=\"k\" value=\"a\xFF\"/>"),
        InTrace(Event("<string key=\"k\" value=\"&#0;\"/>")),
        InTrace(Event("<string key=\"k\" value=\"a\" key=\"b\"/>")),
        InTrace(Event("<string key=\"k\"value=\"a\"/>")),
        InTrace(Event("<string key=\"k\" value=\"a<\"/>")),
        InTrace(Event("")) + "\n\n  junk",
        InTrace(Event("")) + "<log/>",
        InTrace(Event("")) + "<!-- fine --> <?pi fine?>\n",
        "<log>\n<trace>\n<event></trace>\n</log>",
        "<log>\n  <trace>\r\n  <string key=\"concept:name\" value=\"c\"/>\r\n" + Event("") + "\r\n  </trace>",
        "<log>\n <trace> ]]> </trace></log>",
        "<log><![CDATA[ x ]]> text &#x41; <!-- c --> <?p i?>" + InTrace(Event("")).substr(5),
        "<log>\n<!-- -- -->\n</log>",
        "<log>\r\n<a>\r\n</b></log>",
        "\xEF\xBB\xBF<log><a>\n</b></log>",
        "\xEF\xBB\xBF<log></b></log>",
        "<log></log >junk",
        // Regressions found by the differential fuzzer: a CR LF pair split by the hand-off point,
        // and a document ending in CRs inside the root element.
        "\xEF\xBB\xBF<log>#\xEF\xBB\xBF<log>\r\n\x16!-- c -->",
        "\xEF\xBB\xBF<log>\r\r\r\r\r\r",
        "<log>\r\r\n \r",
        "",
        "   ",
        "<",
        "<log",
        "<?xml version=\"1.0\"?>",
    };
    std::string deep = "<log><trace><string key=\"concept:name\" value=\"c\"/><event>";
    for (int i = 0; i < 70; ++i) deep += "<container key=\"k\">";
    d.push_back(deep);
    return d;
  }();
  return docs;
}

TEST(XesScanner, ReadsTheSameLogsAndErrorsAsExpatAtEverySplit) {
  size_t compared = 0;
  for (const std::string& doc : ReaderDocuments()) {
    for (bool skip : {false, true}) {
      std::string expected = Outcome(doc, {}, XmlTokenizer::kExpat, skip);
      std::vector<std::vector<size_t>> splits = Splits(doc.size());
      // Long documents: every split would be slow under ASan; every 7th still crosses each token kind.
      size_t step = doc.size() > 400 ? 7 : 1;
      for (size_t i = 0; i < splits.size(); i += (i == 0 || i + 1 >= splits.size()) ? 1 : step) {
        std::string got = Outcome(doc, splits[i], XmlTokenizer::kScanner, skip);
        ASSERT_EQ(got, expected) << "skip_invalid " << skip << ", split " << i << ", document:\n" << doc;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 10000u);
}

// Tokens longer than the scanner's carry step (64 KiB) split across several chunks.
TEST(XesScanner, LongTokensAcrossChunks) {
  std::string big(300'000, 'x');
  big[1000] = '\n';
  big[200'000] = '\t';  // normalised to a space in the value
  std::string doc = "<!--" + big + "-->\n<log>\n<!--" + big + "-->" +
                    InTrace(Event("<string key=\"long\" value=\"" + big + "&amp;\xC3\xA9\"/>")).substr(5) + "<?p " +
                    big + "?>";
  std::string expected = Outcome(doc, {}, XmlTokenizer::kExpat, false);
  ASSERT_EQ(expected.rfind("error", 0), std::string::npos) << expected;
  for (size_t chunk : {size_t{1000}, size_t{65'536}, size_t{100'000}, size_t{299'999}}) {
    std::vector<size_t> cuts;
    for (size_t k = chunk; k < doc.size(); k += chunk) cuts.push_back(k);
    EXPECT_EQ(Outcome(doc, cuts, XmlTokenizer::kScanner, false), expected) << "chunks of " << chunk;
  }
  // And the tokenizer itself reads it without handing off.
  std::vector<size_t> cuts;
  for (size_t k = 4096; k < doc.size(); k += 4096) cuts.push_back(k);
  EXPECT_EQ(ScanTrace(doc, cuts), ExpatTrace(doc));
}

TEST(XesScanner, ErrorsNameLineColumnAndByte) {
  std::string doc = "<log>\n  <trace>\n    <string key=\"concept:name\"/>\n</log>";
  std::string got = Outcome(doc, {}, XmlTokenizer::kScanner, false);
  EXPECT_EQ(got, "error " + std::to_string(static_cast<int>(StatusCode::kInvalidArgument)) +
                     ": attribute 'concept:name' has no value at line 3, column 5 (byte 20)");
  // A well-formedness error after the hand-off is placed in the document, not in the replay.
  doc = "<log>\n  <trace>\n    <a>\xFF</a>\n</log>";
  got = Outcome(doc, {7}, XmlTokenizer::kScanner, false);
  EXPECT_EQ(got, Outcome(doc, {}, XmlTokenizer::kExpat, false));
  EXPECT_NE(got.find("line 3, column 8 (byte 23)"), std::string::npos) << got;
}

}  // namespace
}  // namespace ordo::mining
