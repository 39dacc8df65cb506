// Merging inferred types with declared ones, and printing types in messages.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "onnx_defs/shape_inference.h"
#include "onnx_defs/shape_inference_internal.h"

namespace onnxforge {
namespace {

constexpr int kMaxTypeDepth = 64;

absl::Status Conflict(absl::string_view what) { return absl::InvalidArgumentError(what); }

std::string ElemName(int32_t elem) {
  if (elem == 0) return "?";
  std::string_view name = ElementTypeName(elem);
  return name.empty() ? absl::StrCat("type", elem) : std::string(name);
}

std::string KindName(const TypeProto& type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      return "tensor";
    case TypeProto::kSparseTensorType:
      return "sparse_tensor";
    case TypeProto::kSequenceType:
      return "sequence";
    case TypeProto::kOptionalType:
      return "optional";
    case TypeProto::kMapType:
      return "map";
    case TypeProto::kOpaqueType:
      return "opaque";
    default:
      return "unknown";
  }
}

std::string DimString(const TensorShapeProto::Dimension& d) {
  if (d.has_dim_value()) return absl::StrCat(d.dim_value());
  if (d.has_dim_param()) return d.dim_param();
  return "?";
}

absl::Status MergeShape(const TensorShapeProto& inferred, TensorShapeProto* existing) {
  if (inferred.dim_size() != existing->dim_size()) {
    return Conflict(absl::StrCat("rank ", inferred.dim_size(), " differs from the declared rank ",
                                 existing->dim_size()));
  }
  for (int i = 0; i < inferred.dim_size(); ++i) {
    const auto& from = inferred.dim(i);
    auto* to = existing->mutable_dim(i);
    if (from.has_dim_value()) {
      if (to->has_dim_value() && to->dim_value() != from.dim_value()) {
        return Conflict(absl::StrCat("dimension ", i, " is ", from.dim_value(), ", declared ",
                                     to->dim_value()));
      }
      if (!to->has_dim_value()) to->set_dim_value(from.dim_value());
    } else if (from.has_dim_param() && !to->has_dim_value() && !to->has_dim_param()) {
      to->set_dim_param(from.dim_param());
    }
  }
  return absl::OkStatus();
}

// Merges element type and shape of tensor-like types.
template <typename T>
absl::Status MergeTensor(const T& inferred, T* existing) {
  if (inferred.elem_type() != 0) {
    if (existing->elem_type() != 0 && existing->elem_type() != inferred.elem_type()) {
      return Conflict(absl::StrCat("element type ", ElemName(inferred.elem_type()),
                                   " differs from the declared ", ElemName(existing->elem_type())));
    }
    existing->set_elem_type(inferred.elem_type());
  }
  if (!inferred.has_shape()) return absl::OkStatus();
  if (!existing->has_shape()) {
    *existing->mutable_shape() = inferred.shape();
    return absl::OkStatus();
  }
  return MergeShape(inferred.shape(), existing->mutable_shape());
}

absl::Status MergeAt(const TypeProto& inferred, TypeProto* existing, int depth) {
  if (depth > kMaxTypeDepth) {
    return Conflict(absl::StrCat("types nest deeper than ", kMaxTypeDepth, " levels"));
  }
  if (inferred.value_case() == TypeProto::VALUE_NOT_SET) return absl::OkStatus();
  if (existing->value_case() == TypeProto::VALUE_NOT_SET) {
    const std::string denotation = existing->denotation();
    *existing = inferred;
    if (!denotation.empty()) existing->set_denotation(denotation);
    return absl::OkStatus();
  }
  if (inferred.value_case() != existing->value_case()) {
    return Conflict(
        absl::StrCat("a ", KindName(inferred), " differs from the declared ", KindName(*existing)));
  }
  switch (inferred.value_case()) {
    case TypeProto::kTensorType:
      return MergeTensor(inferred.tensor_type(), existing->mutable_tensor_type());
    case TypeProto::kSparseTensorType:
      return MergeTensor(inferred.sparse_tensor_type(), existing->mutable_sparse_tensor_type());
    case TypeProto::kSequenceType:
      if (!inferred.sequence_type().has_elem_type()) return absl::OkStatus();
      return MergeAt(inferred.sequence_type().elem_type(),
                     existing->mutable_sequence_type()->mutable_elem_type(), depth + 1);
    case TypeProto::kOptionalType:
      if (!inferred.optional_type().has_elem_type()) return absl::OkStatus();
      return MergeAt(inferred.optional_type().elem_type(),
                     existing->mutable_optional_type()->mutable_elem_type(), depth + 1);
    case TypeProto::kMapType: {
      const auto& from = inferred.map_type();
      auto* to = existing->mutable_map_type();
      if (from.key_type() != 0) {
        if (to->key_type() != 0 && to->key_type() != from.key_type()) {
          return Conflict(absl::StrCat("map key type ", ElemName(from.key_type()),
                                       " differs from the declared ", ElemName(to->key_type())));
        }
        to->set_key_type(from.key_type());
      }
      if (!from.has_value_type()) return absl::OkStatus();
      return MergeAt(from.value_type(), to->mutable_value_type(), depth + 1);
    }
    case TypeProto::kOpaqueType:
      if (inferred.opaque_type().domain() != existing->opaque_type().domain() ||
          inferred.opaque_type().name() != existing->opaque_type().name()) {
        return Conflict("opaque types differ");
      }
      return absl::OkStatus();
    default:
      return absl::OkStatus();
  }
}

std::string DebugStringAt(const TypeProto& type, int depth) {
  if (depth > kMaxTypeDepth) return "...";
  auto shape_suffix = [](bool has_shape, const TensorShapeProto& shape) -> std::string {
    if (!has_shape) return "";
    std::vector<std::string> dims;
    for (const auto& d : shape.dim()) dims.push_back(DimString(d));
    return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
  };
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      return ElemName(type.tensor_type().elem_type()) +
             shape_suffix(type.tensor_type().has_shape(), type.tensor_type().shape());
    case TypeProto::kSparseTensorType:
      return absl::StrCat(
          "sparse_tensor(", ElemName(type.sparse_tensor_type().elem_type()),
          shape_suffix(type.sparse_tensor_type().has_shape(), type.sparse_tensor_type().shape()),
          ")");
    case TypeProto::kSequenceType:
      return absl::StrCat("seq(", DebugStringAt(type.sequence_type().elem_type(), depth + 1), ")");
    case TypeProto::kOptionalType:
      return absl::StrCat("optional(", DebugStringAt(type.optional_type().elem_type(), depth + 1),
                          ")");
    case TypeProto::kMapType:
      return absl::StrCat("map(", ElemName(type.map_type().key_type()), ",",
                          DebugStringAt(type.map_type().value_type(), depth + 1), ")");
    case TypeProto::kOpaqueType:
      return absl::StrCat("opaque(", type.opaque_type().domain(), ",", type.opaque_type().name(),
                          ")");
    default:
      return "unknown";
  }
}

}  // namespace

absl::Status MergeTypeInto(const TypeProto& inferred, TypeProto* existing) {
  // Merge into a copy so that a conflict leaves `existing` as it was.
  TypeProto merged = *existing;
  if (absl::Status s = MergeAt(inferred, &merged, 0); !s.ok()) return s;
  *existing = std::move(merged);
  return absl::OkStatus();
}

namespace inference {

std::string TypeDebugString(const TypeProto& type) { return DebugStringAt(type, 0); }

TypeProto TypeOfTensor(const TensorProto& tensor) {
  TypeProto type;
  auto* t = type.mutable_tensor_type();
  t->set_elem_type(tensor.data_type());
  auto* shape = t->mutable_shape();
  for (int64_t d : tensor.dims()) shape->add_dim()->set_dim_value(d);
  return type;
}

}  // namespace inference
}  // namespace onnxforge
