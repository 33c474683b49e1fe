#include "mining/xes_scanner.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ordo::mining {
namespace {

// More attributes on one tag go to expat (whose duplicate check is a hash table; ours is a scan).
constexpr size_t kMaxAttributes = 32;
// A split token is completed with at least this many bytes of the next chunk at a time.
constexpr size_t kCarryStep = 64 << 10;
// Prolog bytes kept for a restart, and the longest token carried across chunks; beyond either,
// expat takes over (it streams such tokens itself).
constexpr size_t kMaxRetained = 16 << 20;

enum : uint8_t {
  kNameStart = 1,     // ASCII NameStartChar (XML 1.0 §2.3) with ':' (expat without namespaces)
  kNameChar = 2,      // ASCII NameChar
  kSpace = 4,         // S (§2.3)
  kValueSpecial = 8,  // in an attribute value: needs a closer look (§3.3.3, §4.6, '<', UTF-8)
  kTextSpecial = 16,  // in character data: reference, possible "]]>", control, UTF-8
  kCharSpecial = 32,  // in comments, PIs, CDATA: control or UTF-8
};

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t v = 0;
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter || c == '_' || c == ':') v |= kNameStart | kNameChar;
    if ((c >= '0' && c <= '9') || c == '.' || c == '-') v |= kNameChar;
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) v |= kSpace;
    bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    if (c < 0x20 || c == '<' || c == '&' || c >= 0x80) v |= kValueSpecial;
    if (control || c == '&' || c == ']' || c >= 0x80) v |= kTextSpecial;
    if (control || c >= 0x80) v |= kCharSpecial;
    t[static_cast<size_t>(c)] = v;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kClass = MakeClasses();

inline uint8_t ClassOf(char c) { return kClass[static_cast<unsigned char>(c)]; }
inline bool IsSpace(char c) { return (ClassOf(c) & kSpace) != 0; }

// The first byte in [p, end) that is the quote or needs a closer look in an attribute value
// (kValueSpecial), or end. Sixteen bytes at a time where SSE2 is there (x86-64 always).
const char* FindQuoteOrSpecial(const char* p, const char* end, char quote) {
#if defined(__SSE2__)
  const __m128i quotes = _mm_set1_epi8(quote);
  const __m128i less = _mm_set1_epi8('<');
  const __m128i amp = _mm_set1_epi8('&');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes >= 0x80 (UTF-8) are negative, so below 0x20 too.
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quotes), _mm_cmpeq_epi8(v, less)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmplt_epi8(v, space)));
    int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    if (*p == quote || (ClassOf(*p) & kValueSpecial) != 0) return p;
  }
  return end;
}

// Adds the LFs in [p, end) to lines; sets cr when there is a CR.
void CountLineBreaks(const char* p, const char* end, uint64_t& lines, bool& cr) {
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr_byte = _mm_set1_epi8('\r');
  const __m128i zero = _mm_setzero_si128();
  int crs = 0;
  while (end - p >= 16) {
    // Per-byte counters (each compare gives -1 on a hit), summed before they can overflow.
    __m128i counts = zero;
    for (int i = 0; i < 255 && end - p >= 16; ++i, p += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, lf));
      crs |= _mm_movemask_epi8(_mm_cmpeq_epi8(v, cr_byte));
    }
    __m128i sums = _mm_sad_epu8(counts, zero);
    lines += static_cast<uint64_t>(_mm_cvtsi128_si32(sums)) + static_cast<uint64_t>(_mm_extract_epi16(sums, 4));
  }
  cr = cr || crs != 0;
#endif
  for (; p < end; ++p) {
    lines += *p == '\n';
    cr = cr || *p == '\r';
  }
}

// Length of the UTF-8 sequence at p if it encodes an XML Char (§2.2: no surrogates, no U+FFFE or
// U+FFFF; expat's UTF8_INVALID2/3/4), else 0 (also when e cuts it).
size_t Utf8Length(const char* p, const char* e) {
  auto b = [p](int i) { return static_cast<unsigned char>(p[i]); };
  auto trail = [&b](int i) { return (b(i) & 0xC0) == 0x80; };
  unsigned c = b(0);
  if (c < 0xC2) return 0;
  if (c < 0xE0) return e - p >= 2 && trail(1) ? 2 : 0;
  if (c < 0xF0) {
    if (e - p < 3 || !trail(1) || !trail(2)) return 0;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) return 0;
    if (c == 0xEF && b(1) == 0xBF && b(2) >= 0xBE) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (e - p < 4 || !trail(1) || !trail(2) || !trail(3)) return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

void AppendUtf8(uint32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// XML 1.0 §2.2 Char (expat's checkCharRefNumber).
bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

// The reference at p ('&') within [p, e): a character reference (§4.1) or one of the five
// predefined entities (§4.6). Appends its character to out (when given); returns the byte after
// ';', or nullptr when it is anything else (expat decides what that is).
const char* Reference(const char* p, const char* e, std::string* out) {
  const char* q = p + 1;
  if (q < e && *q == '#') {
    ++q;
    bool hex = q < e && *q == 'x';
    if (hex) ++q;
    const char* digits = q;
    uint32_t v = 0;
    for (; q < e; ++q) {
      char c = *q;
      uint32_t d;
      if (c >= '0' && c <= '9')
        d = static_cast<uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f')
        d = static_cast<uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F')
        d = static_cast<uint32_t>(c - 'A' + 10);
      else
        break;
      v = v * (hex ? 16 : 10) + d;
      if (v > 0x10FFFF) return nullptr;
    }
    if (q == digits || q == e || *q != ';' || !IsXmlChar(v)) return nullptr;
    if (out) AppendUtf8(v, *out);
    return q + 1;
  }
  const char* semi = static_cast<const char*>(std::memchr(q, ';', static_cast<size_t>(std::min<ptrdiff_t>(e - q, 5))));
  if (semi == nullptr) return nullptr;
  std::string_view name(q, static_cast<size_t>(semi - q));
  char c;
  if (name == "lt")
    c = '<';
  else if (name == "gt")
    c = '>';
  else if (name == "amp")
    c = '&';
  else if (name == "quot")
    c = '"';
  else if (name == "apos")
    c = '\'';
  else
    return nullptr;
  if (out) out->push_back(c);
  return semi + 1;
}

// Characters of a comment, PI or CDATA section: §2.2 Char only.
bool ValidChars(const char* p, const char* e) {
  while (p < e) {
    if ((ClassOf(*p) & kCharSpecial) == 0) {
      ++p;
      continue;
    }
    size_t n = static_cast<unsigned char>(*p) >= 0x80 ? Utf8Length(p, e) : 0;
    if (n == 0) return false;
    p += n;
  }
  return true;
}

// Character data in content (§2.4): characters, references, and no "]]>".
bool ValidText(const char* p, const char* e) {
  while (p < e) {
    char c = *p;
    if ((ClassOf(c) & kTextSpecial) == 0) {
      ++p;
      continue;
    }
    if (c == '&') {
      p = Reference(p, e, nullptr);
      if (p == nullptr) return false;
    } else if (c == ']') {
      if (e - p >= 3 && p[1] == ']' && p[2] == '>') return false;
      ++p;
    } else {
      size_t n = static_cast<unsigned char>(c) >= 0x80 ? Utf8Length(p, e) : 0;
      if (n == 0) return false;
      p += n;
    }
  }
  return true;
}

// Characters (not bytes) in [p, e), as expat counts columns.
uint64_t CountChars(const char* p, const char* e) {
  uint64_t n = 0;
  for (; p < e; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
  return n;
}

// `name = "value"` of the XML declaration (§2.8) at p; sets value and returns the byte after
// the closing quote, or nullptr.
const char* PseudoAttribute(const char* p, const char* e, std::string_view name, std::string_view& value) {
  if (static_cast<size_t>(e - p) < name.size() || std::string_view(p, name.size()) != name) return nullptr;
  p += name.size();
  while (p < e && IsSpace(*p)) ++p;
  if (p == e || *p != '=') return nullptr;
  ++p;
  while (p < e && IsSpace(*p)) ++p;
  if (p == e || (*p != '"' && *p != '\'')) return nullptr;
  const char* close = static_cast<const char*>(std::memchr(p + 1, *p, static_cast<size_t>(e - p - 1)));
  if (close == nullptr) return nullptr;
  value = std::string_view(p + 1, static_cast<size_t>(close - p - 1));
  return close + 1;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

XesScanner::XesScanner(XmlElementHandler& handler) : handler_(handler), decoded_(kMaxAttributes) {
  attributes_.reserve(kMaxAttributes);
}

XesScanner::Outcome XesScanner::Feed(std::span<const char> chunk, bool last) {
  chunk_ = chunk;
  if (!root_started_ && prolog_.size() + chunk.size() > kMaxRetained) return HandOffAt(nullptr, nullptr, {});
  Outcome outcome = FeedChunk(chunk, last);
  if (outcome == Outcome::kContinue && !root_started_ && !chunk.empty()) {
    // Kept for a restart of expat from byte 0 (the current chunk needs no copy until then).
    prolog_.append(chunk.data(), chunk.size());
    prolog_chunk_ends_.push_back(prolog_.size());
  }
  return outcome;
}

XesScanner::Outcome XesScanner::FeedChunk(std::span<const char> chunk, bool last) {
  static const char kEmpty = 0;
  const char* data = chunk.empty() ? &kEmpty : chunk.data();
  size_t n = chunk.size();
  size_t used = 0;
  // A token split at the end of the previous chunk: complete it in carry_ with bytes of this one.
  while (!carry_.empty()) {
    size_t old = carry_.size();
    size_t take = std::min(n - used, std::max(old, kCarryStep));
    carry_.append(data + used, take);
    used += take;
    const char* begin = carry_.data();
    const char* window_end = begin + carry_.size();
    SetWindow(begin, carry_abs_);
    ScanResult r = Scan(begin, window_end, last && used == n);
    if (r.step == Step::kStopped) return Outcome::kStopped;
    if (r.step == Step::kHandOff) return HandOffAt(r.stop, window_end, std::string_view(data + used, n - used));
    if (r.step == Step::kEnd) return root_closed_ ? Outcome::kContinue : HandOffAt(r.stop, window_end, {});
    CountTo(r.stop);
    size_t consumed = static_cast<size_t>(r.stop - begin);
    if (consumed >= old) {
      // Past the split token: go on in the chunk itself.
      used -= carry_.size() - consumed;
      carry_.clear();
      break;
    }
    carry_.erase(0, consumed);
    carry_abs_ += consumed;
    SetWindow(carry_.data(), carry_abs_);
    if (carry_.size() > kMaxRetained) {
      return HandOffAt(carry_.data(), carry_.data() + carry_.size(), std::string_view(data + used, n - used));
    }
    if (used == n) {
      stream_abs_ += n;
      return Outcome::kContinue;
    }
  }
  const char* end = data + n;
  SetWindow(data, stream_abs_);
  ScanResult r = Scan(data + used, end, last);
  if (r.step == Step::kStopped) return Outcome::kStopped;
  if (r.step == Step::kHandOff) return HandOffAt(r.stop, end, {});
  if (r.step == Step::kEnd) return root_closed_ ? Outcome::kContinue : HandOffAt(r.stop, end, {});
  CountTo(r.stop);
  carry_abs_ = Abs(r.stop);
  carry_.assign(r.stop, end);
  stream_abs_ += n;
  return Outcome::kContinue;
}

XesScanner::Outcome XesScanner::HandOffAt(const char* p, const char* window_end, std::string_view rest) {
  handoff_ = true;
  HandOff& h = handoff_data_;
  if (!root_started_) {
    // Expat restarts from byte 0: no state of ours to reproduce, true positions.
    if (!chunk_.empty()) {
      prolog_.append(chunk_.data(), chunk_.size());
      prolog_chunk_ends_.push_back(prolog_.size());
    }
    h.replay = std::move(prolog_);
    h.replay_chunk_ends = std::move(prolog_chunk_ends_);
    h.synthetic = false;
    return Outcome::kHandOff;
  }
  CountTo(p);
  h.at = XmlPosition{line_, column_, Abs(p)};
  h.synthetic = true;
  if (root_closed_) {
    // Not "<root/>": expat places the end of an empty element after it, outside the replay.
    h.replay = "<" + root_name_ + "></" + root_name_ + ">";
  } else {
    size_t begin = 0;
    for (uint32_t end : open_ends_) {
      h.replay += '<';
      h.replay.append(open_names_, begin, end - begin);
      h.replay += '>';
      begin = end;
    }
  }
  h.tail.assign(p, window_end);
  h.tail.append(rest);
  return Outcome::kHandOff;
}

XmlPosition XesScanner::Position() {
  CountTo(token_);
  return XmlPosition{line_, column_, Abs(token_)};
}

XesScanner::HandOff XesScanner::TakeHandOff() { return std::move(handoff_data_); }

void XesScanner::CountTo(const char* p) {
  const char* from = window_ + (counted_abs_ - window_abs_);
  if (p <= from) return;
  counted_abs_ = Abs(p);
  uint64_t lines = 0;
  bool cr = false;
  CountLineBreaks(from, p, lines, cr);
  if (!cr) {
    if (cr_pending_ && *from == '\n') {
      ++from;  // the CR already ended that line
      --lines;
    }
    cr_pending_ = false;
    if (lines == 0) {
      column_ += CountChars(from, p);
      return;
    }
    line_ += lines;
    const char* last = static_cast<const char*>(memrchr(from, '\n', static_cast<size_t>(p - from)));
    column_ = CountChars(last + 1, p);
    return;
  }
  // XML 1.0 §2.11: CR LF and a lone CR each end one line, as expat counts them.
  for (; from < p; ++from) {
    char c = *from;
    if (c == '\r') {
      ++line_;
      column_ = 0;
      cr_pending_ = true;
      continue;
    }
    if (c == '\n') {
      if (!cr_pending_) ++line_;
      column_ = 0;
    } else {
      column_ += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    cr_pending_ = false;
  }
}

XesScanner::ScanResult XesScanner::Scan(const char* p, const char* end, bool last) {
  while (p != end) {
    const char* next;
    if (*p != '<') {
      if (at_start_ && Abs(p) == 0 && static_cast<unsigned char>(*p) == 0xEF) {
        // A UTF-8 byte order mark; an XML declaration may still follow.
        if (end - p < 3) {
          next = nullptr;
        } else if (static_cast<unsigned char>(p[1]) == 0xBB && static_cast<unsigned char>(p[2]) == 0xBF) {
          p += 3;
          continue;
        } else {
          next = Refuse(p);
        }
      } else {
        next = Text(p, end, last);
      }
    } else if (end - p < 2) {
      next = nullptr;
    } else {
      switch (p[1]) {
        case '/':
          next = EndTag(p, end);
          break;
        case '?':
          next = ProcessingInstruction(p, end);
          break;
        case '!':
          if (end - p < 4) {
            next = nullptr;
          } else if (p[2] == '-' && p[3] == '-') {
            next = Comment(p, end);
          } else if (p[2] != '[' || open_ends_.empty()) {
            next = Refuse(p);  // DOCTYPE, markup declarations, CDATA outside the root element
          } else if (end - p < 9) {
            next = nullptr;
          } else if (std::memcmp(p, "<![CDATA[", 9) == 0) {
            next = CData(p, end);
          } else {
            next = Refuse(p);
          }
          break;
        default:
          next = StartTag(p, end);
          break;
      }
    }
    if (handoff_) return {Step::kHandOff, p};
    if (next == nullptr) {
      if (!last) return {Step::kNeedMore, p};
      handoff_ = true;  // the document ends inside this token
      return {Step::kHandOff, p};
    }
    if (stopped_) return {Step::kStopped, next};
    at_start_ = false;
    p = next;
  }
  return {last ? Step::kEnd : Step::kNeedMore, p};
}

const char* XesScanner::Text(const char* p, const char* end, bool last) {
  const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<size_t>(end - p)));
  const char* e = lt != nullptr ? lt : end;
  const char* q = p;
  while (q < e && IsSpace(*q)) ++q;
  if (q == e) {
    // White space, also when the window ends inside it; but a CR at the end may start a CR LF
    // pair, which a hand-off must not split (expat would count two lines).
    if (lt != nullptr || e[-1] != '\r') return e;
    if (!last) return e - 1 > p ? e - 1 : nullptr;
    // The document ends in a CR: inside the root element, expat reports the missing end tags
    // at that CR (it holds a trailing CR back), so hand off there.
    if (open_ends_.empty()) return e;
    return e - 1 > p ? e - 1 : Refuse(p);
  }
  if (open_ends_.empty()) return Refuse(p);  // text outside the root element
  if (lt == nullptr) return last ? Refuse(p) : nullptr;
  if (!ValidText(q, e)) return Refuse(p);
  return e;
}

bool XesScanner::Value(const char* b, const char* e, size_t index, std::string_view& out) {
  const char* q = b;
  while (q < e && (ClassOf(*q) & kValueSpecial) == 0) ++q;
  if (q == e) {
    out = std::string_view(b, static_cast<size_t>(e - b));
    return true;
  }
  std::string& s = decoded_[index];
  s.clear();
  bool copied = false;
  const char* from = b;  // start of the bytes not yet copied to s
  while (q < e) {
    char c = *q;
    if ((ClassOf(c) & kValueSpecial) == 0) {
      ++q;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      size_t n = Utf8Length(q, e);
      if (n == 0) return false;
      q += n;
    } else if (c == '&') {
      s.append(from, q);
      q = Reference(q, e, &s);
      if (q == nullptr) return false;
      from = q;
      copied = true;
    } else if (c == '\t' || c == '\n' || c == '\r') {
      // §3.3.3 attribute-value normalisation (every attribute is CDATA without a DTD).
      s.append(from, q);
      s.push_back(' ');
      q += (c == '\r' && q + 1 < e && q[1] == '\n') ? 2 : 1;
      from = q;
      copied = true;
    } else {
      return false;  // '<' or a control character
    }
  }
  if (!copied) {
    out = std::string_view(b, static_cast<size_t>(e - b));
    return true;
  }
  s.append(from, e);
  out = s;
  return true;
}

const char* XesScanner::StartTag(const char* p, const char* end) {
  if (root_closed_) return Refuse(p);  // a second root element
  const char* q = p + 1;
  if ((ClassOf(*q) & kNameStart) == 0) return Refuse(p);
  const char* name_begin = q;
  do {
    if (++q == end) return nullptr;
  } while (ClassOf(*q) & kNameChar);
  std::string_view name(name_begin, static_cast<size_t>(q - name_begin));
  attributes_.clear();
  bool empty = false;
  for (;;) {
    char c = *q;
    if (c == '>') {
      ++q;
      break;
    }
    if (c == '/') {
      if (q + 1 == end) return nullptr;
      if (q[1] != '>') return Refuse(p);
      q += 2;
      empty = true;
      break;
    }
    if (!IsSpace(c)) return Refuse(p);
    do {
      if (++q == end) return nullptr;
    } while (IsSpace(*q));
    c = *q;
    if (c == '>' || c == '/') continue;
    if ((ClassOf(c) & kNameStart) == 0) return Refuse(p);
    const char* attribute_begin = q;
    do {
      if (++q == end) return nullptr;
    } while (ClassOf(*q) & kNameChar);
    std::string_view attribute(attribute_begin, static_cast<size_t>(q - attribute_begin));
    while (IsSpace(*q)) {
      if (++q == end) return nullptr;
    }
    if (*q != '=') return Refuse(p);
    do {
      if (++q == end) return nullptr;
    } while (IsSpace(*q));
    char quote = *q;
    if (quote != '"' && quote != '\'') return Refuse(p);
    ++q;
    const char* close = FindQuoteOrSpecial(q, end, quote);
    bool plain = close != end && *close == quote;
    if (!plain && close != end)
      close = static_cast<const char*>(std::memchr(close, quote, static_cast<size_t>(end - close)));
    if (close == nullptr || close == end || close + 1 == end) return nullptr;
    c = close[1];
    // White space must separate attributes (§3.1); duplicates are not well-formed.
    if (c != '>' && c != '/' && !IsSpace(c)) return Refuse(p);
    if (attributes_.size() == kMaxAttributes) return Refuse(p);
    for (const XmlAttribute& a : attributes_) {
      if (a.name == attribute) return Refuse(p);
    }
    std::string_view value(q, static_cast<size_t>(close - q));
    if (!plain && !Value(q, close, attributes_.size(), value)) return Refuse(p);
    attributes_.push_back(XmlAttribute{attribute, value});
    q = close + 1;
  }
  token_ = p;
  if (!root_started_) {
    root_started_ = true;
    root_name_ = name;
  }
  bool ok = handler_.StartElement(name, attributes_);
  if (!prolog_.empty()) {
    prolog_.clear();
    prolog_.shrink_to_fit();
    prolog_chunk_ends_.clear();
  }
  if (!ok) {
    stopped_ = true;
    return q;
  }
  if (empty) {
    token_ = q;  // expat places the end of an empty element after its tag
    stopped_ = !handler_.EndElement();
    if (open_ends_.empty()) root_closed_ = true;
  } else {
    open_names_.append(name);
    open_ends_.push_back(static_cast<uint32_t>(open_names_.size()));
  }
  return q;
}

const char* XesScanner::EndTag(const char* p, const char* end) {
  if (open_ends_.empty()) return Refuse(p);
  size_t begin = open_ends_.size() > 1 ? open_ends_[open_ends_.size() - 2] : 0;
  size_t length = open_ends_.back() - begin;
  const char* q = p + 2;
  if (static_cast<size_t>(end - q) <= length) return nullptr;
  if (std::memcmp(q, open_names_.data() + begin, length) != 0) return Refuse(p);
  q += length;
  if ((ClassOf(*q) & kNameChar) || static_cast<unsigned char>(*q) >= 0x80) return Refuse(p);
  while (IsSpace(*q)) {
    if (++q == end) return nullptr;
  }
  if (*q != '>') return Refuse(p);
  token_ = p;
  stopped_ = !handler_.EndElement();
  open_names_.resize(begin);
  open_ends_.pop_back();
  if (open_ends_.empty()) root_closed_ = true;
  return q + 1;
}

const char* XesScanner::ProcessingInstruction(const char* p, const char* end) {
  const char* q = p + 2;
  if (q == end) return nullptr;
  if ((ClassOf(*q) & kNameStart) == 0) return Refuse(p);
  const char* target_begin = q;
  do {
    if (++q == end) return nullptr;
  } while (ClassOf(*q) & kNameChar);
  std::string_view target(target_begin, static_cast<size_t>(q - target_begin));
  if (EqualsIgnoringAsciiCase(target, "xml")) {
    // §2.8: only the XML declaration, and only at the very start (after a BOM).
    if (target == "xml" && at_start_ && IsSpace(*q)) return XmlDeclaration(p, end);
    return Refuse(p);
  }
  if (*q == '?') {
    if (q + 1 == end) return nullptr;
    return q[1] == '>' ? q + 2 : Refuse(p);
  }
  if (!IsSpace(*q)) return Refuse(p);
  for (const char* from = q;;) {
    const char* mark = static_cast<const char*>(std::memchr(from, '?', static_cast<size_t>(end - from)));
    if (mark == nullptr || mark + 1 == end) return nullptr;
    if (mark[1] == '>') return ValidChars(q, mark) ? mark + 2 : Refuse(p);
    from = mark + 1;
  }
}

const char* XesScanner::XmlDeclaration(const char* p, const char* end) {
  const char* close = nullptr;
  for (const char* from = p + 5;;) {
    const char* mark = static_cast<const char*>(std::memchr(from, '?', static_cast<size_t>(end - from)));
    if (mark == nullptr || mark + 1 == end) return nullptr;
    if (mark[1] != '>') return Refuse(p);
    close = mark;
    break;
  }
  // <?xml S version="1.0" (S encoding="UTF-8")? (S standalone="yes"|"no")? S? ?>
  const char* q = p + 5;
  auto space = [&q, close]() {
    const char* from = q;
    while (q < close && IsSpace(*q)) ++q;
    return q > from;
  };
  std::string_view value;
  space();
  q = PseudoAttribute(q, close, "version", value);
  if (q == nullptr || value != "1.0") return Refuse(p);
  bool spaced = space();
  if (spaced && q < close && *q == 'e') {
    q = PseudoAttribute(q, close, "encoding", value);
    if (q == nullptr || !EqualsIgnoringAsciiCase(value, "UTF-8")) return Refuse(p);
    spaced = space();
  }
  if (spaced && q < close && *q == 's') {
    q = PseudoAttribute(q, close, "standalone", value);
    if (q == nullptr || (value != "yes" && value != "no")) return Refuse(p);
    space();
  }
  return q == close ? close + 2 : Refuse(p);
}

const char* XesScanner::Comment(const char* p, const char* end) {
  // §2.5: "--" may only end the comment.
  for (const char* from = p + 4;;) {
    const char* dash = static_cast<const char*>(std::memchr(from, '-', static_cast<size_t>(end - from)));
    if (dash == nullptr || end - dash < 3) return nullptr;
    if (dash[1] == '-') {
      if (dash[2] != '>') return Refuse(p);
      return ValidChars(p + 4, dash) ? dash + 3 : Refuse(p);
    }
    from = dash + 1;
  }
}

const char* XesScanner::CData(const char* p, const char* end) {
  for (const char* from = p + 9;;) {
    const char* bracket = static_cast<const char*>(std::memchr(from, ']', static_cast<size_t>(end - from)));
    if (bracket == nullptr || end - bracket < 3) return nullptr;
    if (bracket[1] == ']' && bracket[2] == '>') return ValidChars(p + 9, bracket) ? bracket + 3 : Refuse(p);
    from = bracket + 1;
  }
}

}  // namespace ordo::mining
