#include "reference/executor_scope.h"

#include "absl/strings/str_cat.h"

namespace onnxforge::reference {

const Value* Scope::Find(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->outer_) {
    auto it = s->values_.find(name);
    if (it != s->values_.end()) return &it->second;
  }
  return nullptr;
}

bool Scope::DefinesLocally(const std::string& name) const { return values_.count(name) > 0; }

absl::Status Scope::Define(const std::string& name, Value value) {
  auto [it, inserted] = values_.emplace(name, std::move(value));
  if (!inserted) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", name, "' is already defined in this graph (names must be unique)"));
  }
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
