#include "onnx_defs/reduction/utils.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::reduction {
namespace {

// keepdims is a flag; other values are a mistake, not a request.
absl::StatusOr<bool> KeepDims(const InferenceContext& ctx) {
  const int64_t keepdims = GetIntAttr(ctx, "keepdims", 1);
  if (keepdims != 0 && keepdims != 1) {
    return InferenceError("attribute keepdims must be 0 or 1, got ", keepdims);
  }
  return keepdims == 1;
}

void SetOutputShape(InferenceContext& ctx, TensorShapeProto shape) {
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
}

}  // namespace

std::string ReduceDoc(const std::string& result, AxesFrom axes,
                      const std::string& empty_result, const std::string& version_note) {
  std::string doc = absl::StrCat(
      "Reduces data to the ", result,
      " of its elements over the dimensions listed in axes (negative values count from the "
      "back). keepdims=1 keeps each reduced dimension with size 1; keepdims=0 removes it. ");
  if (axes == AxesFrom::kAttribute) {
    absl::StrAppend(&doc, "Without the axes attribute every dimension is reduced. ");
  } else {
    absl::StrAppend(&doc,
                    "When the axes input is omitted or empty, noop_with_empty_axes=0 reduces "
                    "every dimension and noop_with_empty_axes=1 returns data unchanged. ");
  }
  absl::StrAppend(&doc, "A scalar input is allowed. Reducing no elements gives ", empty_result,
                  ".");
  if (!version_note.empty()) absl::StrAppend(&doc, " ", version_note);
  return doc;
}

OpSchema& AxesAttributeReduction(OpSchema& schema, const types::TypeList& types,
                                 bool differentiable) {
  const auto diff = differentiable ? Differentiability::kDifferentiable
                                   : Differentiability::kUnknown;
  return schema
      .Attr("axes", "The dimensions to reduce; all of them when absent.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("keepdims", "1 keeps reduced dimensions with size 1, 0 removes them.",
            AttributeProto::INT, int64_t{1})
      .Input(0, "data", "The tensor to reduce.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "reduced", "The reduced tensor.", "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Element types of data and reduced.")
      .TypeAndShapeInference(InferReduceWithAxesAttribute);
}

OpSchema& AxesInputReduction(OpSchema& schema, const types::TypeList& types) {
  return schema
      .Attr("keepdims", "1 keeps reduced dimensions with size 1, 0 removes them.",
            AttributeProto::INT, int64_t{1})
      .Attr("noop_with_empty_axes",
            "What an omitted or empty axes means: 0 reduces every dimension, 1 reduces none "
            "(data passes through unchanged).",
            AttributeProto::INT, int64_t{0})
      .Input(0, "data", "The tensor to reduce.", "T", FormalOption::kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(1, "axes", "1-D list of the dimensions to reduce, each in [-r, r-1].",
             "tensor(int64)", FormalOption::kOptional, true, 1,
             Differentiability::kNonDifferentiable)
      .Output(0, "reduced", "The reduced tensor.", "T", FormalOption::kSingle, true, 1,
              Differentiability::kDifferentiable)
      .TypeConstraint("T", types, "Element types of data and reduced.")
      .TypeAndShapeInference(InferReduceWithAxesInput);
}

absl::Status ReducedShape(const TensorShapeProto& input, const std::vector<int64_t>& axes,
                          bool keepdims, const std::string& source, TensorShapeProto* result) {
  const int64_t rank = input.dim_size();
  std::vector<bool> reduce(rank, axes.empty());
  for (int64_t axis : axes) {
    if (rank == 0) {
      return InferenceError(source, ": axis ", axis, " is out of range for scalar data");
    }
    if (axis < -rank || axis >= rank) {
      return InferenceError(source, ": axis ", axis, " is out of range [", -rank, ", ",
                            rank - 1, "] for data of rank ", rank);
    }
    reduce[axis < 0 ? axis + rank : axis] = true;
  }
  TensorShapeProto out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduce[i]) {
      *out.add_dim() = input.dim(static_cast<int>(i));
    } else if (keepdims) {
      *out.add_dim() = DimOf(1);
    }
  }
  *result = std::move(out);
  return absl::OkStatus();
}

absl::Status InferReduceWithAxesAttribute(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto keepdims = KeepDims(ctx);
  if (!keepdims.ok()) return keepdims.status();
  const std::vector<int64_t> axes = GetIntsAttr(ctx, "axes").value_or(std::vector<int64_t>{});
  if (!HasInputShape(ctx, 0)) {
    // Reducing everything without keeping dims gives a scalar at any rank.
    if (axes.empty() && !*keepdims) SetOutputShape(ctx, TensorShapeProto());
    return absl::OkStatus();
  }
  TensorShapeProto shape;
  ONNXFORGE_RETURN_IF_ERROR(
      ReducedShape(InputShape(ctx, 0), axes, *keepdims, "attribute axes", &shape));
  SetOutputShape(ctx, std::move(shape));
  return absl::OkStatus();
}

absl::Status InferReduceWithAxesInput(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto keepdims = KeepDims(ctx);
  if (!keepdims.ok()) return keepdims.status();
  const bool noop_with_empty_axes = GetIntAttr(ctx, "noop_with_empty_axes", 0) != 0;

  // The axes when known; an absent input, or one of shape [0], is empty.
  std::optional<std::vector<int64_t>> axes;
  std::optional<int64_t> axes_count;
  if (!ctx.has_input(1)) {
    axes.emplace();
  } else {
    axes = ConstantIntsOfInput(ctx, 1);
    if (HasInputShape(ctx, 1)) {
      const auto& s = InputShape(ctx, 1);
      if (s.dim_size() != 1) {
        return InferenceError("input axes must be 1-D, got rank ", s.dim_size());
      }
      if (s.dim(0).has_dim_value()) axes_count = s.dim(0).dim_value();
    }
    if (!axes && axes_count == 0) axes.emplace();
  }

  if (axes && axes->empty() && noop_with_empty_axes) {
    PropagateShapeFromInput(ctx, 0, 0);
    return absl::OkStatus();
  }
  if (!HasInputShape(ctx, 0)) {
    if (axes && axes->empty() && !*keepdims) SetOutputShape(ctx, TensorShapeProto());
    return absl::OkStatus();
  }
  const TensorShapeProto& input = InputShape(ctx, 0);
  if (axes) {
    TensorShapeProto shape;
    ONNXFORGE_RETURN_IF_ERROR(ReducedShape(input, *axes, *keepdims, "input axes", &shape));
    SetOutputShape(ctx, std::move(shape));
    return absl::OkStatus();
  }

  // Axes unknown: the rank may still be.
  const int rank = input.dim_size();
  if (*keepdims) {
    // Every dimension is kept, reduced to 1 or not; a 1 stays 1 either way.
    TensorShapeProto shape;
    for (const auto& d : input.dim()) {
      auto* out = shape.add_dim();
      if (d.has_dim_value() && d.dim_value() == 1) out->set_dim_value(1);
    }
    SetOutputShape(ctx, std::move(shape));
  } else if (axes_count) {
    if (*axes_count > rank) {
      return InferenceError("input axes lists ", *axes_count, " axes but data has rank ", rank);
    }
    TensorShapeProto shape;
    for (int64_t i = 0; i < rank - *axes_count; ++i) shape.add_dim();
    SetOutputShape(ctx, std::move(shape));
  }
  return absl::OkStatus();
}

OpSchema& ArgReduction(OpSchema& schema, const types::TypeList& types, bool non_differentiable) {
  const auto diff = non_differentiable ? Differentiability::kNonDifferentiable
                                       : Differentiability::kUnknown;
  return schema
      .Attr("axis", "The dimension to search along; negative values count from the back.",
            AttributeProto::INT, int64_t{0})
      .Attr("keepdims", "1 keeps the searched dimension with size 1, 0 removes it.",
            AttributeProto::INT, int64_t{1})
      .Input(0, "data", "The tensor to search.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "reduced", "The int64 indices found along axis.", "tensor(int64)",
              FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Element types of data.")
      .TypeAndShapeInference(InferArgReduce);
}

absl::Status InferArgReduce(InferenceContext& ctx) {
  SetOutputElemType(ctx, 0, TensorProto::INT64);
  auto keepdims = KeepDims(ctx);
  if (!keepdims.ok()) return keepdims.status();
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  TensorShapeProto shape;
  ONNXFORGE_RETURN_IF_ERROR(ReducedShape(InputShape(ctx, 0), {GetIntAttr(ctx, "axis", 0)},
                                         *keepdims, "attribute axis", &shape));
  SetOutputShape(ctx, std::move(shape));
  return absl::OkStatus();
}

}  // namespace onnxforge::reduction
