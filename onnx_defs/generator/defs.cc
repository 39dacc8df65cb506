// The latest version of Constant, ConstantOfShape and Range.
#include "onnx_defs/generator/utils.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, Constant, 25) {
  schema.Doc(
      "Outputs a fixed tensor, given by exactly one attribute: `value` (a tensor), "
      "`sparse_value` (a sparse tensor, output in dense form), or a shorthand: `value_float`, "
      "`value_int` or `value_string` for a scalar, `value_floats`, `value_ints` or "
      "`value_strings` for a 1-D tensor. The output's type and shape are those of the "
      "attribute. Opset 25 adds uint2 and int2.");
  generator::ConstantValueAttr(schema, /*required=*/false);
  generator::ConstantSparseValueAttr(schema);
  generator::ConstantScalarAndListAttrs(schema);
  return generator::ConstantOutput(schema, types::AllTensorIR13(), generator::kConstantForms12);
}

ONNXFORGE_SCHEMA(Onnx, ConstantOfShape, 25) {
  schema.Doc(
      "Makes a tensor of the shape held in `input`, every element equal to the one element "
      "of the `value` attribute, whose element type the output takes (float 0 when `value` "
      "is omitted). An empty `input` gives a scalar; a 0 in it gives an empty tensor. Opset "
      "25 adds uint2 and int2.");
  return generator::ConstantOfShapeFormals(
      schema, types::Concat({types::NumericIR13(), types::Tensors({"bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, Range, 27) {
  schema.Doc(
      "Counts from `start` in steps of `delta`, stopping before `limit`: output[i] = start + "
      "i * delta for i in [0, max(ceil((limit - start) / delta), 0)). With start 10, limit 4 "
      "and delta -2 the output is [10, 8, 6]. Opset 27 adds float16 and bfloat16, which "
      "compute in the wider `stash_type` and round the result back.");
  return generator::RangeFormals(schema, types::Tensors({"float", "double", "int16", "int32",
                                                         "int64", "float16", "bfloat16"}))
      .Attr("stash_type",
            "The element type (1 float, 11 double) float16 and bfloat16 inputs compute in; "
            "ignored for other types.",
            AttributeProto::INT, int64_t{TensorProto::FLOAT})
      .ContextDependentFunctionBody(generator::RangeBody27);
}

}  // namespace onnxforge
