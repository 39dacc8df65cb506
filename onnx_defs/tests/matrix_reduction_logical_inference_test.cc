// Type and shape inference of the matrix-family (Softmax, LogSoftmax, MatMul,
// Gemm, TopK), reduction (ReduceSum, ReduceMean, ReduceMax, ArgMax) and
// logical/comparison (Equal, Less, Greater, And, Or, Not) schemas, and the
// Softmax-family function bodies.
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using testing::InferNode;
using testing::Int64Tensor;
using testing::ShapeString;
using testing::TensorType;
using testing::TensorTypeNoShape;

constexpr int32_t kFloat = TensorProto::FLOAT;
constexpr int32_t kInt64 = TensorProto::INT64;
constexpr int32_t kBool = TensorProto::BOOL;
constexpr int32_t kString = TensorProto::STRING;

// The output shapes of one node, or "error: <message>".
std::string Infer(std::string_view op, int opset, std::vector<std::optional<TypeProto>> inputs,
                  std::vector<AttributeProto> attrs = {},
                  std::vector<std::optional<TensorProto>> constants = {}, int num_outputs = 1) {
  auto result = InferNode(op, opset, std::move(inputs), std::move(attrs), std::move(constants),
                          "", num_outputs);
  if (!result.ok()) return "error: " + std::string(result.status().message());
  std::string out;
  for (const auto& t : *result) out += (out.empty() ? "" : " ") + ShapeString(t);
  return out;
}

TypeProto F(std::vector<testing::Dim> dims) { return TensorType(kFloat, std::move(dims)); }
TypeProto I64(std::vector<testing::Dim> dims) { return TensorType(kInt64, std::move(dims)); }
TypeProto B(std::vector<testing::Dim> dims) { return TensorType(kBool, std::move(dims)); }

// ---- Softmax and LogSoftmax ----

TEST(Softmax, KeepsTheShapeAlongAnyValidAxis) {
  EXPECT_EQ(Infer("Softmax", 13, {F({2, "N", 3})}), "float[2,N,3]");
  EXPECT_EQ(Infer("Softmax", 13, {F({2, "N", 3})}, {IntAttr("axis", -3)}), "float[2,N,3]");
  EXPECT_EQ(Infer("LogSoftmax", 18, {F({5})}), "float[5]");
  EXPECT_EQ(Infer("Softmax", 13, {TensorTypeNoShape(kFloat)}), "float");
}

TEST(Softmax, RejectsAnAxisOutsideTheRank) {
  EXPECT_EQ(Infer("Softmax", 13, {F({2, 3, 4})}, {IntAttr("axis", -4)}),
            "error: attribute axis is -4 but must be in [-3, 2] for an input of rank 3");
  EXPECT_EQ(Infer("LogSoftmax", 11, {F({2, 3})}, {IntAttr("axis", 2)}),
            "error: attribute axis is 2 but must be in [-2, 1] for an input of rank 2");
  // Opset 11's default axis is 1, which a vector does not have.
  EXPECT_EQ(Infer("Softmax", 11, {F({4})}),
            "error: attribute axis is 1 but must be in [-1, 0] for an input of rank 1");
}

TEST(Softmax, RejectsAScalarFromOpset11) {
  EXPECT_EQ(Infer("Softmax", 13, {F({})}), "error: input must have rank >= 1, got a scalar");
  EXPECT_EQ(Infer("LogSoftmax", 11, {F({})}), "error: input must have rank >= 1, got a scalar");
}

TEST(Softmax, Opset1SplitsAnywhereFromZeroToRank) {
  EXPECT_EQ(Infer("Softmax", 1, {F({2, 3})}, {IntAttr("axis", 2)}), "float[2,3]");
  EXPECT_EQ(Infer("LogSoftmax", 1, {F({2, 3})}, {IntAttr("axis", 0)}), "float[2,3]");
  EXPECT_EQ(Infer("Softmax", 1, {F({2, 3})}, {IntAttr("axis", 3)}),
            "error: attribute axis is 3 but must be in [-2, 2] for an input of rank 2");
}

// A node seen by a function body builder: only its attributes matter.
class NodeAttributes : public FunctionBodyContext {
 public:
  explicit NodeAttributes(std::vector<AttributeProto> attrs) : attrs_(std::move(attrs)) {}
  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : attrs_) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  bool has_input(size_t i) const override { return i == 0; }
  bool has_output(size_t i) const override { return i == 0; }
  const TypeProto* input_type(size_t) const override { return nullptr; }

 private:
  std::vector<AttributeProto> attrs_;
};

std::string Body(std::string_view op, int opset, std::vector<AttributeProto> attrs) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
  if (schema == nullptr) return "no schema";
  const FunctionBodyBuilder* builder = schema->FunctionBodyBuilderAt(opset);
  if (builder == nullptr) return "no builder";
  auto text = (*builder)(NodeAttributes(std::move(attrs)));
  return text.ok() ? *text : "error: " + std::string(text.status().message());
}

TEST(Softmax, HasBodiesForOpsets13And18) {
  for (const char* op : {"Softmax", "LogSoftmax"}) {
    const OpSchema* schema = SchemaRegistry::Instance().Exact(op, 13);
    ASSERT_NE(schema, nullptr) << op;
    EXPECT_EQ(schema->context_dependent_function_opset_versions(), (std::vector<int>{13, 18}));
  }
}

TEST(Softmax, Opset13BodyPassesReduceMaxAxesAsAnAttribute) {
  EXPECT_EQ(Body("Softmax", 13, {IntAttr("axis", 1)}),
            "axes = Constant <value_ints = [1]> ()\n"
            "row_max = ReduceMax <keepdims = 1, axes = [1]> (input)\n"
            "shifted = Sub (input, row_max)\n"
            "exp_shifted = Exp (shifted)\n"
            "exp_sum = ReduceSum <keepdims = 1> (exp_shifted, axes)\n"
            "output = Div (exp_shifted, exp_sum)");
}

TEST(Softmax, Opset18BodyPassesReduceMaxAxesAsAnInput) {
  EXPECT_EQ(Body("LogSoftmax", 18, {}),
            "axes = Constant <value_ints = [-1]> ()\n"
            "row_max = ReduceMax <keepdims = 1> (input, axes)\n"
            "shifted = Sub (input, row_max)\n"
            "exp_shifted = Exp (shifted)\n"
            "exp_sum = ReduceSum <keepdims = 1> (exp_shifted, axes)\n"
            "log_sum = Log (exp_sum)\n"
            "output = Sub (shifted, log_sum)");
  // Opsets after 18 keep the opset-18 body.
  EXPECT_EQ(Body("Softmax", 21, {IntAttr("axis", 0)}),
            "axes = Constant <value_ints = [0]> ()\n"
            "row_max = ReduceMax <keepdims = 1> (input, axes)\n"
            "shifted = Sub (input, row_max)\n"
            "exp_shifted = Exp (shifted)\n"
            "exp_sum = ReduceSum <keepdims = 1> (exp_shifted, axes)\n"
            "output = Div (exp_shifted, exp_sum)");
}

TEST(Softmax, BodiesParseAsNodeLists) {
  for (const char* op : {"Softmax", "LogSoftmax"}) {
    for (int opset : {13, 18}) {
      auto nodes = ParseNodeList(Body(op, opset, {IntAttr("axis", -2)}));
      ASSERT_TRUE(nodes.ok()) << op << "-" << opset << ": " << nodes.status().message();
      EXPECT_EQ(nodes->size(), std::string(op) == "Softmax" ? 6u : 7u);
      EXPECT_EQ((*nodes)[1].op_type(), "ReduceMax");
      EXPECT_EQ((*nodes)[1].input_size(), opset == 13 ? 1 : 2);
      EXPECT_EQ(nodes->back().output(0), "output");
    }
  }
}

TEST(Softmax, BodyRejectsANonIntAxis) {
  EXPECT_EQ(Body("Softmax", 13, {FloatAttr("axis", 1.5f)}),
            "error: attribute axis must be an int");
}

// ---- MatMul ----

TEST(MatMul, MultipliesTheLastTwoDimensions) {
  EXPECT_EQ(Infer("MatMul", 13, {F({3, 4}), F({4, 5})}), "float[3,5]");
  EXPECT_EQ(Infer("MatMul", 13, {F({"B", "M", "K"}), F({"K", "N"})}), "float[B,M,N]");
  EXPECT_EQ(Infer("MatMul", 1, {F({2, 3, 4}), F({4, 5})}), "float[2,3,5]");
}

TEST(MatMul, PromotesVectorsAndDropsTheAddedDimension) {
  EXPECT_EQ(Infer("MatMul", 13, {F({4}), F({4, 5})}), "float[5]");
  EXPECT_EQ(Infer("MatMul", 13, {F({2, 3, 4}), F({4})}), "float[2,3]");
  EXPECT_EQ(Infer("MatMul", 9, {F({4}), F({4})}), "float[]");
  EXPECT_EQ(Infer("MatMul", 13, {F({4}), F({7, 4, 5})}), "float[7,5]");
}

TEST(MatMul, BroadcastsBatchDimensions) {
  EXPECT_EQ(Infer("MatMul", 13, {F({2, 1, 3, 4}), F({5, 4, 6})}), "float[2,5,3,6]");
  EXPECT_EQ(Infer("MatMul", 13, {F({"?", 3, 4}), F({1, 4, 6})}), "float[?,3,6]");
}

TEST(MatMul, RejectsMismatchedInnerDimensions) {
  EXPECT_EQ(Infer("MatMul", 13, {F({2, 3}), F({4, 5})}),
            "error: A's last dimension (3) must equal B's second-to-last dimension (4)");
  EXPECT_EQ(Infer("MatMul", 13, {F({2, 3}), F({4})}),
            "error: A's last dimension (3) must equal B's only dimension (4)");
}

TEST(MatMul, RejectsScalarsAndUnbroadcastableBatches) {
  EXPECT_EQ(Infer("MatMul", 13, {F({}), F({4})}),
            "error: input A must have rank >= 1, got a scalar");
  EXPECT_EQ(Infer("MatMul", 13, {F({4}), F({})}),
            "error: input B must have rank >= 1, got a scalar");
  EXPECT_EQ(Infer("MatMul", 13, {F({2, 3, 4}), F({3, 4, 5})}),
            "error: the batch dimensions of A and B do not broadcast: shapes cannot be "
            "broadcast: dimension 2 vs 3 at axis 0");
}

TEST(MatMul, NeedsBothShapes) {
  EXPECT_EQ(Infer("MatMul", 13, {TensorTypeNoShape(kFloat), F({4, 5})}), "float");
}

// ---- Gemm ----

TEST(Gemm, GivesMByN) {
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({4, 5}), F({3, 5})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 13, {F({4, 3}), F({5, 4})},
                  {IntAttr("transA", 1), IntAttr("transB", 1)}),
            "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 11, {F({"M", 4}), F({4, "N"}), std::nullopt}), "float[M,N]");
}

TEST(Gemm, CBroadcastsUnidirectionallyAndRefinesTheOutput) {
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({4, 5}), F({5})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 9, {F({3, 4}), F({4, 5}), F({3, 1})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 7, {F({3, 4}), F({4, 5}), F({})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 13, {F({"?", 4}), F({4, "?"}), F({3, 5})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({4, 5}), F({2, 5})}),
            "error: input C's dimension 0 is 2 but must be 1 or the output's M (3)");
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({4, 5}), F({1, 2, 5})}),
            "error: input C has rank 3; it must broadcast to the 2-D output (M, N)");
}

TEST(Gemm, RejectsNonMatricesAndMismatchedK) {
  EXPECT_EQ(Infer("Gemm", 13, {F({2, 3, 4}), F({4, 5})}),
            "error: input A must be a matrix (rank 2), got rank 3");
  EXPECT_EQ(Infer("Gemm", 7, {F({3, 4}), F({4}), F({5})}),
            "error: input B must be a matrix (rank 2), got rank 1");
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({6, 5})}, {}),
            "error: the inner dimension K differs: 4 from A (transA=0) vs 6 from B (transB=0)");
  EXPECT_EQ(Infer("Gemm", 13, {F({3, 4}), F({6, 5})}, {IntAttr("transA", 1)}),
            "error: the inner dimension K differs: 3 from A (transA=1) vs 6 from B (transB=0)");
}

TEST(Gemm, LegacyCMustMatchWithoutBroadcast) {
  EXPECT_EQ(Infer("Gemm", 6, {F({3, 4}), F({4, 5}), F({3, 5})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 1, {F({3, 4}), F({4, "?"}), F({3, 5})}), "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 6, {F({3, 4}), F({4, 5}), F({5})}),
            "error: input C must have the output's shape (M, N) unless broadcast=1, got rank 1");
  EXPECT_EQ(Infer("Gemm", 6, {F({3, 4}), F({4, 5}), F({3, 4})}),
            "error: input C's dimension 1 is 4 but the output's N is 5; set broadcast=1 to "
            "broadcast C");
  // Without A's and B's shapes, C's gives the output's.
  EXPECT_EQ(Infer("Gemm", 6, {TensorTypeNoShape(kFloat), F({4, 5}), F({"M", 5})}),
            "float[M,5]");
}

TEST(Gemm, LegacyBroadcastLetsCBroadcast) {
  EXPECT_EQ(Infer("Gemm", 6, {F({3, 4}), F({4, 5}), F({5})}, {IntAttr("broadcast", 1)}),
            "float[3,5]");
  EXPECT_EQ(Infer("Gemm", 1, {F({3, 4}), F({4, 5}), F({4})}, {IntAttr("broadcast", 1)}),
            "error: input C's dimension 0 is 4 but must be 1 or the output's N (5)");
  EXPECT_EQ(Infer("Gemm", 6, {TensorTypeNoShape(kFloat), F({4, 5}), F({5})},
                  {IntAttr("broadcast", 1)}),
            "float");
}

// ---- TopK ----

TEST(TopK, ReplacesTheAxisDimensionWithK) {
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4, 5}), I64({1})}, {IntAttr("axis", 1)},
                  {std::nullopt, Int64Tensor({2}, {1})}, 2),
            "float[3,2,5] int64[3,2,5]");
  EXPECT_EQ(Infer("TopK", 10, {F({3, 4}), I64({1})}, {}, {std::nullopt, Int64Tensor({4}, {1})},
                  2),
            "float[3,4] int64[3,4]");
  EXPECT_EQ(Infer("TopK", 11, {F({3, "N"}), I64({1})}, {}, {std::nullopt, Int64Tensor({2}, {1})},
                  2),
            "float[3,2] int64[3,2]");
  EXPECT_EQ(Infer("TopK", 1, {F({3, 4})}, {IntAttr("k", 3), IntAttr("axis", 0)}, {}, 2),
            "float[3,4] int64[3,4]");
}

TEST(TopK, LeavesTheAxisUnknownWithoutAConstantK) {
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4, 5}), I64({1})}, {IntAttr("axis", -2)}, {}, 2),
            "float[3,?,5] int64[3,?,5]");
  EXPECT_EQ(Infer("TopK", 24, {TensorTypeNoShape(kFloat), I64({1})}, {}, {}, 2), "float int64");
}

TEST(TopK, RejectsBadK) {
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4}), I64({1})}, {}, {std::nullopt, Int64Tensor({5}, {1})},
                  2),
            "error: k is 5 but axis 1 of X has only 4 elements");
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4}), I64({2})}, {}, {}, 2),
            "error: input K must be a 1-D tensor holding one value");
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4}), I64({})}, {}, {std::nullopt, Int64Tensor({2}, {})}, 2),
            "error: input K must be a 1-D tensor holding one value");
  EXPECT_EQ(Infer("TopK", 11, {F({3, 4}), I64({1})}, {},
                  {std::nullopt, Int64Tensor({-1}, {1})}, 2),
            "error: input K must not be negative, got -1");
  EXPECT_EQ(Infer("TopK", 1, {F({3, 4})}, {}, {}, 2), "error: attribute k is required");
  EXPECT_EQ(Infer("TopK", 1, {F({3, 4})}, {IntAttr("k", 0)}, {}, 2),
            "error: attribute k must be positive, got 0");
}

TEST(TopK, RejectsABadAxis) {
  EXPECT_EQ(Infer("TopK", 24, {F({3, 4}), I64({1})}, {IntAttr("axis", 2)}, {}, 2),
            "error: attribute axis is 2 but must be in [-2, 1] for an input of rank 2");
  EXPECT_EQ(Infer("TopK", 1, {F({})}, {IntAttr("k", 1)}, {}, 2),
            "error: input X must have rank >= 1, got a scalar");
}

// ---- Reductions with axes as an attribute ----

TEST(ReduceWithAxesAttribute, ReducesTheListedAxes) {
  EXPECT_EQ(Infer("ReduceSum", 1, {F({2, 3, 4})}, {IntsAttr("axes", {1})}), "float[2,1,4]");
  EXPECT_EQ(Infer("ReduceMean", 13, {F({2, 3, 4})},
                  {IntsAttr("axes", {-1, 0}), IntAttr("keepdims", 0)}),
            "float[3]");
  EXPECT_EQ(Infer("ReduceMax", 12, {F({2, "N", 4})}, {IntsAttr("axes", {0}), IntAttr("keepdims", 0)}),
            "float[N,4]");
}

TEST(ReduceWithAxesAttribute, ReducesEverythingWithoutAxes) {
  EXPECT_EQ(Infer("ReduceSum", 11, {F({2, 3})}), "float[1,1]");
  EXPECT_EQ(Infer("ReduceMax", 1, {F({2, 3})}, {IntAttr("keepdims", 0)}), "float[]");
  EXPECT_EQ(Infer("ReduceMean", 11, {F({})}), "float[]");
  // A scalar comes out whatever the unknown rank.
  EXPECT_EQ(Infer("ReduceSum", 11, {TensorTypeNoShape(kFloat)}, {IntAttr("keepdims", 0)}),
            "float[]");
  EXPECT_EQ(Infer("ReduceSum", 11, {TensorTypeNoShape(kFloat)}), "float");
}

TEST(ReduceWithAxesAttribute, RejectsBadAxesAndKeepdims) {
  EXPECT_EQ(Infer("ReduceSum", 11, {F({2, 3, 4})}, {IntsAttr("axes", {3})}),
            "error: attribute axes: axis 3 is out of range [-3, 2] for data of rank 3");
  EXPECT_EQ(Infer("ReduceMax", 13, {F({})}, {IntsAttr("axes", {0})}),
            "error: attribute axes: axis 0 is out of range for scalar data");
  EXPECT_EQ(Infer("ReduceMean", 1, {F({2})}, {IntAttr("keepdims", 2)}),
            "error: attribute keepdims must be 0 or 1, got 2");
}

// ---- Reductions with axes as an input ----

TEST(ReduceWithAxesInput, ReducesConstantAxes) {
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3, 4}), I64({1})}, {IntAttr("keepdims", 0)},
                  {std::nullopt, Int64Tensor({1}, {1})}),
            "float[2,4]");
  EXPECT_EQ(Infer("ReduceMean", 18, {F({2, 3, 4}), I64({2})}, {},
                  {std::nullopt, Int64Tensor({0, -1}, {2})}),
            "float[1,3,1]");
  EXPECT_EQ(Infer("ReduceMax", 20, {B({2, 3}), I64({1})}, {},
                  {std::nullopt, Int64Tensor({0}, {1})}),
            "bool[1,3]");
}

TEST(ReduceWithAxesInput, EmptyAxesReduceAllOrNothing) {
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3}), std::nullopt}), "float[1,1]");
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3})}, {IntAttr("keepdims", 0)}), "float[]");
  EXPECT_EQ(Infer("ReduceMax", 18, {F({2, "N"})}, {IntAttr("noop_with_empty_axes", 1)}),
            "float[2,N]");
  EXPECT_EQ(Infer("ReduceMean", 18, {F({2, 3}), I64({0})},
                  {IntAttr("noop_with_empty_axes", 1)},
                  {std::nullopt, Int64Tensor({}, {0})}),
            "float[2,3]");
  // An axes input of shape [0] is empty even when its values are unknown.
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3}), I64({0})}, {IntAttr("noop_with_empty_axes", 1)}),
            "float[2,3]");
  EXPECT_EQ(Infer("ReduceSum", 13, {TensorTypeNoShape(kFloat), I64({0})},
                  {IntAttr("keepdims", 0)}),
            "float[]");
}

TEST(ReduceWithAxesInput, KnowsTheRankOfNonConstantAxes) {
  // keepdims=1: every dimension stays, and a 1 stays 1.
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 1, "N"}), I64({"?"})}), "float[?,1,?]");
  // keepdims=0: as many dimensions go as axes has values.
  EXPECT_EQ(Infer("ReduceMax", 18, {F({2, 3, 4}), I64({2})}, {IntAttr("keepdims", 0)}),
            "float[?]");
  EXPECT_EQ(Infer("ReduceMean", 18, {F({2, 3, 4}), I64({"?"})}, {IntAttr("keepdims", 0)}),
            "float");
}

TEST(ReduceWithAxesInput, RejectsBadAxes) {
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3}), I64({1})}, {},
                  {std::nullopt, Int64Tensor({2}, {1})}),
            "error: input axes: axis 2 is out of range [-2, 1] for data of rank 2");
  EXPECT_EQ(Infer("ReduceMean", 18, {F({}), I64({1})}, {},
                  {std::nullopt, Int64Tensor({0}, {1})}),
            "error: input axes: axis 0 is out of range for scalar data");
  EXPECT_EQ(Infer("ReduceMax", 20, {F({2, 3}), I64({3})}, {IntAttr("keepdims", 0)}),
            "error: input axes lists 3 axes but data has rank 2");
  EXPECT_EQ(Infer("ReduceSum", 13, {F({2, 3}), I64({1, 1})}),
            "error: input axes must be 1-D, got rank 2");
}

// ---- ArgMax ----

TEST(ArgMax, GivesInt64IndicesAlongTheAxis) {
  EXPECT_EQ(Infer("ArgMax", 13, {F({2, 3, 4})}, {IntAttr("axis", 1)}), "int64[2,1,4]");
  EXPECT_EQ(Infer("ArgMax", 12, {F({2, 3, 4})}, {IntAttr("keepdims", 0)}), "int64[3,4]");
  EXPECT_EQ(Infer("ArgMax", 11, {F({2, "N"})}, {IntAttr("axis", -1)}), "int64[2,1]");
  EXPECT_EQ(Infer("ArgMax", 1, {TensorTypeNoShape(kFloat)}), "int64");
}

TEST(ArgMax, RejectsABadAxis) {
  EXPECT_EQ(Infer("ArgMax", 13, {F({2, 3, 4})}, {IntAttr("axis", 3)}),
            "error: attribute axis: axis 3 is out of range [-3, 2] for data of rank 3");
  EXPECT_EQ(Infer("ArgMax", 1, {F({})}),
            "error: attribute axis: axis 0 is out of range for scalar data");
}

// ---- Comparisons and logical ops ----

TEST(Predicates, BroadcastToBool) {
  EXPECT_EQ(Infer("Equal", 19, {TensorType(kString, {2, 1}), TensorType(kString, {3})}),
            "bool[2,3]");
  EXPECT_EQ(Infer("Less", 13, {F({"N", 1, 4}), F({3, 1})}), "bool[N,3,4]");
  EXPECT_EQ(Infer("Greater", 7, {F({2, 3}), F({})}), "bool[2,3]");
  EXPECT_EQ(Infer("And", 7, {B({2, 3}), TensorTypeNoShape(kBool)}), "bool");
  EXPECT_EQ(Infer("Or", 7, {B({4}), B({2, 1})}), "bool[2,4]");
}

TEST(Predicates, RejectUnbroadcastableShapes) {
  EXPECT_EQ(Infer("Less", 13, {F({2, 3}), F({4})}),
            "error: inputs A and B do not broadcast: shapes cannot be broadcast: dimension 3 "
            "vs 4 at axis 1");
}

TEST(Not, KeepsTheShape) {
  EXPECT_EQ(Infer("Not", 1, {B({"N", 2})}), "bool[N,2]");
  EXPECT_EQ(Infer("Not", 1, {TensorTypeNoShape(kBool)}), "bool");
}

TEST(LegacyPredicates, NeedEqualShapesWithoutBroadcast) {
  EXPECT_EQ(Infer("And", 1, {B({2, "?"}), B({2, 3})}), "bool[2,3]");
  EXPECT_EQ(Infer("Greater", 1, {F({2, 3}), F({3})}),
            "error: A has rank 2 and B rank 1; without broadcast=1 their shapes must be equal");
  EXPECT_EQ(Infer("Less", 1, {F({2, 3}), F({2, 4})}),
            "error: dimension 1 is 3 in A and 4 in B; without broadcast=1 their shapes must "
            "be equal");
  EXPECT_EQ(Infer("Equal", 1, {TensorTypeNoShape(kInt64), I64({5})}), "bool[5]");
}

TEST(LegacyPredicates, BroadcastBOntoA) {
  const auto on = IntAttr("broadcast", 1);
  EXPECT_EQ(Infer("Or", 1, {B({2, 3}), B({3})}, {on}), "bool[2,3]");
  EXPECT_EQ(Infer("Equal", 1, {I64({2, 3, 4}), I64({2})}, {on, IntAttr("axis", 0)}),
            "bool[2,3,4]");
  EXPECT_EQ(Infer("Less", 1, {F({2, 3, 4}), F({1, 1})}, {on}), "bool[2,3,4]");
  EXPECT_EQ(Infer("Greater", 1, {F({"?", 3}), F({5, 3})}, {on}), "bool[5,3]");
  EXPECT_EQ(Infer("Greater", 1, {F({2, 3}), TensorTypeNoShape(kFloat)}, {on}), "bool[2,3]");
}

TEST(LegacyPredicates, RejectBadBroadcasts) {
  const auto on = IntAttr("broadcast", 1);
  EXPECT_EQ(Infer("And", 1, {B({2, 3, 4}), B({4})}, {on, IntAttr("axis", 0)}),
            "error: B's dimension 0 is 4 but A's dimension 0 is 2; they must be equal");
  EXPECT_EQ(Infer("And", 1, {B({2, 3, 4}), B({3, 4})}, {on, IntAttr("axis", 2)}),
            "error: attribute axis is 2 but B's 2 dimensions do not fit in A's rank 3 from "
            "there");
  EXPECT_EQ(Infer("Or", 1, {B({3}), B({2, 3})}, {on}),
            "error: B has rank 2, more than A's 1; B must broadcast to A's shape");
  // 1-sized dimensions do not stretch unless B has a single element.
  EXPECT_EQ(Infer("Less", 1, {F({2, 3}), F({1, 3})}, {on}),
            "error: B's dimension 0 is 1 but A's dimension 0 is 2; they must be equal");
}

}  // namespace
}  // namespace onnxforge
