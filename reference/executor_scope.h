// The values a graph run has computed, by name, with the enclosing graphs'
// scopes behind it: a subgraph sees every name of the graphs around it.
#pragma once

#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "reference/value.h"

namespace onnxforge::reference {

class Scope {
 public:
  explicit Scope(const Scope* outer = nullptr) : outer_(outer) {}
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  // The value named `name` here or in an enclosing scope; nullptr if none.
  // The pointer stays valid while the scope lives.
  const Value* Find(const std::string& name) const;
  // True when this scope itself (not an enclosing one) defines `name`.
  bool DefinesLocally(const std::string& name) const;
  // Defines `name`; an error when this scope already defines it.
  absl::Status Define(const std::string& name, Value value);
  // As Define, but the scope only points to `value`, which must outlive it:
  // a model's initializers and a run's feeds are not copied.
  absl::Status DefineBorrowed(const std::string& name, const Value* value);

 private:
  const Scope* outer_;
  std::unordered_map<std::string, Value> values_;
  std::unordered_map<std::string, const Value*> borrowed_;
};

}  // namespace onnxforge::reference
