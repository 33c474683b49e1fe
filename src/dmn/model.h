// The DMN document model (DMN 1.5 chapter 6-8 and 12): what a .dmn file says, as read, before it
// is compiled into an executable model (dmn/model_compiler.h). Names and FEEL texts are kept as
// written; nothing here is evaluated or checked beyond the XML's shape.
//
// Ownership: plain values; a Definitions owns everything in it.
// Thread-safety: immutable values once read.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace ordo::dmn {

// DMN 1.5 §7.3.4 boxed expressions (and the 1.4/1.5 additions of §10.2: conditional, filter,
// for, some, every).
enum class BoxedKind : uint8_t {
  kNone,
  kLiteral,             // text
  kDecisionTable,       // table
  kContext,             // names[i]: children[i] ("" for the final result entry)
  kInvocation,          // text: the callee; names[i]: children[i] bindings
  kRelation,            // names: the columns; children: row-major cells
  kList,                // children
  kFunctionDefinition,  // names: parameters (types in parameter_types); children[0]: body; text: kind
  kConditional,         // children: if, then, else
  kFilter,              // children: in, match
  kFor,                 // names[0]: the variable; children: in, return
  kSome,                // names[0]: the variable; children: in, satisfies
  kEvery,
};

struct DecisionTableDoc;

struct Boxed {
  BoxedKind kind = BoxedKind::kNone;
  std::string type_ref;
  int line = 0;
  std::string text;
  std::vector<std::string> names;
  std::vector<std::string> parameter_types;
  std::vector<Boxed> children;
  std::shared_ptr<const DecisionTableDoc> table;
};

// DMN 1.5 §8.3 decision tables.
struct InputClause {
  std::string expression;  // FEEL
  std::string type_ref;
  std::string input_values;  // unary tests, may be empty
};

struct OutputClause {
  std::string name;
  std::string type_ref;
  std::string output_values;   // unary tests, may be empty
  std::string default_output;  // FEEL, may be empty
};

struct RuleDoc {
  std::string id;
  int line = 0;
  std::vector<std::string> input_entries;   // unary tests
  std::vector<std::string> output_entries;  // FEEL expressions
};

struct DecisionTableDoc {
  std::string hit_policy = "UNIQUE";  // UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER, OUTPUT ORDER
  std::string aggregation;            // SUM, MIN, MAX, COUNT, or empty
  std::string output_label;
  std::vector<InputClause> inputs;
  std::vector<OutputClause> outputs;
  std::vector<RuleDoc> rules;
};

// DMN 1.5 §7.3.2 item definitions.
struct ItemDefinitionDoc {
  std::string name;
  std::string type_ref;  // empty for a structure (components) or a function type
  bool is_collection = false;
  std::string allowed_values;  // unary tests, may be empty
  std::vector<ItemDefinitionDoc> components;
  bool function_type = false;
  std::string function_output_type;  // a functionItem's outputTypeRef, may be empty
  int line = 0;
};

enum class DrgKind : uint8_t { kDecision, kInputData, kBusinessKnowledgeModel, kDecisionService };

struct DrgElementDoc {
  DrgKind kind = DrgKind::kDecision;
  std::string id;
  std::string name;
  std::string type_ref;  // the variable's typeRef
  int line = 0;
  // hrefs as written ("#id", or "namespace#id" for an imported element).
  std::vector<std::string> required_decisions;
  std::vector<std::string> required_inputs;
  std::vector<std::string> required_knowledge;
  Boxed logic;  // decision: its expression; BKM: a kFunctionDefinition
  // Decision services (§6.3.10).
  std::vector<std::string> output_decisions;
  std::vector<std::string> encapsulated_decisions;
  std::vector<std::string> input_decisions;
  std::vector<std::string> input_data;
};

struct ImportDoc {
  std::string name;
  std::string namespace_uri;
  std::string location;
  std::string import_type;
};

struct Definitions {
  std::string name;
  std::string namespace_uri;
  std::string file;  // where it was read from, for messages
  std::vector<ImportDoc> imports;
  std::vector<ItemDefinitionDoc> item_definitions;
  std::vector<DrgElementDoc> elements;
};

}  // namespace ordo::dmn
