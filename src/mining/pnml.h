// Petri nets in PNML, the Petri Net Markup Language (ISO/IEC 15909-2:2011, the place/transition
// net type), in and out, as PM4Py 2.7.14 (objects.petri_net.importer/exporter.variants.pnml) and
// ProM write them, so a net made there can be replayed and aligned here and a net mined here
// opened there.
//
// Read: the first <net> of the document; places, transitions and arcs from its pages (nested
// pages too; pages only group nodes). A transition's label is the text of its <name>; it is
// silent when it has no name or carries ProM's marker <toolspecific tool="ProM"
// activity="$invisible$"/> (what PM4Py writes for its silent transitions). Ordo replays workflow
// nets: the initial marking must be one token on one place (the source) and the final marking
// one token on one place (the sink), taken from PM4Py's and ProM's <finalmarkings> element or,
// without it, the one place that no arc leaves. Arcs have weight 1 (an <inscription> above 1 is
// refused). Element names are matched without their namespace, so the 2009 grammar with and
// without xmlns reads alike. Labels become the log's activity ids (StringPool::Find); a label
// the log never mentions gets an id from names.size() on, as in bpmn_net.h, and its text becomes
// the transition's name (so LabelText shows it); every other node is named by its PNML id.
//
// Every problem is InvalidArgument naming the element (its id) and the line: malformed XML, no
// net, duplicate ids, an arc between two places or two transitions or to an unknown node, a
// marking or weight that is not a number, a marking that is not a workflow net's.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "mining/petri_net.h"
#include "mining/string_pool.h"

namespace ordo::mining {

Result<PetriNet> ReadPnml(std::string_view xml, const StringPool& names);

// True when the text looks like PNML (its root element is <pnml>), so a model file can be told
// from BPMN by content, whatever its name.
bool LooksLikePnml(std::string_view text);

// The net as PNML: the source marked, the sink as the final marking, silent transitions marked
// as ProM and PM4Py mark them, each node's name as its id where it is an XML name (other
// characters become '_'), made unique with a suffix where names repeat (as a BPMN model's task
// with two incoming flows does).
std::string WritePnml(const PetriNet& net, const StringPool& names);

}  // namespace ordo::mining
