#include "mining/pnml.h"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>
#include <unordered_map>
#include <unordered_set>

#include "mining/export.h"

namespace ordo::mining {
namespace {

// An arc's weight above this is refused: each token is a place entry in the net's arc lists.
constexpr uint64_t kMaxWeight = 1000;

std::string_view Local(const char* name) {
  std::string_view n(name);
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && Local(c.name()) == local) return c;
  }
  return {};
}

// The text of <x><text>...</text></x> (PNML's annotation form), trimmed; empty when absent.
std::string_view AnnotationText(pugi::xml_node node, std::string_view annotation) {
  pugi::xml_node a = Child(node, annotation);
  if (!a) return {};
  pugi::xml_node text = Child(a, "text");
  return text ? Trim(text.child_value()) : std::string_view();
}

std::string_view Attr(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (Local(a.name()) == local) return a.value();
  }
  return {};
}

class Reader {
 public:
  Reader(std::string_view xml, const StringPool& names) : xml_(xml), names_(names) {}

  Result<PetriNet> Read() {
    pugi::xml_document doc;
    // Default parsing: no DTD is read, so no entity of the document's own is expanded.
    const pugi::xml_parse_result parsed = doc.load_buffer(xml_.data(), xml_.size());
    if (!parsed) {
      return InvalidArgument("PNML line " + std::to_string(LineAt(static_cast<size_t>(parsed.offset))) +
                             ": malformed XML: " + parsed.description());
    }
    const pugi::xml_node root = doc.document_element();
    if (Local(root.name()) != "pnml") {
      return InvalidArgument("PNML line " + std::to_string(Line(root)) + ": the root element is <" +
                             std::string(root.name()) + ">, not <pnml>");
    }
    const pugi::xml_node net = Child(root, "net");
    if (!net) return InvalidArgument("PNML: <pnml> holds no <net>");
    RETURN_IF_ERROR(Nodes(net, 0));
    RETURN_IF_ERROR(Arcs());
    ASSIGN_OR_RETURN(net_.source, Source());
    ASSIGN_OR_RETURN(net_.sink, Sink(net));
    if (net_.source == net_.sink) {
      return InvalidArgument("PNML: place '" + net_.places[net_.source] +
                             "' is both the initial and the final marking; Ordo replays workflow nets, "
                             "which run from a source place to another, sink place");
    }
    for (PetriNet::Transition& t : net_.transitions) {
      std::sort(t.inputs.begin(), t.inputs.end());
      std::sort(t.outputs.begin(), t.outputs.end());
    }
    return std::move(net_);
  }

 private:
  struct Node {
    bool place;
    uint32_t index;
  };

  size_t LineAt(size_t offset) const {
    offset = std::min(offset, xml_.size());
    return 1 + static_cast<size_t>(std::count(xml_.begin(), xml_.begin() + static_cast<long>(offset), '\n'));
  }
  size_t Line(pugi::xml_node n) const { return LineAt(static_cast<size_t>(std::max<ptrdiff_t>(0, n.offset_debug()))); }
  std::string Where(pugi::xml_node n) const {
    std::string out = "<";
    out.append(Local(n.name()));
    if (const std::string_view id = Attr(n, "id"); !id.empty()) out.append(" id=\"").append(id).append("\"");
    out.append("> on line ").append(std::to_string(Line(n)));
    return out;
  }

  Result<uint64_t> Count(std::string_view text, pugi::xml_node where, std::string_view what) const {
    uint64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      return InvalidArgument("PNML " + Where(where) + ": " + std::string(what) + " '" + std::string(text) +
                             "' is not a whole number");
    }
    return n;
  }

  // Places and transitions of a net or page, into pages nested in it.
  Status Nodes(pugi::xml_node container, int depth) {
    if (depth > 64) return InvalidArgument("PNML " + Where(container) + ": pages nested more than 64 deep");
    for (pugi::xml_node n = container.first_child(); n; n = n.next_sibling()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view kind = Local(n.name());
      if (kind == "page") {
        RETURN_IF_ERROR(Nodes(n, depth + 1));
      } else if (kind == "place" || kind == "transition") {
        const std::string id(Attr(n, "id"));
        if (id.empty()) return InvalidArgument("PNML " + Where(n) + ": a " + std::string(kind) + " without an id");
        const bool place = kind == "place";
        const auto index = static_cast<uint32_t>(place ? net_.places.size() : net_.transitions.size());
        if (!ids_.emplace(id, Node{place, index}).second) {
          return InvalidArgument("PNML " + Where(n) + ": the id '" + id + "' is used twice");
        }
        if (place) {
          net_.places.push_back(id);
          const std::string_view marking = AnnotationText(n, "initialMarking");
          uint64_t tokens = 0;
          if (!marking.empty()) {
            ASSIGN_OR_RETURN(tokens, Count(marking, n, "the initial marking"));
          }
          if (tokens > 0) marked_.push_back({index, tokens});
        } else {
          PetriNet::Transition t;
          t.name = id;
          const std::string_view label = AnnotationText(n, "name");
          bool invisible = label.empty();
          for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
            if (c.type() == pugi::node_element && Local(c.name()) == "toolspecific" &&
                Attr(c, "activity") == "$invisible$") {
              invisible = true;
            }
          }
          if (!invisible) {
            t.label = names_.Find(label);
            if (t.label == kNoString) {
              // Not in the log: an id past the pool, one per distinct text, the text as the name.
              auto [it, added] = unknown_.emplace(std::string(label), static_cast<StringId>(names_.size() + unknown_.size()));
              t.label = it->second;
              t.name = std::string(label);
            }
          }
          net_.transitions.push_back(std::move(t));
        }
      } else if (kind == "referencePlace" || kind == "referenceTransition") {
        return InvalidArgument("PNML " + Where(n) + ": reference nodes are not supported; merge the pages first");
      } else if (kind == "arc") {
        arcs_.push_back(n);
      }
    }
    return Status::Ok();
  }

  Status Arcs() {
    for (pugi::xml_node a : arcs_) {
      const std::string source(Attr(a, "source")), target(Attr(a, "target"));
      const auto from = ids_.find(source), to = ids_.find(target);
      if (from == ids_.end() || to == ids_.end()) {
        return InvalidArgument("PNML " + Where(a) + ": no place or transition has the id '" +
                               (from == ids_.end() ? source : target) + "'");
      }
      if (from->second.place == to->second.place) {
        return InvalidArgument("PNML " + Where(a) + ": an arc joins two " +
                               std::string(from->second.place ? "places" : "transitions") + " ('" + source + "' and '" +
                               target + "'); arcs run between a place and a transition");
      }
      uint64_t weight = 1;
      const std::string_view inscription = AnnotationText(a, "inscription");
      if (!inscription.empty()) {
        ASSIGN_OR_RETURN(weight, Count(inscription, a, "the weight"));
      }
      if (weight == 0 || weight > kMaxWeight) {
        return InvalidArgument("PNML " + Where(a) + ": weight " + std::to_string(weight) + " is outside 1.." +
                               std::to_string(kMaxWeight));
      }
      PetriNet::Transition& t = net_.transitions[from->second.place ? to->second.index : from->second.index];
      std::vector<uint32_t>& side = from->second.place ? t.inputs : t.outputs;
      const uint32_t place = from->second.place ? from->second.index : to->second.index;
      // A weight is as many arcs; the net's arc lists are multisets.
      for (uint64_t k = 0; k < weight; ++k) side.push_back(place);
    }
    return Status::Ok();
  }

  Result<uint32_t> Source() const {
    if (marked_.size() != 1 || marked_[0].second != 1) {
      std::string found;
      for (const auto& [p, tokens] : marked_) {
        found += (found.empty() ? "" : ", ") + net_.places[p] + ": " + std::to_string(tokens);
      }
      return InvalidArgument(
          "PNML: the initial marking must be one token on one place (a workflow net's source); found " +
          (found.empty() ? std::string("no token") : found));
    }
    return marked_[0].first;
  }

  Result<uint32_t> Sink(pugi::xml_node net) const {
    const pugi::xml_node marking = Child(Child(net, "finalmarkings"), "marking");
    if (marking) {
      std::vector<std::pair<uint32_t, uint64_t>> tokens;
      for (pugi::xml_node p = marking.first_child(); p; p = p.next_sibling()) {
        if (p.type() != pugi::node_element || Local(p.name()) != "place") continue;
        const std::string idref(Attr(p, "idref"));
        const auto it = ids_.find(idref);
        if (it == ids_.end() || !it->second.place) {
          return InvalidArgument("PNML " + Where(p) + ": the final marking names '" + idref + "', which is not a place");
        }
        const pugi::xml_node text = Child(p, "text");
        ASSIGN_OR_RETURN(uint64_t n, Count(text ? Trim(text.child_value()) : std::string_view(), p, "the final marking"));
        if (n > 0) tokens.push_back({it->second.index, n});
      }
      if (tokens.size() != 1 || tokens[0].second != 1) {
        return InvalidArgument("PNML " + Where(marking) +
                               ": the final marking must be one token on one place (a workflow net's sink)");
      }
      return tokens[0].first;
    }
    // No final marking written: the one place no arc leaves.
    std::vector<bool> left(net_.places.size(), false);
    for (const PetriNet::Transition& t : net_.transitions)
      for (uint32_t p : t.inputs) left[p] = true;
    std::vector<uint32_t> ends;
    for (uint32_t p = 0; p < net_.places.size(); ++p)
      if (!left[p]) ends.push_back(p);
    if (ends.size() != 1) {
      return InvalidArgument("PNML: the net has no <finalmarkings> and " + std::to_string(ends.size()) +
                             " places without outgoing arcs; write the final marking (one token on the sink)");
    }
    return ends[0];
  }

  std::string_view xml_;
  const StringPool& names_;
  PetriNet net_;
  std::unordered_map<std::string, Node> ids_;
  std::unordered_map<std::string, StringId> unknown_;
  std::vector<std::pair<uint32_t, uint64_t>> marked_;  // places with initial tokens
  std::vector<pugi::xml_node> arcs_;
};

// Ids from names: made XML names (xs:ID is an NCName: letters, digits, '_', '-', '.', not
// starting with a digit, '-' or '.'; anything else becomes '_'), then unique (a repeat gets _2,
// _3, ...). The names Ordo gives (source, sink, p_N, tau_N, flow ids) pass unchanged.
class Ids {
 public:
  std::string Take(std::string_view name) {
    std::string base;
    for (char c : name) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                      c == '-' || c == '.';
      base.push_back(ok ? c : '_');
    }
    if (base.empty() || !((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z') || base[0] == '_')) {
      base.insert(base.begin(), '_');
    }
    std::string id = base;
    for (int k = 2; !used_.insert(id).second; ++k) id = base + "_" + std::to_string(k);
    return id;
  }

 private:
  std::unordered_set<std::string> used_;
};

}  // namespace

Result<PetriNet> ReadPnml(std::string_view xml, const StringPool& names) { return Reader(xml, names).Read(); }

bool LooksLikePnml(std::string_view text) {
  // Past a byte-order mark, the XML declaration, comments and a doctype: the first start tag.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    const std::string_view rest = text.substr(at + 1);
    if (rest.starts_with("!--")) {  // a comment may mention any element
      at = text.find("-->", at);
      if (at == std::string_view::npos) return false;
      continue;
    }
    if (rest.empty() || rest[0] == '?' || rest[0] == '!') continue;
    const size_t end = rest.find_first_of(" \t\r\n/>");
    const std::string_view name = rest.substr(0, end);
    const size_t colon = name.find(':');
    return (colon == std::string_view::npos ? name : name.substr(colon + 1)) == "pnml";
  }
  return false;
}

std::string WritePnml(const PetriNet& net, const StringPool& names) {
  std::string x;
  auto escaped = [&](std::string_view s) { AppendXmlEscaped(x, s); };
  Ids ids;
  std::vector<std::string> place_id, transition_id;
  for (const std::string& p : net.places) place_id.push_back(ids.Take(p));
  for (const PetriNet::Transition& t : net.transitions) transition_id.push_back(ids.Take(t.name));
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pnml>\n";
  x += "  <net id=\"net1\" type=\"http://www.pnml.org/version-2009/grammar/pnmlcoremodel\">\n";
  x += "    <page id=\"" + ids.Take("page") + "\">\n";
  for (uint32_t p = 0; p < net.places.size(); ++p) {
    x += "      <place id=\"";
    escaped(place_id[p]);
    x += "\">\n        <name><text>";
    escaped(net.places[p]);
    x += "</text></name>\n";
    if (p == net.source) x += "        <initialMarking><text>1</text></initialMarking>\n";
    x += "      </place>\n";
  }
  for (uint32_t t = 0; t < net.transitions.size(); ++t) {
    const PetriNet::Transition& tr = net.transitions[t];
    x += "      <transition id=\"";
    escaped(transition_id[t]);
    x += "\">\n        <name><text>";
    escaped(tr.silent() ? std::string_view(tr.name) : LabelText(tr, names));
    x += "</text></name>\n";
    if (tr.silent()) {
      x += "        <toolspecific tool=\"ProM\" version=\"6.4\" activity=\"$invisible$\" localNodeID=\"";
      escaped(transition_id[t]);
      x += "\"/>\n";
    }
    x += "      </transition>\n";
  }
  size_t arc = 0;
  // One arc per distinct place, with the multiplicity as its weight.
  auto arcs = [&](const std::vector<uint32_t>& places, uint32_t t, bool into_transition) {
    std::vector<uint32_t> sorted = places;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size();) {
      size_t j = i;
      while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
      const std::string& place = place_id[sorted[i]];
      const std::string& transition = transition_id[t];
      x += "      <arc id=\"";
      escaped(ids.Take("arc" + std::to_string(++arc)));
      x += "\" source=\"";
      escaped(into_transition ? place : transition);
      x += "\" target=\"";
      escaped(into_transition ? transition : place);
      if (j - i == 1) {
        x += "\"/>\n";
      } else {
        x += "\">\n        <inscription><text>" + std::to_string(j - i) + "</text></inscription>\n      </arc>\n";
      }
      i = j;
    }
  };
  for (uint32_t t = 0; t < net.transitions.size(); ++t) {
    arcs(net.transitions[t].inputs, t, true);
    arcs(net.transitions[t].outputs, t, false);
  }
  x += "    </page>\n    <finalmarkings>\n      <marking>\n        <place idref=\"";
  escaped(place_id[net.sink]);
  x += "\"><text>1</text></place>\n      </marking>\n    </finalmarkings>\n  </net>\n</pnml>\n";
  return x;
}

}  // namespace ordo::mining
