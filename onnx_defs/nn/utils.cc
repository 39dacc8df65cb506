#include "onnx_defs/nn/utils.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::nn {
namespace {

std::string List(const std::vector<int64_t>& values) {
  return absl::StrCat("[", absl::StrJoin(values, ","), "]");
}

// a * b + c, or nullopt when int64 overflows (attributes can be anything).
std::optional<int64_t> MulAdd(int64_t a, int64_t b, int64_t c) {
  int64_t product, sum;
  if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum)) {
    return std::nullopt;
  }
  return sum;
}

absl::Status Overflow(size_t axis) {
  return InferenceError("along spatial axis ", axis,
                        " the window attributes overflow 64-bit sizes");
}

// A per-axis attribute (strides, dilations): `fallback` on every axis when
// absent; otherwise exactly one positive value per spatial axis.
absl::StatusOr<std::vector<int64_t>> SpatialInts(const InferenceContext& ctx,
                                                 const std::string& name, size_t spatial,
                                                 int64_t fallback) {
  std::optional<std::vector<int64_t>> values = GetIntsAttr(ctx, name);
  if (!values) return std::vector<int64_t>(spatial, fallback);
  if (values->size() != spatial) {
    return InferenceError("attribute ", name, " has ", values->size(), " values but X has ",
                          spatial, " spatial axes");
  }
  for (int64_t v : *values) {
    if (v <= 0) return InferenceError("attribute ", name, " must be positive; got ", List(*values));
  }
  return *values;
}

struct Padding {
  std::vector<int64_t> begin, end;
};

// Explicit pads, or the padding auto_pad asks for. Axes whose padding
// depends on an unknown input size keep 0: their output size is unknown.
absl::StatusOr<Padding> ResolvePadding(const InferenceContext& ctx, const TensorShapeProto& x,
                                       const std::vector<int64_t>& window,
                                       const std::vector<int64_t>& strides) {
  const size_t spatial = strides.size();
  Padding pads{std::vector<int64_t>(spatial, 0), std::vector<int64_t>(spatial, 0)};
  const std::string auto_pad = GetStringAttr(ctx, "auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER" &&
      auto_pad != "VALID") {
    return InferenceError("attribute auto_pad is '", auto_pad,
                          "'; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID");
  }
  if (std::optional<std::vector<int64_t>> explicit_pads = GetIntsAttr(ctx, "pads")) {
    if (explicit_pads->size() != 2 * spatial) {
      return InferenceError("attribute pads has ", explicit_pads->size(), " values but X has ",
                            spatial, " spatial axes, so it needs ", 2 * spatial);
    }
    for (size_t i = 0; i < spatial; ++i) {
      pads.begin[i] = (*explicit_pads)[i];
      pads.end[i] = (*explicit_pads)[spatial + i];
      if (pads.begin[i] < 0 || pads.end[i] < 0) {
        return InferenceError("attribute pads must not be negative; got ", List(*explicit_pads));
      }
    }
    return pads;
  }
  if (auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER") return pads;
  for (size_t i = 0; i < spatial; ++i) {
    // SAME padding makes the output size ceil(input / stride).
    const auto& dim = x.dim(static_cast<int>(2 + i));
    if (window[i] <= 0 || !dim.has_dim_value()) continue;
    const int64_t in = dim.dim_value();
    const int64_t out = in / strides[i] + (in % strides[i] != 0 ? 1 : 0);
    std::optional<int64_t> covered = MulAdd(out - 1, strides[i], window[i]);
    if (!covered) return Overflow(i);
    const int64_t total = std::max<int64_t>(0, *covered - in);
    const int64_t small = total / 2, big = total - small;
    pads.begin[i] = auto_pad == "SAME_UPPER" ? small : big;
    pads.end[i] = auto_pad == "SAME_UPPER" ? big : small;
  }
  return pads;
}

// Conv's consistency between X's channels, W, group and B; X and W have
// the same rank (>= 3).
absl::Status CheckConvChannels(const InferenceContext& ctx, const TensorShapeProto& x,
                               const TensorShapeProto& w) {
  const int64_t group = GetIntAttr(ctx, "group", 1);  // positive: checked by the caller
  const auto& c = x.dim(1);
  const auto& c_per_group = w.dim(1);
  if (c.has_dim_value() && c_per_group.has_dim_value() &&
      c.dim_value() != c_per_group.dim_value() * group) {
    return InferenceError("X has ", c.dim_value(), " channels but W expects ",
                          c_per_group.dim_value(), " per group times group ", group, " = ",
                          c_per_group.dim_value() * group);
  }
  const auto& m = w.dim(0);
  if (m.has_dim_value() && m.dim_value() % group != 0) {
    return InferenceError("W has ", m.dim_value(), " feature maps, not a multiple of group ",
                          group);
  }
  if (HasInputShape(ctx, 2)) {
    const TensorShapeProto& b = InputShape(ctx, 2);
    if (b.dim_size() != 1) return InferenceError("B must be 1-D; it has rank ", b.dim_size());
    if (m.has_dim_value() && b.dim(0).has_dim_value() && b.dim(0).dim_value() != m.dim_value()) {
      return InferenceError("B has ", b.dim(0).dim_value(), " values but W has ", m.dim_value(),
                            " feature maps");
    }
  }
  return absl::OkStatus();
}

// The kernel's spatial sizes: the attribute, else (Conv) W's spatial dims.
// Unknown sizes are 0.
absl::StatusOr<std::vector<int64_t>> KernelSizes(const InferenceContext& ctx, size_t spatial,
                                                 const TensorShapeProto* w, bool conv) {
  std::optional<std::vector<int64_t>> kernel = GetIntsAttr(ctx, "kernel_shape");
  if (kernel) {
    if (kernel->size() != spatial) {
      return InferenceError("attribute kernel_shape has ", kernel->size(), " values but X has ",
                            spatial, " spatial axes");
    }
    for (size_t i = 0; i < spatial; ++i) {
      if ((*kernel)[i] <= 0) {
        return InferenceError("attribute kernel_shape must be positive; got ", List(*kernel));
      }
      if (w != nullptr) {
        const auto& d = w->dim(static_cast<int>(2 + i));
        if (d.has_dim_value() && d.dim_value() != (*kernel)[i]) {
          return InferenceError("attribute kernel_shape ", List(*kernel),
                                " disagrees with W's spatial dim ", i, " = ", d.dim_value());
        }
      }
    }
    return *kernel;
  }
  if (!conv) return InferenceError("attribute kernel_shape is required");
  std::vector<int64_t> sizes(spatial, 0);
  if (w == nullptr) return sizes;
  for (size_t i = 0; i < spatial; ++i) {
    const auto& d = w->dim(static_cast<int>(2 + i));
    if (d.has_dim_value()) {
      if (d.dim_value() <= 0) {
        return InferenceError("W's spatial dim ", i, " is ", d.dim_value(),
                              "; kernel sizes must be positive");
      }
      sizes[i] = d.dim_value();
    }
  }
  return sizes;
}

// The number of window positions along one axis.
absl::StatusOr<int64_t> WindowCount(int64_t in, int64_t pad_begin, int64_t pad_end, int64_t window,
                                    int64_t stride, bool ceil_mode,
                                    bool drop_window_starting_in_end_pad, size_t axis) {
  std::optional<int64_t> padded = MulAdd(1, in, pad_begin);
  if (padded) padded = MulAdd(1, *padded, pad_end);
  if (!padded) return Overflow(axis);
  const int64_t room = *padded - window;
  if (room < 0) {
    return InferenceError("along spatial axis ", axis, " the padded input size ", *padded,
                          " is smaller than the (dilated) kernel size ", window);
  }
  int64_t count = room / stride + (ceil_mode && room % stride != 0 ? 1 : 0) + 1;
  if (ceil_mode && drop_window_starting_in_end_pad && (count - 1) * stride >= in + pad_begin) {
    --count;
  }
  return count;
}

// Without X's shape only the rank is known: from kernel_shape or W.
TensorShapeProto RankOnlyShape(const InferenceContext& ctx, const TensorShapeProto* w) {
  TensorShapeProto out;
  int rank = -1;
  if (auto kernel = GetIntsAttr(ctx, "kernel_shape")) rank = static_cast<int>(kernel->size()) + 2;
  if (w != nullptr) rank = w->dim_size();
  if (rank < 3) return out;
  for (int i = 0; i < rank; ++i) out.add_dim();
  if (w != nullptr) *out.mutable_dim(1) = w->dim(0);
  return out;
}

absl::StatusOr<TensorShapeProto> ShapeFromX(const InferenceContext& ctx, const TensorShapeProto& x,
                                            const TensorShapeProto* w, const WindowRules& rules) {
  const int rank = x.dim_size();
  if (rank < 3) {
    return InferenceError("X has rank ", rank,
                          "; it needs a batch axis, a channel axis and at least one spatial "
                          "axis (rank >= 3)");
  }
  const size_t spatial = static_cast<size_t>(rank - 2);
  if (rules.conv) {
    const int64_t group = GetIntAttr(ctx, "group", 1);
    if (group <= 0) return InferenceError("attribute group must be positive; got ", group);
  }
  if (w != nullptr) {
    if (w->dim_size() != rank) {
      return InferenceError("W has rank ", w->dim_size(), " but X has rank ", rank,
                            "; they must match");
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckConvChannels(ctx, x, *w));
  }
  absl::StatusOr<std::vector<int64_t>> strides = SpatialInts(ctx, "strides", spatial, 1);
  if (!strides.ok()) return strides.status();
  std::vector<int64_t> dilations(spatial, 1);
  if (rules.dilations) {
    absl::StatusOr<std::vector<int64_t>> read = SpatialInts(ctx, "dilations", spatial, 1);
    if (!read.ok()) return read.status();
    dilations = *read;
  }
  absl::StatusOr<std::vector<int64_t>> kernel = KernelSizes(ctx, spatial, w, rules.conv);
  if (!kernel.ok()) return kernel.status();
  // The extent one window covers, dilation included; 0 when unknown.
  std::vector<int64_t> window(spatial, 0);
  for (size_t i = 0; i < spatial; ++i) {
    if ((*kernel)[i] == 0) continue;
    std::optional<int64_t> extent = MulAdd((*kernel)[i] - 1, dilations[i], 1);
    if (!extent) return Overflow(i);
    window[i] = *extent;
  }
  absl::StatusOr<Padding> pads = ResolvePadding(ctx, x, window, *strides);
  if (!pads.ok()) return pads.status();
  const bool ceil_mode = rules.ceil_mode && GetIntAttr(ctx, "ceil_mode", 0) != 0;

  TensorShapeProto out;
  *out.add_dim() = x.dim(0);
  if (!rules.conv) {
    *out.add_dim() = x.dim(1);  // pooling keeps the channels
  } else if (w != nullptr) {
    *out.add_dim() = w->dim(0);  // one channel per filter
  } else {
    out.add_dim();
  }
  for (size_t i = 0; i < spatial; ++i) {
    auto* dim = out.add_dim();
    const auto& in = x.dim(static_cast<int>(2 + i));
    if (window[i] == 0 || !in.has_dim_value()) continue;
    absl::StatusOr<int64_t> count =
        WindowCount(in.dim_value(), pads->begin[i], pads->end[i], window[i], (*strides)[i],
                    ceil_mode, rules.drop_window_starting_in_end_pad, i);
    if (!count.ok()) return count.status();
    dim->set_dim_value(*count);
  }
  return out;
}

}  // namespace

absl::Status InferWindowedShape(InferenceContext& ctx, const WindowRules& rules) {
  const TensorShapeProto* w = rules.conv && HasInputShape(ctx, 1) ? &InputShape(ctx, 1) : nullptr;
  TensorShapeProto out;
  if (HasInputShape(ctx, 0)) {
    absl::StatusOr<TensorShapeProto> shape = ShapeFromX(ctx, InputShape(ctx, 0), w, rules);
    if (!shape.ok()) return shape.status();
    out = *std::move(shape);
  } else {
    out = RankOnlyShape(ctx, w);
    if (out.dim_size() == 0) return absl::OkStatus();
  }
  if (TensorShapeProto* y = MutableOutputShape(ctx, 0)) *y = out;
  if (!rules.conv && ctx.num_outputs() > 1 && ctx.has_output(1)) {
    if (TensorShapeProto* indices = MutableOutputShape(ctx, 1)) *indices = out;
  }
  return absl::OkStatus();
}

InferenceFunction PoolInference(WindowRules rules) {
  return [rules](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
    if (ctx.num_outputs() > 1 && ctx.has_output(1)) {
      SetOutputElemType(ctx, 1, TensorProto::INT64);
    }
    return InferWindowedShape(ctx, rules);
  };
}

InferenceFunction ConvInference(WindowRules rules) {
  rules.conv = true;
  return [rules](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
    return InferWindowedShape(ctx, rules);
  };
}

OpSchema& PoolFormals(OpSchema& schema, const types::TypeList& types, Differentiability diff) {
  return schema
      .Input(0, "X",
             "The input, [N, C, D1, ..., Dn]: a batch of N samples with C channels and n "
             "spatial axes (for images [N, C, H, W]).",
             "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "Y",
              "The pooled result, [N, C, O1, ..., On], with each Oi set by the kernel, "
              "strides, padding and rounding mode.",
              "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "The element types of X and Y.");
}

OpSchema& WindowAttrs(OpSchema& schema, bool kernel_shape_required) {
  schema.Attr("kernel_shape",
              kernel_shape_required
                  ? "The window size along each spatial axis."
                  : "The kernel size along each spatial axis; W's spatial dims when absent.",
              AttributeProto::INTS, kernel_shape_required);
  return schema
      .Attr("strides", "The step between windows along each spatial axis; 1 when absent.",
            AttributeProto::INTS, false)
      .Attr("pads",
            "Padding per spatial axis as [x1_begin, x2_begin, ..., x1_end, x2_end, ...], each "
            "value >= 0; 0 when absent. Not to be combined with auto_pad.",
            AttributeProto::INTS, false)
      .Attr("auto_pad",
            "Automatic padding: NOTSET uses `pads`; VALID pads nothing; SAME_UPPER and "
            "SAME_LOWER pad so that each output size is ceil(input size / stride), an odd "
            "total going to the end (SAME_UPPER) or the beginning (SAME_LOWER).",
            AttributeProto::STRING, "NOTSET");
}

OpSchema& CeilModeAttr(OpSchema& schema) {
  return schema.Attr("ceil_mode",
                     "1 rounds the number of window positions up instead of down, so a last "
                     "partial window counts.",
                     AttributeProto::INT, int64_t{0});
}

OpSchema& DilationsAttr(OpSchema& schema) {
  return schema.Attr("dilations",
                     "The spacing between kernel taps along each spatial axis; 1 when absent.",
                     AttributeProto::INTS, false);
}

OpSchema& CountIncludePadAttr(OpSchema& schema) {
  return schema.Attr("count_include_pad",
                     "1 divides every window sum by the full window size, padding included; 0 "
                     "divides by the number of real (unpadded) elements.",
                     AttributeProto::INT, int64_t{0});
}

OpSchema& MaxPoolIndices(OpSchema& schema, Differentiability diff) {
  return schema
      .Attr("storage_order", "How Indices flattens a position: 0 row-major, 1 column-major.",
            AttributeProto::INT, int64_t{0})
      .Output(1, "Indices",
              "For each output element, the flat index into X of the maximum it took, counted "
              "without padding; same shape as Y.",
              "I", FormalOption::kOptional, true, 1, diff)
      .TypeConstraint("I", types::Tensors({"int64"}), "Indices are int64.");
}

OpSchema& ConvFormals(OpSchema& schema, const types::TypeList& types, Differentiability diff) {
  return schema
      .Input(0, "X",
             "The input, [N, C, D1, ..., Dn]: N samples with C channels and n spatial axes.", "T",
             FormalOption::kSingle, true, 1, diff)
      .Input(1, "W",
             "The filters, [M, C/group, k1, ..., kn]: M feature maps, each seeing C/group "
             "channels through a k1 x ... x kn kernel. M must be a multiple of group.",
             "T", FormalOption::kSingle, true, 1, diff)
      .Input(2, "B", "Optional bias, [M], added to each feature map.", "T", FormalOption::kOptional,
             true, 1, diff)
      .Output(0, "Y", "The result, [N, M, O1, ..., On].", "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "The element types of X, W, B and Y.")
      .Attr("group",
            "The number of groups the channels are split into; each group of C/group input "
            "channels feeds M/group feature maps.",
            AttributeProto::INT, int64_t{1});
}

// ---- BatchNormalization ------------------------------------------------------

InferenceFunction BatchNormStatsInference(bool has_spatial) {
  return [has_spatial](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
    const int32_t elem = InputElemType(ctx, 0);
    const bool spatial = !has_spatial || GetIntAttr(ctx, "spatial", 1) != 0;
    for (size_t out = 1; out < ctx.num_outputs() && out < 5; ++out) {
      if (!ctx.has_output(out)) continue;
      if (elem != 0) SetOutputElemType(ctx, out, elem);
      if (!HasInputShape(ctx, 0)) continue;
      const TensorShapeProto& x = InputShape(ctx, 0);
      if (x.dim_size() < 2) continue;
      TensorShapeProto* stats = MutableOutputShape(ctx, out);
      if (stats == nullptr) continue;
      stats->clear_dim();
      const int last = spatial ? 2 : x.dim_size();
      for (int i = 1; i < last; ++i) *stats->add_dim() = x.dim(i);
    }
    return absl::OkStatus();
  };
}

absl::Status BatchNormTrainingModeInference(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
  static constexpr const char* kNames[] = {"X", "scale", "B", "input_mean", "input_var"};
  TensorShapeProto::Dimension channels;
  if (HasInputShape(ctx, 0)) {
    const TensorShapeProto& x = InputShape(ctx, 0);
    if (x.dim_size() == 0) return InferenceError("X must have rank >= 1; it is a scalar");
    channels = x.dim_size() > 1 ? x.dim(1) : DimOf(1);
  }
  for (size_t i = 1; i < 5; ++i) {
    if (!HasInputShape(ctx, i)) continue;
    const TensorShapeProto& s = InputShape(ctx, i);
    if (s.dim_size() != 1) {
      return InferenceError(kNames[i], " must be 1-D ([C]); it has rank ", s.dim_size());
    }
    const auto& d = s.dim(0);
    if (d.has_dim_value() && channels.has_dim_value() && d.dim_value() != channels.dim_value()) {
      return InferenceError(kNames[i], " has ", d.dim_value(), " values but there are ",
                            channels.dim_value(), " channels");
    }
    ONNXFORGE_RETURN_IF_ERROR(MergeDimInto(d, &channels));
  }
  const bool training = GetIntAttr(ctx, "training_mode", 0) != 0;
  const bool has_mean = ctx.num_outputs() > 1 && ctx.has_output(1);
  const bool has_var = ctx.num_outputs() > 2 && ctx.has_output(2);
  if (training && !(has_mean && has_var)) {
    return InferenceError(
        "with training_mode=1 the outputs running_mean and running_var must both be present");
  }
  if (!training && (has_mean || has_var)) {
    return InferenceError(
        "outputs running_mean and running_var exist only with training_mode=1; training_mode "
        "is 0");
  }
  for (size_t out = 1; out <= 2; ++out) {
    if (!(out == 1 ? has_mean : has_var)) continue;
    ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, out + 2, out));
    if (TensorShapeProto* shape = MutableOutputShape(ctx, out)) {
      shape->clear_dim();
      *shape->add_dim() = channels;
    }
  }
  return absl::OkStatus();
}

OpSchema& BatchNormLegacyInputs(OpSchema& schema, Differentiability diff) {
  return schema
      .Input(0, "X", "The input, [N, C, D1, ..., Dn] (for images [N, C, H, W]).", "T",
             FormalOption::kSingle, true, 1, diff)
      .Input(1, "scale", "Per-channel scale (gamma).", "T", FormalOption::kSingle, true, 1, diff)
      .Input(2, "B", "Per-channel bias (beta).", "T", FormalOption::kSingle, true, 1, diff)
      .Input(3, "mean", "The running mean (training) or the estimated mean (inference).", "T",
             FormalOption::kSingle, true, 1, diff)
      .Input(4, "var", "The running variance (training) or the estimated variance (inference).",
             "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types::Float(), "The float types of every input and output.");
}

OpSchema& BatchNormLegacyOutputs(OpSchema& schema, Differentiability diff) {
  return schema
      .Output(1, "mean", "Training only: the updated running mean (in place with input mean).", "T",
              FormalOption::kOptional, true, 1, diff)
      .Output(2, "var", "Training only: the updated running variance (in place with input var).",
              "T", FormalOption::kOptional, true, 1, diff)
      .Output(3, "saved_mean", "Training only: this batch's mean, kept for the gradient.", "T",
              FormalOption::kOptional, true, 1, diff)
      .Output(4, "saved_var", "Training only: this batch's variance, kept for the gradient.", "T",
              FormalOption::kOptional, true, 1, diff);
}

// ---- Dropout ---------------------------------------------------------------------

InferenceFunction DropoutInference(int32_t mask_elem_type) {
  return [mask_elem_type](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
    if (ctx.num_outputs() < 2 || !ctx.has_output(1)) return absl::OkStatus();
    if (mask_elem_type != 0) {
      SetOutputElemType(ctx, 1, mask_elem_type);
    } else {
      ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 1));
    }
    PropagateShapeFromInput(ctx, 0, 1);
    return absl::OkStatus();
  };
}

absl::Status DropoutWithInputsInference(InferenceContext& ctx) {
  static constexpr const char* kScalarInputs[] = {"", "ratio", "training_mode"};
  for (size_t i = 1; i <= 2; ++i) {
    if (i < ctx.num_inputs() && HasInputShape(ctx, i) && InputShape(ctx, i).dim_size() != 0) {
      return InferenceError("input ", kScalarInputs[i], " must be a scalar; it has rank ",
                            InputShape(ctx, i).dim_size());
    }
  }
  return DropoutInference(TensorProto::BOOL)(ctx);
}

// ---- LayerNormalization ------------------------------------------------------------

namespace {

absl::Status CheckStashType(int64_t stash_type) {
  if (stash_type != TensorProto::FLOAT && stash_type != TensorProto::BFLOAT16) {
    return InferenceError("attribute stash_type is ", stash_type, "; expected ",
                          static_cast<int>(TensorProto::FLOAT), " (float) or ",
                          static_cast<int>(TensorProto::BFLOAT16), " (bfloat16)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LayerNormInference(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateShapeAndTypeFromFirstInput(ctx));
  const int64_t stash_type = GetIntAttr(ctx, "stash_type", TensorProto::FLOAT);
  ONNXFORGE_RETURN_IF_ERROR(CheckStashType(stash_type));
  int64_t axis = GetIntAttr(ctx, "axis", -1);
  if (HasInputShape(ctx, 0)) {
    const int64_t rank = InputShape(ctx, 0).dim_size();
    if (rank == 0) return InferenceError("X must have rank >= 1; it is a scalar");
    if (axis < -rank || axis >= rank) {
      return InferenceError("attribute axis ", axis, " is out of range for X of rank ", rank);
    }
    if (axis < 0) axis += rank;
  }
  for (size_t out = 1; out <= 2 && out < ctx.num_outputs(); ++out) {
    if (!ctx.has_output(out)) continue;
    SetOutputElemType(ctx, out, static_cast<int32_t>(stash_type));
    if (!HasInputShape(ctx, 0)) continue;
    // The statistics keep the leading axes and reduce the rest to 1.
    TensorShapeProto* shape = MutableOutputShape(ctx, out);
    if (shape == nullptr) continue;
    *shape = InputShape(ctx, 0);
    for (int i = static_cast<int>(axis); i < shape->dim_size(); ++i) {
      *shape->mutable_dim(i) = DimOf(1);
    }
  }
  return absl::OkStatus();
}

std::string FloatLiteral(float value) {
  // The shortest text that reads back as the same float.
  std::string text;
  for (int digits = 6; digits <= 9; ++digits) {
    text = absl::StrFormat("%.*g", digits, value);
    if (std::strtof(text.c_str(), nullptr) == value) break;
  }
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

namespace {

// The normalized axes, `axis` to the last. A negative axis names them without
// the rank; a non-negative one needs it. Empty when the rank is unknown.
absl::StatusOr<std::vector<int64_t>> NormalizedAxes(int64_t axis, int64_t rank) {
  if (rank >= 0 && (axis < -rank || axis >= rank)) {
    return InferenceError("attribute axis ", axis, " is out of range for X of rank ", rank);
  }
  std::vector<int64_t> axes;
  if (axis < 0) {
    for (int64_t a = axis; a < 0; ++a) axes.push_back(a);
  } else if (rank >= 0) {
    for (int64_t a = axis; a < rank; ++a) axes.push_back(a);
  }
  return axes;
}

}  // namespace

absl::StatusOr<std::string> LayerNormBody(const FunctionBodyContext& ctx, int opset) {
  const AttributeProto* axis_attr = ctx.attribute("axis");
  const AttributeProto* eps_attr = ctx.attribute("epsilon");
  const AttributeProto* stash_attr = ctx.attribute("stash_type");
  const int64_t axis = axis_attr != nullptr ? axis_attr->i() : -1;
  const float epsilon = eps_attr != nullptr ? eps_attr->f() : 1e-5f;
  const int64_t stash_type = stash_attr != nullptr ? stash_attr->i() : int64_t{TensorProto::FLOAT};
  ONNXFORGE_RETURN_IF_ERROR(CheckStashType(stash_type));
  const TypeProto* x = ctx.input_type(0);
  if (x == nullptr || !x->has_tensor_type() || x->tensor_type().elem_type() == 0) {
    return InferenceError("the LayerNormalization body needs the element type of X");
  }
  const int32_t x_type = x->tensor_type().elem_type();
  const int64_t rank = x->tensor_type().has_shape() ? x->tensor_type().shape().dim_size() : -1;
  absl::StatusOr<std::vector<int64_t>> axes = NormalizedAxes(axis, rank);
  if (!axes.ok()) return axes.status();
  if (axes->empty() && opset < 18) {
    return InferenceError("the opset-", opset, " body of LayerNormalization needs the rank of X ",
                          "when axis (", axis, ") is not negative");
  }

  std::string body;
  auto line = [&body](auto... parts) { absl::StrAppend(&body, parts..., "\n"); };
  const std::string list = absl::StrCat("[", absl::StrJoin(*axes, ", "), "]");
  // ReduceMean takes its axes as an attribute up to opset 17, as an input
  // from 18 (computed from the runtime rank when X's rank is unknown).
  std::string reduce_axes = absl::StrCat(" <axes = ", list, ">"), axes_input;
  if (opset >= 18) {
    reduce_axes.clear();
    axes_input = ", Axes";
    if (!axes->empty()) {
      line("Axes = Constant <value_ints = ", list, "> ()");
    } else {
      line("XShape = Shape (X)");
      line("RankList = Shape (XShape)");
      line("Rank = Squeeze (RankList)");
      line("First = Constant <value_int = ", axis, "> ()");
      line("Step = Constant <value_int = 1> ()");
      line("Axes = Range (First, Rank, Step)");
    }
  }
  line("XU = Cast <to = ", stash_type, "> (X)");
  line("MeanU = ReduceMean", reduce_axes, " (XU", axes_input, ")");
  line("Centered = Sub (XU, MeanU)");
  line("Squared = Mul (Centered, Centered)");
  line("Variance = ReduceMean", reduce_axes, " (Squared", axes_input, ")");
  line("EpsilonF = Constant <value_float = ", FloatLiteral(epsilon), "> ()");
  line("EpsilonU = Cast <to = ", stash_type, "> (EpsilonF)");
  line("Shifted = Add (Variance, EpsilonU)");
  line("StdDev = Sqrt (Shifted)");
  line("NormalizedU = Div (Centered, StdDev)");
  line("Normalized = Cast <to = ", x_type, "> (NormalizedU)");
  if (ctx.has_input(2)) {
    line("Scaled = Mul (Normalized, Scale)");
    line("Y = Add (Scaled, B)");
  } else {
    line("Y = Mul (Normalized, Scale)");
  }
  if (ctx.has_output(1)) line("Mean = Identity (MeanU)");
  if (ctx.has_output(2)) {
    line("OneF = Constant <value_float = 1.0> ()");
    line("OneU = Cast <to = ", stash_type, "> (OneF)");
    line("InvStdDev = Div (OneU, StdDev)");
  }
  return body;
}

}  // namespace onnxforge::nn
