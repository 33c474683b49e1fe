#include "dmn/reader.h"

#include "dmn/xml.h"

namespace ordo::dmn {
namespace {

using xml::Attribute;
using xml::Child;
using xml::Children;
using xml::ChildText;
using xml::LocalName;

class Reader {
 public:
  explicit Reader(const xml::XmlDocument& doc) : doc_(doc) {}

  Definitions Read(const pugi::xml_node& root) {
    Definitions d;
    d.name = root.attribute("name").value();
    d.namespace_uri = root.attribute("namespace").value();
    for (pugi::xml_node child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = LocalName(child);
      if (name == "import") {
        d.imports.push_back(ImportDoc{child.attribute("name").value(), child.attribute("namespace").value(),
                                      child.attribute("locationURI").value(), child.attribute("importType").value()});
      } else if (name == "itemDefinition") {
        d.item_definitions.push_back(ItemDefinition(child));
      } else if (name == "decision") {
        d.elements.push_back(Element(child, DrgKind::kDecision));
      } else if (name == "inputData") {
        d.elements.push_back(Element(child, DrgKind::kInputData));
      } else if (name == "businessKnowledgeModel") {
        d.elements.push_back(Element(child, DrgKind::kBusinessKnowledgeModel));
      } else if (name == "decisionService") {
        d.elements.push_back(Element(child, DrgKind::kDecisionService));
      }
    }
    return d;
  }

 private:
  // DMN 1.5 §7.3.2 (item definitions); the 1.1 XML spells typeRef as an element.
  ItemDefinitionDoc ItemDefinition(const pugi::xml_node& node) {
    ItemDefinitionDoc item;
    item.name = node.attribute("name").value();
    item.line = doc_.Line(node);
    item.type_ref = node.attribute("typeRef").value();
    if (pugi::xml_node t = Child(node, "typeRef")) item.type_ref = t.text().get();
    item.is_collection = std::string_view(node.attribute("isCollection").value()) == "true";
    item.allowed_values = ChildText(node, "allowedValues");
    if (pugi::xml_node f = Child(node, "functionItem")) {
      item.function_type = true;
      item.function_output_type = f.attribute("outputTypeRef").value();
    }
    for (pugi::xml_node component : Children(node, "itemComponent")) item.components.push_back(ItemDefinition(component));
    return item;
  }

  static std::vector<std::string> Hrefs(const pugi::xml_node& node, std::string_view requirement,
                                        std::string_view reference) {
    std::vector<std::string> out;
    for (pugi::xml_node r : Children(node, requirement)) {
      if (pugi::xml_node ref = Child(r, reference)) out.push_back(ref.attribute("href").value());
    }
    return out;
  }

  static std::vector<std::string> DirectHrefs(const pugi::xml_node& node, std::string_view name) {
    std::vector<std::string> out;
    for (pugi::xml_node r : Children(node, name)) out.push_back(r.attribute("href").value());
    return out;
  }

  DrgElementDoc Element(const pugi::xml_node& node, DrgKind kind) {
    DrgElementDoc e;
    e.kind = kind;
    e.id = node.attribute("id").value();
    e.name = node.attribute("name").value();
    e.line = doc_.Line(node);
    if (pugi::xml_node variable = Child(node, "variable")) e.type_ref = variable.attribute("typeRef").value();
    e.required_decisions = Hrefs(node, "informationRequirement", "requiredDecision");
    e.required_inputs = Hrefs(node, "informationRequirement", "requiredInput");
    e.required_knowledge = Hrefs(node, "knowledgeRequirement", "requiredKnowledge");
    if (kind == DrgKind::kBusinessKnowledgeModel) {
      if (pugi::xml_node logic = Child(node, "encapsulatedLogic")) e.logic = FunctionDefinition(logic);
    } else if (kind == DrgKind::kDecisionService) {
      e.output_decisions = DirectHrefs(node, "outputDecision");
      e.encapsulated_decisions = DirectHrefs(node, "encapsulatedDecision");
      e.input_decisions = DirectHrefs(node, "inputDecision");
      e.input_data = DirectHrefs(node, "inputData");
    } else if (kind == DrgKind::kDecision) {
      for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element && IsExpression(LocalName(child))) {
          e.logic = Expression(child);
          break;
        }
      }
    }
    return e;
  }

  static bool IsExpression(std::string_view name) {
    return name == "literalExpression" || name == "decisionTable" || name == "context" || name == "invocation" ||
           name == "relation" || name == "list" || name == "functionDefinition" || name == "conditional" ||
           name == "filter" || name == "for" || name == "some" || name == "every";
  }

  // The first boxed expression among a node's children (a context entry's value, a binding's).
  Boxed FirstExpression(const pugi::xml_node& node) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_element && IsExpression(LocalName(child))) return Expression(child);
    }
    return Boxed{};
  }

  Boxed FunctionDefinition(const pugi::xml_node& node) {
    Boxed b;
    b.kind = BoxedKind::kFunctionDefinition;
    b.line = doc_.Line(node);
    b.type_ref = node.attribute("typeRef").value();
    b.text = node.attribute("kind").value();
    for (pugi::xml_node p : Children(node, "formalParameter")) {
      b.names.push_back(p.attribute("name").value());
      b.parameter_types.push_back(p.attribute("typeRef").value());
    }
    b.children.push_back(FirstExpression(node));
    return b;
  }

  // DMN 1.5 §10.2 boxed expressions; the child element holding each part is named by the spec.
  Boxed Expression(const pugi::xml_node& node) {
    std::string_view name = LocalName(node);
    Boxed b;
    b.line = doc_.Line(node);
    b.type_ref = node.attribute("typeRef").value();
    if (name == "literalExpression") {
      b.kind = BoxedKind::kLiteral;
      pugi::xml_node text = Child(node, "text");
      b.text = text ? text.text().get() : "";
    } else if (name == "decisionTable") {
      b.kind = BoxedKind::kDecisionTable;
      b.table = std::make_shared<const DecisionTableDoc>(DecisionTable(node));
    } else if (name == "context") {
      b.kind = BoxedKind::kContext;
      for (pugi::xml_node entry : Children(node, "contextEntry")) {
        pugi::xml_node variable = Child(entry, "variable");
        b.names.push_back(variable ? variable.attribute("name").value() : "");
        b.parameter_types.push_back(variable ? variable.attribute("typeRef").value() : "");
        b.children.push_back(FirstExpression(entry));
      }
    } else if (name == "invocation") {
      b.kind = BoxedKind::kInvocation;
      pugi::xml_node callee = Child(node, "literalExpression");
      if (pugi::xml_node text = Child(callee, "text")) b.text = text.text().get();
      for (pugi::xml_node binding : Children(node, "binding")) {
        pugi::xml_node parameter = Child(binding, "parameter");
        b.names.push_back(parameter.attribute("name").value());
        b.children.push_back(FirstExpression(binding));
      }
    } else if (name == "relation") {
      b.kind = BoxedKind::kRelation;
      for (pugi::xml_node column : Children(node, "column")) b.names.push_back(column.attribute("name").value());
      for (pugi::xml_node row : Children(node, "row")) {
        size_t cells = 0;
        for (pugi::xml_node cell : row.children()) {
          if (cell.type() != pugi::node_element || !IsExpression(LocalName(cell))) continue;
          if (cells++ < b.names.size()) b.children.push_back(Expression(cell));
        }
        for (; cells < b.names.size(); ++cells) b.children.push_back(Boxed{});
      }
    } else if (name == "list") {
      b.kind = BoxedKind::kList;
      for (pugi::xml_node item : node.children()) {
        if (item.type() == pugi::node_element && IsExpression(LocalName(item))) b.children.push_back(Expression(item));
      }
    } else if (name == "functionDefinition") {
      return FunctionDefinition(node);
    } else if (name == "conditional") {
      b.kind = BoxedKind::kConditional;
      for (std::string_view part : {"if", "then", "else"}) b.children.push_back(FirstExpression(Child(node, part)));
    } else if (name == "filter") {
      b.kind = BoxedKind::kFilter;
      for (std::string_view part : {"in", "match"}) b.children.push_back(FirstExpression(Child(node, part)));
    } else {  // for, some, every
      b.kind = name == "for" ? BoxedKind::kFor : name == "some" ? BoxedKind::kSome : BoxedKind::kEvery;
      b.names.push_back(node.attribute("iteratorVariable").value());
      b.children.push_back(FirstExpression(Child(node, "in")));
      b.children.push_back(FirstExpression(Child(node, name == "for" ? "return" : "satisfies")));
    }
    return b;
  }

  // DMN 1.5 §8.3.
  DecisionTableDoc DecisionTable(const pugi::xml_node& node) {
    DecisionTableDoc t;
    if (pugi::xml_attribute hp = node.attribute("hitPolicy")) t.hit_policy = hp.value();
    t.aggregation = node.attribute("aggregation").value();
    t.output_label = node.attribute("outputLabel").value();
    for (pugi::xml_node input : Children(node, "input")) {
      pugi::xml_node expression = Child(input, "inputExpression");
      InputClause clause;
      if (pugi::xml_node text = Child(expression, "text")) clause.expression = text.text().get();
      clause.type_ref = expression.attribute("typeRef").value();
      clause.input_values = ChildText(input, "inputValues");
      t.inputs.push_back(std::move(clause));
    }
    for (pugi::xml_node output : Children(node, "output")) {
      OutputClause clause;
      clause.name = output.attribute("name").value();
      clause.type_ref = output.attribute("typeRef").value();
      clause.output_values = ChildText(output, "outputValues");
      clause.default_output = ChildText(output, "defaultOutputEntry");
      t.outputs.push_back(std::move(clause));
    }
    for (pugi::xml_node rule : Children(node, "rule")) {
      RuleDoc r;
      r.id = rule.attribute("id").value();
      r.line = doc_.Line(rule);
      for (pugi::xml_node entry : Children(rule, "inputEntry")) r.input_entries.push_back(ChildTextOf(entry));
      for (pugi::xml_node entry : Children(rule, "outputEntry")) r.output_entries.push_back(ChildTextOf(entry));
      t.rules.push_back(std::move(r));
    }
    return t;
  }

  static std::string ChildTextOf(const pugi::xml_node& node) {
    pugi::xml_node text = Child(node, "text");
    return text ? text.text().get() : "";
  }

  const xml::XmlDocument& doc_;
};

}  // namespace

Result<Definitions> ReadDefinitions(std::string_view text, std::string_view file) {
  if (text.size() > kMaxDocumentBytes) return ResourceExhausted(std::string(file) + ": document too large");
  xml::XmlDocument doc;
  RETURN_IF_ERROR(doc.Parse(text, file, kMaxXmlDepth));
  pugi::xml_node root = doc.doc().document_element();
  if (!root || LocalName(root) != "definitions") {
    return InvalidArgument(std::string(file) + ":1: the root element is not <definitions>");
  }
  Definitions d = Reader(doc).Read(root);
  d.file = std::string(file);
  return d;
}

Result<Definitions> ReadDefinitionsFile(const std::string& path) {
  std::string text;
  RETURN_IF_ERROR(xml::ReadFile(path, kMaxDocumentBytes, text));
  return ReadDefinitions(text, path);
}

}  // namespace ordo::dmn
