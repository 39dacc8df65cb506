// Earlier versions of the reduction operators, newest first per op.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/reduction/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

using reduction::AxesFrom;
using reduction::kEmptyMax;
using reduction::kEmptyMean;
using reduction::kEmptySum;

// ReduceMax's types from opset 12 on: the reduction types plus 8-bit ints.
static types::TypeList WithEightBitInts(const types::TypeList& base) {
  return types::Concat({base, types::Tensors({"uint8", "int8"})});
}

ONNXFORGE_SCHEMA(Onnx, ReduceSum, 11) {
  schema.Doc(reduction::ReduceDoc("sum", AxesFrom::kAttribute, kEmptySum,
                                  "Opset 11 accepts negative axes."));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceSum, 1) {
  schema.Doc(reduction::ReduceDoc("sum", AxesFrom::kAttribute, kEmptySum, ""));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMean, 13) {
  schema.Doc(reduction::ReduceDoc("mean", AxesFrom::kAttribute, kEmptyMean,
                                  "Opset 13 adds bfloat16."));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumericIR4(),
                                           /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMean, 11) {
  schema.Doc(reduction::ReduceDoc("mean", AxesFrom::kAttribute, kEmptyMean,
                                  "Opset 11 accepts negative axes."));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMean, 1) {
  schema.Doc(reduction::ReduceDoc("mean", AxesFrom::kAttribute, kEmptyMean, ""));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 18) {
  schema.Doc(reduction::ReduceDoc(
      "maximum", AxesFrom::kInput, kEmptyMax,
      "Opset 18 takes axes as an optional input instead of an attribute and adds "
      "noop_with_empty_axes."));
  return reduction::AxesInputReduction(schema, WithEightBitInts(types::ReductionNumericIR4()));
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 13) {
  schema.Doc(reduction::ReduceDoc("maximum", AxesFrom::kAttribute, kEmptyMax,
                                  "Opset 13 adds bfloat16."));
  return reduction::AxesAttributeReduction(
      schema, WithEightBitInts(types::ReductionNumericIR4()), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 12) {
  schema.Doc(reduction::ReduceDoc("maximum", AxesFrom::kAttribute, kEmptyMax,
                                  "Opset 12 adds int8 and uint8."));
  return reduction::AxesAttributeReduction(schema, WithEightBitInts(types::ReductionNumeric()),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 11) {
  schema.Doc(reduction::ReduceDoc("maximum", AxesFrom::kAttribute, kEmptyMax,
                                  "Opset 11 accepts negative axes."));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 1) {
  schema.Doc(reduction::ReduceDoc("maximum", AxesFrom::kAttribute, kEmptyMax, ""));
  return reduction::AxesAttributeReduction(schema, types::ReductionNumeric(),
                                           /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ArgMax, 12) {
  schema
      .Doc("The int64 index of the largest element of data along `axis` (negative values "
           "count from the back). keepdims=1 keeps that dimension with size 1; keepdims=0 "
           "removes it. Opset 12 adds select_last_index: when the maximum occurs more than "
           "once, 0 gives its first index and 1 its last.")
      .Attr("select_last_index", "1 picks the last index of a repeated maximum, 0 the first.",
            AttributeProto::INT, int64_t{0});
  return reduction::ArgReduction(schema, types::Numeric(), /*non_differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ArgMax, 11) {
  schema.Doc(
      "The int64 index of the first largest element of data along `axis`. keepdims=1 keeps "
      "that dimension with size 1; keepdims=0 removes it. Opset 11 accepts a negative axis, "
      "counted from the back.");
  return reduction::ArgReduction(schema, types::Numeric(), /*non_differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, ArgMax, 1) {
  schema.Doc(
      "The int64 index of the first largest element of data along `axis`. keepdims=1 keeps "
      "that dimension with size 1; keepdims=0 removes it.");
  return reduction::ArgReduction(schema, types::Numeric(), /*non_differentiable=*/false);
}

}  // namespace onnxforge
