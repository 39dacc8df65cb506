// The math kernels' fast paths against plain definitions: the broadcast
// layout against the core's walker, Eigen's float functions at the edges of
// their range, integer division and powers, and their errors; float Gemm
// against the general (double) path.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "ir/tensor_util.h"
#include "onnx_defs/schema.h"
#include "reference/broadcast.h"
#include "reference/kernel.h"
#include "reference/tensor.h"

namespace onnxforge::reference {
namespace {

// Runs the kernel of `op` at `opset` on `inputs` and returns output 0.
absl::StatusOr<Tensor> RunOp(const std::string& op, int opset, const std::vector<Tensor>& inputs,
                             const std::vector<AttributeProto>& attributes = {}) {
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
  node.add_output("y");
  for (const AttributeProto& a : attributes) *node.add_attribute() = a;
  KernelContext ctx(node, *schema, opset, pointers, nullptr);
  absl::Status status = kernel->fn(ctx);
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();
  if (!status.ok()) return status;
  return ctx.outputs()[0].tensor();
}

// Fills a tensor of `shape` with 1, 2, 3, ... (cycling through 1..7).
template <typename T>
Tensor Iota(const Shape& shape) {
  Tensor t(kElementTypeOf<T>, shape);
  auto data = t.mutable_data<T>();
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<T>(1 + i % 7);
  return t;
}

TEST(MathKernels, BroadcastLayoutMatchesTheWalker) {
  const std::vector<std::pair<Shape, Shape>> cases = {
      {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}},       {{2, 3, 4}, {3, 1}},
      {{2, 1, 4}, {1, 3, 1}}, {{1}, {2, 3}},          {{}, {2}},
      {{2}, {}},              {{}, {}},               {{5, 1, 1, 3}, {2, 3}},
      {{3, 1}, {1, 4}},       {{2, 3, 1, 5}, {3, 4, 1}}, {{1, 1}, {1, 1, 1}},
      {{4, 1, 2}, {4, 3, 2}}, {{2, 0, 3}, {3}},       {{0}, {1}}};
  for (const auto& [sa, sb] : cases) {
    SCOPED_TRACE(ShapeString(sa) + " + " + ShapeString(sb));
    Tensor fa = Iota<float>(sa), fb = Iota<float>(sb);
    absl::StatusOr<Tensor> expected = BroadcastMap<float, float, float>(
        fa, fb, [](float x, float y) { return x * 10 + y; });
    absl::StatusOr<Tensor> sum = RunOp("Add", 14, {fa, fb});
    ASSERT_TRUE(sum.ok()) << sum.status();
    ASSERT_TRUE(expected.ok());
    // x * 10 + y through Mul then Add exercises both operand orders.
    absl::StatusOr<Tensor> scaled = RunOp("Mul", 14, {fa, Tensor::Scalar<float>(10)});
    ASSERT_TRUE(scaled.ok());
    absl::StatusOr<Tensor> combined = RunOp("Add", 14, {*scaled, fb});
    ASSERT_TRUE(combined.ok());
    EXPECT_EQ(*combined, *expected);
    // The same through the scalar loops (int32) and mixed types (Pow).
    absl::StatusOr<Tensor> int_sum = RunOp("Sub", 14, {Iota<int32_t>(sa), Iota<int32_t>(sb)});
    absl::StatusOr<Tensor> int_expected = BroadcastMap<int32_t, int32_t, int32_t>(
        Iota<int32_t>(sa), Iota<int32_t>(sb), [](int32_t x, int32_t y) { return x - y; });
    ASSERT_TRUE(int_sum.ok());
    EXPECT_EQ(*int_sum, *int_expected);
    absl::StatusOr<Tensor> power = RunOp("Pow", 15, {Iota<double>(sa), Iota<int64_t>(sb)});
    absl::StatusOr<Tensor> power_expected = BroadcastMap<double, double, int64_t>(
        Iota<double>(sa), Iota<int64_t>(sb),
        [](double x, int64_t y) { return std::pow(x, static_cast<double>(y)); });
    ASSERT_TRUE(power.ok());
    EXPECT_EQ(*power, *power_expected);
  }
}

TEST(MathKernels, IncompatibleShapes) {
  absl::StatusOr<Tensor> sum = RunOp("Add", 14, {Iota<float>({2, 3}), Iota<float>({2})});
  EXPECT_EQ(std::string(sum.status().message()), "cannot broadcast shapes [2,3] and [2]");
}

TEST(MathKernels, LegacyBroadcastAlignsAtAxis) {
  absl::StatusOr<Tensor> sum =
      RunOp("Add", 6, {Iota<float>({2, 3, 2}), Tensor::Vector<float>({10, 20, 30})},
            {IntAttr("broadcast", 1), IntAttr("axis", 1)});
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(*sum, Tensor::FromVector<float>({2, 3, 2}, {11, 12, 23, 24, 35, 36,  //
                                                         17, 11, 22, 23, 34, 35}));
  absl::StatusOr<Tensor> unequal = RunOp("Add", 6, {Iota<float>({2, 3}), Iota<float>({3})});
  EXPECT_EQ(std::string(unequal.status().message()),
            "without broadcast=1 the inputs must have equal shapes, got [2,3] and [3]");
}

TEST(MathKernels, IntegerDivisionTruncatesTowardZero) {
  absl::StatusOr<Tensor> q = RunOp(
      "Div", 14, {Tensor::Vector<int32_t>({7, -7, 7, -7, std::numeric_limits<int32_t>::min()}),
                  Tensor::Vector<int32_t>({2, 2, -2, -2, -1})});
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(*q, Tensor::Vector<int32_t>({3, -3, -3, 3, std::numeric_limits<int32_t>::min()}));
  absl::StatusOr<Tensor> by_zero =
      RunOp("Div", 14, {Tensor::Vector<int64_t>({1, 2}), Tensor::Vector<int64_t>({3, 0})});
  EXPECT_EQ(std::string(by_zero.status().message()),
            "integer division by zero: B[1] is 0 (B has shape [2])");
  // Float division by zero follows IEEE.
  absl::StatusOr<Tensor> f =
      RunOp("Div", 14, {Tensor::Vector<float>({1, -1, 0}), Tensor::Scalar<float>(0)});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->at<float>(0), std::numeric_limits<float>::infinity());
  EXPECT_EQ(f->at<float>(1), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(f->at<float>(2)));
}

TEST(MathKernels, IntegerWrapsOnOverflow) {
  absl::StatusOr<Tensor> sum = RunOp(
      "Add", 14, {Tensor::Vector<int8_t>({127, -128}), Tensor::Vector<int8_t>({1, -1})});
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum, Tensor::Vector<int8_t>({-128, 127}));
  absl::StatusOr<Tensor> product = RunOp(
      "Mul", 14, {Tensor::Vector<uint16_t>({65535}), Tensor::Vector<uint16_t>({65535})});
  ASSERT_TRUE(product.ok());
  EXPECT_EQ(*product, Tensor::Vector<uint16_t>({1}));
  absl::StatusOr<Tensor> negated = RunOp("Neg", 13, {Tensor::Vector<int64_t>(
                                                        {std::numeric_limits<int64_t>::min(), 5})});
  ASSERT_TRUE(negated.ok());
  EXPECT_EQ(*negated, Tensor::Vector<int64_t>({std::numeric_limits<int64_t>::min(), -5}));
}

TEST(MathKernels, IntegerPowers) {
  absl::StatusOr<Tensor> p = RunOp(
      "Pow", 15, {Tensor::Vector<int32_t>({2, -2, 3, 1, -1, -1, 5, 2}),
                  Tensor::Vector<int64_t>({10, 3, 0, -5, -3, -4, -1, 31})});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p, Tensor::Vector<int32_t>({1024, -8, 1, 1, -1, 1, 0,
                                         std::numeric_limits<int32_t>::min()}));
  absl::StatusOr<Tensor> f = RunOp(
      "Pow", 15,
      {Tensor::Vector<int64_t>({4, 2, 7, -2}), Tensor::Vector<float>({0.5, -1, 0.5, 3})});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(*f, Tensor::Vector<int64_t>({2, 0, 2, -8}));
}

TEST(MathKernels, PowErrors) {
  absl::StatusOr<Tensor> zero =
      RunOp("Pow", 15, {Tensor::Vector<int32_t>({0}), Tensor::Vector<int32_t>({-2})});
  EXPECT_EQ(std::string(zero.status().message()), "0 ^ -2 is infinite, which has no int32 value");
  absl::StatusOr<Tensor> root =
      RunOp("Pow", 15, {Tensor::Vector<int32_t>({-8}), Tensor::Vector<double>({0.5})});
  EXPECT_EQ(std::string(root.status().message()), "-8 ^ 0.5 is nan, which has no int32 value");
  absl::StatusOr<Tensor> large =
      RunOp("Pow", 15, {Tensor::Vector<int32_t>({2}), Tensor::Vector<float>({40})});
  EXPECT_EQ(std::string(large.status().message()),
            "2 ^ 40 is 1.09951e+12, which has no int32 value");
}

TEST(MathKernels, SquareFastPathKeepsShapeAndValues) {
  absl::StatusOr<Tensor> p =
      RunOp("Pow", 15, {Tensor::FromVector<float>({2, 1}, {-3, 1.5}), Tensor::Scalar<float>(2)});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, Tensor::FromVector<float>({2, 1}, {9, 2.25}));
  // An exponent of higher rank widens the output, so it takes the general path.
  absl::StatusOr<Tensor> wide =
      RunOp("Pow", 15, {Tensor::Scalar<float>(3), Tensor::FromVector<float>({1, 1}, {2})});
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ(*wide, Tensor::FromVector<float>({1, 1}, {9}));
}

// Float inputs across the range, the special values and the subnormal ends.
std::vector<float> EdgeFloats() {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> v = {-inf, -1000, -104, -100, -90, -88.5f, -87.5f, -87, -80.5f, -20, -1,
                          -1e-30f, -0.0f, 0.0f, 1e-40f, 1e-30f, 0.5f, 1, 20, 80, 88, 88.7f,
                          89, 1000, inf, std::numeric_limits<float>::quiet_NaN()};
  for (int i = -400; i <= 400; ++i) v.push_back(i * 0.25f);
  return v;
}

// Relative error against `expected`, NaN matching NaN and infinities exact.
void ExpectClose(const Tensor& actual, const std::vector<double>& expected, double rtol,
                 const std::vector<float>& inputs) {
  for (size_t i = 0; i < expected.size(); ++i) {
    const double a = actual.at<float>(i);
    const double e = static_cast<float>(expected[i]);
    SCOPED_TRACE("input " + std::to_string(inputs[i]));
    if (std::isnan(e)) {
      EXPECT_TRUE(std::isnan(a)) << a;
    } else if (std::isinf(e) || e == 0) {
      EXPECT_EQ(a, e);
    } else {
      EXPECT_LE(std::abs(a - e), rtol * std::abs(e)) << a << " vs " << e;
    }
  }
}

TEST(MathKernels, FloatFunctionsAtTheEdges) {
  const std::vector<float> x = EdgeFloats();
  const Tensor input = Tensor::Vector<float>(x);
  struct Case {
    const char* op;
    double (*fn)(double);
  };
  const Case cases[] = {
      {"Exp", [](double v) { return std::exp(v); }},
      {"Log", [](double v) { return std::log(v); }},
      {"Sqrt", [](double v) { return std::sqrt(v); }},
      {"Tanh", [](double v) { return std::tanh(v); }},
      {"Sigmoid",
       [](double v) {
         return v >= 0 ? 1 / (1 + std::exp(-v)) : std::exp(v) / (1 + std::exp(v));
       }},
      {"Abs", [](double v) { return std::fabs(v); }},
      {"Neg", [](double v) { return -v; }},
      {"Relu", [](double v) { return v < 0 ? 0.0 : v; }},
      {"HardSwish", [](double v) { return v * std::fmin(1.0, std::fmax(0.0, v / 6 + 0.5)); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.op);
    absl::StatusOr<Tensor> y = RunOp(c.op, 22, {input});
    ASSERT_TRUE(y.ok()) << y.status();
    std::vector<double> expected;
    for (float v : x) expected.push_back(c.fn(v));
    // HardSwish(-inf) is -inf * 0, NaN by the formula.
    if (std::string(c.op) == "HardSwish") expected[0] = std::nan("");
    ExpectClose(*y, expected, 4e-7, x);
  }
}

TEST(MathKernels, SignsOfZeroAndNaN) {
  absl::StatusOr<Tensor> root = RunOp("Sqrt", 13, {Tensor::Vector<float>({-0.0f})});
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(std::signbit(root->at<float>(0)));
  absl::StatusOr<Tensor> clipped =
      RunOp("Clip", 13, {Tensor::Vector<float>({std::nanf(""), -5, 5}), Tensor::Scalar<float>(-1),
                         Tensor::Scalar<float>(1)});
  ASSERT_TRUE(clipped.ok());
  EXPECT_TRUE(std::isnan(clipped->at<float>(0)));
  EXPECT_EQ(clipped->at<float>(1), -1);
  EXPECT_EQ(clipped->at<float>(2), 1);
}

TEST(MathKernels, ClipBoundMustBeOneValue) {
  absl::StatusOr<Tensor> clipped =
      RunOp("Clip", 13, {Tensor::Vector<float>({1}), Tensor::Vector<float>({0, 1})});
  EXPECT_EQ(std::string(clipped.status().message()),
            "input 'min' must be a single value of the input's type float, got float[2]");
}

template <typename T>
Tensor Cast(const Tensor& floats) {
  std::vector<T> values;
  for (float v : floats.data<float>()) values.push_back(static_cast<T>(v));
  return Tensor::FromVector<T>(floats.shape(), values);
}

TEST(MatrixKernels, FloatGemmMatchesDoubleForEveryBias) {
  // Float Gemm writes the product into Y and adds beta * C after; double
  // Gemm goes through the general path. Small integers and halves keep
  // every value exact, so the two must agree exactly.
  const int64_t m = 3, k = 4, n = 5;
  const std::vector<Shape> bias_shapes = {{}, {1}, {n}, {1, n}, {m, 1}, {m, n}};
  for (bool trans_a : {false, true}) {
    for (bool trans_b : {false, true}) {
      for (int bias = -1; bias < static_cast<int>(bias_shapes.size()); ++bias) {
        for (auto [alpha, beta] : std::vector<std::pair<float, float>>{{1, 1}, {0.5f, -2}}) {
          SCOPED_TRACE(::testing::Message() << "transA=" << trans_a << " transB=" << trans_b
                                            << " bias=" << bias << " alpha=" << alpha);
          std::vector<Tensor> inputs = {Iota<float>(trans_a ? Shape{k, m} : Shape{m, k}),
                                        Iota<float>(trans_b ? Shape{n, k} : Shape{k, n})};
          if (bias >= 0) inputs.push_back(Iota<float>(bias_shapes[bias]));
          std::vector<Tensor> doubles;
          for (const Tensor& t : inputs) doubles.push_back(Cast<double>(t));
          const std::vector<AttributeProto> attributes = {
              IntAttr("transA", trans_a), IntAttr("transB", trans_b),
              FloatAttr("alpha", alpha), FloatAttr("beta", beta)};
          absl::StatusOr<Tensor> y = RunOp("Gemm", 13, inputs, attributes);
          absl::StatusOr<Tensor> want = RunOp("Gemm", 13, doubles, attributes);
          ASSERT_TRUE(y.ok()) << y.status();
          ASSERT_TRUE(want.ok()) << want.status();
          EXPECT_EQ(Cast<double>(*y), *want);
        }
      }
    }
  }
}

TEST(MatrixKernels, FloatGemmEdgeValues) {
  // beta = 0 ignores C, NaN included; a -0 product (alpha = -1 times 0)
  // comes out +0, as 0 + -0 is.
  const Tensor a = Tensor::FromVector<float>({1, 2}, {1, 2});
  const Tensor b = Tensor::FromVector<float>({2, 2}, {0, 1, 0, 1});
  const Tensor c = Tensor::FromVector<float>({2}, {std::nanf(""), 5});
  absl::StatusOr<Tensor> y =
      RunOp("Gemm", 13, {a, b, c}, {FloatAttr("alpha", -1), FloatAttr("beta", 0)});
  ASSERT_TRUE(y.ok()) << y.status();
  EXPECT_EQ(*y, Tensor::FromVector<float>({1, 2}, {0.0f, -3}));
  EXPECT_FALSE(std::signbit(y->at<float>(0)));
  // An empty K leaves beta * C.
  absl::StatusOr<Tensor> empty =
      RunOp("Gemm", 13,
            {Tensor(TensorProto::FLOAT, {2, 0}), Tensor(TensorProto::FLOAT, {0, 2}),
             Tensor::FromVector<float>({2, 1}, {3, 4})},
            {FloatAttr("beta", 2)});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(*empty, Tensor::FromVector<float>({2, 2}, {6, 6, 8, 8}));
}

}  // namespace
}  // namespace onnxforge::reference
