// The latest version of each control-flow operator.
#include "onnx_defs/controlflow/utils.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, If, 25) {
  schema.Doc(
      "Conditional: runs then_branch when cond (a one-element bool tensor) is true and "
      "else_branch otherwise; the values the branch yields are the outputs. The branches "
      "take no inputs (they read outer values by name) and yield the same number of values. "
      "Corresponding values must have the same type; their shapes may differ, and then each "
      "output's shape keeps only what both branches agree on. Values may be tensors, "
      "sequences of tensors or optionals. Opset 25 adds int2 and uint2.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::IfFormals(schema, controlflow::ValueTypes(types::AllTensorIR13(), kinds));
  return schema.TypeAndShapeInference(controlflow::IfInference(kinds, /*same_shapes=*/false));
}

ONNXFORGE_SCHEMA(Onnx, Loop, 25) {
  schema.Doc(
      "Loop: runs `body` while the iteration number is below M (when given) and the "
      "condition holds (when given: the cond input decides the first iteration, the body's "
      "first output each next one). The body receives the iteration number, the condition "
      "and the N loop-carried values, and yields the next condition, the next N "
      "loop-carried values and K scan values. The outputs are the final loop-carried values "
      "(the initial ones when no iteration runs), then the K scan outputs: each body scan "
      "value stacked over the iterations on a new leading axis. The body may read outer "
      "values by name. Loop-carried values may be tensors, sequences or optionals; scan "
      "values are tensors. Opset 25 adds int2 and uint2.");
  const controlflow::ValueKinds kinds{/*sequences=*/true, /*optionals=*/true};
  controlflow::LoopFormals(schema, controlflow::ValueTypes(types::AllTensorIR13(), kinds),
                           /*min_carried=*/0);
  return schema.TypeAndShapeInference(controlflow::LoopInference(kinds));
}

}  // namespace onnxforge
