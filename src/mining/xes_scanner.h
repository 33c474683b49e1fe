// XesScanner: the fast path of the XES reader, a streaming tokenizer for the part of XML 1.0
// that XES files use, feeding the same element callbacks expat feeds.
//
// Expat stays the reference. The scanner recognises a strict subset of well-formed XML 1.0
// (W3C XML 1.0 5th ed.): an XML declaration (version 1.0, encoding UTF-8, standalone) at the very
// start, a UTF-8 byte order mark, comments, processing instructions, CDATA sections, start, end
// and empty-element tags with ASCII names, attribute values in either quote with the five
// predefined entities and decimal/hex character references (§4.6, §4.1), attribute-value
// normalisation (§3.3.3: tab, CR, LF and CR LF each become one space) and valid UTF-8 text.
// At the first construct outside that subset (a DOCTYPE, an unknown entity, a non-ASCII name,
// more than 32 attributes on one tag, a byte that is not UTF-8, anything malformed) it stops
// at the start of that token and hands off: expat parses the rest, after a replay that puts it
// in the scanner's state (HandOff below), so whatever expat accepts or rejects there, with
// whatever message and position, is the result. Everything the scanner itself accepts expat
// accepts with the same callbacks, attribute values and positions; the differential fuzzer
// (fuzz/xes_diff_fuzz.cc) and tests/mining/xes_scanner_test.cc check that.
//
// Streaming: tokens are handled where they lie in the chunk (names and values are string_views
// into it); only a token split across two chunks is copied, with the bytes it needs from the
// next chunk. Nothing else of the document is kept: the names of the open elements, and, until
// the root element starts, the prolog (for a hand-off there, expat re-reads it from byte 0).
// Positions follow expat's conventions (1-based line, CR LF and lone CR end a line, 0-based
// column counted in characters, byte offset) and are computed lazily, only when asked for.
// Ownership: the handler must outlive the scanner; attribute views passed to it are valid only
// during the call. Thread-safety: none; one scanner per document.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ordo::mining {

struct XmlAttribute {
  std::string_view name;
  std::string_view value;  // after entity and character references and normalisation
};

// Where the current token starts, as expat reports it.
struct XmlPosition {
  uint64_t line = 1;    // 1-based
  uint64_t column = 0;  // 0-based, in characters
  uint64_t byte = 0;    // offset in the document
};

// Receives the elements of the document, from the scanner or from expat.
class XmlElementHandler {
 public:
  // Both return false when the handler has failed; the tokenizer then stops.
  virtual bool StartElement(std::string_view name, std::span<const XmlAttribute> attributes) = 0;
  virtual bool EndElement() = 0;

 protected:
  ~XmlElementHandler() = default;
};

class XesScanner {
 public:
  explicit XesScanner(XmlElementHandler& handler);
  XesScanner(const XesScanner&) = delete;
  XesScanner& operator=(const XesScanner&) = delete;

  enum class Outcome : uint8_t {
    kContinue,  // chunk consumed (a token split at its end is kept for the next one)
    kStopped,   // the handler failed
    kHandOff,   // a token the scanner does not handle: expat must take over (TakeHandOff)
  };
  // Feeds the next chunk; the last call has last = true (the chunk may be empty).
  Outcome Feed(std::span<const char> chunk, bool last);

  // Position of the token whose callback is running (or of the hand-off point).
  XmlPosition Position();

  // What expat must parse, in order, after kHandOff: first `replay`, then `tail` (the rest of
  // the document fed so far), then every later chunk.
  //  - Before the root element has started: replay is every byte fed so far (expat restarts
  //    from byte 0 and reports true positions); tail is empty; synthetic is false.
  //  - After: replay is a synthetic start tag per open element (or `<root/>` when the root has
  //    closed), one line of ASCII without callbacks to deliver; tail starts at the hand-off
  //    point `at`. Expat's positions past replay map back as
  //    byte = at.byte + (b - replay.size()); line = at.line + (l - 1);
  //    column = l == 1 ? at.column + (c - replay.size()) : c.
  struct HandOff {
    std::string replay;
    // Before the root element: where each chunk fed so far ends in replay, so that expat sees
    // the same chunks as when it reads alone (its encoding detection depends on them).
    std::vector<size_t> replay_chunk_ends;
    std::string tail;
    bool synthetic = false;
    XmlPosition at;
  };
  HandOff TakeHandOff();

 private:
  enum class Step : uint8_t { kNeedMore, kHandOff, kStopped, kEnd };
  struct ScanResult {
    Step step;
    const char* stop;  // first byte not consumed (the token start for kNeedMore/kHandOff)
  };

  Outcome FeedChunk(std::span<const char> chunk, bool last);
  ScanResult Scan(const char* p, const char* end, bool last);
  // Token parsers: return nullptr when the window ends inside the token (need more), or set
  // handoff_ (returning p) when the token is outside the subset.
  const char* StartTag(const char* p, const char* end);
  const char* EndTag(const char* p, const char* end);
  const char* ProcessingInstruction(const char* p, const char* end);
  const char* XmlDeclaration(const char* p, const char* end);
  const char* Comment(const char* p, const char* end);
  const char* CData(const char* p, const char* end);
  const char* Text(const char* p, const char* end, bool last);
  // Attribute value [b, e) after references and normalisation; false when outside the subset.
  bool Value(const char* b, const char* e, size_t index, std::string_view& out);

  void SetWindow(const char* begin, uint64_t abs) {
    window_ = begin;
    window_abs_ = abs;
  }
  uint64_t Abs(const char* p) const { return window_abs_ + static_cast<uint64_t>(p - window_); }
  // Counts lines and columns up to p (in the current window, at or after counted_abs_).
  void CountTo(const char* p);
  // Stops scanning at p (the start of a token in the current window, which ends at window_end;
  // rest follows it) and prepares the hand-off to expat.
  Outcome HandOffAt(const char* p, const char* window_end, std::string_view rest);
  const char* Refuse(const char* p) {
    handoff_ = true;
    return p;
  }

  XmlElementHandler& handler_;
  std::vector<XmlAttribute> attributes_;
  std::vector<std::string> decoded_;  // storage for values that needed decoding, per attribute
  std::string open_names_;            // names of the open elements, back to back
  std::vector<uint32_t> open_ends_;   // end offset of each name in open_names_
  std::string root_name_;
  std::span<const char> chunk_;  // the chunk being fed
  std::string prolog_;           // every earlier chunk while the root element has not started
  std::vector<size_t> prolog_chunk_ends_;
  std::string carry_;  // a token split across chunks, then the bytes after it
  uint64_t carry_abs_ = 0;
  uint64_t stream_abs_ = 0;  // bytes fed before the current chunk
  const char* window_ = nullptr;
  uint64_t window_abs_ = 0;
  const char* token_ = nullptr;  // start of the token being handled
  // Expat-style position at counted_abs_.
  uint64_t counted_abs_ = 0;
  uint64_t line_ = 1;
  uint64_t column_ = 0;
  bool cr_pending_ = false;  // the last counted byte was CR (an LF right after it ends no line)
  bool at_start_ = true;     // nothing consumed yet (a BOM or an XML declaration may come)
  bool root_started_ = false;
  bool root_closed_ = false;
  bool handoff_ = false;
  bool stopped_ = false;  // the handler failed
  HandOff handoff_data_;
};

}  // namespace ordo::mining
