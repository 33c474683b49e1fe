// Small inline BPMN models for the bpmn tests, and a way to find the line of a piece of text so
// that tests can assert the exact line a problem reports.
#pragma once

#include <string>
#include <string_view>

namespace ordo::bpmn::testing {

inline constexpr std::string_view kNamespaces = R"(xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" )"
                                                R"(xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" )"
                                                R"(xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" )"
                                                R"(xmlns:di="http://www.omg.org/spec/DD/20100524/DI" )"
                                                R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )"
                                                R"(xmlns:camunda="http://camunda.org/schema/1.0/bpmn" )"
                                                R"(xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" )"
                                                R"(xmlns:ordo="https://ordo.dev/schema/bpmn/1.0")";

// A definitions document holding one process (prefix `bpmn:`) with `body` inside it.
inline std::string Bpmn(std::string_view body, std::string_view process_attributes = R"(id="p" isExecutable="true")") {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<bpmn:definitions " + std::string(kNamespaces) + " id=\"defs\">\n";
  xml += "<bpmn:process " + std::string(process_attributes) + ">\n";
  xml += body;
  if (!body.empty() && body.back() != '\n') xml += "\n";
  xml += "</bpmn:process>\n</bpmn:definitions>\n";
  return xml;
}

// A start event, one element and an end event in a row: start -> `node` -> end.
// REQUIRES: `node` has id="n" and is a single element (self-closed or not).
inline std::string Linear(std::string_view node) {
  std::string body = R"(<bpmn:startEvent id="start"/>)"
                     "\n";
  body += node;
  body += "\n";
  body += R"(<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="n"/>
<bpmn:sequenceFlow id="f2" sourceRef="n" targetRef="end"/>)";
  return Bpmn(body);
}

// The 1-based line of the first occurrence of `needle` in `text`, or 0 when absent.
inline int LineOf(std::string_view text, std::string_view needle) {
  size_t at = text.find(needle);
  if (at == std::string_view::npos) return 0;
  int line = 1;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

}  // namespace ordo::bpmn::testing
