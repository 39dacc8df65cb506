// Earlier versions of the control-flow operators, newest first per op.
#include "absl/strings/str_cat.h"
#include "onnx_defs/controlflow/utils.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- If ------------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, If, 24) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors, sequences of "
      "tensors or optionals. Opset 24 adds float8e8m0.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR12(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 23) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors, sequences of "
      "tensors or optionals. Opset 23 adds float4e2m1.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR11(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 21) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors, sequences of "
      "tensors or optionals. Opset 21 adds int4 and uint4.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR10(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 19) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors, sequences of "
      "tensors or optionals. Opset 19 adds the float8 types.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR9(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 16) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors, sequences of "
      "tensors or optionals. Opset 16 adds optional values and bfloat16.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR4(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 13) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values may be tensors or sequences of "
      "tensors. Opset 13 adds sequences of tensors.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/false};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 11) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and yield the same number of values of the same types; shapes may "
      "differ, and each output keeps what both agree on. Values are tensors. Opset 11 "
      "lets the branches yield different shapes.");
  const controlflow::ValueKinds kinds{/*sequences=*/false, /*optionals=*/false};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, If, 1) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs and must yield the same number of tensors with the same element "
      "types and the same shapes.");
  const controlflow::ValueKinds kinds{/*sequences=*/false, /*optionals=*/false};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/true));
}

// ---- Loop ----------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Loop, 24) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors, sequences of tensors or optionals; scan values are tensors. "
      "Opset 24 adds float8e8m0."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR12(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 23) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors, sequences of tensors or optionals; scan values are tensors. "
      "Opset 23 adds float4e2m1."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR11(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 21) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors, sequences of tensors or optionals; scan values are tensors. "
      "Opset 21 adds int4 and uint4."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR10(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 19) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors, sequences of tensors or optionals; scan values are tensors. "
      "Opset 19 adds the float8 types."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR9(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 16) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors, sequences of tensors or optionals; scan values are tensors. "
      "Opset 16 adds optional values and bfloat16."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR4(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 13) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors or sequences of tensors; scan values are tensors. "
      "Opset 13 adds sequences of tensors."));
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/false};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 11) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values may be tensors; scan values are tensors. "
      "Opset 11 allows zero loop-carried values."));
  const controlflow::ValueKinds kinds{/*sequences=*/false, /*optionals=*/false};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 1) {
  schema.Doc(absl::StrCat(controlflow::kLoopSummary,
                          "Loop-carried "
      "values and scan values are tensors."));
  const controlflow::ValueKinds kinds{/*sequences=*/false, /*optionals=*/false};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensor(), kinds),
                           /*min_carried=*/1);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

}  // namespace onnxforge
