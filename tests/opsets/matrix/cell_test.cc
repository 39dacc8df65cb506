// How the matrix tells refusals from failures and words their reasons.
#include "tests/opsets/matrix/cell.h"

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace onnxforge::opset_matrix {
namespace {

TEST(IsRefusal, NamesTheChangeTheConverterDeclined) {
  EXPECT_TRUE(IsRefusal(absl::FailedPreconditionError(
      "node 3 (\"relu1\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset 14 to 13): "
      "input 0 ('X') has type tensor(int8)")));
  EXPECT_TRUE(IsRefusal(absl::UnimplementedError(
      "node 0 (\"\", Foo): cannot convert Foo-2 to Foo-1 (ai.onnx opset 2 to 1): no adapter is "
      "registered for this change")));
}

TEST(IsRefusal, OtherErrorsAreNot) {
  EXPECT_FALSE(IsRefusal(absl::InvalidArgumentError(
      "node 0 (\"\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset 14 to 13): x")));
  EXPECT_FALSE(IsRefusal(absl::FailedPreconditionError(
      "the converted model fails the checker: node 0: unknown op")));
  EXPECT_FALSE(IsRefusal(absl::OkStatus()));
}

TEST(RefusalReason, DropsWhereTheOpsetsAndTheValueNames) {
  EXPECT_EQ(RefusalReason("node 3 (\"relu1\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx "
                          "opset 14 to 13): input 0 ('X') has type tensor(int8)"),
            "Relu-14 to Relu-13: input 0 has type tensor(int8)");
  EXPECT_EQ(RefusalReason("node 0 (\"\", If), attribute 'then_branch': node 1 (\"\", "
                          "LayerNormalization): cannot convert LayerNormalization-17 to an "
                          "earlier opset (ai.onnx opset 17 to 9): LayerNormalization first "
                          "appears in ai.onnx opset 17"),
            "LayerNormalization-17 to an earlier opset: LayerNormalization first appears in "
            "ai.onnx opset 17");
  EXPECT_EQ(RefusalReason("node 2 (\"\", And): cannot convert And-7 to And-1 (ai.onnx opset 7 "
                          "to 1): input 0 ('a') [2] and input 1 ('b') [3,1] do not fit"),
            "And-7 to And-1: input 0 [2] and input 1 [3,1] do not fit");
}

}  // namespace
}  // namespace onnxforge::opset_matrix
