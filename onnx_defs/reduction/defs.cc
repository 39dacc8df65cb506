// The latest version of each reduction operator.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/reduction/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

using reduction::AxesFrom;
using reduction::kEmptyMax;
using reduction::kEmptyMean;
using reduction::kEmptySum;

ONNXFORGE_SCHEMA(Onnx, ReduceSum, 13) {
  schema.Doc(reduction::ReduceDoc(
      "sum", AxesFrom::kInput, kEmptySum,
      "Opset 13 takes axes as an optional input instead of an attribute, adds "
      "noop_with_empty_axes, and adds bfloat16."));
  return reduction::AxesInputReduction(schema, types::ReductionNumericIR4());
}

ONNXFORGE_SCHEMA(Onnx, ReduceMean, 18) {
  schema.Doc(reduction::ReduceDoc(
      "mean", AxesFrom::kInput, kEmptyMean,
      "Opset 18 takes axes as an optional input instead of an attribute and adds "
      "noop_with_empty_axes."));
  return reduction::AxesInputReduction(schema, types::ReductionNumericIR4());
}

ONNXFORGE_SCHEMA(Onnx, ReduceMax, 20) {
  schema.Doc(reduction::ReduceDoc(
      "maximum", AxesFrom::kInput, kEmptyMax,
      "Opset 20 adds bool, ordered with false below true."));
  return reduction::AxesInputReduction(
      schema, types::Concat({types::ReductionNumericIR4(),
                             types::Tensors({"uint8", "int8", "bool"})}));
}

ONNXFORGE_SCHEMA(Onnx, ArgMax, 13) {
  schema
      .Doc("The int64 index of the largest element of data along `axis`. keepdims=1 keeps "
           "that dimension with size 1; keepdims=0 removes it. When the maximum occurs more "
           "than once, select_last_index=0 gives its first index and 1 its last. Opset 13 "
           "adds bfloat16.")
      .Attr("select_last_index", "1 picks the last index of a repeated maximum, 0 the first.",
            AttributeProto::INT, int64_t{0});
  return reduction::ArgReduction(schema, types::NumericIR4(), /*non_differentiable=*/true);
}

}  // namespace onnxforge
