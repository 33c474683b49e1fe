// Namespace URIs of the vocabularies a BPMN document mixes. Elements and attributes are matched by
// URI, never by prefix: exporters write `bpmn:`, `bpmn2:`, `semantic:` or a default namespace for
// the same BPMN model vocabulary.
#pragma once

#include <string_view>

namespace ordo::bpmn::ns {

// BPMN 2.0.2 §8 (the model) and §12 (diagram interchange).
inline constexpr std::string_view kModel = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::string_view kBpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
inline constexpr std::string_view kDc = "http://www.omg.org/spec/DD/20100524/DC";
inline constexpr std::string_view kDi = "http://www.omg.org/spec/DD/20100524/DI";
inline constexpr std::string_view kXsi = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr std::string_view kXmlns = "http://www.w3.org/2000/xmlns/";
inline constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";

// Vendor extensions read so that existing models run.
inline constexpr std::string_view kCamunda = "http://camunda.org/schema/1.0/bpmn";
// Camunda 7 still reads its predecessor's namespace as an alias of kCamunda; so do we.
inline constexpr std::string_view kActiviti = "http://activiti.org/bpmn";
inline constexpr std::string_view kZeebe = "http://camunda.org/schema/zeebe/1.0";
inline constexpr std::string_view kOrdo = "https://ordo.dev/schema/bpmn/1.0";

}  // namespace ordo::bpmn::ns
