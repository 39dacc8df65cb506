// The op a backend test is about, to count results per op:
//   1. the one op of the main graph other than Constant;
//   2. else the longest op name that starts the test's name, letter case,
//      '_' and '.' ignored ("test_reduce_sum_square_..." is ReduceSumSquare),
//      looked for among the model's ops, then among every registered op;
//   3. else the op of the main graph's first node.
// A test named "<twin>_expanded..." (an op's function body written out)
// counts for the op of <twin> when that test exists; RunSuite sees to it.
#pragma once

#include <string>

#include "ir/onnx.pb.h"
#include "tests/examples/op_usage.h"

namespace onnxforge::conformance {

testing::OpKey OpUnderTest(const std::string& test_name, const ModelProto& model);

// "test_softmax_axis_0" for "test_softmax_axis_0_expanded" (and
// "..._expanded_ver18"); "" for a name without "_expanded".
std::string UnexpandedName(const std::string& test_name);

}  // namespace onnxforge::conformance
