// Earlier versions of the neural-network operators, newest first per op.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/nn/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Conv ------------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Conv, 11) {
  schema.Doc(
      "N-dimensional convolution of X with the M filters of W (no kernel flip) plus the "
      "optional bias B. Along spatial axis i the output size is "
      "floor((D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i) + 1; "
      "group > 1 splits the channels into slices with M/group filters each. Opset 11 states "
      "how SAME_UPPER and SAME_LOWER split an odd padding and marks the formals "
      "differentiable.");
  nn::ConvFormals(schema, types::Float(), nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/false);
  nn::DilationsAttr(schema);
  return schema.TypeAndShapeInference(nn::ConvInference({/*dilations=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, Conv, 1) {
  schema.Doc(
      "N-dimensional convolution of X with the M filters of W (no kernel flip) plus the "
      "optional bias B. Along spatial axis i the output size is "
      "floor((D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i) + 1; "
      "group > 1 splits the channels into slices with M/group filters each. The kernel size "
      "comes from kernel_shape or else from W.");
  nn::ConvFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/false);
  nn::DilationsAttr(schema);
  return schema.TypeAndShapeInference(nn::ConvInference({/*dilations=*/true}));
}

// ---- MaxPool ----------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, MaxPool, 12) {
  schema.Doc(
      "Max pooling: each output element is the largest value of X under one window of one "
      "channel; padded positions never win. Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, rounded "
      "down, or up with ceil_mode. The optional Indices output gives each maximum's flat "
      "position in X. Opset 12 adds int8 and uint8.");
  nn::PoolFormals(schema, types::Concat({types::Float(), types::Tensors({"int8", "uint8"})}),
                  nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::MaxPoolIndices(schema, nn::kNonDiff);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/true, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, MaxPool, 11) {
  schema.Doc(
      "Max pooling over windows of each channel of X; padded positions never win. Along "
      "spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, rounded "
      "down, or up with ceil_mode. The optional Indices output gives each maximum's flat "
      "position in X. Opset 11 states that SAME padding gives ceil(D_i / stride_i) outputs "
      "and how an odd padding is split.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::MaxPoolIndices(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/true, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, MaxPool, 10) {
  schema.Doc(
      "Max pooling over windows of each channel of X; padded positions never win. Along "
      "spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, rounded "
      "down, or up with ceil_mode. The optional Indices output gives each maximum's flat "
      "position in X. Opset 10 adds ceil_mode and dilations.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::MaxPoolIndices(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/true, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, MaxPool, 8) {
  schema.Doc(
      "Max pooling over windows of each channel of X; padded positions never win. Along "
      "spatial axis i the number of windows is "
      "floor((D_i + pad_begin_i + pad_end_i - k_i) / stride_i) + 1. Opset 8 adds the optional "
      "Indices output (each maximum's flat position in X) and storage_order.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::MaxPoolIndices(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::PoolInference({}));
}

ONNXFORGE_SCHEMA(Onnx, MaxPool, 1) {
  schema.Doc(
      "Max pooling over windows of each channel of X; padded positions never win. Along "
      "spatial axis i the number of windows is "
      "floor((D_i + pad_begin_i + pad_end_i - k_i) / stride_i) + 1.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  return schema.TypeAndShapeInference(nn::PoolInference({}));
}

// ---- AveragePool -------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, AveragePool, 19) {
  schema.Doc(
      "Average pooling: each output element is the mean of X under one window of one "
      "channel; count_include_pad chooses whether padded positions count in the divisor. "
      "Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - ((k_i - 1) * dilation_i + 1)) / stride_i + 1, rounded "
      "down, or up with ceil_mode. Opset 19 adds dilations.");
  nn::PoolFormals(schema, types::Float(), nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::DilationsAttr(schema);
  nn::CountIncludePadAttr(schema);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/true, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, AveragePool, 11) {
  schema.Doc(
      "Average pooling over windows of each channel of X; count_include_pad chooses whether "
      "padded positions count in the divisor. Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - k_i) / stride_i + 1, rounded down, or up with "
      "ceil_mode. Opset 11 states that SAME padding gives ceil(D_i / stride_i) outputs and "
      "how an odd padding is split, and marks X and Y differentiable.");
  nn::PoolFormals(schema, types::Float(), nn::kDiff);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::CountIncludePadAttr(schema);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/false, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, AveragePool, 10) {
  schema.Doc(
      "Average pooling over windows of each channel of X; count_include_pad chooses whether "
      "padded positions count in the divisor. Along spatial axis i the number of windows is "
      "(D_i + pad_begin_i + pad_end_i - k_i) / stride_i + 1, rounded down, or up with "
      "ceil_mode. Opset 10 adds ceil_mode.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CeilModeAttr(schema);
  nn::CountIncludePadAttr(schema);
  return schema.TypeAndShapeInference(nn::PoolInference({/*dilations=*/false, /*ceil_mode=*/true}));
}

ONNXFORGE_SCHEMA(Onnx, AveragePool, 7) {
  schema.Doc(
      "Average pooling over windows of each channel of X. Along spatial axis i the number of "
      "windows is floor((D_i + pad_begin_i + pad_end_i - k_i) / stride_i) + 1. Opset 7 adds "
      "count_include_pad: 1 counts padded positions in the divisor, 0 (default) does not.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  nn::CountIncludePadAttr(schema);
  return schema.TypeAndShapeInference(nn::PoolInference({}));
}

ONNXFORGE_SCHEMA(Onnx, AveragePool, 1) {
  schema.Doc(
      "Average pooling over windows of each channel of X; padded positions are left out of "
      "the divisor. Along spatial axis i the number of windows is "
      "floor((D_i + pad_begin_i + pad_end_i - k_i) / stride_i) + 1.");
  nn::PoolFormals(schema, types::Float(), nn::kUnmarked);
  nn::WindowAttrs(schema, /*kernel_shape_required=*/true);
  return schema.TypeAndShapeInference(nn::PoolInference({}));
}

// ---- BatchNormalization --------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 14) {
  schema.Doc(
      "Batch normalization per channel (axis 1; a 1-D X is one channel): "
      "Y = (X - mean) / sqrt(var + epsilon) * scale + B. With training_mode=0 the mean and "
      "var are input_mean and input_var and Y is the only output. With training_mode=1 they "
      "are the batch's statistics over every axis but the channel (population variance), "
      "and running_mean = input_mean * momentum + batch_mean * (1 - momentum) and "
      "running_var (likewise) are output too. Opset 14 adds training_mode, drops the "
      "saved statistics outputs, lets the statistics have their own float type U and adds "
      "bfloat16.");
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
      .Input(1, "scale", "Per-channel scale, [C].", "T", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(2, "B", "Per-channel bias, [C].", "T", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(3, "input_mean", "The running mean (training) or estimated mean (inference), [C].",
             "U", FormalOption::kSingle, true, 1, nn::kDiff)
      .Input(4, "input_var",
             "The running variance (training) or estimated variance (inference), [C].", "U",
             FormalOption::kSingle, true, 1, nn::kDiff)
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T", FormalOption::kSingle, true, 1,
              nn::kDiff)
      .Output(1, "running_mean", "Training only: the updated running mean, [C].", "U",
              FormalOption::kOptional, true, 1, nn::kNonDiff)
      .Output(2, "running_var",
              "Training only: the updated running variance (population variance), [C].", "U",
              FormalOption::kOptional, true, 1, nn::kNonDiff)
      .TypeConstraint("T", types::FloatIR4(), "The element types of X, scale, B and Y.")
      .TypeConstraint("U", types::FloatIR4(), "The element types of the mean and variance.")
      .TypeAndShapeInference(nn::BatchNormTrainingModeInference);
}

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 9) {
  schema.Doc(
      "Batch normalization per channel (axis 1): Y = (X - mean) / sqrt(var + epsilon) * "
      "scale + B. In inference Y is the only output and mean/var are the given estimates; in "
      "training the optional outputs carry the updated running statistics and this batch's "
      "statistics. Opset 9 removes `spatial`: statistics are always per channel (flatten X "
      "to [N, C * D1 * ... * Dn] for the old per-activation mode) and X may have any rank.");
  schema
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("momentum",
            "Weight of the old running statistics: running = running * momentum + batch * "
            "(1 - momentum).",
            AttributeProto::FLOAT, 0.9f)
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T", FormalOption::kSingle, true, 1,
              nn::kDiff);
  nn::BatchNormLegacyInputs(schema, nn::kDiff);
  nn::BatchNormLegacyOutputs(schema, nn::kNonDiff);
  return schema.TypeAndShapeInference(nn::BatchNormStatsInference(/*has_spatial=*/false));
}

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 7) {
  schema.Doc(
      "Batch normalization: Y = (X - mean) / sqrt(var + epsilon) * scale + B. With "
      "spatial=1 the statistics, scale and B are per channel ([C]); with spatial=0 they are "
      "per activation ([C, D1, ..., Dn]). In inference Y is the only output; in training the "
      "optional outputs carry the updated running statistics and this batch's statistics. "
      "Opset 7 removes is_test: the number of outputs tells the mode.");
  schema
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("momentum",
            "Weight of the old running statistics: running = running * momentum + batch * "
            "(1 - momentum).",
            AttributeProto::FLOAT, 0.9f)
      .Attr("spatial",
            "1 computes statistics per channel over the batch and spatial axes; 0 per "
            "activation over the batch only.",
            AttributeProto::INT, int64_t{1})
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T");
  nn::BatchNormLegacyInputs(schema, nn::kUnmarked);
  nn::BatchNormLegacyOutputs(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::BatchNormStatsInference(/*has_spatial=*/true));
}

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 6) {
  schema.Doc(
      "Batch normalization: Y = (X - mean) / sqrt(var + epsilon) * scale + B, with "
      "statistics per channel (spatial=1) or per activation (spatial=0). is_test=1 uses the "
      "given mean and var and outputs Y only; otherwise the optional outputs carry the "
      "updated running statistics and this batch's statistics. Opset 6 drops "
      "consumed_inputs.");
  schema
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("momentum",
            "Weight of the old running statistics: running = running * momentum + batch * "
            "(1 - momentum).",
            AttributeProto::FLOAT, 0.9f)
      .Attr("spatial",
            "1 computes statistics per channel over the batch and spatial axes; 0 per "
            "activation over the batch only.",
            AttributeProto::INT, int64_t{1})
      .Attr("is_test", "1 runs in inference mode (Y is the only output).", AttributeProto::INT,
            int64_t{0})
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T");
  nn::BatchNormLegacyInputs(schema, nn::kUnmarked);
  nn::BatchNormLegacyOutputs(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::BatchNormStatsInference(/*has_spatial=*/true));
}

ONNXFORGE_SCHEMA(Onnx, BatchNormalization, 1) {
  schema.Doc(
      "Batch normalization of a 4-D NCHW tensor: Y = (X - mean) / sqrt(var + epsilon) * "
      "scale + B, with statistics per channel (spatial=1) or per activation (spatial=0). "
      "is_test=1 uses the given mean and var and outputs Y only; otherwise the optional "
      "outputs carry the updated running statistics and this batch's statistics.");
  schema
      .Attr("consumed_inputs", "Legacy in-place hint from the first opset; ignored.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("epsilon", "Added to the variance before the square root.", AttributeProto::FLOAT,
            1e-5f)
      .Attr("momentum",
            "Weight of the old running statistics: running = running * momentum + batch * "
            "(1 - momentum).",
            AttributeProto::FLOAT, 0.9f)
      .Attr("spatial",
            "1 computes statistics per channel over the batch and spatial axes; 0 per "
            "activation over the batch only.",
            AttributeProto::INT, int64_t{1})
      .Attr("is_test", "1 runs in inference mode (Y is the only output).", AttributeProto::INT,
            int64_t{0})
      .Output(0, "Y", "The normalized tensor, shaped like X.", "T");
  nn::BatchNormLegacyInputs(schema, nn::kUnmarked);
  nn::BatchNormLegacyOutputs(schema, nn::kUnmarked);
  return schema.TypeAndShapeInference(nn::BatchNormStatsInference(/*has_spatial=*/true));
}

// ---- Dropout ------------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Dropout, 13) {
  schema.Doc(
      "Dropout. When training_mode is true, each element of data is zeroed with probability "
      "`ratio` and the survivors are scaled by 1 / (1 - ratio); the optional mask marks the "
      "survivors. Otherwise output copies data and the mask is all true. ratio defaults to "
      "0.5. Opset 13 adds bfloat16 data and marks differentiability.");
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
      .TypeConstraint("T", types::FloatIR4(), "The element types of data and output.")
      .TypeConstraint("T1", types::Float(), "The element types of ratio.")
      .TypeConstraint("T2", types::Tensors({"bool"}), "training_mode and mask are bool.")
      .TypeAndShapeInference(nn::DropoutWithInputsInference);
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 12) {
  schema.Doc(
      "Dropout. When training_mode is true, each element of data is zeroed with probability "
      "`ratio` and the survivors are scaled by 1 / (1 - ratio); the optional mask marks the "
      "survivors. Otherwise output copies data and the mask is all true. Opset 12 turns "
      "ratio into an optional input (default 0.5), adds the training_mode input and the seed "
      "attribute.");
  return schema.NonDeterministic()
      .Attr("seed", "Seed for the random generator; one is chosen when absent.",
            AttributeProto::INT, false)
      .Input(0, "data", "The input.", "T")
      .Input(1, "ratio", "Scalar drop probability in [0, 1); 0.5 when absent.", "T1",
             FormalOption::kOptional)
      .Input(2, "training_mode", "Scalar; true drops elements, false (default) copies data.", "T2",
             FormalOption::kOptional)
      .Output(0, "output", "The result, shaped like data.", "T")
      .Output(1, "mask", "True where data was kept; shaped like data.", "T2",
              FormalOption::kOptional)
      .TypeConstraint("T", types::Float(), "The element types of data and output.")
      .TypeConstraint("T1", types::Float(), "The element types of ratio.")
      .TypeConstraint("T2", types::Tensors({"bool"}), "training_mode and mask are bool.")
      .TypeAndShapeInference(nn::DropoutWithInputsInference);
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 10) {
  schema.Doc(
      "Dropout: in training, zeroes each element of data with probability `ratio` and scales "
      "the survivors by 1 / (1 - ratio); in inference, copies data. Opset 10 makes the "
      "optional mask bool.");
  return schema.NonDeterministic()
      .Attr("ratio", "The drop probability.", AttributeProto::FLOAT, 0.5f)
      .Input(0, "data", "The input.", "T")
      .Output(0, "output", "The result, shaped like data.", "T")
      .Output(1, "mask", "True where data was kept; shaped like data.", "T1",
              FormalOption::kOptional)
      .TypeConstraint("T", types::Float(), "The element types of data and output.")
      .TypeConstraint("T1", types::Tensors({"bool"}), "The mask is bool.")
      .TypeAndShapeInference(nn::DropoutInference(TensorProto::BOOL));
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 7) {
  schema.Doc(
      "Dropout: in training, zeroes each element of data with probability `ratio` and scales "
      "the survivors by 1 / (1 - ratio); in inference, copies data. Opset 7 removes is_test: "
      "the runtime's mode decides.");
  return schema.NonDeterministic()
      .Attr("ratio", "The drop probability.", AttributeProto::FLOAT, 0.5f)
      .Input(0, "data", "The input.", "T")
      .Output(0, "output", "The result, shaped like data.", "T")
      .Output(1, "mask", "Nonzero where data was kept; shaped like data.", "T",
              FormalOption::kOptional)
      .TypeConstraint("T", types::Float(), "The element types of data, output and mask.")
      .TypeAndShapeInference(nn::DropoutInference(/*mask_elem_type=*/0));
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 6) {
  schema.Doc(
      "Dropout: unless is_test is 1, zeroes each element of data with probability `ratio` "
      "and scales the survivors by 1 / (1 - ratio); with is_test=1, copies data. Opset 6 "
      "drops consumed_inputs.");
  return schema.NonDeterministic()
      .Attr("ratio", "The drop probability.", AttributeProto::FLOAT, 0.5f)
      .Attr("is_test", "1 copies data (inference mode).", AttributeProto::INT, int64_t{0})
      .Input(0, "data", "The input.", "T")
      .Output(0, "output", "The result, shaped like data.", "T")
      .Output(1, "mask", "Nonzero where data was kept; shaped like data.", "T",
              FormalOption::kOptional)
      .TypeConstraint("T", types::Float(), "The element types of data, output and mask.")
      .TypeAndShapeInference(nn::DropoutInference(/*mask_elem_type=*/0));
}

ONNXFORGE_SCHEMA(Onnx, Dropout, 1) {
  schema.Doc(
      "Dropout: unless is_test is 1, zeroes each element of data with probability `ratio` "
      "and scales the survivors by 1 / (1 - ratio); with is_test=1, copies data.");
  return schema.NonDeterministic()
      .Attr("ratio", "The drop probability.", AttributeProto::FLOAT, 0.5f)
      .Attr("is_test", "1 copies data (inference mode).", AttributeProto::INT, int64_t{0})
      .Attr("consumed_inputs", "Legacy in-place hint from the first opset; ignored.",
            AttributeProto::INTS, false)
      .Input(0, "data", "The input.", "T")
      .Output(0, "output", "The result, shaped like data.", "T")
      .Output(1, "mask", "Nonzero where data was kept; shaped like data.", "T",
              FormalOption::kOptional)
      .TypeConstraint("T", types::Float(), "The element types of data, output and mask.")
      .TypeAndShapeInference(nn::DropoutInference(/*mask_elem_type=*/0));
}

}  // namespace onnxforge
