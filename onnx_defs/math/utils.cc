#include "onnx_defs/math/utils.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::math {
namespace {

Differentiability DiffOf(bool differentiable) {
  return differentiable ? Differentiability::kDifferentiable : Differentiability::kUnknown;
}

// "[2,N,?]": how messages print a shape that may hold symbols.
std::string DimsText(const TensorShapeProto& shape) {
  std::vector<std::string> dims;
  for (const auto& d : shape.dim()) {
    if (d.has_dim_value()) {
      dims.push_back(absl::StrCat(d.dim_value()));
    } else if (d.has_dim_param()) {
      dims.push_back(d.dim_param());
    } else {
      dims.push_back("?");
    }
  }
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

bool KnownAndDiffer(const TensorShapeProto::Dimension& a, const TensorShapeProto::Dimension& b) {
  return a.has_dim_value() && b.has_dim_value() && a.dim_value() != b.dim_value();
}

// One dim of a shape value; nullopt when it is unknown or overflows.
std::optional<int64_t> Combine(DimArithmetic op, int64_t a, int64_t b) {
  int64_t result = 0;
  bool overflow = false;
  switch (op) {
    case DimArithmetic::kAdd:
      overflow = __builtin_add_overflow(a, b, &result);
      break;
    case DimArithmetic::kSub:
      overflow = __builtin_sub_overflow(a, b, &result);
      break;
    case DimArithmetic::kMul:
      overflow = __builtin_mul_overflow(a, b, &result);
      break;
  }
  if (overflow) return std::nullopt;
  return result;
}

}  // namespace

const char kLegacyBroadcastDoc[] =
    "\n\nBroadcasting is limited and off by default. With broadcast=0 both "
    "inputs have the same shape. With broadcast=1 the second input may be a "
    "single element (any rank up to the first input's, scalar included) or "
    "match a contiguous run of the first input's dims: those starting at "
    "`axis`, or the trailing ones when `axis` is absent. For a first input of "
    "shape (2, 3, 4, 5), second inputs of shape (), (1, 1), (5,), (4, 5), "
    "(3, 4) with axis=1 and (2,) with axis=0 all broadcast. Dims of size 1 "
    "do not stretch. The output has the first input's shape.";

OpSchema& UnaryElementwise(OpSchema& schema, const types::TypeList& types,
                           bool differentiable, UnaryNames names) {
  const auto diff = DiffOf(differentiable);
  return schema
      .Input(0, names.input, "The input tensor.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, names.output, absl::StrCat("The result, with the shape of ", names.input, "."),
              "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "The element types the op accepts.")
      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);
}

OpSchema& ConsumedInputsAttr(OpSchema& schema) {
  return schema.Attr("consumed_inputs",
                     "Legacy in-place hint from the first opset; ignored.",
                     AttributeProto::INTS, /*required=*/false);
}

OpSchema& BroadcastingBinary(OpSchema& schema, const types::TypeList& types,
                             bool differentiable) {
  const auto diff = DiffOf(differentiable);
  return schema
      .Input(0, "A", "The first operand.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "B", "The second operand.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "C", "The result, shaped as A and B broadcast together.", "T",
              FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "The element types the op accepts.")
      .TypeAndShapeInference(BroadcastBinaryInference);
}

OpSchema& LegacyBroadcastAttrs(OpSchema& schema) {
  return schema
      .Attr("broadcast",
            "1 lets the second input be smaller than the first (see the op's "
            "description); 0 requires equal shapes.",
            AttributeProto::INT, int64_t{0})
      .Attr("axis",
            "With broadcast=1, the dim of the first input where the second "
            "input's dims start; when absent they line up with the trailing dims.",
            AttributeProto::INT, /*required=*/false);
}

OpSchema& LegacyBinary(OpSchema& schema, const types::TypeList& types) {
  LegacyBroadcastAttrs(schema);
  return schema.Input(0, "A", "The first operand; it fixes the output's shape.", "T")
      .Input(1, "B", "The second operand: A's shape, or smaller with broadcast=1.", "T")
      .Output(0, "C", "The result, with A's shape.", "T")
      .TypeConstraint("T", types, "The element types the op accepts.")
      .TypeAndShapeInference(LegacyBroadcastInference);
}

absl::Status BroadcastBinaryInference(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  return BroadcastInputsToOutput(ctx, 0);
}

absl::Status LegacyBroadcastInference(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
  if (!HasInputShape(ctx, 0) || !HasInputShape(ctx, 1)) return absl::OkStatus();
  const TensorShapeProto& first = InputShape(ctx, 0);
  const TensorShapeProto& second = InputShape(ctx, 1);
  TensorShapeProto* out = MutableOutputShape(ctx, 0);
  if (out == nullptr) return absl::OkStatus();
  const int64_t broadcast = GetIntAttr(ctx, "broadcast", 0);

  if (broadcast == 0) {
    bool same = first.dim_size() == second.dim_size();
    for (int i = 0; same && i < first.dim_size(); ++i) {
      same = !KnownAndDiffer(first.dim(i), second.dim(i));
    }
    if (!same) {
      return InferenceError("the second input's shape ", DimsText(second),
                            " differs from the first input's shape ", DimsText(first),
                            "; set broadcast=1 to broadcast it");
    }
    for (int i = 0; i < second.dim_size(); ++i) {
      ONNXFORGE_RETURN_IF_ERROR(MergeDimInto(second.dim(i), out->mutable_dim(i)));
    }
    return absl::OkStatus();
  }

  const int64_t rank = first.dim_size();
  const int64_t second_rank = second.dim_size();
  if (second_rank > rank) {
    return InferenceError("with broadcast=1 the second input's rank ", second_rank,
                          " (shape ", DimsText(second), ") must not exceed the first input's rank ",
                          rank, " (shape ", DimsText(first), ")");
  }
  int64_t axis = rank - second_rank;
  if (const AttributeProto* a = ctx.attribute("axis"); a != nullptr && a->has_i()) {
    axis = a->i();
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxis(&axis, rank, "attribute axis"));
  }
  // A second input whose known dims are all 1 may be a single element, which
  // pairs with anything; only a larger one must line up with the first.
  bool may_be_single = true;
  for (const auto& d : second.dim()) {
    if (d.has_dim_value() && d.dim_value() != 1) may_be_single = false;
  }
  bool fits = axis + second_rank <= rank;
  for (int64_t i = 0; fits && i < second_rank; ++i) {
    fits = !KnownAndDiffer(first.dim(axis + i), second.dim(i));
  }
  if (may_be_single) return absl::OkStatus();
  if (!fits) {
    return InferenceError("with broadcast=1 the second input's shape ", DimsText(second),
                          " must equal the first input's dims from axis ", axis,
                          " (first input's shape ", DimsText(first), ")");
  }
  for (int64_t i = 0; i < second_rank; ++i) {
    ONNXFORGE_RETURN_IF_ERROR(MergeDimInto(second.dim(i), out->mutable_dim(axis + i)));
  }
  return absl::OkStatus();
}

DataPropagationFunction ShapeValueArithmetic(std::string op_name, DimArithmetic op) {
  return [op_name = std::move(op_name), op](DataPropagationContext& ctx) -> absl::Status {
    const TensorShapeProto* a = ctx.input_data(0);
    const TensorShapeProto* b = ctx.input_data(1);
    if (a == nullptr || b == nullptr) return absl::OkStatus();
    const int a_size = a->dim_size();
    const int b_size = b->dim_size();
    if (a_size != b_size && a_size != 1 && b_size != 1) {
      return InferenceError(op_name, " cannot broadcast shape values of ", a_size, " and ",
                            b_size, " elements");
    }
    const int size = a_size == 1 ? b_size : a_size;
    TensorShapeProto result;
    for (int i = 0; i < size; ++i) {
      const auto& x = a->dim(a_size == 1 ? 0 : i);
      const auto& y = b->dim(b_size == 1 ? 0 : i);
      auto* dim = result.add_dim();
      if (!x.has_dim_value() || !y.has_dim_value()) continue;
      if (auto value = Combine(op, x.dim_value(), y.dim_value())) dim->set_dim_value(*value);
    }
    ctx.set_output_data(0, std::move(result));
    return absl::OkStatus();
  };
}

absl::Status ClipWithBoundInputsInference(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
  constexpr const char* kBoundNames[] = {"min", "max"};
  for (size_t index : {1, 2}) {
    if (!ctx.has_input(index) || !HasInputShape(ctx, index)) continue;
    const TensorShapeProto& shape = InputShape(ctx, index);
    for (const auto& d : shape.dim()) {
      if (d.has_dim_value() && d.dim_value() != 1) {
        return InferenceError("input '", kBoundNames[index - 1],
                              "' must be a scalar; its shape is ", DimsText(shape));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ClipFunctionBody(const FunctionBodyContext& ctx) {
  const bool has_min = ctx.has_input(1);
  const bool has_max = ctx.has_input(2);
  if (has_min && has_max) {
    return std::string("AtLeastMin = Max (input, min)\noutput = Min (AtLeastMin, max)");
  }
  if (has_min) return std::string("output = Max (input, min)");
  if (has_max) return std::string("output = Min (input, max)");
  return std::string("output = Identity (input)");
}

}  // namespace onnxforge::math
