// The narrow-type conversions against ONNX's Cast test data: every
// test_cast_* case from or to a narrow type, element by element, bit for bit.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "data_paths.h"
#include "gtest/gtest.h"
#include "ir/model_io.h"
#include "reference/narrow_types.h"
#include "reference/tensor.h"

namespace onnxforge::reference {
namespace {

namespace fs = std::filesystem;

absl::StatusOr<Tensor> ReadTensor(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  TensorProto proto;
  if (!proto.ParseFromString(bytes.str())) {
    return absl::InvalidArgumentError("cannot parse " + path.string());
  }
  return Tensor::FromProto(proto);
}

// Input values as doubles (float and float16 inputs only).
std::vector<double> Doubles(const Tensor& t) {
  absl::StatusOr<std::vector<double>> d = t.ToDoubles();
  return d.ok() ? *d : std::vector<double>();
}

// The expected tensor's element i as raw bits (for a narrow type) or the
// converted value's bits, compared as integers.
template <typename T>
uint32_t BitsOf(const T& v) {
  if constexpr (std::is_same_v<T, Int4> || std::is_same_v<T, UInt4> || std::is_same_v<T, Int2> ||
                std::is_same_v<T, UInt2>) {
    return static_cast<uint32_t>(static_cast<uint8_t>(v.value));
  } else {
    return v.bits;
  }
}

template <typename T, typename Convert>
void ExpectConverted(const std::string& test, const Tensor& input, const Tensor& expected,
                     Convert convert) {
  std::vector<double> in = Doubles(input);
  auto want = expected.data<T>();
  ASSERT_EQ(in.size(), want.size()) << test;
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(BitsOf(convert(in[i])), BitsOf(want[i])) << test << " element " << i
                                                      << " value " << in[i];
  }
}

// Narrow input to float/float16 output.
template <typename T>
void ExpectWidened(const std::string& test, const Tensor& input, const Tensor& expected) {
  auto in = input.data<T>();
  std::vector<double> want = Doubles(expected);
  ASSERT_EQ(in.size(), want.size()) << test;
  for (size_t i = 0; i < in.size(); ++i) {
    const double got = static_cast<float>(in[i]);
    double w = want[i];
    if (expected.type() == TensorProto::FLOAT16) {
      w = Float16(w).ToFloat();
      const double g16 = Float16(got).ToFloat();
      if (std::isnan(w)) {
        EXPECT_TRUE(std::isnan(g16)) << test << " element " << i;
      } else {
        EXPECT_EQ(g16, w) << test << " element " << i;
      }
      continue;
    }
    if (std::isnan(w)) {
      EXPECT_TRUE(std::isnan(got)) << test << " element " << i;
    } else {
      EXPECT_EQ(got, w) << test << " element " << i;
    }
  }
}

TEST(NarrowTypesBackend, MatchesCastTestData) {
  const fs::path root = onnxforge::data::kBackendNodeDir;
  if (!fs::exists(root)) GTEST_SKIP() << "no backend test data at " << root;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("test_cast_", 0) != 0) continue;
    absl::StatusOr<ModelProto> model = LoadModel((entry.path() / "model.onnx").string());
    ASSERT_TRUE(model.ok()) << model.status();
    const NodeProto& node = model->graph().node(0);
    bool saturate = true;
    E8M0Rounding rounding = E8M0Rounding::kUp;
    for (const AttributeProto& a : node.attribute()) {
      if (a.name() == "saturate") saturate = a.i() != 0;
      if (a.name() == "round_mode") {
        rounding = a.s() == "down" ? E8M0Rounding::kDown
                   : a.s() == "nearest" ? E8M0Rounding::kNearest
                                        : E8M0Rounding::kUp;
      }
    }
    const fs::path data = entry.path() / "test_data_set_0";
    absl::StatusOr<Tensor> input = ReadTensor(data / "input_0.pb");
    absl::StatusOr<Tensor> output = ReadTensor(data / "output_0.pb");
    ASSERT_TRUE(input.ok()) << name << ": " << input.status();
    ASSERT_TRUE(output.ok()) << name << ": " << output.status();
    const int32_t from = input->type();
    const int32_t to = output->type();
    const bool wide_in = from == TensorProto::FLOAT || from == TensorProto::FLOAT16;
    if (wide_in) {
      switch (to) {
        case TensorProto::FLOAT8E4M3FN:
          ExpectConverted<Float8E4M3FN>(name, *input, *output, [&](double v) {
            return Float8E4M3FN::FromDouble(v, saturate);
          });
          break;
        case TensorProto::FLOAT8E4M3FNUZ:
          ExpectConverted<Float8E4M3FNUZ>(name, *input, *output, [&](double v) {
            return Float8E4M3FNUZ::FromDouble(v, saturate);
          });
          break;
        case TensorProto::FLOAT8E5M2:
          ExpectConverted<Float8E5M2>(name, *input, *output, [&](double v) {
            return Float8E5M2::FromDouble(v, saturate);
          });
          break;
        case TensorProto::FLOAT8E5M2FNUZ:
          ExpectConverted<Float8E5M2FNUZ>(name, *input, *output, [&](double v) {
            return Float8E5M2FNUZ::FromDouble(v, saturate);
          });
          break;
        case TensorProto::FLOAT4E2M1:
          ExpectConverted<Float4E2M1>(name, *input, *output,
                                      [&](double v) { return Float4E2M1(v); });
          break;
        case TensorProto::FLOAT8E8M0:
          ExpectConverted<Float8E8M0>(name, *input, *output, [&](double v) {
            return Float8E8M0::FromDouble(v, saturate, rounding);
          });
          break;
        case TensorProto::BFLOAT16:
          ExpectConverted<BFloat16>(name, *input, *output, [&](double v) { return BFloat16(v); });
          break;
        case TensorProto::INT4:
          ExpectConverted<Int4>(name, *input, *output, [&](double v) { return Int4(v); });
          break;
        case TensorProto::UINT4:
          ExpectConverted<UInt4>(name, *input, *output, [&](double v) { return UInt4(v); });
          break;
        case TensorProto::INT2:
          ExpectConverted<Int2>(name, *input, *output, [&](double v) { return Int2(v); });
          break;
        case TensorProto::UINT2:
          ExpectConverted<UInt2>(name, *input, *output, [&](double v) { return UInt2(v); });
          break;
        default:
          continue;
      }
      ++checked;
      continue;
    }
    if (to != TensorProto::FLOAT && to != TensorProto::FLOAT16) continue;
    switch (from) {
#define ONNXFORGE_WIDEN(proto_type)                                          \
  case TensorProto::proto_type:                                              \
    ExpectWidened<ElementType<TensorProto::proto_type>>(name, *input, *output); \
    break;
      ONNXFORGE_WIDEN(FLOAT8E4M3FN)
      ONNXFORGE_WIDEN(FLOAT8E4M3FNUZ)
      ONNXFORGE_WIDEN(FLOAT8E5M2)
      ONNXFORGE_WIDEN(FLOAT8E5M2FNUZ)
      ONNXFORGE_WIDEN(FLOAT4E2M1)
      ONNXFORGE_WIDEN(FLOAT8E8M0)
      ONNXFORGE_WIDEN(BFLOAT16)
      ONNXFORGE_WIDEN(INT4)
      ONNXFORGE_WIDEN(UINT4)
      ONNXFORGE_WIDEN(INT2)
      ONNXFORGE_WIDEN(UINT2)
#undef ONNXFORGE_WIDEN
      default:
        continue;
    }
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "no narrow-type cast cases in " << root;
}

}  // namespace
}  // namespace onnxforge::reference
