#include "bpmn/expressions.h"

namespace ordo::bpmn {

std::string_view TrimSpace(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

bool ContainsJuel(std::string_view text) {
  return text.find("${") != std::string_view::npos || text.find("#{") != std::string_view::npos;
}

bool HasFeelMarker(std::string_view text) {
  std::string_view t = TrimSpace(text);
  return !t.empty() && t.front() == '=';
}

std::string_view FeelSource(std::string_view text) {
  std::string_view t = TrimSpace(text);
  if (!t.empty() && t.front() == '=') t = TrimSpace(t.substr(1));
  return t;
}

std::string JuelMessage(std::string_view text, std::string_view where) {
  std::string m = "JUEL expressions are not supported yet: '" + std::string(TrimSpace(text)) + "'";
  if (!where.empty()) {
    m += " in ";
    m += where;
  }
  return m;
}

bool IsFeelLanguage(std::string_view language) {
  std::string lower(TrimSpace(language));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // "feel", "FEEL", "http://www.omg.org/spec/FEEL/20140401", "https://www.omg.org/spec/DMN/.../FEEL/"
  return lower == "feel" ||
         (lower.find("omg.org/spec/") != std::string::npos && lower.find("feel") != std::string::npos);
}

Result<feel::Expression> CompileFeel(std::string_view source, std::string_view what) {
  Result<feel::Expression> compiled = feel::Expression::Compile(source);
  if (compiled.ok()) return compiled;
  return InvalidArgument("invalid FEEL in " + std::string(what) + " '" + std::string(source) +
                         "': " + compiled.status().message());
}

std::string QuoteFeelString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace ordo::bpmn
