#include "bpmn/reader.h"

#include <gtest/gtest.h>

#include "bpmn/namespaces.h"
#include "bpmn/source.h"
#include "test_models.h"

namespace ordo::bpmn {
namespace {

using testing::Bpmn;
using testing::LineOf;

Document ReadOk(std::string_view xml) {
  Problem problem;
  Result<Document> doc = ReadDocument(xml, {}, &problem);
  EXPECT_TRUE(doc.ok()) << problem.ToString();
  if (!doc.ok()) std::abort();
  return std::move(doc).value();
}

Problem ReadFails(std::string_view xml, const ReadOptions& options = {}) {
  Problem problem;
  Result<Document> doc = ReadDocument(xml, options, &problem);
  EXPECT_FALSE(doc.ok());
  EXPECT_GE(problem.line, 1);
  return problem;
}

TEST(Reader, KeepsKindsIdsNamesAndLines) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start" name="Order received"/>
<bpmn:userTask id="approve" name="Approve &amp; sign">
  <bpmn:documentation>Check the <![CDATA[<amount>]]> first.</bpmn:documentation>
</bpmn:userTask>)");
  Document doc = ReadOk(xml);
  EXPECT_EQ(doc.definitions().local_name, "definitions");
  EXPECT_EQ(doc.definitions().id, "defs");
  ASSERT_EQ(doc.Processes().size(), 1u);
  const Element* task = doc.FindById("approve");
  ASSERT_NE(task, nullptr);
  EXPECT_EQ(task->ns, ns::kModel);
  EXPECT_EQ(task->local_name, "userTask");
  EXPECT_EQ(task->qualified_name, "bpmn:userTask");
  EXPECT_EQ(task->name, "Approve & sign");
  EXPECT_EQ(task->line, LineOf(xml, R"(id="approve")"));
  EXPECT_EQ(task->parent, doc.Processes()[0]);
  const Element* docs = task->Child(ns::kModel, "documentation");
  ASSERT_NE(docs, nullptr);
  EXPECT_EQ(docs->text, "Check the <amount> first.");
  EXPECT_EQ(doc.FindById("start")->line, LineOf(xml, R"(id="start")"));
  EXPECT_EQ(doc.FindById("nope"), nullptr);
}

TEST(Reader, ResolvesNamespacesByUriWhateverThePrefix) {
  const std::string model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  const std::string variants[] = {
      R"(<definitions xmlns=")" + model + R"(" id="d"><process id="p"><task id="t"/></process></definitions>)",
      R"(<bpmn2:definitions xmlns:bpmn2=")" + model +
          R"(" id="d"><bpmn2:process id="p"><bpmn2:task id="t"/></bpmn2:process></bpmn2:definitions>)",
      R"(<semantic:definitions xmlns:semantic=")" + model +
          R"(" id="d"><semantic:process id="p"><semantic:task id="t"/></semantic:process></semantic:definitions>)",
      // A prefix rebound on an inner element.
      R"(<x:definitions xmlns:x=")" + model + R"(" id="d"><x:process id="p" xmlns:x=")" + model +
          R"("><x:task id="t"/></x:process></x:definitions>)",
  };
  for (const std::string& xml : variants) {
    Document doc = ReadOk(xml);
    const Element* t = doc.FindById("t");
    ASSERT_NE(t, nullptr) << xml;
    EXPECT_TRUE(t->IsModel("task")) << xml;
    EXPECT_EQ(doc.Processes().size(), 1u);
  }
}

TEST(Reader, KeepsVendorAndUnknownExtensionAttributes) {
  std::string xml = Bpmn(
      R"(<bpmn:userTask id="t" camunda:assignee="demo" zeebe:foo="bar" xmlns:acme="urn:acme" acme:cost="12" plain="x"/>)");
  Document doc = ReadOk(xml);
  const Element* t = doc.FindById("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->AttrOr(ns::kCamunda, "assignee"), "demo");
  EXPECT_EQ(t->AttrOr(ns::kZeebe, "foo"), "bar");
  EXPECT_EQ(t->AttrOr("urn:acme", "cost"), "12");
  EXPECT_EQ(t->AttrOr("", "plain"), "x");
  EXPECT_EQ(t->Attr("", "assignee"), nullptr) << "a prefixed attribute is not an unprefixed one";
  ASSERT_EQ(t->namespace_declarations.size(), 1u);
  EXPECT_EQ(t->namespace_declarations[0].prefix, "acme");
  ASSERT_EQ(t->attributes.size(), 5u);
  EXPECT_EQ(t->attributes[3].qualified_name, "acme:cost");
}

TEST(Reader, KeepsExtensionElementsAsRawXmlAndAsElements) {
  std::string xml = Bpmn(R"(<bpmn:serviceTask id="t">
  <bpmn:extensionElements>
    <zeebe:taskDefinition type="charge" retries="5"/>
    <acme:audit xmlns:acme="urn:acme" level="high"><acme:note>keep me</acme:note></acme:audit>
  </bpmn:extensionElements>
</bpmn:serviceTask>)");
  Document doc = ReadOk(xml);
  const Element* t = doc.FindById("t");
  const Element* ext = t->Child(ns::kModel, "extensionElements");
  ASSERT_NE(ext, nullptr);
  EXPECT_NE(ext->raw_xml.find(R"(<zeebe:taskDefinition type="charge" retries="5"/>)"), std::string::npos)
      << ext->raw_xml;
  EXPECT_NE(ext->raw_xml.find(R"(<acme:note>keep me</acme:note>)"), std::string::npos);
  ASSERT_EQ(t->Extensions().size(), 2u);
  const Element* def = t->Extension(ns::kZeebe, "taskDefinition");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->AttrOr("", "retries"), "5");
  EXPECT_EQ(def->line, LineOf(xml, "<zeebe:taskDefinition"));
  const Element* audit = t->Extension("urn:acme", "audit");
  ASSERT_NE(audit, nullptr);
  EXPECT_EQ(audit->children[0]->text, "keep me");
}

TEST(Reader, KeepsDiagramInterchange) {
  std::string xml = std::string("<bpmn:definitions ") + std::string(testing::kNamespaces) + R"( id="d">
<bpmn:process id="p"><bpmn:task id="a"/><bpmn:task id="b"/>
<bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"/></bpmn:process>
<bpmndi:BPMNDiagram id="diagram" name="Main">
  <bpmndi:BPMNPlane id="plane" bpmnElement="p">
    <bpmndi:BPMNShape id="a_di" bpmnElement="a" isExpanded="true">
      <dc:Bounds x="10.5" y="20" width="100" height="80"/>
      <bpmndi:BPMNLabel><dc:Bounds x="1" y="2" width="3" height="4"/></bpmndi:BPMNLabel>
    </bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="b_di" bpmnElement="b"><dc:Bounds x="200" y="20" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f_di" bpmnElement="f">
      <di:waypoint x="110.5" y="60"/>
      <di:waypoint x="150" y="60"/>
      <di:waypoint x="200" y="60"/>
    </bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane>
</bpmndi:BPMNDiagram>
</bpmn:definitions>)";
  Document doc = ReadOk(xml);
  ASSERT_EQ(doc.diagrams().size(), 1u);
  const Diagram& d = doc.diagrams()[0];
  EXPECT_EQ(d.id, "diagram");
  EXPECT_EQ(d.name, "Main");
  EXPECT_EQ(d.plane_element, "p");
  ASSERT_EQ(d.shapes.size(), 2u);
  const DiShape* a = d.FindShape("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->id, "a_di");
  EXPECT_DOUBLE_EQ(a->bounds.x, 10.5);
  EXPECT_DOUBLE_EQ(a->bounds.height, 80);
  ASSERT_TRUE(a->label_bounds.has_value());
  EXPECT_DOUBLE_EQ(a->label_bounds->width, 3);
  EXPECT_EQ(a->is_expanded, true);
  EXPECT_FALSE(a->is_horizontal.has_value());
  EXPECT_EQ(a->line, LineOf(xml, R"(id="a_di")"));
  const DiEdge* f = d.FindEdge("f");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->waypoints.size(), 3u);
  EXPECT_DOUBLE_EQ(f->waypoints[0].x, 110.5);
  EXPECT_DOUBLE_EQ(f->waypoints[2].x, 200);
  // DI elements are in the id index too (ids are unique across the whole document).
  EXPECT_NE(doc.FindById("f_di"), nullptr);
}

TEST(Reader, AcceptsAByteOrderMarkAndCrLfLineEnds) {
  std::string xml = "\xEF\xBB\xBF" + Bpmn("<bpmn:task id=\"a\"/>\r\n<bpmn:task id=\"b\"/>");
  Document doc = ReadOk(xml);
  EXPECT_EQ(doc.FindById("b")->line, LineOf(xml, R"(id="b")"));
}

TEST(Reader, PointersSurviveMovingTheDocument) {
  Document doc = ReadOk(Bpmn(R"(<bpmn:task id="t"/>)"));
  const Element* before = doc.FindById("t");
  Document moved = std::move(doc);
  EXPECT_EQ(moved.FindById("t"), before);
  EXPECT_EQ(moved.FindById("t")->parent, moved.Processes()[0]);
}

TEST(Reader, RefusesADoctype) {
  std::string xml = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">&lol2;</process></definitions>)";
  Problem p = ReadFails(xml);
  EXPECT_EQ(p.line, 2);
  EXPECT_NE(p.message.find("DOCTYPE is not allowed"), std::string::npos) << p.message;
  EXPECT_EQ(ReadDocument(xml).status().code(), StatusCode::kInvalidArgument);
}

TEST(Reader, ADoctypeInACommentOrCdataIsText) {
  ReadOk(Bpmn(R"(<!-- <!DOCTYPE x> -->
<bpmn:task id="t"><bpmn:documentation><![CDATA[<!DOCTYPE y>]]></bpmn:documentation></bpmn:task>)"));
}

TEST(Reader, CapsNestingDepth) {
  std::string inner;
  for (int i = 0; i < 300; ++i) inner += "<a:x xmlns:a=\"urn:a\">";
  for (int i = 0; i < 300; ++i) inner += "</a:x>";
  std::string xml =
      Bpmn(R"(<bpmn:task id="t"><bpmn:extensionElements>)" + inner + "</bpmn:extensionElements></bpmn:task>");
  Problem p = ReadFails(xml);
  EXPECT_NE(p.message.find("nested more than 256 levels"), std::string::npos) << p.message;
  EXPECT_EQ(ReadDocument(xml).status().code(), StatusCode::kResourceExhausted);
  ReadOptions generous;
  generous.max_depth = 400;
  EXPECT_TRUE(ReadDocument(xml, generous).ok());
}

TEST(Reader, CapsInputSizeAndElementCount) {
  std::string xml = Bpmn(R"(<bpmn:task id="t"/>)");
  ReadOptions small;
  small.max_bytes = 100;
  Problem p = ReadFails(xml, small);
  EXPECT_EQ(p.line, 1);
  EXPECT_NE(p.message.find("above the limit of 100 bytes"), std::string::npos) << p.message;
  EXPECT_EQ(ReadDocument(xml, small).status().code(), StatusCode::kResourceExhausted);

  ReadOptions few;
  few.max_elements = 2;
  p = ReadFails(xml, few);
  EXPECT_NE(p.message.find("more than 2 elements"), std::string::npos) << p.message;
}

TEST(Reader, MalformedXmlReportsItsLine) {
  std::string xml = Bpmn(R"(<bpmn:task id="a"/>
<bpmn:task id="b">
</bpmn:userTask>)");
  Problem p = ReadFails(xml);
  EXPECT_EQ(p.line, LineOf(xml, "</bpmn:userTask>"));
  EXPECT_NE(p.message.find("malformed XML"), std::string::npos) << p.message;
  EXPECT_TRUE(p.element.empty());

  EXPECT_EQ(ReadFails("").message, "malformed XML: no document element found");
  EXPECT_EQ(ReadFails("not xml at all").line, 1);
}

TEST(Reader, RefusesANonBpmnRoot) {
  Problem p = ReadFails("<?xml version=\"1.0\"?>\n<html id=\"x\"><body/></html>");
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.element, "x");
  EXPECT_NE(p.message.find("not a BPMN 2.0 document: the root element is 'html' in no namespace"), std::string::npos)
      << p.message;
  // The BPMN 2.0 beta namespace is not the standard's.
  p = ReadFails(R"(<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0"/>)");
  EXPECT_NE(p.message.find("http://schema.omg.org/spec/BPMN/2.0"), std::string::npos);
}

TEST(Reader, RefusesAnUndeclaredPrefix) {
  std::string xml = Bpmn(R"(<bpmn:task id="t"
  camunda:x="1" foo:y="2"/>)");
  Problem p = ReadFails(xml);
  EXPECT_EQ(p.line, LineOf(xml, R"(<bpmn:task id="t")"));
  EXPECT_EQ(p.message, "namespace prefix 'foo' is used but never declared");
}

TEST(LineIndex, MapsOffsetsToLines) {
  LineIndex lines("ab\ncd\n\nef");
  EXPECT_EQ(lines.LineAt(0), 1);
  EXPECT_EQ(lines.LineAt(2), 1);  // the newline itself ends line 1
  EXPECT_EQ(lines.LineAt(3), 2);
  EXPECT_EQ(lines.LineAt(6), 3);
  EXPECT_EQ(lines.LineAt(7), 4);
  EXPECT_EQ(lines.LineAt(1000), 4);
  EXPECT_EQ(LineIndex("").LineAt(0), 1);
}

TEST(ScanMarkup, IgnoresMarkupInsideQuotesCommentsAndCdata) {
  EXPECT_TRUE(ScanMarkup(R"(<a x="<!DOCTYPE >"><?pi <b> ?><!-- <c><c><c> --></a>)", {2, 10}).ok);
  EXPECT_FALSE(ScanMarkup("<a><b><c/></b></a>", {1, 10}).ok);
  EXPECT_TRUE(ScanMarkup("<a><b/><b/><b/></a>", {1, 10}).ok);
  ScanFinding f = ScanMarkup("<a>\n<b>\n<c>", {2, 10});
  EXPECT_FALSE(f.ok);
  EXPECT_EQ(f.offset, 8u);
}

}  // namespace
}  // namespace ordo::bpmn
