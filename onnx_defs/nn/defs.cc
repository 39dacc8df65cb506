// The latest version of each neural-network operator.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/nn/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, Conv, 22) {
  schema.Doc(
      "N-dimensional convolution: slides each of the M filters of W over X and takes the "
      "dot product of the filter with the window under it (no kernel flip), then adds the "
      "optional bias B. Along spatial axis i the output size is "
      "floor((D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i) + 1. "
      "With group > 1 the C input channels form `group` slices, each convolved with its own "
      "M/group filters. The kernel size comes from kernel_shape or else from W. Opset 22 adds "
      "bfloat16.");
  nn::ConvFormals(schema, types::FloatIR4(), nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/false);
  nn::DilationsAttr(schema);
  return schema.TypeAndShapeInference(nn::ConvInference({/*dilations=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, MaxPool, 22) {
  schema.Doc(
      "Max pooling: each output element is the largest value of X under one window of one "
      "channel; padded positions never win. Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, the "
      "division rounded down, or up with ceil_mode; in ceil mode a last window that would "
      "begin inside the end padding is left out. The optional Indices output gives each "
      "maximum's flat position in X. Opset 22 adds bfloat16 and the rule that drops windows "
      "starting in the end padding.");
  nn::PoolFormals(schema, types::Concat({types::FloatIR4(), types::Tensors({"int8", "uint8"})}),
                  nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::MaxPoolIndices(schema, nn::kNonDiff);
  return schema.TypeAndShapeInference(nn::PoolInference(
      {/*dilations=*/true, /*ceil_mode=*/true, /*drop_window_starting_in_end_pad=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, AveragePool, 22) {
  schema.Doc(
      "Average pooling: each output element is the mean of X under one window of one "
      "channel. count_include_pad chooses whether padded positions count in the divisor. "
      "Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, the "
      "division rounded down, or up with ceil_mode; in ceil mode a last window that would "
      "begin inside the end padding is left out. Opset 22 adds bfloat16 and the rule that "
      "drops windows starting in the end padding.");
  nn::PoolFormals(schema, types::FloatIR4(), nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::CountIncludePadAttr(schema);
  return schema.TypeAndShapeInference(nn::PoolInference(
      {/*dilations=*/true, /*ceil_mode=*/true, /*drop_window_starting_in_end_pad=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 15) {
  schema.Doc(
      "Batch normalization per channel (axis 1; a 1-D X is one channel): "
      "Y = (X - mean) / sqrt(var + epsilon) * scale + B. With training_mode=0 the mean and "
      "var are the inputs input_mean and input_var, and Y is the only output. With "
      "training_mode=1 they are the current batch's statistics over every axis but the "
      "channel (population variance, accumulated in float for float16), and the outputs "
      "running_mean = input_mean * momentum + batch_mean * (1 - momentum) and running_var "
      "(likewise) are produced too. Opset 15 lets scale and B (T1) and the statistics (T2) "
      "have element types other than X's.");
  return schema
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("momentum", "Weight of the old running statistics in the training-mode update.",
            AttributeProto::FLOAT, 0.9f)
      .Attr("training_mode",
            "1 normalizes with the batch statistics and outputs the updated running ones.",
            AttributeProto::INT, int64_t{0})
      .Input(0, "X", "The input, [N, C, D1, ..., Dn], or [N] for a single channel.", "T",
             FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(1, "scale", "Per-channel scale, [C].", "T1", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(2, "B", "Per-channel bias, [C].", "T1", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(3, "input_mean", "The running mean (training) or estimated mean (inference), [C].",
             "T2", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(4, "input_var",
             "The running variance (training) or estimated variance (inference), [C].", "T2",
             FormalOption::kSingle, true, 1, nn::kDiff)
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T", FormalOption::kSingle, true, 1,
              nn::kDiff)
      .Output(1, "running_mean", "Training only: the updated running mean, [C].", "T2",
              FormalOption::kOptional, true, 1, nn::kNonDiff)
      .Output(2, "running_var",
              "Training only: the updated running variance (population variance), [C].", "T2",
              FormalOption::kOptional, true, 1, nn::kNonDiff)
      .TypeConstraint("T", types::FloatIR4(), "The element types of X and Y.")
      .TypeConstraint("T1", types::FloatIR4(), "The element types of scale and B.")
      .TypeConstraint("T2", types::FloatIR4(), "The element types of the mean and variance.")
      .TypeAndShapeInference(nn::BatchNormTrainingModeInference);
}

ONNXFORGE_SCHEMA(Onnx, LayerNormalization, 17) {
  schema.Doc(
      "Layer normalization: standardizes X over the axes from `axis` to the last, then "
      "scales and shifts: Y = (X - Mean) * InvStdDev * Scale + B, where Mean and the "
      "variance are taken over those axes and InvStdDev = 1 / sqrt(variance + epsilon). The "
      "statistics are computed in the type stash_type (X is cast to it and the normalized "
      "value cast back); Scale and B broadcast to X unidirectionally. The optional outputs "
      "Mean and InvStdDev have X's shape with the normalized axes set to 1. Defined by a "
      "function built from the node's attributes.");
  return schema
      .Attr("axis",
            "The first normalized axis; negative counts from the back. Range [-r, r) for X of "
            "rank r.",
            AttributeProto::INT, int64_t{-1})
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("stash_type",
            "Element type (a TensorProto data type) of the statistics and of the first stage's "
            "arithmetic: float (1) or bfloat16 (16).",
            AttributeProto::INT, int64_t{TensorProto::FLOAT})
      .Input(0, "X", "The tensor to normalize.", "T")
      .Input(1, "Scale", "The scale, broadcast to X.", "T")
      .Input(2, "B", "Optional bias, broadcast to X.", "T", FormalOption::kOptional)
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T")
      .Output(1, "Mean", "The mean over the normalized axes (kept as size-1 axes).", "U",
              FormalOption::kOptional)
      .Output(2, "InvStdDev",
              "The reciprocal standard deviation over the normalized axes (kept as size-1 axes).",
              "U", FormalOption::kOptional)
      .TypeConstraint("T", types::FloatIR4(), "The element types of X, Scale, B and Y.")
      .TypeConstraint("U", types::Tensors({"float", "bfloat16"}),
                      "The element types of Mean and InvStdDev (stash_type).")
      .TypeAndShapeInference(nn::LayerNormInference)
      .ContextDependentFunctionBody(
          [](const FunctionBodyContext& ctx) { return nn::LayerNormBody(ctx, 17); }, 17)
      .ContextDependentFunctionBody(
          [](const FunctionBodyContext& ctx) { return nn::LayerNormBody(ctx, 18); }, 18);
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 22) {
  schema.Doc(
      "Dropout. When training_mode is true, each element of data is zeroed with probability "
      "`ratio` and the survivors are scaled by 1 / (1 - ratio); the optional mask marks the "
      "survivors. Otherwise (training_mode absent or false) output is a copy of data and the "
      "mask is all true. ratio defaults to 0.5. Opset 22 adds the float8 types.");
  const types::TypeList floats = types::FloatIR9();
  return schema.NonDeterministic()
      .Attr("seed", "Seed for the random generator; one is chosen when absent.",
            AttributeProto::INT, false)
      .Input(0, "data", "The input.", "T", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(1, "ratio", "Scalar drop probability in [0, 1); 0.5 when absent.", "T1",
             FormalOption::kOptional, true, 1, nn::kNonDiff)
      .Input(2, "training_mode", "Scalar; true drops elements, false (default) copies data.", "T2",
             FormalOption::kOptional, true, 1, nn::kNonDiff)
      .Output(0, "output", "The result, shaped like data.", "T", FormalOption::kSingle, true, 1,
              nn::kDiff)
      .Output(1, "mask", "True where data was kept; shaped like data.", "T2",
              FormalOption::kOptional, true, 1, nn::kNonDiff)
      .TypeConstraint("T", floats, "The element types of data and output.")
      .TypeConstraint("T1", floats, "The element types of ratio.")
      .TypeConstraint("T2", types::Tensors({"bool"}), "training_mode and mask are bool.")
      .TypeAndShapeInference(nn::DropoutWithInputsInference);
}

}  // namespace onnxforge
