// Types of a DMN model (DMN 1.5 §7.3.2 item definitions, §7.3.4 typeRef): each typeRef resolves
// to a feel::Type; item definitions add allowed values, collections and components. A value is
// checked against its declared type where DMN requires it (input data, decision results, BKM
// parameters); a value that does not conform becomes null with a diagnostic (§7.3.4).
// Thread-safety: a TypeSystem is immutable once built.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "dmn/model.h"
#include "feel/expression.h"
#include "feel/types.h"

namespace ordo::dmn {

class TypeSystem;

struct ItemType {
  std::string name;
  feel::Type base;                     // the typeRef, or context for a structure
  bool has_base = false;               // false: a structure (components) or Any
  bool is_collection = false;
  bool function_type = false;               // a functionItem
  std::string function_output_type;         // its outputTypeRef, may be empty
  std::optional<feel::Expression> allowed;  // unary tests
  std::vector<std::pair<std::string, std::shared_ptr<const ItemType>>> components;
};

// A resolved typeRef: a built-in feel::Type, or an item definition.
struct TypeRef {
  feel::Type type;
  std::shared_ptr<const ItemType> item;  // set when the typeRef names an item definition
  bool known = false;                    // false: empty or unresolvable typeRef (anything goes)
};

class TypeSystem {
 public:
  // Item definitions of the model; `imports` maps an import name to its model's type system.
  void Add(const std::vector<ItemDefinitionDoc>& items);
  void AddImport(const std::string& prefix, const TypeSystem& imported);
  TypeRef Resolve(const std::string& type_ref) const;

  // DMN 1.5 §10.3.2.9.4 conversions (singleton list <-> element) then conformance; the value, or
  // null with a message in `error` when it does not conform.
  feel::Value Coerce(const feel::Value& value, const TypeRef& type, std::string* error) const;
  bool ConformsTo(const feel::Value& value, const ItemType& item) const;

  // DMN 1.5 §10.3.2.8 with §7.3.2: the FEEL type an item definition named `name` stands for in
  // `instance of`: its base type, or a context type of its components, in a list when it is a
  // collection. Allowed values do not narrow it (the TCK: `256 instance of t255` where t255 is
  // number [0..255] is true). nullopt for an unknown name or a function item.
  std::optional<feel::Type> StructureOf(std::string_view name) const;
  // Options for compiling the FEEL texts of this model: `names` in scope and StructureOf.
  // REQUIRES: `names` and this TypeSystem outlive the returned options.
  feel::CompileOptions CompileOptionsFor(const std::vector<std::string>& names) const;

 private:
  std::shared_ptr<const ItemType> Build(const ItemDefinitionDoc& doc, int depth);
  std::optional<feel::Type> Structure(const ItemType& item, int depth) const;
  std::map<std::string, std::shared_ptr<const ItemType>, std::less<>> items_;
  std::vector<ItemDefinitionDoc> docs_;
};

}  // namespace ordo::dmn
