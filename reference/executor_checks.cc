// Checking a node's inputs against its schema before its kernel runs, so
// kernels may rely on the counts and types the schema promises.
#include <map>
#include <mutex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/executor_internal.h"

namespace onnxforge::reference::internal {
namespace {

// A type string as TypeToString writes it ("map(int64, float)" becomes
// "map(int64,tensor(float))"); the text itself when it does not parse.
std::string Canonical(const std::string& type_str) {
  absl::StatusOr<TypeProto> type = TypeFromString(type_str);
  return type.ok() ? TypeToString(*type) : type_str;
}

// The canonical types a formal accepts: its type constraint's list, or its
// own type string. Cached: schemas live as long as the program.
const std::set<std::string>& AllowedTypes(const OpSchema& schema, const FormalParameter& formal) {
  static std::mutex mutex;
  static auto* cache = new std::map<const FormalParameter*, std::set<std::string>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache->find(&formal);
  if (it != cache->end()) return it->second;
  std::set<std::string> allowed;
  if (const TypeConstraint* c = schema.FindTypeConstraint(formal.type_str)) {
    for (const std::string& t : c->allowed_type_strs) allowed.insert(Canonical(t));
  } else {
    allowed.insert(Canonical(formal.type_str));
  }
  return cache->emplace(&formal, std::move(allowed)).first->second;
}

// The formal that input `index` binds to, or nullptr past the formals.
const FormalParameter* FormalFor(const std::vector<FormalParameter>& formals, int index) {
  if (formals.empty()) return nullptr;
  if (index < static_cast<int>(formals.size())) return &formals[index];
  if (formals.back().option == FormalOption::kVariadic) return &formals.back();
  return nullptr;
}

}  // namespace

absl::Status CheckNodeAgainstSchema(const OpSchema& schema, const NodeProto& node,
                                    const std::vector<const Value*>& inputs) {
  const int count = static_cast<int>(inputs.size());
  if (schema.max_input() >= 0 && count > schema.max_input()) {
    return absl::InvalidArgumentError(absl::StrCat("takes at most ", schema.max_input(),
                                                   " inputs, got ", count));
  }
  if (node.output_size() > schema.max_output() && schema.max_output() >= 0) {
    return absl::InvalidArgumentError(absl::StrCat("has at most ", schema.max_output(),
                                                   " outputs, got ", node.output_size()));
  }
  const auto& formals = schema.inputs();
  for (int i = 0; i < static_cast<int>(formals.size()); ++i) {
    const FormalParameter& formal = formals[i];
    const bool present = i < count && inputs[i] != nullptr;
    if (!present && formal.option == FormalOption::kSingle) {
      return absl::InvalidArgumentError(
          absl::StrCat("required input ", i, " '", formal.name, "' is missing"));
    }
  }
  if (!formals.empty() && formals.back().option == FormalOption::kVariadic) {
    const int first = static_cast<int>(formals.size()) - 1;
    const int given = std::max(0, count - first);
    if (given < formals.back().min_arity) {
      return absl::InvalidArgumentError(absl::StrCat("needs at least ", formals.back().min_arity,
                                                     " values for input '", formals.back().name,
                                                     "', got ", given));
    }
  }

  // Each type parameter binds to the first input's type; homogeneous
  // inputs of the same parameter must agree.
  std::map<std::string, std::pair<std::string, int>> bound;
  for (int i = 0; i < count; ++i) {
    if (inputs[i] == nullptr) continue;
    const FormalParameter* formal = FormalFor(formals, i);
    if (formal == nullptr) continue;
    const std::string type = inputs[i]->TypeString();
    // Values whose element types are unknown (an empty sequence built
    // without one) are not checked.
    if (absl::StrContains(type, "undefined")) continue;
    const std::set<std::string>& allowed = AllowedTypes(schema, *formal);
    if (allowed.count(type) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "input ", i, " '", node.input(i), "' has type ", type, ", but ", formal->name,
          " accepts ", absl::StrJoin(allowed, ", ")));
    }
    const bool is_param = schema.FindTypeConstraint(formal->type_str) != nullptr;
    const bool homogeneous =
        formal->option != FormalOption::kVariadic || formal->is_homogeneous;
    if (!is_param || !homogeneous) continue;
    auto [it, inserted] = bound.emplace(formal->type_str, std::make_pair(type, i));
    if (!inserted && it->second.first != type) {
      return absl::InvalidArgumentError(absl::StrCat(
          "input ", i, " '", node.input(i), "' has type ", type, ", but input ",
          it->second.second, " '", node.input(it->second.second), "' bound ", formal->type_str,
          " to ", it->second.first));
    }
  }
  return absl::OkStatus();
}

}  // namespace onnxforge::reference::internal
