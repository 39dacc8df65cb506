#include "version_converter/tensors.h"

#include <cmath>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"

namespace onnxforge::version_converter {
namespace {

uint16_t FloatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const int32_t exponent = static_cast<int32_t>((bits >> 23) & 0xff) - 127 + 15;
  uint32_t mantissa = bits & 0x7fffffu;
  if (((bits >> 23) & 0xff) == 0xff) {  // inf or nan
    return static_cast<uint16_t>(sign | 0x7c00u | (mantissa ? 0x200u : 0));
  }
  if (exponent >= 31) return static_cast<uint16_t>(sign | 0x7c00u);
  if (exponent <= 0) {
    if (exponent < -10) return static_cast<uint16_t>(sign);
    mantissa |= 0x800000u;
    const int shift = 14 - exponent;
    uint32_t half = mantissa >> shift;
    const uint32_t rest = mantissa & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(exponent) << 10) | (mantissa >> 13);
  const uint32_t rest = mantissa & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;
  return static_cast<uint16_t>(sign | half);
}

float HalfToFloat(uint16_t half) {
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  const int exponent = (half >> 10) & 0x1f;
  const uint32_t mantissa = half & 0x3ffu;
  float value;
  if (exponent == 0) {
    value = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    value = mantissa ? std::nanf("") : INFINITY;
  } else {
    value = std::ldexp(static_cast<float>(mantissa | 0x400u), exponent - 25);
  }
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  bits |= sign;
  std::memcpy(&value, &bits, 4);
  return value;
}

uint16_t FloatToBfloat16(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  if (std::isnan(value)) return static_cast<uint16_t>((bits >> 16) | 0x40u);
  const uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>((bits + rounding) >> 16);
}

float Bfloat16ToFloat(uint16_t value) {
  const uint32_t bits = static_cast<uint32_t>(value) << 16;
  float out;
  std::memcpy(&out, &bits, 4);
  return out;
}

template <typename T>
void Append(std::string* raw, T value) {
  raw->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

}  // namespace

absl::StatusOr<TensorProto> MakeNumericTensor(int32_t elem_type, std::vector<int64_t> dims,
                                              const std::vector<double>& values) {
  TensorProto tensor;
  tensor.set_data_type(elem_type);
  for (int64_t d : dims) tensor.add_dims(d);
  std::string raw;
  for (double v : values) {
    switch (elem_type) {
      case TensorProto::FLOAT: Append(&raw, static_cast<float>(v)); break;
      case TensorProto::DOUBLE: Append(&raw, v); break;
      case TensorProto::FLOAT16: Append(&raw, FloatToHalf(static_cast<float>(v))); break;
      case TensorProto::BFLOAT16: Append(&raw, FloatToBfloat16(static_cast<float>(v))); break;
      case TensorProto::INT8: Append(&raw, static_cast<int8_t>(v)); break;
      case TensorProto::INT16: Append(&raw, static_cast<int16_t>(v)); break;
      case TensorProto::INT32: Append(&raw, static_cast<int32_t>(v)); break;
      case TensorProto::INT64: Append(&raw, static_cast<int64_t>(v)); break;
      case TensorProto::UINT8: Append(&raw, static_cast<uint8_t>(v)); break;
      case TensorProto::UINT16: Append(&raw, static_cast<uint16_t>(v)); break;
      case TensorProto::UINT32: Append(&raw, static_cast<uint32_t>(v)); break;
      case TensorProto::UINT64: Append(&raw, static_cast<uint64_t>(v)); break;
      case TensorProto::BOOL: Append(&raw, static_cast<uint8_t>(v != 0)); break;
      default:
        return absl::InvalidArgumentError(absl::StrCat(
            "cannot write a constant of element type ", ElementTypeName(elem_type)));
    }
  }
  tensor.set_raw_data(std::move(raw));
  return tensor;
}

double RoundTripThrough(int32_t elem_type, double value) {
  switch (elem_type) {
    case TensorProto::FLOAT: return static_cast<float>(value);
    case TensorProto::FLOAT16: return HalfToFloat(FloatToHalf(static_cast<float>(value)));
    case TensorProto::BFLOAT16:
      return Bfloat16ToFloat(FloatToBfloat16(static_cast<float>(value)));
    default: return value;
  }
}

}  // namespace onnxforge::version_converter
