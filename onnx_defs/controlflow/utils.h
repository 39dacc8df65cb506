// Pieces the control-flow schemas (If, Loop) share across versions: their
// value type lists, their formals, and inference through the subgraphs.
#pragma once

#include "absl/status/status.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::controlflow {

// What every Loop version up to 24 does; each version's doc adds what it changed.
inline constexpr char kLoopSummary[] =
    "Loop: runs `body` while the iteration number is below M (when given) and the "
    "condition holds (when given: cond decides the first iteration, the body's first "
    "output each next one). The body receives the iteration number, the condition and "
    "the loop-carried values, and yields the next condition, the next loop-carried "
    "values and the scan values. The outputs are the final loop-carried values, then "
    "each scan value stacked over the iterations on a new leading axis. ";

// The kinds of values a version lets flow through its subgraphs.
struct ValueKinds {
  bool sequences = false;  // opset 13+
  bool optionals = false;  // opset 16+
};

// The V constraint: `tensors`, plus sequences of them (with kinds.sequences),
// plus optionals of them and of sequences of the opset-16 tensor types
// (with kinds.optionals; the optional-sequence list stayed at opset 16's).
types::TypeList ValueTypes(const types::TypeList& tensors, ValueKinds kinds);

// ---- If ----------------------------------------------------------------------------

// cond, the two branch attributes and the variadic outputs over V.
OpSchema& IfFormals(OpSchema& schema, const types::TypeList& value_types);

// Runs both branches (no inputs) and gives each output the union of the two
// branch types: element types must agree; where dims differ they become
// unknown, and a rank mismatch leaves no shape. With `same_shapes` (opset 1)
// the branches must have compatible shapes instead.
InferenceFunction IfInference(ValueKinds kinds, bool same_shapes);

// ---- Loop --------------------------------------------------------------------------

// M, cond, the variadic v_initial (at least `min_carried`) and the outputs.
OpSchema& LoopFormals(OpSchema& schema, const types::TypeList& value_types, int min_carried);

// Runs the body with (iteration_num int64, cond bool, the loop-carried values
// with their shapes cleared). The final loop-carried values are the union of
// their initial types and the body's; each scan output is the body's tensor
// with a leading axis of unknown size (the iteration count).
InferenceFunction LoopInference(ValueKinds kinds);

// ---- Type algebra ------------------------------------------------------------------

// `into` becomes what both `a` and `into` can be: error when their kinds or
// element types differ.
absl::Status UnionTypeInto(const TypeProto& a, TypeProto* into);
// `into` takes what `a` adds to it: error when kinds, element types, ranks
// or known dims differ.
absl::Status MergeTypeInto(const TypeProto& a, TypeProto* into);
// Removes every tensor shape inside `type` (in sequences and optionals too).
void ClearShapes(TypeProto* type);

}  // namespace onnxforge::controlflow
