// Tensor values as text, in the field ONNX assigns to each element type
// (int32_data, int64_data, uint64_data, float_data, double_data,
// string_data), or packed little-endian in raw_data.
//
// Each value is written the way the typed field stores it: float16, bfloat16
// and the float8 and float4 types as their bit patterns, bool as 0 or 1,
// complex numbers as real and imaginary parts one after the other. The text
// has one value per element even where the field packs several to an entry:
// int32_data keeps one byte of 4-bit values (int4, uint4, float4e2m1) or
// 2-bit values (int2, uint2) per entry, the first element in the low bits,
// negative ones in two's complement within their bits.
#pragma once

#include <cstddef>
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

// Stores `values` as the elements of `tensor` in the typed field for
// tensor->data_type(), replacing what that field held, packing the 4-bit and
// 2-bit types (whose values must fit their type; the last entry's unused
// high bits are zero). On a bad value, sets *bad_value to its index and
// returns an error that names the value and the type but carries no position.
absl::Status StoreTypedValues(const std::vector<ValueLiteral>& values, TensorProto* tensor,
                              size_t* bad_value);

// Appends one value as one entry of the typed field for tensor->data_type(),
// for the types that keep one element per entry; the packed 4-bit and 2-bit
// types are refused (StoreTypedValues packs them). Errors as above.
absl::Status AppendTypedValue(const ValueLiteral& value, TensorProto* tensor);

// The elements in the typed field for tensor.data_type(), as text; strings
// are quoted. For the packed types, one text per element of each entry's low
// byte: as many as the dims call for when the slots after them are zero,
// every slot otherwise, so StoreTypedValues gives back the same entries
// (bits above an entry's low byte are not part of the format and are lost).
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
