// What the executor's tests learn from the small test kernels.
#pragma once

namespace onnxforge::reference::test_kernels {

// How many times the Cast test kernel has built the state it keeps across
// runs (its `to` attribute), over the whole process.
int CastStatesBuilt();

}  // namespace onnxforge::reference::test_kernels
