// The tensor, slicing and generator kernels on inputs at the edges: extreme
// steps and pads, sizes past the evaluator's limit, empty tensors. Each
// must give a result or a clear error, never a crash or a hang.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"
#include "reference/kernel.h"
#include "reference/tensor.h"

namespace onnxforge::reference {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// Runs the kernel of `op` at `opset` and returns its outputs.
absl::StatusOr<std::vector<Value>> RunOp(const std::string& op, int opset,
                                         const std::vector<Tensor>& inputs,
                                         const std::vector<AttributeProto>& attributes = {},
                                         int outputs = 1) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
  if (schema == nullptr) return absl::NotFoundError("no schema for " + op);
  const KernelEntry* kernel = KernelRegistry::Instance().Find("", op, schema->since_version());
  if (kernel == nullptr) return absl::NotFoundError("no kernel for " + op);
  NodeProto node;
  node.set_op_type(op);
  std::vector<Value> values(inputs.begin(), inputs.end());
  std::vector<const Value*> pointers;
  for (size_t i = 0; i < values.size(); ++i) {
    node.add_input("x" + std::to_string(i));
    pointers.push_back(&values[i]);
  }
  for (int i = 0; i < outputs; ++i) node.add_output("y" + std::to_string(i));
  for (const AttributeProto& a : attributes) *node.add_attribute() = a;
  KernelContext ctx(node, *schema, opset, pointers, nullptr);
  absl::Status status = kernel->fn(ctx);
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();
  if (!status.ok()) return status;
  return ctx.outputs();
}

absl::StatusOr<Tensor> RunOne(const std::string& op, int opset, const std::vector<Tensor>& inputs,
                              const std::vector<AttributeProto>& attributes = {}) {
  absl::StatusOr<std::vector<Value>> out = RunOp(op, opset, inputs, attributes);
  if (!out.ok()) return out.status();
  return (*out)[0].tensor();
}

Tensor Ints(const std::vector<int64_t>& values) { return Tensor::Vector<int64_t>(values); }

std::vector<float> Floats(const Tensor& t) {
  auto d = t.data<float>();
  return std::vector<float>(d.begin(), d.end());
}

const Tensor kRow = Tensor::Vector<float>({1, 2, 3, 4, 5});

TEST(SliceKernel, ExtremeStepsTakeOneElement) {
  absl::StatusOr<Tensor> up = RunOne("Slice", 13, {kRow, Ints({1}), Ints({kMax}), Ints({0}),
                                                   Ints({kMax})});
  ASSERT_TRUE(up.ok()) << up.status();
  EXPECT_EQ(Floats(*up), (std::vector<float>{2}));
  absl::StatusOr<Tensor> down = RunOne("Slice", 13, {kRow, Ints({kMax}), Ints({kMin}), Ints({0}),
                                                     Ints({kMin})});
  ASSERT_TRUE(down.ok()) << down.status();
  EXPECT_EQ(Floats(*down), (std::vector<float>{5}));
}

TEST(SliceKernel, RepeatedAxisIsAnError) {
  absl::StatusOr<Tensor> y =
      RunOne("Slice", 13, {kRow, Ints({0, 1}), Ints({2, 3}), Ints({0, -1})});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().message(), "'axes' repeat axis 0 (given as -1)");
}

TEST(PadKernel, ExtremePadsAreErrors) {
  absl::StatusOr<Tensor> low = RunOne("Pad", 13, {kRow, Ints({kMin, 0})});
  ASSERT_FALSE(low.ok());
  EXPECT_EQ(low.status().message(),
            "pads -9223372036854775808 and 0 of axis 0 (of 5 elements) are out of range");
  absl::StatusOr<Tensor> high = RunOne("Pad", 13, {kRow, Ints({0, int64_t{1} << 40})});
  ASSERT_FALSE(high.ok());
  // Within the pads' own limit, the output's size is checked.
  absl::StatusOr<Tensor> big = RunOne("Pad", 13, {kRow, Ints({0, int64_t{1} << 31})});
  ASSERT_FALSE(big.ok());
  EXPECT_NE(std::string(big.status().message()).find("above the evaluator's limit"),
            std::string::npos)
      << big.status();
}

TEST(PadKernel, EmptyAxisCannotBeRepeated) {
  const Tensor empty(TensorProto::FLOAT, {0});
  absl::StatusOr<Tensor> edge = RunOne("Pad", 13, {empty, Ints({1, 0})}, {StringAttr("mode", "edge")});
  ASSERT_FALSE(edge.ok());
  EXPECT_EQ(edge.status().message(),
            "cannot pad axis 0 in this mode: it has no elements to repeat");
  absl::StatusOr<Tensor> constant = RunOne("Pad", 13, {empty, Ints({1, 1})});
  ASSERT_TRUE(constant.ok()) << constant.status();
  EXPECT_EQ(Floats(*constant), (std::vector<float>{0, 0}));
}

TEST(PadKernel, CropThenReflect) {
  // Crop 1 at the front, then reflect 2 at the end of what is left: 2 3 4 5 | 4 3.
  absl::StatusOr<Tensor> y =
      RunOne("Pad", 13, {kRow, Ints({-1, 2})}, {StringAttr("mode", "reflect")});
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(Floats(*y), (std::vector<float>{2, 3, 4, 5, 4, 3}));
}

TEST(RangeKernel, TooManyElementsIsAnError) {
  absl::StatusOr<Tensor> ints =
      RunOne("Range", 11, {Tensor::Scalar<int64_t>(kMin), Tensor::Scalar<int64_t>(kMax),
                           Tensor::Scalar<int64_t>(1)});
  ASSERT_FALSE(ints.ok());
  EXPECT_EQ(ints.status().message(),
            "start -9223372036854775808, limit 9223372036854775807 and delta 1 give "
            "18446744073709551615 elements, above the evaluator's limit");
  absl::StatusOr<Tensor> floats =
      RunOne("Range", 11, {Tensor::Scalar<float>(0), Tensor::Scalar<float>(1e30f),
                           Tensor::Scalar<float>(1)});
  ASSERT_FALSE(floats.ok());
  absl::StatusOr<Tensor> nan = RunOne(
      "Range", 11, {Tensor::Scalar<float>(0), Tensor::Scalar<float>(std::nanf("")),
                    Tensor::Scalar<float>(1)});
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.status().message(),
            "start 0, limit nan and delta 1 do not give a finite number of elements");
}

TEST(RangeKernel, InputsMustBeScalars) {
  absl::StatusOr<Tensor> y = RunOne(
      "Range", 11, {Tensor::Vector<int32_t>({0, 1}), Tensor::Scalar<int32_t>(3),
                    Tensor::Scalar<int32_t>(1)});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().message(), "input 'start' must be a scalar, got shape [2]");
}

TEST(ExpandKernel, HugeShapeIsAnError) {
  absl::StatusOr<Tensor> y = RunOne("Expand", 13, {kRow, Ints({int64_t{1} << 40, 5})});
  ASSERT_FALSE(y.ok());
  absl::StatusOr<Tensor> negative = RunOne("Expand", 13, {kRow, Ints({-1, 5})});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().message(), "input 'shape' [-1,5] has a negative dim");
}

TEST(ConstantOfShapeKernel, HugeShapeIsAnError) {
  absl::StatusOr<Tensor> y = RunOne("ConstantOfShape", 9, {Ints({int64_t{1} << 20, 1 << 20})});
  ASSERT_FALSE(y.ok());
}

TEST(GatherKernel, EmptyOutputOfAHugeEmptyInput) {
  // Data of shape [0, 3]: gathering no indices along axis 1 is empty.
  const Tensor data(TensorProto::FLOAT, {0, 3});
  absl::StatusOr<Tensor> y = RunOne("Gather", 13, {data, Ints({2, -3})}, {IntAttr("axis", 1)});
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(y->shape(), (std::vector<int64_t>{0, 2}));
}

TEST(ReshapeKernel, MinusOneOfAnEmptyInputIsAnError) {
  const Tensor empty(TensorProto::FLOAT, {0, 4});
  absl::StatusOr<Tensor> y = RunOne("Reshape", 14, {empty, Ints({0, -1})});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().message(),
            "cannot infer the -1 of shape [0,-1] for an input of shape [0,4] (0 elements)");
  absl::StatusOr<Tensor> overflow = RunOne("Reshape", 14, {kRow, Ints({kMax, 2})});
  ASSERT_FALSE(overflow.ok());
}

TEST(SplitKernel, NumOutputsThatCannotCut) {
  absl::StatusOr<std::vector<Value>> y =
      RunOp("Split", 18, {kRow}, {IntAttr("num_outputs", 4)}, 4);
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().message(),
            "cannot cut length 5 of axis 0 into 4 parts of 2 with a smaller last part");
}

TEST(TransposeKernel, ScalarPassesThrough) {
  absl::StatusOr<Tensor> y = RunOne("Transpose", 13, {Tensor::Scalar<float>(3)});
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(Floats(*y), (std::vector<float>{3}));
}

TEST(CastKernel, TargetOutsideTheVersionIsAnError) {
  absl::StatusOr<Tensor> y = RunOne("Cast", 13, {kRow}, {IntAttr("to", TensorProto::FLOAT8E4M3FN)});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(std::string(y.status().message()).rfind(
                "attribute 'to' is 17 (float8e4m3fn), which Cast-13 cannot produce; it allows ", 0),
            0u)
      << y.status();
  absl::StatusOr<Tensor> bad_mode = RunOne(
      "Cast", 24, {kRow}, {IntAttr("to", TensorProto::FLOAT8E8M0), StringAttr("round_mode", "odd")});
  ASSERT_FALSE(bad_mode.ok());
  EXPECT_EQ(bad_mode.status().message(),
            "attribute 'round_mode' is \"odd\"; expected \"up\", \"down\" or \"nearest\"");
}

}  // namespace
}  // namespace onnxforge::reference
