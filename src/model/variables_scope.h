// Lets FEEL read a scope's variables (model::Variables) by name without copying them, with the
// clock now() and today() read (none by default: they give null).
// Ownership: references the map and the clock, which must outlive the scope. Thread-safety: as the map.
#pragma once

#include "feel/expression.h"
#include "model/event.h"

namespace ordo::model {

class VariablesScope final : public feel::VariableScope {
 public:
  explicit VariablesScope(const Variables& variables, const Clock* clock = nullptr)
      : variables_(variables), clock_(clock) {}
  const Clock* clock() const override { return clock_; }
  const feel::Value* Find(std::string_view name) const override {
    auto it = variables_.find(name);
    return it == variables_.end() ? nullptr : &it->second;
  }

 private:
  const Variables& variables_;
  const Clock* clock_;
};

}  // namespace ordo::model
