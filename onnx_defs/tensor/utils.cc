#include "onnx_defs/tensor/utils.h"

#include <algorithm>
#include <climits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::tensor {
namespace {

constexpr FormalOption kSingle = FormalOption::kSingle;
constexpr FormalOption kOptional = FormalOption::kOptional;
constexpr FormalOption kVariadic = FormalOption::kVariadic;

Differentiability Diff(bool differentiable) {
  return differentiable ? Differentiability::kDifferentiable : Differentiability::kUnknown;
}

Differentiability NonDiff(bool stated) {
  return stated ? Differentiability::kNonDifferentiable : Differentiability::kUnknown;
}

// The element type's name as a std::string, for messages.
std::string ElemName(int32_t elem_type) { return std::string(ElementTypeName(elem_type)); }

void SetOutputShape(InferenceContext& ctx, size_t index, TensorShapeProto shape) {
  if (TensorShapeProto* out = MutableOutputShape(ctx, index)) *out = std::move(shape);
}

}  // namespace

OpSchema& CastSignature(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Input(0, "input", "The tensor to convert.", "T1", kSingle, true, 1, Diff(differentiable))
      .Output(0, "output", "The converted values, in the input's shape.", "T2", kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T1", types, "Element types the op converts from.")
      .TypeConstraint("T2", types, "Element types the op converts to.");
}

OpSchema& CastToAttr(OpSchema& schema) {
  return schema.Attr("to", "The element type to convert to, as a TensorProto.DataType value.",
                     AttributeProto::INT, /*required=*/true);
}

OpSchema& SaturateAttr(OpSchema& schema) {
  return schema.Attr(
      "saturate",
      "Only for float8 targets. 1: a value beyond the target's range, infinity included, "
      "becomes the target's largest finite value of that sign. 0: it becomes infinity, or "
      "NaN where the target has no infinity.",
      AttributeProto::INT, int64_t{1});
}

OpSchema& RoundModeAttr(OpSchema& schema) {
  return schema.Attr(
      "round_mode",
      "Only for float8e8m0 targets: how a value between two powers of two is rounded. "
      "'up': to the one farther from zero; 'down': to the one nearer zero; 'nearest': to the "
      "closer one, a tie going up.",
      AttributeProto::STRING, "up");
}

OpSchema& ReshapeSignature(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Input(0, "data", "The tensor to reshape.", "T", kSingle, true, 1, Diff(differentiable))
      .Input(1, "shape",
             "1-D: one entry per output dimension. 0 copies the input's dimension at that "
             "position (unless allowzero is 1); at most one entry is -1 and is inferred.",
             "tensor(int64)", kSingle, true, 1, NonDiff(differentiable))
      .Output(0, "reshaped", "The data, in the target shape.", "T", kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& AllowZeroAttr(OpSchema& schema) {
  return schema.Attr(
      "allowzero",
      "0: a 0 in 'shape' copies the input's dimension at that position. 1: a 0 means a "
      "dimension of size zero; 'shape' may then not also contain -1.",
      AttributeProto::INT, int64_t{0});
}

OpSchema& SqueezeWithAxesAttr(OpSchema& schema, const types::TypeList& types, bool negative_axes) {
  return schema
      .Attr("axes",
            negative_axes
                ? "The dimensions to remove, each of size 1; negative values count from the "
                  "back. Absent: every dimension of size 1 is removed."
                : "The dimensions to remove (non-negative), each of size 1. Absent: every "
                  "dimension of size 1 is removed.",
            AttributeProto::INTS, /*required=*/false)
      .Input(0, "data", "The tensor to squeeze.", "T")
      .Output(0, "squeezed", "The data without the removed dimensions.", "T")
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& SqueezeWithAxesInput(OpSchema& schema, const types::TypeList& types) {
  return schema
      .Input(0, "data", "The tensor to squeeze.", "T", kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(1, "axes",
             "1-D: the dimensions to remove, each of size 1; negative values count from the "
             "back. Omitted: every dimension of size 1 is removed.",
             "tensor(int64)", kOptional, true, 1, Differentiability::kNonDifferentiable)
      .Output(0, "squeezed", "The data without the removed dimensions.", "T", kSingle, true, 1,
              Differentiability::kDifferentiable)
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& UnsqueezeWithAxesAttr(OpSchema& schema, const types::TypeList& types,
                                bool negative_axes) {
  return schema
      .Attr("axes",
            negative_axes
                ? "Where the new size-1 dimensions go, as positions in the output; negative "
                  "values count from the back of the output."
                : "Where the new size-1 dimensions go, as non-negative positions in the output.",
            AttributeProto::INTS, /*required=*/true)
      .Input(0, "data", "The tensor to expand.", "T")
      .Output(0, "expanded", "The data with the inserted dimensions.", "T")
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& UnsqueezeWithAxesInput(OpSchema& schema, const types::TypeList& types) {
  return schema
      .Input(0, "data", "The tensor to expand.", "T", kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(1, "axes",
             "1-D: where the new size-1 dimensions go, as positions in the output; negative "
             "values count from the back of the output.",
             "tensor(int64)", kSingle, true, 1, Differentiability::kNonDifferentiable)
      .Output(0, "expanded", "The data with the inserted dimensions.", "T", kSingle, true, 1,
              Differentiability::kDifferentiable)
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& ConcatSignature(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Input(0, "inputs", "The tensors to join: one rank, equal dimensions except along the axis.",
             "T", kVariadic, true, 1, Diff(differentiable))
      .Output(0, "concat_result", "The joined tensor.", "T", kSingle, true, 1, Diff(differentiable))
      .TypeConstraint("T", types, "The element types the op accepts.");
}

OpSchema& SplitSignature(OpSchema& schema, const types::TypeList& types, bool differentiable,
                         bool negative_axis) {
  return schema
      .Attr("axis",
            negative_axis ? "The axis to split along; negative values count from the back."
                          : "The axis to split along.",
            AttributeProto::INT, int64_t{0})
      .Input(0, "input", "The tensor to split.", "T", kSingle, true, 1, Diff(differentiable))
      .Output(0, "outputs", "The parts, in order along the axis.", "T", kVariadic, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& SplitSizesInput(OpSchema& schema) {
  return schema.Input(1, "split",
                      "1-D: the length of each part along the axis (each >= 0); they add up "
                      "to the input's dimension there.",
                      "tensor(int64)", kOptional, true, 1, Differentiability::kNonDifferentiable);
}

OpSchema& TransposeSignature(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Attr("perm",
            "For each output axis, the input axis it takes: a permutation of 0..rank-1. "
            "Absent: the axes in reverse order.",
            AttributeProto::INTS, /*required=*/false)
      .Input(0, "data", "The tensor to transpose.", "T", kSingle, true, 1, Diff(differentiable))
      .Output(0, "transposed", "The data with its axes permuted.", "T", kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor type.");
}

OpSchema& FlattenSignature(OpSchema& schema, const types::TypeList& types, bool differentiable,
                           bool negative_axis) {
  return schema
      .Attr("axis",
            negative_axis
                ? "The input dimensions before this axis make the output's first dimension, "
                  "the rest its second. In [-r, r] for rank r; negative values count from the "
                  "back."
                : "The input dimensions before this axis make the output's first dimension, "
                  "the rest its second. In [0, r] for rank r.",
            AttributeProto::INT, int64_t{1})
      .Input(0, "input", "The tensor to flatten.", "T", kSingle, true, 1, Diff(differentiable))
      .Output(0, "output",
              "2-D: the product of the dimensions before 'axis' by the product of the rest.", "T",
              kSingle, true, 1, Diff(differentiable))
      .TypeConstraint("T", types, "The element types the op accepts.");
}

OpSchema& ShapeSignature(OpSchema& schema, const types::TypeList& types, bool non_differentiable) {
  return schema
      .Input(0, "data", "The tensor whose shape is read.", "T", kSingle, true, 1,
             NonDiff(non_differentiable))
      .Output(0, "shape", "1-D: the input's dimensions.", "T1", kSingle, true, 1,
              NonDiff(non_differentiable))
      .TypeConstraint("T", types, "Any tensor type.")
      .TypeConstraint("T1", types::Tensors({"int64"}), "The output is int64.");
}

OpSchema& ShapeRangeAttrs(OpSchema& schema) {
  return schema
      .Attr("start",
            "The first axis reported; negative values count from the back. Clamped to "
            "[0, rank].",
            AttributeProto::INT, int64_t{0})
      .Attr("end",
            "One past the last axis reported; negative values count from the back. Clamped "
            "to [0, rank]. Absent: the rank.",
            AttributeProto::INT, /*required=*/false);
}

OpSchema& IdentitySignature(OpSchema& schema, const char* param, const types::TypeList& types,
                            bool differentiable) {
  return schema
      .Input(0, "input", "The value to pass on.", param, kSingle, true, 1, Diff(differentiable))
      .Output(0, "output", "The input, unchanged.", param, kSingle, true, 1, Diff(differentiable))
      .TypeConstraint(param, types, "The kinds of value the op passes on.");
}

// ---- Helpers ------------------------------------------------------------------

std::string DimsString(const TensorShapeProto& shape) {
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

absl::Status NormalizeAxisInRank(int64_t* axis, int64_t rank, const std::string& what) {
  if (*axis < -rank || *axis >= rank) {
    if (rank == 0) {
      return InferenceError(what, " is ", *axis, " but the input is a scalar (rank 0)");
    }
    return InferenceError(what, " is ", *axis, ", outside [", -rank, ", ", rank - 1, "] for rank ",
                          rank);
  }
  if (*axis < 0) *axis += rank;
  return absl::OkStatus();
}

TensorShapeProto::Dimension CollapsedDim(const TensorShapeProto& shape, int begin, int end) {
  int64_t product = 1;
  const TensorShapeProto::Dimension* symbolic = nullptr;
  int not_values = 0;
  for (int i = begin; i < end; ++i) {
    const auto& d = shape.dim(i);
    if (d.has_dim_value()) {
      if (__builtin_mul_overflow(product, d.dim_value(), &product)) {
        return TensorShapeProto::Dimension();
      }
    } else {
      ++not_values;
      if (d.has_dim_param()) symbolic = &d;
    }
  }
  if (not_values == 0) return DimOf(product);
  if (not_values == 1 && symbolic != nullptr && product == 1) return *symbolic;
  return TensorShapeProto::Dimension();
}

// ---- Cast -----------------------------------------------------------------------

namespace {

// The element type `to` names: an enum value, or (opset 1) an enum name.
absl::StatusOr<int32_t> CastTarget(const AttributeProto& to) {
  if (to.type() == AttributeProto::STRING || (to.has_s() && !to.has_i())) {
    TensorProto::DataType value = TensorProto::UNDEFINED;
    if (TensorProto::DataType_Parse(to.s(), &value) && value != TensorProto::UNDEFINED) {
      return value;
    }
    auto by_name = ElementTypeFromName(to.s());
    if (by_name.ok()) return *by_name;
    return InferenceError("attribute 'to' is \"", to.s(),
                          "\", which names no element type (use a TensorProto.DataType name "
                          "such as \"FLOAT\")");
  }
  const int64_t value = to.i();
  if (value < INT32_MIN || value > INT32_MAX ||
      ElementTypeName(static_cast<int32_t>(value)).empty()) {
    return InferenceError("attribute 'to' is ", value, ", which is no TensorProto.DataType value");
  }
  return static_cast<int32_t>(value);
}

}  // namespace

InferenceFunction CastInference(types::TypeList allowed) {
  return [allowed = std::move(allowed)](InferenceContext& ctx) -> absl::Status {
    const AttributeProto* to = ctx.attribute("to");
    if (to == nullptr) return InferenceError("attribute 'to' is required");
    auto target = CastTarget(*to);
    if (!target.ok()) return target.status();
    const std::string type_str = absl::StrCat("tensor(", ElemName(*target), ")");
    if (std::find(allowed.begin(), allowed.end(), type_str) == allowed.end()) {
      return InferenceError("attribute 'to' asks for ", ElemName(*target),
                            ", which this version of Cast does not convert to");
    }
    if (const AttributeProto* mode = ctx.attribute("round_mode")) {
      if (mode->s() != "up" && mode->s() != "down" && mode->s() != "nearest") {
        return InferenceError("attribute 'round_mode' is \"", mode->s(),
                              "\"; expected \"up\", \"down\" or \"nearest\"");
      }
    }
    SetOutputElemType(ctx, 0, *target);
    PropagateShapeFromInput(ctx, 0, 0);
    return absl::OkStatus();
  };
}

// ---- Reshape ----------------------------------------------------------------------

namespace {

// Shape inputs whose only known fact is their length get that many unknown
// dims; beyond this a model is more likely broken than that high-ranked.
constexpr int64_t kMaxUnknownRank = 1 << 16;

// The target shape as dims: values from a constant, values or symbols from
// data propagation, or unknown dims when only the input's length is known.
absl::StatusOr<std::optional<TensorShapeProto>> TargetShapeOfInput(const InferenceContext& ctx,
                                                                   size_t index) {
  TensorShapeProto target;
  if (const TensorProto* constant = ctx.input_data(index)) {
    if (constant->dims_size() != 1) {
      return InferenceError("the shape input must be 1-D; its constant has rank ",
                            constant->dims_size());
    }
    auto values = ReadInt64s(*constant);
    if (!values.ok()) {
      return InferenceError("the shape input cannot be read: ", values.status().message());
    }
    for (int64_t v : *values) target.add_dim()->set_dim_value(v);
    return std::optional<TensorShapeProto>(std::move(target));
  }
  if (const TensorShapeProto* data = ctx.input_shape_data(index)) {
    return std::optional<TensorShapeProto>(*data);
  }
  if (HasInputShape(ctx, index)) {
    const TensorShapeProto& shape = InputShape(ctx, index);
    if (shape.dim_size() != 1) {
      return InferenceError("the shape input must be 1-D; it has shape ", DimsString(shape));
    }
    const auto& length = shape.dim(0);
    if (length.has_dim_value() && length.dim_value() >= 0 &&
        length.dim_value() <= kMaxUnknownRank) {
      for (int64_t i = 0; i < length.dim_value(); ++i) target.add_dim();
      return std::optional<TensorShapeProto>(std::move(target));
    }
  }
  return std::optional<TensorShapeProto>();
}

absl::Status MultiplyInto(int64_t* product, int64_t value) {
  if (__builtin_mul_overflow(*product, value, product)) {
    return InferenceError("the element count overflows int64");
  }
  return absl::OkStatus();
}

// Output 0 gets `target` with 0s copied (unless allow_zero) and a -1
// inferred where the input's shape allows.
absl::Status ReshapeToTarget(InferenceContext& ctx, const TensorShapeProto& target,
                             bool allow_zero) {
  const TensorShapeProto* input = HasInputShape(ctx, 0) ? &InputShape(ctx, 0) : nullptr;
  TensorShapeProto out;
  int inferred = -1;              // the position of the -1, if any
  int64_t known_product = 1;      // product of the output dims that are values
  bool all_entries_known = true;  // every target entry is a value
  // Input positions whose unknown dim a 0 copied: it appears on both sides
  // and drops out when the -1 is computed.
  std::vector<bool> copied_unknown(input != nullptr ? input->dim_size() : 0, false);
  for (int i = 0; i < target.dim_size(); ++i) {
    const auto& entry = target.dim(i);
    auto* dim = out.add_dim();
    if (!entry.has_dim_value()) {
      if (entry.has_dim_param()) dim->set_dim_param(entry.dim_param());
      all_entries_known = false;
      continue;
    }
    const int64_t v = entry.dim_value();
    if (v == -1) {
      if (inferred >= 0) {
        return InferenceError("the target shape ", DimsString(target), " has more than one -1 (",
                              "entries ", inferred, " and ", i, ")");
      }
      inferred = i;
    } else if (v < -1) {
      return InferenceError("the target shape ", DimsString(target), " has ", v, " at entry ", i,
                            "; entries must be -1 or more");
    } else if (v == 0 && !allow_zero) {
      if (input == nullptr) {
        all_entries_known = false;
        continue;
      }
      if (i >= input->dim_size()) {
        return InferenceError("the target shape ", DimsString(target), " has 0 at entry ", i,
                              ", which copies an input dimension, but the input ",
                              DimsString(*input), " has rank ", input->dim_size());
      }
      *dim = input->dim(i);
      if (dim->has_dim_value()) {
        ONNXFORGE_RETURN_IF_ERROR(MultiplyInto(&known_product, dim->dim_value()));
      } else {
        copied_unknown[i] = true;
      }
    } else {
      dim->set_dim_value(v);
      ONNXFORGE_RETURN_IF_ERROR(MultiplyInto(&known_product, v));
    }
  }

  // The input's element count, leaving out unknown dims a 0 copied.
  std::optional<int64_t> input_count;
  if (input != nullptr) {
    int64_t count = 1;
    bool known = true;
    for (int i = 0; i < input->dim_size() && known; ++i) {
      const auto& d = input->dim(i);
      if (d.has_dim_value()) {
        ONNXFORGE_RETURN_IF_ERROR(MultiplyInto(&count, d.dim_value()));
      } else if (!copied_unknown[i]) {
        known = false;
      }
    }
    if (known) input_count = count;
  }

  if (inferred >= 0 && all_entries_known) {
    if (known_product == 0) {
      return InferenceError("the target shape ", DimsString(target),
                            " has a -1 and a dimension of size 0; the -1 cannot be inferred");
    }
    if (input_count) {
      if (*input_count % known_product != 0) {
        return InferenceError("cannot reshape ", DimsString(*input), " into ", DimsString(target),
                              ": ", *input_count, " elements do not divide by ", known_product);
      }
      out.mutable_dim(inferred)->set_dim_value(*input_count / known_product);
    }
  } else if (inferred < 0 && all_entries_known && input_count &&
             std::none_of(copied_unknown.begin(), copied_unknown.end(), [](bool b) { return b; }) &&
             *input_count != known_product) {
    return InferenceError("cannot reshape ", DimsString(*input), " (", *input_count,
                          " elements) into ", DimsString(out), " (", known_product, " elements)");
  }
  TensorShapeProto* result = MutableOutputShape(ctx, 0);
  if (result != nullptr) *result = std::move(out);
  return absl::OkStatus();
}

}  // namespace

absl::Status InferReshape(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto target = TargetShapeOfInput(ctx, 1);
  if (!target.ok()) return target.status();
  if (!target->has_value()) return absl::OkStatus();
  return ReshapeToTarget(ctx, **target, GetIntAttr(ctx, "allowzero", 0) != 0);
}

absl::Status InferReshapeFromAttr(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto values = GetIntsAttr(ctx, "shape");
  if (!values) return absl::OkStatus();
  TensorShapeProto target;
  for (int64_t v : *values) target.add_dim()->set_dim_value(v);
  return ReshapeToTarget(ctx, target, /*allow_zero=*/false);
}

// ---- Squeeze and Unsqueeze ----------------------------------------------------

namespace {

// Makes each axis non-negative for `rank` and rejects repeats.
absl::Status NormalizeAxes(std::vector<int64_t>* axes, int64_t rank) {
  std::vector<bool> seen(rank, false);
  for (int64_t& axis : *axes) {
    const int64_t given = axis;
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxisInRank(&axis, rank, "axes entry"));
    if (seen[axis]) {
      return InferenceError("axes entry ", given, " repeats axis ", axis);
    }
    seen[axis] = true;
  }
  return absl::OkStatus();
}

// The length of a 1-D axes input when only its shape is known.
std::optional<int64_t> AxesCount(const InferenceContext& ctx, size_t index) {
  if (!HasInputShape(ctx, index)) return std::nullopt;
  const TensorShapeProto& shape = InputShape(ctx, index);
  if (shape.dim_size() != 1 || !shape.dim(0).has_dim_value()) return std::nullopt;
  return shape.dim(0).dim_value();
}

// Output 0 of rank `rank` with every dim unknown (rank < 0: nothing known).
void SetUnknownDims(InferenceContext& ctx, int64_t rank) {
  if (rank < 0 || rank > kMaxUnknownRank) return;
  TensorShapeProto* out = MutableOutputShape(ctx, 0);
  if (out == nullptr) return;
  out->clear_dim();
  for (int64_t i = 0; i < rank; ++i) out->add_dim();
}

// Removes `axes` (nullptr: every dim of size 1) from input 0's shape.
absl::Status Squeeze(InferenceContext& ctx, const std::vector<int64_t>* axes) {
  const TensorShapeProto& in = InputShape(ctx, 0);
  TensorShapeProto out;
  if (axes == nullptr) {
    for (const auto& d : in.dim()) {
      // An unknown dim may or may not be 1: the rank is then unknown too.
      if (!d.has_dim_value()) return absl::OkStatus();
      if (d.dim_value() != 1) *out.add_dim() = d;
    }
  } else {
    std::vector<int64_t> normalized = *axes;
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxes(&normalized, in.dim_size()));
    for (int i = 0; i < in.dim_size(); ++i) {
      const auto& d = in.dim(i);
      if (std::find(normalized.begin(), normalized.end(), i) == normalized.end()) {
        *out.add_dim() = d;
      } else if (d.has_dim_value() && d.dim_value() != 1) {
        return InferenceError("cannot squeeze axis ", i, " of ", DimsString(in), ": its size is ",
                              d.dim_value(), ", not 1");
      }
    }
  }
  SetOutputShape(ctx, 0, std::move(out));
  return absl::OkStatus();
}

// Inserts size-1 dims of input 0's shape at the output positions `axes`.
absl::Status Unsqueeze(InferenceContext& ctx, const std::vector<int64_t>& axes) {
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int64_t out_rank = in.dim_size() + static_cast<int64_t>(axes.size());
  std::vector<int64_t> normalized = axes;
  ONNXFORGE_RETURN_IF_ERROR(NormalizeAxes(&normalized, out_rank));
  std::vector<bool> inserted(out_rank, false);
  for (int64_t a : normalized) inserted[a] = true;
  TensorShapeProto out;
  int next = 0;
  for (int64_t i = 0; i < out_rank; ++i) {
    if (inserted[i]) {
      out.add_dim()->set_dim_value(1);
    } else {
      *out.add_dim() = in.dim(next++);
    }
  }
  SetOutputShape(ctx, 0, std::move(out));
  return absl::OkStatus();
}

}  // namespace

absl::Status InferSqueezeFromAttr(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  auto axes = GetIntsAttr(ctx, "axes");
  return Squeeze(ctx, axes ? &*axes : nullptr);
}

absl::Status InferSqueezeFromInput(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  if (!ctx.has_input(1)) return Squeeze(ctx, nullptr);
  auto axes = ConstantIntsOfInput(ctx, 1);
  if (axes) return Squeeze(ctx, &*axes);
  if (auto count = AxesCount(ctx, 1)) {
    SetUnknownDims(ctx, InputShape(ctx, 0).dim_size() - *count);
  }
  return absl::OkStatus();
}

absl::Status InferUnsqueezeFromAttr(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto axes = GetIntsAttr(ctx, "axes");
  if (!axes) return InferenceError("attribute 'axes' is required");
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  return Unsqueeze(ctx, *axes);
}

absl::Status InferUnsqueezeFromInput(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  auto axes = ConstantIntsOfInput(ctx, 1);
  if (axes) return Unsqueeze(ctx, *axes);
  if (auto count = AxesCount(ctx, 1)) {
    SetUnknownDims(ctx, InputShape(ctx, 0).dim_size() + *count);
  }
  return absl::OkStatus();
}

// ---- Concat ---------------------------------------------------------------------

InferenceFunction ConcatInference(bool axis_defaults_to_one) {
  return [axis_defaults_to_one](InferenceContext& ctx) -> absl::Status {
    // The element type: the first input's, and every known one must agree.
    int32_t elem = 0;
    size_t elem_from = 0;
    for (size_t i = 0; i < ctx.num_inputs(); ++i) {
      const int32_t e = InputElemType(ctx, i);
      if (e == 0) continue;
      if (elem == 0) {
        elem = e;
        elem_from = i;
      } else if (e != elem) {
        return InferenceError("input ", i, " has element type ", ElemName(e), " but input ",
                              elem_from, " has ", ElemName(elem));
      }
    }
    if (elem != 0) SetOutputElemType(ctx, 0, elem);

    const AttributeProto* axis_attr = ctx.attribute("axis");
    if (axis_attr == nullptr && !axis_defaults_to_one) {
      return InferenceError("attribute 'axis' is required");
    }
    int64_t axis = axis_attr != nullptr ? axis_attr->i() : 1;

    // Merge what the inputs with a shape say; all must share one rank.
    const TensorShapeProto* first = nullptr;
    size_t first_index = 0;
    bool every_shape_known = true;
    for (size_t i = 0; i < ctx.num_inputs(); ++i) {
      if (!HasInputShape(ctx, i)) {
        every_shape_known = false;
        continue;
      }
      const TensorShapeProto& shape = InputShape(ctx, i);
      if (first == nullptr) {
        first = &shape;
        first_index = i;
      } else if (shape.dim_size() != first->dim_size()) {
        return InferenceError("input ", i, " has rank ", shape.dim_size(), " but input ",
                              first_index, " has rank ", first->dim_size());
      }
    }
    if (first == nullptr) return absl::OkStatus();
    const int64_t rank = first->dim_size();
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxisInRank(&axis, rank, "attribute 'axis'"));

    TensorShapeProto out;
    for (int64_t j = 0; j < rank; ++j) out.add_dim();
    int64_t length = 0;
    bool length_known = every_shape_known;
    for (size_t i = 0; i < ctx.num_inputs(); ++i) {
      if (!HasInputShape(ctx, i)) continue;
      const TensorShapeProto& shape = InputShape(ctx, i);
      for (int j = 0; j < rank; ++j) {
        const auto& d = shape.dim(j);
        if (j == axis) {
          if (!d.has_dim_value()) {
            length_known = false;
          } else if (__builtin_add_overflow(length, d.dim_value(), &length)) {
            return InferenceError("the length along axis ", axis, " overflows int64");
          }
          continue;
        }
        absl::Status merged = MergeDimInto(d, out.mutable_dim(j));
        if (!merged.ok()) {
          return InferenceError("input ", i, " has shape ", DimsString(shape),
                                ", which differs from the other inputs at axis ", j, " (only axis ",
                                axis, " may differ)");
        }
      }
    }
    if (length_known) out.mutable_dim(axis)->set_dim_value(length);
    SetOutputShape(ctx, 0, std::move(out));
    return absl::OkStatus();
  };
}

// ---- Split ------------------------------------------------------------------------

namespace {

// Sizes from a constant `split` input; opset 1 allows a float tensor.
std::optional<std::vector<int64_t>> SplitSizesOfInput(const InferenceContext& ctx) {
  if (auto ints = ConstantIntsOfInput(ctx, 1)) return ints;
  const TensorProto* constant = ctx.input_data(1);
  if (constant == nullptr) return std::nullopt;
  auto values = ReadDoubles(*constant);
  if (!values.ok()) return std::nullopt;
  std::vector<int64_t> sizes;
  for (double v : *values) sizes.push_back(static_cast<int64_t>(v));
  return sizes;
}

// Sizes for `count` parts of `length` as opset 18 cuts them: equal parts,
// rounded up, the last one taking what remains.
absl::StatusOr<std::vector<int64_t>> CeilParts(int64_t length, int64_t count) {
  const int64_t part = length / count + (length % count != 0 ? 1 : 0);
  const int64_t last = length - part * (count - 1);
  if (last < 0) {
    return InferenceError("cannot cut length ", length, " into ", count, " parts of ", part,
                          " with a smaller last part; use fewer outputs or the 'split' input");
  }
  std::vector<int64_t> sizes(count - 1, part);
  sizes.push_back(last);
  return sizes;
}

}  // namespace

InferenceFunction SplitInference(SplitSizes source) {
  return [source](InferenceContext& ctx) -> absl::Status {
    const int64_t outputs = static_cast<int64_t>(ctx.num_outputs());
    if (outputs == 0) return InferenceError("the node has no outputs; Split needs at least one");
    for (size_t i = 0; i < ctx.num_outputs(); ++i) {
      ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, i));
    }
    // Where the sizes come from, and whether they are known.
    std::optional<std::vector<int64_t>> sizes;
    bool sizes_unknown = false;  // given by a non-constant input
    std::optional<int64_t> num_outputs;
    const auto split_attr = GetIntsAttr(ctx, "split");
    const bool attr_given = split_attr && !split_attr->empty();
    const bool input_given = ctx.has_input(1);
    switch (source) {
      case SplitSizes::kAttrOrInput:
        if (attr_given) {
          sizes = split_attr;
        } else if (input_given) {
          sizes = SplitSizesOfInput(ctx);
          sizes_unknown = !sizes;
        }
        break;
      case SplitSizes::kAttr:
        if (attr_given) sizes = split_attr;
        break;
      case SplitSizes::kInput:
      case SplitSizes::kInputOrNumOutputs:
        if (input_given) {
          sizes = ConstantIntsOfInput(ctx, 1);
          sizes_unknown = !sizes;
        }
        break;
    }
    if (source == SplitSizes::kInputOrNumOutputs) {
      if (const AttributeProto* n = ctx.attribute("num_outputs")) num_outputs = n->i();
      if (input_given && num_outputs) {
        return InferenceError("give either the 'split' input or attribute 'num_outputs', not both");
      }
      if (!input_given && !num_outputs) {
        return InferenceError("needs the 'split' input or attribute 'num_outputs'");
      }
      if (num_outputs && *num_outputs < 1) {
        return InferenceError("attribute 'num_outputs' is ", *num_outputs,
                              "; it must be 1 or more");
      }
      if (num_outputs && *num_outputs != outputs) {
        return InferenceError("attribute 'num_outputs' is ", *num_outputs, " but the node has ",
                              outputs, " outputs");
      }
    }
    if (sizes) {
      if (static_cast<int64_t>(sizes->size()) != outputs) {
        return InferenceError("'split' has ", sizes->size(), " entries but the node has ", outputs,
                              " outputs");
      }
      for (int64_t s : *sizes) {
        if (s < 0) return InferenceError("'split' has a negative size ", s);
      }
    }

    if (!HasInputShape(ctx, 0)) return absl::OkStatus();
    const TensorShapeProto& in = InputShape(ctx, 0);
    int64_t axis = GetIntAttr(ctx, "axis", 0);
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxisInRank(&axis, in.dim_size(), "attribute 'axis'"));
    const auto& dim = in.dim(static_cast<int>(axis));

    if (dim.has_dim_value() && !sizes_unknown) {
      const int64_t length = dim.dim_value();
      if (sizes) {
        int64_t total = 0;
        for (int64_t s : *sizes) total += s;
        if (total != length) {
          return InferenceError("'split' sizes add up to ", total, " but axis ", axis,
                                " of the input has length ", length);
        }
      } else if (num_outputs) {
        auto parts = CeilParts(length, *num_outputs);
        if (!parts.ok()) return parts.status();
        sizes = std::move(*parts);
      } else {
        if (length % outputs != 0) {
          return InferenceError("axis ", axis, " has length ", length,
                                ", which does not split evenly into ", outputs, " outputs");
        }
        sizes = std::vector<int64_t>(outputs, length / outputs);
      }
    }
    for (int64_t i = 0; i < outputs; ++i) {
      TensorShapeProto* out = MutableOutputShape(ctx, i);
      if (out == nullptr) continue;
      *out = in;
      auto* d = out->mutable_dim(static_cast<int>(axis));
      d->Clear();
      if (sizes && !sizes_unknown) d->set_dim_value((*sizes)[i]);
    }
    return absl::OkStatus();
  };
}

// ---- Transpose ------------------------------------------------------------------

absl::Status InferTranspose(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto perm = GetIntsAttr(ctx, "perm");
  if (!HasInputShape(ctx, 0)) {
    // The permutation's length is the rank.
    if (perm) SetUnknownDims(ctx, static_cast<int64_t>(perm->size()));
    return absl::OkStatus();
  }
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int rank = in.dim_size();
  if (!perm) {
    perm.emplace();
    for (int i = rank - 1; i >= 0; --i) perm->push_back(i);
  }
  if (static_cast<int>(perm->size()) != rank) {
    return InferenceError("attribute 'perm' has ", perm->size(), " entries but the input ",
                          DimsString(in), " has rank ", rank);
  }
  std::vector<bool> seen(rank, false);
  TensorShapeProto out;
  for (int64_t p : *perm) {
    if (p < 0 || p >= rank) {
      return InferenceError("attribute 'perm' has ", p, ", outside [0, ", rank - 1, "]");
    }
    if (seen[p]) return InferenceError("attribute 'perm' repeats axis ", p);
    seen[p] = true;
    *out.add_dim() = in.dim(static_cast<int>(p));
  }
  SetOutputShape(ctx, 0, std::move(out));
  return absl::OkStatus();
}

// ---- Flatten ----------------------------------------------------------------------

InferenceFunction FlattenInference(bool negative_axis) {
  return [negative_axis](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
    int64_t axis = GetIntAttr(ctx, "axis", 1);
    if (axis < 0 && !negative_axis) {
      return InferenceError("attribute 'axis' is ", axis,
                            "; this version takes [0, rank] (negative axes arrive in opset 11)");
    }
    if (!HasInputShape(ctx, 0)) {
      SetUnknownDims(ctx, 2);
      return absl::OkStatus();
    }
    const TensorShapeProto& in = InputShape(ctx, 0);
    const int64_t rank = in.dim_size();
    if (axis < -rank || axis > rank) {
      return InferenceError("attribute 'axis' is ", axis, ", outside [", negative_axis ? -rank : 0,
                            ", ", rank, "] for rank ", rank);
    }
    if (axis < 0) axis += rank;
    TensorShapeProto out;
    *out.add_dim() = CollapsedDim(in, 0, static_cast<int>(axis));
    *out.add_dim() = CollapsedDim(in, static_cast<int>(axis), static_cast<int>(rank));
    SetOutputShape(ctx, 0, std::move(out));
    return absl::OkStatus();
  };
}

// ---- Shape --------------------------------------------------------------------------

namespace {

// The [start, end) range of axes a Shape node reports for `rank`.
std::pair<int64_t, int64_t> ShapeRange(int64_t rank, int64_t start, std::optional<int64_t> end) {
  auto clamp = [rank](int64_t v) {
    if (v < 0) v += rank;
    return std::clamp<int64_t>(v, 0, rank);
  };
  const int64_t first = clamp(start);
  const int64_t last = clamp(end.value_or(rank));
  return {first, std::max(first, last)};
}

template <typename Context>
std::pair<int64_t, int64_t> ShapeRangeOf(const Context& ctx, bool ranged, int64_t rank) {
  if (!ranged) return {0, rank};
  int64_t start = 0;
  std::optional<int64_t> end;
  if (const AttributeProto* a = ctx.attribute("start")) start = a->i();
  if (const AttributeProto* a = ctx.attribute("end")) end = a->i();
  return ShapeRange(rank, start, end);
}

}  // namespace

InferenceFunction ShapeInference(bool ranged) {
  return [ranged](InferenceContext& ctx) -> absl::Status {
    SetOutputElemType(ctx, 0, TensorProto::INT64);
    TensorShapeProto* out = MutableOutputShape(ctx, 0);
    if (out == nullptr) return absl::OkStatus();
    out->clear_dim();
    auto* length = out->add_dim();
    if (HasInputShape(ctx, 0)) {
      auto [first, last] = ShapeRangeOf(ctx, ranged, InputShape(ctx, 0).dim_size());
      length->set_dim_value(last - first);
    }
    return absl::OkStatus();
  };
}

DataPropagationFunction ShapeDataPropagation(bool ranged) {
  return [ranged](DataPropagationContext& ctx) -> absl::Status {
    const TypeProto* type = ctx.input_type(0);
    if (type == nullptr || !type->has_tensor_type() || !type->tensor_type().has_shape()) {
      return absl::OkStatus();
    }
    const TensorShapeProto& in = type->tensor_type().shape();
    auto [first, last] = ShapeRangeOf(ctx, ranged, in.dim_size());
    TensorShapeProto value;
    for (int64_t i = first; i < last; ++i) *value.add_dim() = in.dim(static_cast<int>(i));
    ctx.set_output_data(0, std::move(value));
    return absl::OkStatus();
  };
}

// ---- Identity and value copies -------------------------------------------------------

absl::Status InferIdentity(InferenceContext& ctx) { return PropagateTypeFromInput(ctx, 0, 0); }

absl::Status PropagateInputData(DataPropagationContext& ctx) {
  if (ctx.num_inputs() == 0) return absl::OkStatus();
  if (const TensorShapeProto* value = ctx.input_data(0)) ctx.set_output_data(0, *value);
  return absl::OkStatus();
}

absl::Status PropagateConcatData(DataPropagationContext& ctx) {
  // Shape values are 1-D: only a join along axis 0 keeps them shape values.
  const AttributeProto* axis_attr = ctx.attribute("axis");
  if (axis_attr == nullptr) return absl::OkStatus();
  int64_t axis = axis_attr->i();
  if (axis < 0) {
    const TypeProto* type = ctx.input_type(0);
    if (type == nullptr || !type->has_tensor_type() || !type->tensor_type().has_shape()) {
      return absl::OkStatus();
    }
    axis += type->tensor_type().shape().dim_size();
  }
  if (axis != 0) return absl::OkStatus();
  TensorShapeProto joined;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    const TensorShapeProto* value = ctx.input_data(i);
    if (value == nullptr) return absl::OkStatus();
    for (const auto& d : value->dim()) *joined.add_dim() = d;
  }
  if (joined.dim_size() > 0) ctx.set_output_data(0, std::move(joined));
  return absl::OkStatus();
}

}  // namespace onnxforge::tensor
