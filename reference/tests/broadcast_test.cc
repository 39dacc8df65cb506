// Broadcasting, type dispatch and axis helpers of the kernel API.
#include "reference/broadcast.h"

#include "gtest/gtest.h"
#include "reference/axis.h"
#include "reference/dispatch.h"

namespace onnxforge::reference {
namespace {

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TEST(BroadcastShape, NumpyRules) {
  EXPECT_EQ(*BroadcastShape({{2, 3, 4}, {4}}), (Shape{2, 3, 4}));
  EXPECT_EQ(*BroadcastShape({{2, 1, 4}, {3, 1}}), (Shape{2, 3, 4}));
  EXPECT_EQ(*BroadcastShape({{}, {5}}), (Shape{5}));
  EXPECT_EQ(*BroadcastShape({{0, 1}, {1, 3}}), (Shape{0, 3}));
  EXPECT_EQ(*BroadcastShape({{1}, {2, 1}, {3}}), (Shape{2, 3}));
  EXPECT_EQ(Message(BroadcastShape({{2, 3}, {4}}).status()),
            "cannot broadcast shapes [2,3] and [4]");
  EXPECT_EQ(Message(BroadcastShape({{2}, {3}, {1}}).status()),
            "cannot broadcast shapes [2], [3] and [1]");
}

TEST(BroadcastMap, Binary) {
  Tensor a = Tensor::FromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = Tensor::FromVector<float>({3}, {10, 20, 30});
  absl::StatusOr<Tensor> c = BroadcastMap<float, float, float>(a, b, [](float x, float y) {
    return x + y;
  });
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->shape(), (Shape{2, 3}));
  EXPECT_EQ(std::vector<float>(c->data<float>().begin(), c->data<float>().end()),
            (std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST(BroadcastMap, ColumnAgainstRowToBool) {
  Tensor a = Tensor::FromVector<int32_t>({3, 1}, {1, 2, 3});
  Tensor b = Tensor::FromVector<int32_t>({1, 2}, {2, 1});
  absl::StatusOr<Tensor> c =
      BroadcastMap<bool, int32_t, int32_t>(a, b, [](int32_t x, int32_t y) { return x < y; });
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->type(), TensorProto::BOOL);
  EXPECT_EQ(c->shape(), (Shape{3, 2}));
  std::vector<bool> got;
  for (bool v : c->data<bool>()) got.push_back(v);
  EXPECT_EQ(got, (std::vector<bool>{true, false, false, false, false, false}));
}

TEST(BroadcastMap, Ternary) {
  Tensor cond = Tensor::FromVector<bool>({2}, {true, false});
  Tensor x = Tensor::FromVector<int64_t>({2, 1}, {1, 2});
  Tensor y = Tensor::Scalar<int64_t>(-1);
  absl::StatusOr<Tensor> out = BroadcastMap<int64_t, bool, int64_t, int64_t>(
      cond, x, y, [](bool c, int64_t a, int64_t b) { return c ? a : b; });
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->shape(), (Shape{2, 2}));
  EXPECT_EQ(std::vector<int64_t>(out->data<int64_t>().begin(), out->data<int64_t>().end()),
            (std::vector<int64_t>{1, -1, 2, -1}));
}

TEST(BroadcastMap, WrongElementTypeIsAnError) {
  Tensor a = Tensor::FromVector<float>({1}, {1});
  Tensor b = Tensor::FromVector<double>({1}, {1});
  EXPECT_EQ(Message(BroadcastMap<float, float, float>(a, b, [](float x, float y) {
                      return x + y;
                    }).status()),
            "BroadcastMap: tensor element types do not match the kernel's");
}

TEST(BroadcastFold, Variadic) {
  Tensor a = Tensor::FromVector<int32_t>({2}, {1, 5});
  Tensor b = Tensor::FromVector<int32_t>({2, 1}, {3, 4});
  Tensor c = Tensor::Scalar<int32_t>(2);
  absl::StatusOr<Tensor> m = BroadcastFold<int32_t>(
      {&a, &b, &c}, [](int32_t x, int32_t y) { return std::max(x, y); });
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->shape(), (Shape{2, 2}));
  EXPECT_EQ(std::vector<int32_t>(m->data<int32_t>().begin(), m->data<int32_t>().end()),
            (std::vector<int32_t>{3, 5, 4, 5}));
}

TEST(BroadcastWalker, ExpandsToATarget) {
  absl::StatusOr<BroadcastWalker> w = BroadcastWalker::CreateTo({{3, 1}}, {2, 3, 2});
  ASSERT_TRUE(w.ok());
  std::vector<int64_t> offsets;
  w->ForEach([&](int64_t, const int64_t* in) { offsets.push_back(in[0]); });
  EXPECT_EQ(offsets, (std::vector<int64_t>{0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2}));
  EXPECT_EQ(Message(BroadcastWalker::CreateTo({{3}}, {2}).status()),
            "cannot broadcast shape [3] to [2]");
}

TEST(UnaryMap, ConvertsTheResult) {
  Tensor x = Tensor::FromVector<float>({3}, {-1.5f, 0.0f, 2.5f});
  Tensor y = UnaryMap<int32_t, float>(x, [](float v) { return v * 2; });
  EXPECT_EQ(y.type(), TensorProto::INT32);
  EXPECT_EQ(std::vector<int32_t>(y.data<int32_t>().begin(), y.data<int32_t>().end()),
            (std::vector<int32_t>{-3, 0, 5}));
}

TEST(Dispatch, CallsTheMatchingType) {
  std::string seen;
  absl::Status s = Dispatch<types::Numeric>(TensorProto::BFLOAT16, [&](auto tag) {
    using T = ONNXFORGE_TYPE(tag);
    seen = ElementTypeString(kElementTypeOf<T>);
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(seen, "bfloat16");
}

TEST(Dispatch, UnsupportedTypeNamesTheTypes) {
  absl::StatusOr<int> r = Dispatch<types::Float>(TensorProto::INT32, [](auto) {
    return absl::StatusOr<int>(1);
  });
  EXPECT_EQ(Message(r.status()),
            "unsupported element type int32; this kernel handles float, double, float16, "
            "bfloat16");
  EXPECT_TRUE(IsOneOf(TensorProto::UINT8, types::Int{}));
  EXPECT_FALSE(IsOneOf(TensorProto::BOOL, types::Numeric{}));
}

TEST(ResolveAxis, Ranges) {
  EXPECT_EQ(*ResolveAxis(-1, 3), 2);
  EXPECT_EQ(*ResolveAxis(0, 3), 0);
  EXPECT_EQ(Message(ResolveAxis(3, 3).status()),
            "axis 3 is out of range for rank 3 (expected -3..2)");
  EXPECT_EQ(Message(ResolveAxis(0, 0, "attribute 'axis'").status()),
            "attribute 'axis' 0 is out of range for rank 0 (no axes)");
  EXPECT_EQ(*ResolveAxes({-1, 0}, 2), (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(Message(ResolveAxes({1, -1}, 2).status()), "axes repeat axis 1 (given as -1)");
}

}  // namespace
}  // namespace onnxforge::reference
