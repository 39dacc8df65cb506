#include "onnx_defs/type_binding.h"

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

// Tensor element types that fit the constraint bit masks.
bool IsMaskedTensor(const TypeProto& type) {
  if (!type.has_tensor_type()) return false;
  const int32_t elem = type.tensor_type().elem_type();
  return elem > 0 && elem < 64;
}

uint64_t ElemBit(int32_t elem) { return uint64_t{1} << elem; }

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

bool SchemaTypeRules::Constraint::Allows(const TypeProto& type) const {
  if (IsMaskedTensor(type)) return (tensor_elems & ElemBit(type.tensor_type().elem_type())) != 0;
  return other.contains(TypeToString(type));
}

SchemaTypeRules::SchemaTypeRules(const OpSchema& schema) : schema_(schema) {
  for (const TypeConstraint& c : schema.type_constraints()) {
    Constraint constraint;
    for (const std::string& allowed : c.allowed_type_strs) {
      const std::string canonical = CanonicalTypeString(allowed);
      absl::StatusOr<TypeProto> parsed = TypeFromString(canonical);
      if (parsed.ok() && IsMaskedTensor(*parsed)) {
        constraint.tensor_elems |= ElemBit(parsed->tensor_type().elem_type());
      } else {
        constraint.other.insert(canonical);
      }
    }
    constraints_.push_back(std::move(constraint));
  }
  for (const FormalParameter& p : schema.inputs()) inputs_.push_back(MakeFormal(p));
  for (const FormalParameter& p : schema.outputs()) outputs_.push_back(MakeFormal(p));
}

SchemaTypeRules::Formal SchemaTypeRules::MakeFormal(const FormalParameter& param) const {
  Formal formal;
  formal.param = &param;
  formal.binds = !(param.option == FormalOption::kVariadic && !param.is_homogeneous);
  std::string fixed;  // the type string an output of this parameter always gets
  if (const TypeConstraint* c = schema_.FindTypeConstraint(param.type_str)) {
    formal.constraint = static_cast<int>(c - schema_.type_constraints().data());
    if (formal.binds && c->allowed_type_strs.size() == 1) {
      fixed = CanonicalTypeString(c->allowed_type_strs[0]);
    }
  } else if (TypeFromString(param.type_str).ok()) {
    formal.concrete = CanonicalTypeString(param.type_str);
    fixed = *formal.concrete;
  }
  if (!fixed.empty()) {
    absl::StatusOr<TypeProto> type = TypeFromString(fixed);
    if (type.ok()) formal.fixed_type = *std::move(type);
  }
  return formal;
}

const SchemaTypeRules::Formal* SchemaTypeRules::At(const std::vector<FormalParameter>& params,
                                                   const std::vector<Formal>& formals,
                                                   size_t index) {
  const FormalParameter* param = FormalAt(params, index);
  return param == nullptr ? nullptr : &formals[param - params.data()];
}

std::string TypeBinding::Bound::TypeString() const {
  return tensor_elem != 0 ? absl::StrCat("tensor(", ElementTypeName(tensor_elem), ")") : other;
}

absl::Status TypeBinding::Bind(bool is_input, size_t index, std::string_view value_name,
                               const TypeProto& type) {
  const SchemaTypeRules::Formal* formal = is_input ? rules_.InputAt(index) : rules_.OutputAt(index);
  if (formal == nullptr || !IsCompleteType(type)) return absl::OkStatus();
  // Messages are built only when something is wrong.
  auto label = [&] { return ValueLabel(is_input, index, value_name); };
  if (formal->constraint < 0) {
    // A parameter the schema forgot to constrain says nothing.
    if (!formal->concrete) return absl::OkStatus();
    const std::string actual = TypeToString(type);
    if (actual != *formal->concrete) {
      return absl::InvalidArgumentError(absl::StrCat(
          label(), " has type ", actual, ", but the schema requires ", *formal->concrete));
    }
    return absl::OkStatus();
  }
  if (!rules_.constraints()[formal->constraint].Allows(type)) {
    const auto& allowed = rules_.schema().type_constraints()[formal->constraint].allowed_type_strs;
    return absl::InvalidArgumentError(absl::StrCat(
        label(), " has type ", TypeToString(type), ", which type parameter ",
        formal->param->type_str, " does not allow (allowed: ", absl::StrJoin(allowed, ", "), ")"));
  }
  // A heterogeneous variadic lets each value pick its own type.
  if (!formal->binds) return absl::OkStatus();
  Bound actual;
  actual.set = true;
  if (IsMaskedTensor(type)) {
    actual.tensor_elem = type.tensor_type().elem_type();
  } else {
    actual.other = TypeToString(type);
  }
  Bound& bound = bound_[formal->constraint];
  if (!bound.set) {
    actual.is_input = is_input;
    actual.index = index;
    actual.name = value_name;
    bound = std::move(actual);
    return absl::OkStatus();
  }
  if (bound.tensor_elem != actual.tensor_elem || bound.other != actual.other) {
    return absl::InvalidArgumentError(absl::StrCat(
        label(), " has type ", actual.TypeString(), ", but ", formal->param->type_str, " is ",
        bound.TypeString(), " from ", ValueLabel(bound.is_input, bound.index, bound.name)));
  }
  return absl::OkStatus();
}

std::optional<TypeProto> TypeBinding::FixedOutputType(size_t index) const {
  const SchemaTypeRules::Formal* formal = rules_.OutputAt(index);
  if (formal == nullptr) return std::nullopt;
  if (formal->constraint >= 0 && formal->binds) {
    const Bound& bound = bound_[formal->constraint];
    if (bound.set && bound.tensor_elem != 0) {
      TypeProto type;
      type.mutable_tensor_type()->set_elem_type(bound.tensor_elem);
      return type;
    }
    if (bound.set) {
      absl::StatusOr<TypeProto> type = TypeFromString(bound.other);
      if (!type.ok()) return std::nullopt;
      return *std::move(type);
    }
  }
  return formal->fixed_type;
}

}  // namespace onnxforge
