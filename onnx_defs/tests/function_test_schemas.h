// Schemas that exist only in tests: ops defined by a function body and no
// inference function of their own, to exercise body expansion and inference
// through bodies independently of the real operators' definitions.
#pragma once

namespace onnxforge::testing {

// Registers, once, in the global registry (ai.onnx, since opset 1):
//   TestSoftNeg(X) -> Y        attribute axis (INT, default -1);
//       body: S = Softmax <axis = @axis> (X); Y = Neg (S)
//   TestOptional(A, B?) -> (Y, Z?)
//       body: Y = Identity (A); Z = Identity (B)
//   TestBuilt(X) -> Y          context-dependent body: Identity when X is
//       float, else Cast <to = 1>
//   TestSelfCall(X) -> Y       body: Y = TestSelfCall (X)   (recursive)
void RegisterFunctionTestSchemas();

}  // namespace onnxforge::testing
