// Earlier versions of Constant, ConstantOfShape and Range, newest first per op.
#include "onnx_defs/generator/utils.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Constant ----

ONNXFORGE_SCHEMA(Onnx, Constant, 24) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value`, `sparse_value` or the scalar "
      "and 1-D shorthands value_float(s), value_int(s), value_string(s). Opset 24 adds "
      "float8e8m0.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR12(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 23) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value`, `sparse_value` or the scalar "
      "and 1-D shorthands value_float(s), value_int(s), value_string(s). Opset 23 adds "
      "float4e2m1.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR11(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 21) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value`, `sparse_value` or the scalar "
      "and 1-D shorthands value_float(s), value_int(s), value_string(s). Opset 21 adds uint4 "
      "and int4.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR10(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 19) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value`, `sparse_value` or the scalar "
      "and 1-D shorthands value_float(s), value_int(s), value_string(s). Opset 19 adds the "
      "float8 types.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR9(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 13) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value`, `sparse_value` or the scalar "
      "and 1-D shorthands value_float(s), value_int(s), value_string(s). Opset 13 adds "
      "bfloat16.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR4(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 12) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one attribute. Opset 12 adds shorthands next "
      "to `value` and `sparse_value`: value_float, value_int, value_string for a scalar and "
      "value_floats, value_ints, value_strings for a 1-D tensor.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensor(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 11) {
  schema.Doc(
      "Outputs a fixed tensor given by exactly one of `value` and `sparse_value`. Opset 11 "
      "adds `sparse_value`, whose tensor is output in dense form.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  return generator::ConstantOutput(schema, types::AllTensor(), generator::kConstantForms11);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 9) {
  schema.Doc(
      "Outputs the tensor held in the `value` attribute. Opset 9 accepts every tensor type.");
  generator::ConstantValueAttr(schema, /*required=*/true);
  return generator::ConstantOutput(schema, types::AllTensor(), generator::kConstantForms1);
}

ONNXFORGE_SCHEMA(Onnx, Constant, 1) {
  schema.Doc("Outputs the float tensor held in the `value` attribute.");
  generator::ConstantValueAttr(schema, /*required=*/true);
  return generator::ConstantOutput(schema, types::Float(), generator::kConstantForms1);
}

// ---- ConstantOfShape ----

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 24) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, filled with the one element of `value` "
      "(float 0 when omitted). Opset 24 adds float8e8m0.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::NumericIR12(), types::Tensors({"bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 23) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, filled with the one element of `value` "
      "(float 0 when omitted). Opset 23 adds float4e2m1.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::NumericIR11(), types::Tensors({"bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 21) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, filled with the one element of `value` "
      "(float 0 when omitted). Opset 21 adds uint4 and int4.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::NumericIR10(), types::Tensors({"bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 20) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, filled with the one element of `value` "
      "(float 0 when omitted). Opset 20 adds bfloat16 and the float8 types.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::NumericIR9(), types::Tensors({"bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 9) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, every element equal to the one element "
      "of the `value` attribute, whose element type the output takes (float 0 when `value` "
      "is omitted). An empty `input` gives a scalar.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::Numeric(), types::Tensors({"bool"})}));
}

// ---- Range ----

ONNXFORGE_SCHEMA(Onnx, Range, 11) {
  schema.Doc(
      "Counts from `start` in steps of `delta`, stopping before `limit`: output[i] = start + "
      "i * delta for i in [0, max(ceil((limit - start) / delta), 0)). With start 3, limit 9 "
      "and delta 3 the output is [3, 6].");
  return generator::RangeFormals(schema,
                                 types::Tensors({"float", "double", "int16", "int32", "int64"}))
      .FunctionBody(generator::RangeBody11(), 11);
}

}  // namespace onnxforge
