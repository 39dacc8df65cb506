#include "onnx_defs/type_binding.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "ir/tensor_util.h"

namespace onnxforge {
namespace {

// Nesting beyond this is not compared (and never occurs in a schema).
constexpr int kMaxTypeDepth = 16;

bool IsComplete(const TypeProto& type, int depth) {
  if (depth > kMaxTypeDepth) return false;
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      return !ElementTypeName(type.tensor_type().elem_type()).empty();
    case TypeProto::kSparseTensorType:
      return !ElementTypeName(type.sparse_tensor_type().elem_type()).empty();
    case TypeProto::kSequenceType:
      return type.sequence_type().has_elem_type() &&
             IsComplete(type.sequence_type().elem_type(), depth + 1);
    case TypeProto::kOptionalType:
      return type.optional_type().has_elem_type() &&
             IsComplete(type.optional_type().elem_type(), depth + 1);
    case TypeProto::kMapType:
      return !ElementTypeName(type.map_type().key_type()).empty() &&
             type.map_type().has_value_type() &&
             IsComplete(type.map_type().value_type(), depth + 1);
    case TypeProto::kOpaqueType:
      return true;
    case TypeProto::VALUE_NOT_SET:
      break;
  }
  return false;
}

std::string ValueLabel(bool is_input, size_t index, std::string_view name) {
  return absl::StrCat(is_input ? "input " : "output ", index, " ('", std::string(name), "')");
}

}  // namespace

std::string CanonicalTypeString(std::string_view type_str) {
  // Schemas repeat a few hundred type strings; parse each once.
  static absl::Mutex mutex(absl::kConstInit);
  static auto* cache = new absl::flat_hash_map<std::string, std::string>();
  const std::string key(type_str);
  absl::MutexLock lock(&mutex);
  auto it = cache->find(key);
  if (it != cache->end()) return it->second;
  auto parsed = TypeFromString(type_str);
  std::string canonical = parsed.ok() ? TypeToString(*parsed) : key;
  cache->emplace(key, canonical);
  return canonical;
}

bool IsCompleteType(const TypeProto& type) { return IsComplete(type, 0); }

const FormalParameter* FormalAt(const std::vector<FormalParameter>& formals, size_t index) {
  if (index < formals.size()) return &formals[index];
  if (!formals.empty() && formals.back().option == FormalOption::kVariadic) {
    return &formals.back();
  }
  return nullptr;
}

absl::Status TypeBinding::Bind(bool is_input, size_t index, std::string_view value_name,
                               const TypeProto& type) {
  const FormalParameter* formal = FormalAt(is_input ? schema_.inputs() : schema_.outputs(), index);
  if (formal == nullptr || !IsCompleteType(type)) return absl::OkStatus();
  const std::string actual = TypeToString(type);
  const std::string label = ValueLabel(is_input, index, value_name);
  const TypeConstraint* constraint = schema_.FindTypeConstraint(formal->type_str);
  if (constraint == nullptr) {
    // A parameter the schema forgot to constrain says nothing.
    if (!TypeFromString(formal->type_str).ok()) return absl::OkStatus();
    const std::string expected = CanonicalTypeString(formal->type_str);
    if (actual != expected) {
      return absl::InvalidArgumentError(
          absl::StrCat(label, " has type ", actual, ", but the schema requires ", expected));
    }
    return absl::OkStatus();
  }
  const auto& allowed = constraint->allowed_type_strs;
  bool is_allowed = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& s) {
    return CanonicalTypeString(s) == actual;
  });
  if (!is_allowed) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, " has type ", actual, ", which type parameter ", formal->type_str,
                     " does not allow (allowed: ", absl::StrJoin(allowed, ", "), ")"));
  }
  // A heterogeneous variadic lets each value pick its own type.
  if (formal->option == FormalOption::kVariadic && !formal->is_homogeneous) {
    return absl::OkStatus();
  }
  auto it = bound_.find(formal->type_str);
  if (it == bound_.end()) {
    bound_.emplace(formal->type_str, Binding{actual, label});
    return absl::OkStatus();
  }
  if (it->second.type != actual) {
    return absl::InvalidArgumentError(absl::StrCat(label, " has type ", actual, ", but ",
                                                   formal->type_str, " is ", it->second.type,
                                                   " from ", it->second.source));
  }
  return absl::OkStatus();
}

const std::string* TypeBinding::Bound(std::string_view param) const {
  auto it = bound_.find(param);
  return it == bound_.end() ? nullptr : &it->second.type;
}

std::string TypeBinding::FixedOutputType(size_t index) const {
  const FormalParameter* formal = FormalAt(schema_.outputs(), index);
  if (formal == nullptr) return "";
  const TypeConstraint* constraint = schema_.FindTypeConstraint(formal->type_str);
  if (constraint == nullptr) {
    if (!TypeFromString(formal->type_str).ok()) return "";
    return CanonicalTypeString(formal->type_str);
  }
  if (formal->option == FormalOption::kVariadic && !formal->is_homogeneous) return "";
  if (const std::string* bound = Bound(formal->type_str)) return *bound;
  if (constraint->allowed_type_strs.size() == 1) {
    return CanonicalTypeString(constraint->allowed_type_strs[0]);
  }
  return "";
}

}  // namespace onnxforge
