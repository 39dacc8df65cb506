// Tensor values as text, in the field ONNX assigns to each element type
// (int32_data, int64_data, uint64_data, float_data, double_data,
// string_data), or packed little-endian in raw_data.
//
// Each value is written the way the typed field stores it: float16, bfloat16
// and the float8 types as their bit patterns, bool as 0 or 1, complex numbers
// as real and imaginary parts one after the other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::syntax {

struct ValueLiteral {
  enum Kind { kInteger, kFloat, kString };
  Kind kind = kInteger;
  std::string text;  // decoded value for strings
};

// Appends one value to the typed field for tensor->data_type(). Errors name
// the value and the type but carry no position.
absl::Status AppendTypedValue(const ValueLiteral& value, TensorProto* tensor);

// The values in the typed field for tensor.data_type(), as text; strings are
// quoted.
std::vector<std::string> TypedValueTexts(const TensorProto& tensor);

// Packs `values` into raw_data bytes for `data_type`; sub-byte types fill
// each byte from its low bits up and pad the last byte with zero bits.
absl::StatusOr<std::string> EncodeRawValues(int32_t data_type,
                                            const std::vector<ValueLiteral>& values);

// The values in tensor.raw_data() as text, when EncodeRawValues would give
// back exactly the same bytes; nullopt otherwise (odd sizes, unknown types,
// NaN payloads), where the caller falls back to hex.
std::optional<std::vector<std::string>> DecodeRawValues(const TensorProto& tensor);

// Lower-case hex digits of `bytes`, and back.
std::string ToHex(std::string_view bytes);
absl::StatusOr<std::string> FromHex(std::string_view hex);

}  // namespace onnxforge::syntax
