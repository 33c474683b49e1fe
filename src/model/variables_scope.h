// Lets FEEL read a scope's variables (model::Variables) by name without copying them.
// Ownership: references the map, which must outlive the scope. Thread-safety: as the map.
#pragma once

#include "feel/expression.h"
#include "model/event.h"

namespace ordo::model {

class VariablesScope final : public feel::VariableScope {
 public:
  explicit VariablesScope(const Variables& variables) : variables_(variables) {}
  const feel::Value* Find(std::string_view name) const override {
    auto it = variables_.find(name);
    return it == variables_.end() ? nullptr : &it->second;
  }

 private:
  const Variables& variables_;
};

}  // namespace ordo::model
