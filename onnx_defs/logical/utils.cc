#include "onnx_defs/logical/utils.h"

#include <utility>

#include "onnx_defs/inference_utils.h"

namespace onnxforge::logical {

OpSchema& BinaryPredicateFormals(OpSchema& schema, const types::TypeList& types,
                                 Differentiability diff) {
  return schema
      .Input(0, "A", "The left operand.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "B", "The right operand.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "C", "The elementwise result.", "T1", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Element types of the operands.")
      .TypeConstraint("T1", types::Tensors({"bool"}), "The result is bool.");
}

absl::Status InferBroadcastPredicate(InferenceContext& ctx) {
  SetOutputElemType(ctx, 0, TensorProto::BOOL);
  absl::Status s = BroadcastInputsToOutput(ctx, 0);
  if (!s.ok()) return InferenceError("inputs A and B do not broadcast: ", s.message());
  return absl::OkStatus();
}

OpSchema& LegacyBroadcast(OpSchema& schema) {
  return schema
      .Attr("broadcast", "1 lets B broadcast to A's shape; 0 requires equal shapes.",
            AttributeProto::INT, int64_t{0})
      .Attr("axis",
            "With broadcast=1, the dimension of A where B's dimensions start; by default B "
            "lines up with A's trailing dimensions.",
            AttributeProto::INT, /*required=*/false)
      .TypeAndShapeInference(InferLegacyBroadcastPredicate);
}

absl::Status InferLegacyBroadcastPredicate(InferenceContext& ctx) {
  SetOutputElemType(ctx, 0, TensorProto::BOOL);
  const bool broadcast = GetIntAttr(ctx, "broadcast", 0) != 0;
  std::optional<int64_t> axis;
  if (const AttributeProto* a = ctx.attribute("axis")) axis = a->i();
  const bool has_a = HasInputShape(ctx, 0), has_b = HasInputShape(ctx, 1);
  TensorShapeProto shape;
  if (has_a && has_b) {
    ONNXFORGE_RETURN_IF_ERROR(
        LegacyBroadcastShape(InputShape(ctx, 0), InputShape(ctx, 1), broadcast, axis, &shape));
  } else if (has_a) {
    shape = InputShape(ctx, 0);
  } else if (has_b && !broadcast) {
    shape = InputShape(ctx, 1);  // the shapes are equal
  } else {
    return absl::OkStatus();
  }
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
  return absl::OkStatus();
}

absl::Status LegacyBroadcastShape(const TensorShapeProto& a, const TensorShapeProto& b,
                                  bool broadcast, std::optional<int64_t> axis,
                                  TensorShapeProto* result) {
  const int a_rank = a.dim_size(), b_rank = b.dim_size();
  TensorShapeProto out = a;
  if (!broadcast) {
    if (a_rank != b_rank) {
      return InferenceError("A has rank ", a_rank, " and B rank ", b_rank,
                            "; without broadcast=1 their shapes must be equal");
    }
    for (int i = 0; i < a_rank; ++i) {
      if (!MergeDimInto(b.dim(i), out.mutable_dim(i)).ok()) {
        return InferenceError("dimension ", i, " is ", a.dim(i).dim_value(), " in A and ",
                              b.dim(i).dim_value(),
                              " in B; without broadcast=1 their shapes must be equal");
      }
    }
    *result = std::move(out);
    return absl::OkStatus();
  }
  if (b_rank > a_rank) {
    return InferenceError("B has rank ", b_rank, ", more than A's ", a_rank,
                          "; B must broadcast to A's shape");
  }
  bool single_element = true;
  for (const auto& d : b.dim()) {
    single_element = single_element && d.has_dim_value() && d.dim_value() == 1;
  }
  if (single_element) {
    *result = std::move(out);
    return absl::OkStatus();
  }
  int64_t start = a_rank - b_rank;
  if (axis) {
    start = *axis < 0 ? *axis + a_rank : *axis;
    if (start < 0 || start + b_rank > a_rank) {
      return InferenceError("attribute axis is ", *axis, " but B's ", b_rank,
                            " dimensions do not fit in A's rank ", a_rank, " from there");
    }
  }
  for (int i = 0; i < b_rank; ++i) {
    const int j = static_cast<int>(start) + i;
    if (!MergeDimInto(b.dim(i), out.mutable_dim(j)).ok()) {
      return InferenceError("B's dimension ", i, " is ", b.dim(i).dim_value(),
                            " but A's dimension ", j, " is ", a.dim(j).dim_value(),
                            "; they must be equal");
    }
  }
  *result = std::move(out);
  return absl::OkStatus();
}

}  // namespace onnxforge::logical
