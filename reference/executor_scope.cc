#include "reference/executor_scope.h"

#include "absl/strings/str_cat.h"

namespace onnxforge::reference {
namespace {

absl::Status AlreadyDefined(const std::string& name) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", name, "' is already defined in this graph (names must be unique)"));
}

}  // namespace

const Value* Scope::Find(const std::string& name) const {
  for (const Scope* s = this; s != nullptr; s = s->outer_) {
    auto it = s->values_.find(name);
    if (it != s->values_.end()) return &it->second;
    auto borrowed = s->borrowed_.find(name);
    if (borrowed != s->borrowed_.end()) return borrowed->second;
  }
  return nullptr;
}

bool Scope::DefinesLocally(const std::string& name) const {
  return values_.count(name) > 0 || borrowed_.count(name) > 0;
}

absl::Status Scope::Define(const std::string& name, Value value) {
  if (borrowed_.count(name) > 0) return AlreadyDefined(name);
  if (!values_.emplace(name, std::move(value)).second) return AlreadyDefined(name);
  return absl::OkStatus();
}

absl::Status Scope::DefineBorrowed(const std::string& name, const Value* value) {
  if (values_.count(name) > 0) return AlreadyDefined(name);
  if (!borrowed_.emplace(name, value).second) return AlreadyDefined(name);
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
