#include "reference/tensor_buffer.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "reference/tensor.h"

namespace onnxforge::reference {
namespace {

bool AllBytesAre(const TensorBuffer& b, uint8_t value) {
  for (uint8_t byte : b) {
    if (byte != value) return false;
  }
  return true;
}

TEST(TensorBuffer, ZeroFilledEvenWhenReusingAFreedBuffer) {
  // Buffers of a page and more are kept when freed and handed out again:
  // the zero-filled form must still clear them.
  for (size_t size : {size_t{100}, size_t{5000}, size_t{1} << 20}) {
    SCOPED_TRACE(size);
    const uint8_t* first = nullptr;
    {
      TensorBuffer b(size, TensorBuffer::Fill::kZero);
      first = b.data();
      EXPECT_EQ(b.size(), size);
      EXPECT_TRUE(AllBytesAre(b, 0));
      for (uint8_t& byte : b) byte = 7;
    }
    TensorBuffer again(size, TensorBuffer::Fill::kZero);
    if (size >= 4096) EXPECT_EQ(again.data(), first) << "the freed buffer was not reused";
    EXPECT_TRUE(AllBytesAre(again, 0));
  }
}

TEST(TensorBuffer, CopiesMovesAndCompares) {
  TensorBuffer a(6000, TensorBuffer::Fill::kNone);
  for (size_t i = 0; i < a.size(); ++i) a.data()[i] = static_cast<uint8_t>(i);
  TensorBuffer copy = a;
  EXPECT_NE(copy.data(), a.data());
  EXPECT_EQ(copy, a);
  copy.data()[5999] ^= 1;
  EXPECT_NE(copy, a);
  const uint8_t* bytes = a.data();
  TensorBuffer moved = std::move(a);
  EXPECT_EQ(moved.data(), bytes);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty
  copy = moved;
  EXPECT_EQ(copy, moved);
  EXPECT_EQ(TensorBuffer(), TensorBuffer(0, TensorBuffer::Fill::kZero));
  EXPECT_NE(TensorBuffer(), TensorBuffer(1, TensorBuffer::Fill::kZero));
}

TEST(TensorBuffer, BuffersAreAlignedForVectorLoads) {
  for (size_t size : {size_t{1}, size_t{100}, size_t{5000}}) {
    TensorBuffer b(size, TensorBuffer::Fill::kNone);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(b.data()) % 64, 0u) << size;
  }
}

TEST(TensorBuffer, UninitializedTensorsHaveTheirShapeAndWriteableElements) {
  Tensor t = Tensor::Uninitialized(TensorProto::FLOAT, {3, 1000});
  EXPECT_EQ(t.DebugString(), "float[3,1000]");
  ASSERT_EQ(t.mutable_data<float>().size(), 3000u);
  for (float& v : t.mutable_data<float>()) v = 2.5f;
  EXPECT_EQ(t, Tensor::FromVector<float>({3, 1000}, std::vector<float>(3000, 2.5f)));
  // Strings are never left unset; bad shapes fail as Create's do.
  Tensor s = Tensor::Uninitialized(TensorProto::STRING, {2});
  EXPECT_EQ(s.data<std::string>()[1], "");
  EXPECT_EQ(Tensor::Uninitialized(TensorProto::FLOAT, {-1}).size(), 0);
  EXPECT_EQ(
      std::string(Tensor::CreateUninitialized(TensorProto::FLOAT, {2, -3}).status().message()),
      std::string(Tensor::Create(TensorProto::FLOAT, {2, -3}).status().message()));
}

}  // namespace
}  // namespace onnxforge::reference
