#include "bpmn/validator.h"

#include <gtest/gtest.h>

#include "bpmn/reader.h"
#include "test_models.h"

namespace ordo::bpmn {
namespace {

using testing::Bpmn;
using testing::Linear;
using testing::LineOf;

std::vector<Problem> ValidateXml(std::string_view xml) {
  Problem problem;
  Result<Document> doc = ReadDocument(xml, {}, &problem);
  if (!doc.ok()) return {problem};
  return Validate(*doc);
}

std::string Describe(const std::vector<Problem>& problems) {
  std::string s;
  for (const Problem& p : problems) s += "\n  " + p.ToString();
  return s;
}

// Expects exactly one problem, on `element` at the line where `needle` first appears, whose
// message contains `message`.
void ExpectOnly(const std::string& xml, std::string_view element, std::string_view needle, std::string_view message) {
  std::vector<Problem> problems = ValidateXml(xml);
  ASSERT_EQ(problems.size(), 1u) << Describe(problems);
  EXPECT_EQ(problems[0].element, element) << Describe(problems);
  EXPECT_EQ(problems[0].line, LineOf(xml, needle)) << Describe(problems);
  EXPECT_NE(problems[0].message.find(message), std::string::npos) << Describe(problems);
}

TEST(Validator, AcceptsEverySupportedKind) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:parallelGateway id="fork"/>
<bpmn:task id="t"/>
<bpmn:manualTask id="m"/>
<bpmn:userTask id="u" camunda:assignee="demo"/>
<bpmn:serviceTask id="s" camunda:type="external" camunda:topic="charge"/>
<bpmn:scriptTask id="sc" scriptFormat="feel"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>
<bpmn:parallelGateway id="join"/>
<bpmn:exclusiveGateway id="choice" default="toEnd"/>
<bpmn:endEvent id="end"/>
<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
<bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="t"/>
<bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="m"/>
<bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="u"/>
<bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="s"/>
<bpmn:sequenceFlow id="f5" sourceRef="fork" targetRef="sc"/>
<bpmn:sequenceFlow id="f6" sourceRef="t" targetRef="join"/>
<bpmn:sequenceFlow id="f7" sourceRef="m" targetRef="join"/>
<bpmn:sequenceFlow id="f8" sourceRef="u" targetRef="join"/>
<bpmn:sequenceFlow id="f9" sourceRef="s" targetRef="join"/>
<bpmn:sequenceFlow id="f10" sourceRef="sc" targetRef="join"/>
<bpmn:sequenceFlow id="f11" sourceRef="join" targetRef="choice"/>
<bpmn:sequenceFlow id="toEnd" sourceRef="choice" targetRef="end"/>
<bpmn:sequenceFlow id="toStop" sourceRef="choice" targetRef="stop">
  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=x > 5</bpmn:conditionExpression>
</bpmn:sequenceFlow>
<bpmn:laneSet id="lanes"><bpmn:lane id="l1"><bpmn:flowNodeRef>t</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
<bpmn:textAnnotation id="note"><bpmn:text>hello</bpmn:text></bpmn:textAnnotation>)");
  std::vector<Problem> problems = ValidateXml(xml);
  EXPECT_TRUE(problems.empty()) << Describe(problems);
}

TEST(Validator, ATaskWithoutOutgoingFlowEndsImplicitly) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:task id="t"/>
<bpmn:sequenceFlow id="f" sourceRef="start" targetRef="t"/>)");
  EXPECT_TRUE(ValidateXml(xml).empty()) << Describe(ValidateXml(xml));
}

TEST(Validator, DuplicateIds) {
  std::string xml = Linear(R"(<bpmn:task id="n"/>
<bpmn:task id="start"/>)");
  std::vector<Problem> problems = ValidateXml(xml);
  // The second "start" is also a task without incoming flow (flows resolve to the first).
  ASSERT_EQ(problems.size(), 2u) << Describe(problems);
  const Problem& duplicate = problems[1];
  EXPECT_EQ(duplicate.element, "start");
  EXPECT_EQ(duplicate.line, LineOf(xml, R"(<bpmn:task id="start")"));
  EXPECT_EQ(duplicate.message,
            "duplicate id 'start' (also used on line " + std::to_string(LineOf(xml, R"(id="start")")) + ")");
}

TEST(Validator, NoExecutableProcess) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="s"/>)", R"(id="Order" isExecutable="false")");
  ExpectOnly(xml, "Order", R"(id="Order")", "process 'Order' is not executable (isExecutable=\"false\")");

  std::string empty =
      std::string("<bpmn:definitions ") + std::string(testing::kNamespaces) + " id=\"defs\">\n</bpmn:definitions>";
  ExpectOnly(empty, "defs", "<bpmn:definitions", "the document defines no process");
}

TEST(Validator, OnlyExecutableProcessesAreChecked) {
  std::string xml = std::string("<bpmn:definitions ") + std::string(testing::kNamespaces) + R"(>
<bpmn:process id="doc" isExecutable="false"><bpmn:boundaryEvent id="b"/></bpmn:process>
<bpmn:process id="run" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>
</bpmn:definitions>)";
  EXPECT_TRUE(ValidateXml(xml).empty()) << Describe(ValidateXml(xml));
}

TEST(Validator, FlowReferencesMustNameFlowNodesOfTheSameProcess) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:task id="t"/>
<bpmn:dataObject id="data"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
<bpmn:sequenceFlow id="missing" sourceRef="t" targetRef="nowhere"/>
<bpmn:sequenceFlow id="toData" sourceRef="t" targetRef="data"/>
<bpmn:sequenceFlow id="noSource" targetRef="t"/>)");
  std::vector<Problem> problems = ValidateXml(xml);
  ASSERT_EQ(problems.size(), 3u) << Describe(problems);
  EXPECT_EQ(problems[0].element, "missing");
  EXPECT_EQ(problems[0].line, LineOf(xml, R"(id="missing")"));
  EXPECT_EQ(problems[0].message, "targetRef 'nowhere' does not name any element");
  EXPECT_EQ(problems[1].element, "toData");
  EXPECT_EQ(problems[1].message, "targetRef 'data' names a 'dataObject', not a flow node");
  EXPECT_EQ(problems[2].element, "noSource");
  EXPECT_EQ(problems[2].message, "sequence flow has no sourceRef");
}

TEST(Validator, FlowsMustNotCrossProcesses) {
  std::string xml = std::string("<bpmn:definitions ") + std::string(testing::kNamespaces) + R"(>
<bpmn:process id="a"><bpmn:startEvent id="s"/>
<bpmn:sequenceFlow id="cross" sourceRef="s" targetRef="other"/></bpmn:process>
<bpmn:process id="b" isExecutable="false"><bpmn:task id="other"/></bpmn:process>
</bpmn:definitions>)";
  ExpectOnly(xml, "cross", R"(id="cross")", "targetRef 'other' names a flow node outside process 'a'");
}

TEST(Validator, UnsupportedKindsAreNamedPrecisely) {
  struct Case {
    std::string node;
    std::string message;
  };
  const Case cases[] = {
      {R"(<bpmn:callActivity id="n"/>)", "call activity has no called process"},
      {R"(<bpmn:callActivity id="n" calledElement="x" camunda:calledElementBinding="deployment"/>)",
       "unsupported camunda:calledElementBinding=\"deployment\" (latest and version are supported)"},
      {R"(<bpmn:callActivity id="n" calledElement="x" camunda:calledElementBinding="version"/>)",
       "camunda:calledElementBinding=\"version\" needs camunda:calledElementVersion"},
      {R"(<bpmn:businessRuleTask id="n"/>)", "business rule task has no decision"},
      {R"(<bpmn:subProcess id="n"/>)", "unsupported element kind 'subProcess'"},
      {R"(<bpmn:inclusiveGateway id="n"/>)", "unsupported element kind 'inclusiveGateway'"},
      {R"(<bpmn:intermediateCatchEvent id="n"><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>)",
       "unsupported element kind 'intermediateCatchEvent'"},
      {R"(<bpmn:userTask id="n"><bpmn:multiInstanceLoopCharacteristics/></bpmn:userTask>)",
       "unsupported 'multiInstanceLoopCharacteristics' on 'userTask'"},
      {R"(<bpmn:endEvent id="n"><bpmn:messageEventDefinition/></bpmn:endEvent>)",
       "unsupported element kind 'endEvent' with 'messageEventDefinition'"},
  };
  for (const Case& c : cases) {
    std::string xml = Linear(c.node);
    std::vector<Problem> problems = ValidateXml(xml);
    ASSERT_EQ(problems.size(), 1u) << c.node << Describe(problems);
    EXPECT_EQ(problems[0].element, "n");
    EXPECT_EQ(problems[0].line, LineOf(xml, R"(id="n")"));
    EXPECT_EQ(problems[0].message.substr(0, c.message.size()), c.message) << Describe(problems);
  }

  std::string boundary = Linear(R"(<bpmn:task id="n"/>
<bpmn:boundaryEvent id="timeout" attachedToRef="n"><bpmn:timerEventDefinition/></bpmn:boundaryEvent>)");
  ExpectOnly(boundary, "timeout", R"(id="timeout")", "unsupported element kind 'boundaryEvent'");
}

TEST(Validator, TimerStartEventIsUnsupportedAndLeavesNoNoneStart) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="tick"><bpmn:timerEventDefinition/></bpmn:startEvent>
<bpmn:task id="t"/>
<bpmn:sequenceFlow id="f" sourceRef="tick" targetRef="t"/>)");
  std::vector<Problem> problems = ValidateXml(xml);
  ASSERT_EQ(problems.size(), 2u) << Describe(problems);
  EXPECT_EQ(problems[0].element, "p");
  EXPECT_EQ(problems[0].message.substr(0, 37), "process 'p' has no none start event (");
  EXPECT_EQ(problems[1].element, "tick");
  EXPECT_EQ(problems[1].message,
            "unsupported element kind 'startEvent' with 'timerEventDefinition' (only none start "
            "events are supported)");
  // The task's only incoming flow comes from the unsupported start event: it still has one, so
  // nothing else is reported.
}

TEST(Validator, DefaultFlowMustBeOutgoing) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g" default="f1"/>
<bpmn:endEvent id="a"/>
<bpmn:endEvent id="b"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="b"><bpmn:conditionExpression>not(x)</bpmn:conditionExpression></bpmn:sequenceFlow>)");
  ExpectOnly(xml, "g", R"(id="g")", "default flow 'f1' is not an outgoing sequence flow of this element");
}

TEST(Validator, DefaultFlowMustBeUnconditional) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g" default="f2"/>
<bpmn:endEvent id="a"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>)");
  ExpectOnly(xml, "f2", R"(id="f2")", "the default flow of 'g' must not have a condition");
}

TEST(Validator, ExclusiveBranchesNeedConditions) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g"/>
<bpmn:endEvent id="a"/>
<bpmn:endEvent id="b"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="a"><bpmn:conditionExpression>x</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="b"/>)");
  ExpectOnly(xml, "f3", R"(id="f3")", "needs a condition or must be the gateway's default flow");
}

TEST(Validator, NoConditionsOutOfParallelGateways) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:parallelGateway id="fork"/>
<bpmn:endEvent id="a"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
<bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a">
  <bpmn:conditionExpression>x</bpmn:conditionExpression>
</bpmn:sequenceFlow>)");
  ExpectOnly(xml, "f2", R"(id="f2")", "conditions on sequence flows out of parallel gateway 'fork' are not allowed");
}

TEST(Validator, InvalidFeelConditionAndScript) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g" default="f3"/>
<bpmn:endEvent id="a"/>
<bpmn:endEvent id="b"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="a">
  <bpmn:conditionExpression>= amount &gt;</bpmn:conditionExpression>
</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="b"/>)");
  ExpectOnly(xml, "f2", "amount &gt;", "invalid FEEL in condition 'amount >': line 1, column");

  std::string script = Linear(R"(<bpmn:scriptTask id="n" scriptFormat="feel">
  <bpmn:script>(1 + 2</bpmn:script>
</bpmn:scriptTask>)");
  ExpectOnly(script, "n", "<bpmn:script>", "invalid FEEL in script '(1 + 2': line 1");
}

TEST(Validator, ScriptFormatAndEmptyScript) {
  std::string js = Linear(R"(<bpmn:scriptTask id="n" scriptFormat="javascript">
  <bpmn:script>var x = 1;</bpmn:script>
</bpmn:scriptTask>)");
  ExpectOnly(js, "n", R"(id="n")", "unsupported script format 'javascript' (only FEEL scripts run");
  std::string empty = Linear(R"(<bpmn:scriptTask id="n" scriptFormat="feel">
  <bpmn:script>  </bpmn:script>
</bpmn:scriptTask>)");
  ExpectOnly(empty, "n", "<bpmn:script>", "script task has an empty script");
  std::string none = Linear(R"(<bpmn:scriptTask id="n"/>)");
  ExpectOnly(none, "n", R"(id="n")", "script task has an empty script");
}

TEST(Validator, ServiceTaskNeedsAJobType) {
  std::string xml = Linear(R"(<bpmn:serviceTask id="n" name="Charge"/>)");
  ExpectOnly(xml, "n", R"(id="n")", "service task has no job type");
  std::string no_topic = Linear(R"(<bpmn:serviceTask id="n" camunda:type="external"/>)");
  ExpectOnly(no_topic, "n", R"(id="n")", "external service task has no camunda:topic");
  std::string empty_type = Linear(R"(<bpmn:serviceTask id="n">
  <bpmn:extensionElements>
    <zeebe:taskDefinition retries="2"/>
  </bpmn:extensionElements>
</bpmn:serviceTask>)");
  ExpectOnly(empty_type, "n", "<zeebe:taskDefinition", "zeebe:taskDefinition has no type");
  std::string bad_retries = Linear(R"(<bpmn:serviceTask id="n">
  <bpmn:extensionElements>
    <zeebe:taskDefinition type="charge" retries="three"/>
  </bpmn:extensionElements>
</bpmn:serviceTask>)");
  ExpectOnly(bad_retries, "n", "<zeebe:taskDefinition", "retries must be a non-negative whole number");
}

TEST(Validator, JavaDelegatesBecomeJobsAndJuelMethodCallsAreRefused) {
  // camunda:class and a bean-name delegateExpression name the job type a worker subscribes to.
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:serviceTask id="n" camunda:class="org.example.Charge"/>)")).empty());
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:serviceTask id="n" camunda:delegateExpression="${charge}"/>)")).empty());
  ExpectOnly(Linear(R"(<bpmn:serviceTask id="n" camunda:expression="${charge.run(execution)}"/>)"), "n", R"(id="n")",
             "unsupported service task implementation camunda:expression=\"${charge.run(execution)}\": a JUEL "
             "method call never runs in Ordo");
  ExpectOnly(Linear(R"(<bpmn:serviceTask id="n" camunda:delegateExpression="${beans.get('x')}"/>)"), "n",
             R"(id="n")", "unsupported camunda:delegateExpression=\"${beans.get('x')}\": only a bean name");
  ExpectOnly(Linear(R"(<bpmn:serviceTask id="n" camunda:class="${x}"/>)"), "n", R"(id="n")",
             "camunda:class=\"${x}\" is not a Java class name");
}

TEST(Validator, ActivitiNamespaceIsReadAsCamunda) {
  // Camunda 7 accepts its predecessor's namespace as an alias (the MIWG C.1.1 model binds
  // `camunda:` to it).
  std::string xml = Linear(
      R"(<bpmn:serviceTask id="n" xmlns:activiti="http://activiti.org/bpmn" activiti:delegateExpression="#{archive.x}"/>)");
  ExpectOnly(xml, "n", R"(id="n")", "unsupported camunda:delegateExpression=\"#{archive.x}\"");
}

TEST(Validator, ExternalScriptResourcesAreUnsupported) {
  std::string xml = Linear(R"(<bpmn:scriptTask id="n" scriptFormat="feel" camunda:resource="deployment://x.feel"/>)");
  ExpectOnly(xml, "n", R"(id="n")", "unsupported external script camunda:resource=\"deployment://x.feel\"");
}

TEST(Validator, JuelThatCannotRunIsNamedWithItsElement) {
  // JUEL reading variables is translated to FEEL (tests/bpmn/juel); JUEL calling Java is named.
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="g" default="no"/>
<bpmn:endEvent id="a"/>
<bpmn:endEvent id="b"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="g"/>
<bpmn:sequenceFlow id="yes" sourceRef="g" targetRef="a">
  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${rules.approve(invoice)}</bpmn:conditionExpression>
</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="no" sourceRef="g" targetRef="b"/>)");
  ExpectOnly(xml, "yes", "${rules", "JUEL expression '${rules.approve(invoice)}' in the condition cannot run: "
                                    "column 8: method calls never run in Ordo");
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:userTask id="n" camunda:assignee="#{x}"/>)")).empty());
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:userTask id="n" camunda:candidateGroups="${approverGroups}"/>)")).empty());
  std::string bad = Linear(R"(<bpmn:userTask id="n" camunda:candidateGroups="${groups["/>)");
  ExpectOnly(bad, "n", R"(id="n")", "JUEL expression '${groups[' in camunda:candidateGroups cannot run: column 10");
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:userTask id="n" camunda:dueDate="${dateTime().plusDays(2)}"/>)")).empty());
  std::string due = Linear(R"(<bpmn:userTask id="n" camunda:dueDate="${dateTime().getMillis()}"/>)");
  ExpectOnly(due, "n", R"(id="n")", "JUEL expression '${dateTime().getMillis()}' in camunda:dueDate cannot run: column 13");
  ExpectOnly(Linear(R"(<bpmn:userTask id="n" camunda:dueDate="tomorrow"/>)"), "n", R"(id="n")",
             "camunda:dueDate 'tomorrow' is neither an ISO 8601 date-time");
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:userTask id="n" camunda:dueDate="P2D"/>)")).empty());
  EXPECT_TRUE(ValidateXml(Linear(R"(<bpmn:userTask id="n" camunda:dueDate="2026-01-01T09:00:00Z"/>)")).empty());
}

TEST(Validator, UnsupportedConditionLanguage) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:task id="t"/>
<bpmn:endEvent id="a"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="t"/>
<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="a">
  <bpmn:conditionExpression language="javascript">x == 1</bpmn:conditionExpression>
</bpmn:sequenceFlow>)");
  ExpectOnly(xml, "f2", "language=", "unsupported condition language 'javascript'");
}

TEST(Validator, ListenersAndMappingsAreUnsupportedExtensions) {
  std::string xml = Linear(R"(<bpmn:userTask id="n">
  <bpmn:extensionElements>
    <camunda:taskListener event="create" class="org.example.Listener"/>
  </bpmn:extensionElements>
</bpmn:userTask>)");
  // Listeners never run: the model deploys, and each one is a warning with its line.
  {
    Result<Document> doc = ReadDocument(xml);
    ASSERT_TRUE(doc.ok());
    std::vector<Problem> warnings;
    EXPECT_TRUE(Validate(*doc, &warnings).empty());
    ASSERT_EQ(warnings.size(), 1u) << Describe(warnings);
    EXPECT_EQ(warnings[0].element, "n");
    EXPECT_EQ(warnings[0].line, LineOf(xml, "<camunda:taskListener"));
    EXPECT_EQ(warnings[0].message,
              "camunda:taskListener on 'create' (Java class org.example.Listener) is not run: listeners never run in Ordo");
  }
  std::string io = Linear(R"(<bpmn:serviceTask id="n">
  <bpmn:extensionElements>
    <zeebe:taskDefinition type="x"/>
    <zeebe:ioMapping><zeebe:input source="=a" target="b"/></zeebe:ioMapping>
  </bpmn:extensionElements>
</bpmn:serviceTask>)");
  ExpectOnly(io, "n", "<zeebe:ioMapping", "unsupported extension 'zeebe:ioMapping'");
}

TEST(Validator, IncomingAndOutgoingRules) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:task id="orphan"/>
<bpmn:endEvent id="end"/>
<bpmn:task id="after"/>
<bpmn:exclusiveGateway id="dead"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
<bpmn:sequenceFlow id="f2" sourceRef="end" targetRef="after"/>
<bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="start"/>
<bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="dead"/>)");
  std::vector<Problem> problems = ValidateXml(xml);
  ASSERT_EQ(problems.size(), 4u) << Describe(problems);
  EXPECT_EQ(problems[0].element, "start");
  EXPECT_EQ(problems[0].message, "a start event must not have incoming sequence flows");
  EXPECT_EQ(problems[1].element, "orphan");
  EXPECT_EQ(problems[1].line, LineOf(xml, R"(id="orphan")"));
  EXPECT_EQ(problems[1].message, "'task' has no incoming sequence flow (only start events may begin a path)");
  EXPECT_EQ(problems[2].element, "end");
  EXPECT_EQ(problems[2].message, "an end event must not have outgoing sequence flows");
  EXPECT_EQ(problems[3].element, "dead");
  EXPECT_EQ(problems[3].message, "'exclusiveGateway' has no outgoing sequence flow to choose from");
}

TEST(Validator, CollectsEveryProblemSortedByLine) {
  std::string xml = Bpmn(R"(<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="a" camunda:expression="${x.y()}"/>
<bpmn:boundaryEvent id="b" attachedToRef="a"/>
<bpmn:scriptTask id="c" scriptFormat="groovy"><bpmn:script>x</bpmn:script></bpmn:scriptTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a"/>
<bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="c"/>
<bpmn:sequenceFlow id="f3" sourceRef="c" targetRef="zzz"/>)");
  std::vector<Problem> problems = ValidateXml(xml);
  ASSERT_EQ(problems.size(), 4u) << Describe(problems);
  EXPECT_EQ(problems[0].element, "a");
  EXPECT_EQ(problems[1].element, "b");
  EXPECT_EQ(problems[2].element, "c");
  EXPECT_EQ(problems[3].element, "f3");
  for (size_t i = 1; i < problems.size(); ++i) EXPECT_LE(problems[i - 1].line, problems[i].line);
}

}  // namespace
}  // namespace ordo::bpmn
