#include "runtime/decisions.h"

#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "dmn/reader.h"

namespace ordo::runtime {
namespace {

constexpr std::string_view kBpmnModelNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Skips the prolog (declaration, comments, processing instructions, a doctype) and returns the
// offset of the root element's '<', or npos.
size_t RootStart(std::string_view xml) {
  size_t pos = 0;
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos < xml.size()) {
    pos = xml.find('<', pos);
    if (pos == std::string_view::npos) return pos;
    std::string_view rest = xml.substr(pos);
    size_t end = std::string_view::npos;
    if (rest.substr(0, 4) == "<!--") {
      end = xml.find("-->", pos + 4);
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 2) == "<?") {
      end = xml.find("?>", pos + 2);
      if (end != std::string_view::npos) end += 2;
    } else if (rest.substr(0, 2) == "<!") {
      end = xml.find('>', pos + 2);
      if (end != std::string_view::npos) end += 1;
    } else {
      return pos;
    }
    if (end == std::string_view::npos) return end;
    pos = end;
  }
  return std::string_view::npos;
}

// Line (1-based) and message of a reader error "file:LINE: message".
bpmn::Problem ProblemFromStatus(const Status& status, std::string_view file) {
  bpmn::Problem p;
  p.line = 1;
  std::string_view m = status.message();
  if (m.substr(0, file.size()) == file && m.size() > file.size() && m[file.size()] == ':') {
    std::string_view rest = m.substr(file.size() + 1);
    int line = 0;
    auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), line);
    if (ec == std::errc() && line > 0 && ptr < rest.data() + rest.size() && *ptr == ':') {
      p.line = line;
      rest.remove_prefix(static_cast<size_t>(ptr - rest.data()) + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      p.message = std::string(rest);
      return p;
    }
  }
  p.message = std::string(m);
  return p;
}

// DMN 1.5 §8.2.10: these hit policies return one list item per matched rule.
bool ListPerRule(const dmn::DecisionTableDoc& table) {
  const std::string& h = table.hit_policy;
  if (h == "RULE ORDER" || h == "R" || h == "OUTPUT ORDER" || h == "O") return true;
  return (h == "COLLECT" || h == "C") && table.aggregation.empty();
}

}  // namespace

DocumentKind SniffDocumentKind(std::string_view xml) {
  size_t pos = RootStart(xml);
  if (pos == std::string_view::npos) return DocumentKind::kUnknown;
  size_t name_end = pos + 1;
  while (name_end < xml.size() && IsNameChar(xml[name_end])) ++name_end;
  std::string_view qname = xml.substr(pos + 1, name_end - pos - 1);
  std::string_view prefix;
  std::string_view local = qname;
  if (size_t colon = qname.find(':'); colon != std::string_view::npos) {
    prefix = qname.substr(0, colon);
    local = qname.substr(colon + 1);
  }
  if (local != "definitions") return DocumentKind::kUnknown;
  // Namespace declarations of the root element.
  std::map<std::string_view, std::string_view> namespaces;
  size_t i = name_end;
  while (i < xml.size() && xml[i] != '>') {
    while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
    if (i >= xml.size() || xml[i] == '>' || xml[i] == '/') break;
    size_t attr_start = i;
    while (i < xml.size() && IsNameChar(xml[i])) ++i;
    std::string_view attr = xml.substr(attr_start, i - attr_start);
    while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
    if (attr.empty() || i >= xml.size() || xml[i] != '=') return DocumentKind::kUnknown;
    ++i;
    while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
    if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\'')) return DocumentKind::kUnknown;
    char quote = xml[i++];
    size_t value_end = xml.find(quote, i);
    if (value_end == std::string_view::npos) return DocumentKind::kUnknown;
    std::string_view value = xml.substr(i, value_end - i);
    i = value_end + 1;
    if (attr == "xmlns") {
      namespaces[""] = value;
    } else if (attr.substr(0, 6) == "xmlns:") {
      namespaces[attr.substr(6)] = value;
    }
  }
  auto it = namespaces.find(prefix);
  if (it == namespaces.end()) return DocumentKind::kUnknown;
  std::string_view ns = it->second;
  if (ns == kBpmnModelNamespace) return DocumentKind::kBpmn;
  // DMN 1.1 http://www.omg.org/spec/DMN/20151101/dmn.xsd, 1.2 .../20180521/MODEL/,
  // 1.3 https://www.omg.org/spec/DMN/20191111/MODEL/, 1.4 .../20211108/MODEL/, 1.5 .../20230324/MODEL/.
  if (ns.find("omg.org/spec/DMN/") != std::string_view::npos) return DocumentKind::kDmn;
  return DocumentKind::kUnknown;
}

DecisionCompileResult CompileDecisions(std::string_view xml) {
  DecisionCompileResult out;
  constexpr std::string_view kFile = "deployment.dmn";
  Result<dmn::Definitions> read = dmn::ReadDefinitions(xml, kFile);
  if (!read.ok()) {
    out.problems.push_back(ProblemFromStatus(read.status(), kFile));
    return out;
  }
  const dmn::Definitions& defs = *read;
  std::set<std::string> seen;
  for (const dmn::DrgElementDoc& e : defs.elements) {
    if (e.kind != dmn::DrgKind::kDecision) continue;
    int line = e.line > 0 ? e.line : 1;
    if (e.id.empty()) {
      out.problems.push_back(bpmn::Problem{"", line, "decision '" + e.name + "' has no id (decisions are called by id)"});
      continue;
    }
    if (!seen.insert(e.id).second) {
      out.problems.push_back(bpmn::Problem{e.id, line, "two decisions have the id '" + e.id + "'"});
      continue;
    }
    CompiledDecision d;
    d.key = e.id;
    d.name = e.name;
    if (e.logic.kind == dmn::BoxedKind::kDecisionTable && e.logic.table) {
      const dmn::DecisionTableDoc& table = *e.logic.table;
      for (const dmn::OutputClause& o : table.outputs) d.output_names.push_back(o.name);
      if (d.output_names.size() == 1 && d.output_names.front().empty()) d.output_names.front() = e.name;
      d.one_item_per_rule = ListPerRule(table);
    } else {
      d.output_names.push_back(e.name);
    }
    out.decisions.push_back(std::move(d));
  }
  if (!out.problems.empty()) return out;
  if (out.decisions.empty()) {
    out.problems.push_back(bpmn::Problem{"", 1, "the DMN document has no decision to deploy"});
    return out;
  }
  Result<dmn::DecisionModel> model = dmn::DecisionModel::Compile(defs);
  if (!model.ok()) {
    out.problems.push_back(ProblemFromStatus(model.status(), kFile));
    out.decisions.clear();
    return out;
  }
  for (const dmn::DecisionModel::Problem& p : model->Problems()) {
    out.problems.push_back(bpmn::Problem{p.element, p.line > 0 ? p.line : 1, p.message});
  }
  if (!out.problems.empty()) {
    out.decisions.clear();
    return out;
  }
  auto shared = std::make_shared<const dmn::DecisionModel>(model->WithVariableContext());
  for (CompiledDecision& d : out.decisions) d.model = shared;
  return out;
}

}  // namespace ordo::runtime
