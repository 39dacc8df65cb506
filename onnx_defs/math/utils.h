// Pieces the math schemas share across versions.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::math {

// Formal names of a one-input op: most say X -> Y, a few input -> output.
struct UnaryNames {
  const char* input = "X";
  const char* output = "Y";
};

// A one-input, one-output elementwise op over type parameter T with the
// output's type and shape equal to the input's. `differentiable` marks both
// as such (ONNX states differentiability from opset 13 on).
OpSchema& UnaryElementwise(OpSchema& schema, const types::TypeList& types,
                           bool differentiable, UnaryNames names = {});

// The legacy `consumed_inputs` attribute of the opset-1 ops.
OpSchema& ConsumedInputsAttr(OpSchema& schema);

// ---- Two-input arithmetic -------------------------------------------------

// A op B -> C over one type parameter T with numpy-style broadcasting
// (Add, Sub, Mul, Div from opset 7 on).
OpSchema& BroadcastingBinary(OpSchema& schema, const types::TypeList& types,
                             bool differentiable);

// The opset-1/6 form of A op B -> C: `broadcast` and `axis` attributes and
// the output shaped like A (see LegacyBroadcastInference).
OpSchema& LegacyBinary(OpSchema& schema, const types::TypeList& types);

// What the opset-1/6 binary ops' docs say about `broadcast` and `axis`.
extern const char kLegacyBroadcastDoc[];

// The `broadcast` and `axis` attributes of the opset-1/6 binary ops.
OpSchema& LegacyBroadcastAttrs(OpSchema& schema);

// Output 0 gets input 0's element type and the numpy-style broadcast of
// inputs 0 and 1's shapes.
absl::Status BroadcastBinaryInference(InferenceContext& ctx);

// Output 0 gets input 0's type and shape. Input 1 must have input 0's shape
// when `broadcast` is 0; when it is 1, input 1 is either a one-element tensor
// or equals a contiguous run of input 0's dims that starts at `axis` (or
// ends at the last dim when `axis` is absent). Dims input 1 pins down refine
// the output.
absl::Status LegacyBroadcastInference(InferenceContext& ctx);

// ---- Data propagation -----------------------------------------------------

enum class DimArithmetic { kAdd, kSub, kMul };

// Propagates A op B on shape values: dims combine pairwise, a one-element
// operand pairs with every dim of the other; a result is unknown when either
// dim is unknown or the value overflows. `op_name` names the op in errors.
DataPropagationFunction ShapeValueArithmetic(std::string op_name, DimArithmetic op);

// ---- Clip ------------------------------------------------------------------

// Clip from opset 11: output like the input; the optional `min` and `max`
// inputs must hold one value each.
absl::Status ClipWithBoundInputsInference(InferenceContext& ctx);

// The Clip-13 body for the node's optional bounds: Max with `min`, then Min
// with `max`, skipping an absent one.
absl::StatusOr<std::string> ClipFunctionBody(const FunctionBodyContext& ctx);

}  // namespace onnxforge::math
