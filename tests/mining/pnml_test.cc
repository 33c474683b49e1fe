// PNML in and out (mining/pnml.h): PM4Py's own files replay as PM4Py replays them, written nets
// read back unchanged, arc weights, namespaces and pages, and every kind of bad input named.
#include "mining/pnml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "base/json.h"
#include "mining/alignment.h"
#include "mining/log_file.h"
#include "mining/summary.h"
#include "mining/token_replay.h"
#include "reference.h"

namespace ordo::mining {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kData = ORDO_MINING_DATA_DIR "/pnml/";

double Number(const json::Value* v) { return std::strtod(v->number_text().c_str(), nullptr); }

TEST(Pnml, Pm4pyNetsReplayAsInPm4py) {
  std::ifstream lines(kData + "pm4py-tbr.jsonl");
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    Result<json::Value> ref = json::Parse(line);
    ASSERT_TRUE(ref.ok()) << line;
    const std::string log_name = ref->Find("log")->as_string();
    Result<EventLog> log = ReadLogFile(testing::LogPath(log_name), LogFormat::kAuto);
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    Result<PetriNet> net = ReadPnml(ReadFile(kData + ref->Find("pnml")->as_string()), log->strings());
    ASSERT_TRUE(net.ok()) << net.status().ToString();
    EXPECT_EQ(net->places.size(), static_cast<size_t>(*ref->Find("places")->as_int())) << log_name;
    EXPECT_EQ(net->transitions.size(), static_cast<size_t>(*ref->Find("transitions")->as_int())) << log_name;
    EXPECT_EQ(net->places[net->source], "source");
    EXPECT_EQ(net->places[net->sink], "sink");
    for (const PetriNet::Transition& t : net->transitions) {
      // PM4Py names its silent transitions tau_N, skip_N, tauSplit_N, ...; every label is the log's.
      if (t.silent()) {
        EXPECT_EQ(t.name.find('-'), std::string::npos) << t.name;
      } else {
        EXPECT_LT(t.label, log->strings().size()) << t.name;
      }
    }
    SummaryOptions options = Pm4pyOptions(false);
    options.model = true;
    options.given_net = &*net;
    const Mined mined = MineAll(*log, options);
    const json::Value* tbr = ref->Find("tbr");
    EXPECT_NEAR(mined.replay.log_fitness, Number(tbr->Find("log_fitness")), 1e-9) << log_name;
    EXPECT_NEAR(mined.replay.perc_fit_traces, Number(tbr->Find("perc_fit_traces")), 1e-9) << log_name;
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

TEST(Pnml, WrittenNetsReadBackTheSame) {
  for (const char* name : {"running-example.xes", "receipt.xes.gz"}) {
    Result<EventLog> log = ReadLogFile(testing::LogPath(name), LogFormat::kAuto);
    ASSERT_TRUE(log.ok());
    SummaryOptions options;
    options.model = true;
    const Mined mined = MineAll(*log, options);
    const std::string xml = WritePnml(mined.net, log->strings());
    EXPECT_TRUE(LooksLikePnml(xml));
    Result<PetriNet> back = ReadPnml(xml, log->strings());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->places, mined.net.places) << name;
    EXPECT_EQ(back->source, mined.net.source);
    EXPECT_EQ(back->sink, mined.net.sink);
    ASSERT_EQ(back->transitions.size(), mined.net.transitions.size());
    for (size_t t = 0; t < back->transitions.size(); ++t) {
      const PetriNet::Transition &a = back->transitions[t], &b = mined.net.transitions[t];
      EXPECT_EQ(a.label, b.label) << name << " " << b.name;
      EXPECT_EQ(a.name, b.name);
      std::vector<uint32_t> in = b.inputs, out = b.outputs;
      std::sort(in.begin(), in.end());
      std::sort(out.begin(), out.end());
      EXPECT_EQ(a.inputs, in) << name << " " << b.name;
      EXPECT_EQ(a.outputs, out) << name << " " << b.name;
    }
    // The same replay on the net read back.
    options.given_net = &*back;
    const Mined again = MineAll(*log, options);
    EXPECT_EQ(again.replay.log_fitness, mined.replay.log_fitness) << name;
  }
}

// a puts two tokens on p, b takes both: a weight-2 arc each way.
const char* kWeighted = R"(<?xml version="1.0"?>
<pnml><net id="n" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel"><page id="pg">
  <place id="i"><initialMarking><text>1</text></initialMarking></place>
  <place id="p"/><place id="o"/>
  <transition id="ta"><name><text>a</text></name></transition>
  <transition id="tb"><name><text>b</text></name></transition>
  <arc id="1" source="i" target="ta"/>
  <arc id="2" source="ta" target="p"><inscription><text>2</text></inscription></arc>
  <arc id="3" source="p" target="tb"><inscription><text> 2 </text></inscription></arc>
  <arc id="4" source="tb" target="o"/>
</page>
<finalmarkings><marking><place idref="o"><text>1</text></place></marking></finalmarkings>
</net></pnml>)";

TEST(Pnml, ArcWeightsAreRepeatedArcs) {
  StringPool pool;
  const StringId a = pool.Intern("a"), b = pool.Intern("b");
  Result<PetriNet> net = ReadPnml(kWeighted, pool);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  ASSERT_EQ(net->transitions.size(), 2u);
  EXPECT_EQ(net->transitions[0].label, a);
  EXPECT_EQ(net->transitions[0].outputs, (std::vector<uint32_t>{1, 1}));
  EXPECT_EQ(net->transitions[1].inputs, (std::vector<uint32_t>{1, 1}));
  // The weights matter to the search: a then b fits; b alone cannot fire b.
  const StringId ab[] = {a, b}, just_b[] = {b};
  Result<TraceAlignment> fit = AlignTrace(*net, ab);
  ASSERT_TRUE(fit.ok());
  EXPECT_TRUE(fit->finished);
  EXPECT_EQ(fit->cost, 0);
  Result<TraceAlignment> unfit = AlignTrace(*net, just_b);
  ASSERT_TRUE(unfit.ok());
  EXPECT_EQ(unfit->cost, 10000);  // a model move for a, then b in sync
  // Written back with the weights as inscriptions.
  const std::string xml = WritePnml(*net, pool);
  EXPECT_NE(xml.find("<inscription><text>2</text></inscription>"), std::string::npos) << xml;
  Result<PetriNet> back = ReadPnml(xml, pool);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->transitions[1].inputs, net->transitions[1].inputs);
}

TEST(Pnml, NamespacesPagesUnnamedTransitionsAndTheSinkFoundByArcs) {
  // The 2009 grammar with its namespace, a prefix, nested pages, a transition without a name
  // (silent), a label the log does not know, and no <finalmarkings>.
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by some tool -->
<x:pnml xmlns:x="http://www.pnml.org/version-2009/grammar/pnml">
 <x:net id="n1" type="http://www.pnml.org/version-2009/grammar/ptnet">
  <x:page id="top">
   <x:place id="start"><x:initialMarking><x:text>1</x:text></x:initialMarking></x:place>
   <x:page id="inner">
    <x:transition id="t1"/>
    <x:place id="mid"/>
    <x:transition id="t2"><x:name><x:text>Check &amp; approve</x:text></x:name></x:transition>
   </x:page>
   <x:place id="end"/>
   <x:arc id="a1" source="start" target="t1"/><x:arc id="a2" source="t1" target="mid"/>
   <x:arc id="a3" source="mid" target="t2"/><x:arc id="a4" source="t2" target="end"/>
  </x:page>
 </x:net>
</x:pnml>)";
  EXPECT_TRUE(LooksLikePnml(xml));
  StringPool pool;
  pool.Intern("something else");
  Result<PetriNet> net = ReadPnml(xml, pool);
  ASSERT_TRUE(net.ok()) << net.status().ToString();
  EXPECT_EQ(net->places, (std::vector<std::string>{"start", "mid", "end"}));
  EXPECT_EQ(net->source, 0u);
  EXPECT_EQ(net->sink, 2u);
  EXPECT_TRUE(net->transitions[0].silent());
  EXPECT_EQ(net->transitions[0].name, "t1");
  EXPECT_GE(net->transitions[1].label, pool.size());  // not the log's: never a sync move
  EXPECT_EQ(LabelText(net->transitions[1], pool), "Check & approve");
}

TEST(Pnml, TellsPnmlFromBpmn) {
  EXPECT_TRUE(LooksLikePnml("\xEF\xBB\xBF<?xml version='1.0'?><!DOCTYPE x><pnml/>"));
  EXPECT_TRUE(LooksLikePnml("<pnml:pnml xmlns:pnml='x'>"));
  EXPECT_FALSE(LooksLikePnml("<?xml version='1.0'?><bpmn:definitions xmlns:bpmn='x'><pnml/>"));
  EXPECT_FALSE(LooksLikePnml("<pnmlx/>"));
  EXPECT_FALSE(LooksLikePnml("<!-- converted from <pnml> --><bpmn:definitions xmlns:bpmn='x'/>"));
  EXPECT_TRUE(LooksLikePnml("<!-- a <bpmn:definitions> once --><pnml/>"));
  EXPECT_FALSE(LooksLikePnml(""));
}

TEST(Pnml, BadInputSaysWhatAndWhere) {
  const std::string head =
      "<pnml><net id='n'><page id='g'>"
      "<place id='i'><initialMarking><text>1</text></initialMarking></place><place id='o'/>"
      "<transition id='t'><name><text>a</text></name></transition>";
  const std::string arcs = "<arc id='x' source='i' target='t'/><arc id='y' source='t' target='o'/>";
  const std::string tail = "</page></net></pnml>";
  struct Case {
    std::string xml, expected;
  };
  const std::vector<Case> cases = {
      {"<pnml>\n<net>\n<page>\n</net></pnml>", "line 4: malformed XML"},
      {"<bpmn:definitions xmlns:bpmn='x'/>", "root element is <bpmn:definitions>, not <pnml>"},
      {"<pnml><foo/></pnml>", "holds no <net>"},
      {head + "<place id='t'/>" + arcs + tail, "the id 't' is used twice"},
      {head + "<place/>" + arcs + tail, "a place without an id"},
      {head + arcs + "<arc id='z' source='t' target='nowhere'/>" + tail, "<arc id=\"z\"> on line 1: no place or transition has the id 'nowhere'"},
      {head + arcs + "<arc id='z' source='i' target='o'/>" + tail, "an arc joins two places ('i' and 'o')"},
      {head + "<arc id='x' source='i' target='t'><inscription><text>two</text></inscription></arc>" + tail, "the weight 'two' is not a whole number"},
      {head + "<arc id='x' source='i' target='t'><inscription><text>0</text></inscription></arc>" + tail, "weight 0 is outside 1..1000"},
      {"<pnml><net><place id='i'><initialMarking><text>2</text></initialMarking></place></net></pnml>", "found i: 2"},
      {"<pnml><net><place id='i'/></net></pnml>", "found no token"},
      {"<pnml><net><place id='i'><initialMarking><text>-1</text></initialMarking></place></net></pnml>", "the initial marking '-1' is not a whole number"},
      {head + "<place id='o2'/>" + arcs + tail, "no <finalmarkings> and 2 places without outgoing arcs"},
      {head + arcs + "</page><finalmarkings><marking><place idref='t'><text>1</text></place></marking></finalmarkings></net></pnml>", "the final marking names 't', which is not a place"},
      {head + arcs + "</page><finalmarkings><marking><place idref='o'><text>2</text></place></marking></finalmarkings></net></pnml>", "the final marking must be one token on one place"},
      {head + arcs + "</page><finalmarkings><marking><place idref='i'><text>1</text></place></marking></finalmarkings></net></pnml>", "'i' is both the initial and the final marking"},
      {head + "<referencePlace id='r' ref='i'/>" + arcs + tail, "reference nodes are not supported"},
  };
  StringPool pool;
  for (const Case& c : cases) {
    Result<PetriNet> net = ReadPnml(c.xml, pool);
    ASSERT_FALSE(net.ok()) << c.xml;
    EXPECT_NE(net.status().message().find(c.expected), std::string::npos)
        << "expected '" << c.expected << "' in: " << net.status().message();
  }
  // The same document with its arcs is fine.
  EXPECT_TRUE(ReadPnml(head + arcs + tail, pool).ok());
}

}  // namespace
}  // namespace ordo::mining
