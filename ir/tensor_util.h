// Helpers over TensorProto and TypeProto: element type names and widths,
// element counts, reading tensor values, building tensors, and the ONNX
// type strings such as "tensor(float)" or "map(int64,tensor(float))".
#ifndef ONNXFORGE_IR_TENSOR_UTIL_H_
#define ONNXFORGE_IR_TENSOR_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

// ---- Element types ---------------------------------------------------------

// The name ONNX uses inside type strings ("float", "int64", "float8e4m3fn",
// ...), or "" when `data_type` is UNDEFINED or not a known element type.
// A reference to a string that lives as long as the program.
const std::string& ElementTypeName(int32_t data_type);

// The TensorProto::DataType whose name is `name`; an error for unknown names
// (including "undefined").
absl::StatusOr<int32_t> ElementTypeFromName(std::string_view name);

// Bits one element takes in raw_data: 4 for int4/uint4/float4e2m1, 2 for
// int2/uint2, 128 for complex128, ... 0 for STRING (no fixed width) and for
// UNDEFINED or unknown types.
int ElementBitWidth(int32_t data_type);

// ---- Shapes and sizes ------------------------------------------------------

// "[2,3,4]": how error messages print a shape.
std::string ShapeString(absl::Span<const int64_t> dims);

// "tensor 'w'" or "unnamed tensor": how error messages name a tensor.
std::string TensorLabel(const TensorProto& tensor);

// Product of `dims` (1 for a scalar). Negative dimensions and products that
// overflow int64 are errors.
absl::StatusOr<int64_t> ElementCount(absl::Span<const int64_t> dims);

// ElementCount of the tensor's dims; errors name the tensor.
absl::StatusOr<int64_t> ElementCount(const TensorProto& tensor);

// Bytes the tensor's data takes in raw form: element count times the element
// width, packed sub-byte types rounded up to whole bytes. An error for STRING
// and unknown types, and on overflow.
absl::StatusOr<int64_t> RawByteSize(const TensorProto& tensor);

// When raw_data is set, checks its length is exactly RawByteSize.
absl::Status CheckRawDataSize(const TensorProto& tensor);

// True when the tensor says its data lives in an external file.
bool UsesExternalData(const TensorProto& tensor);

// The tensor's data as little-endian raw bytes, taken from raw_data or
// converted from the typed field that holds it. Not for STRING tensors or
// tensors whose data is still in an external file.
absl::StatusOr<std::string> TensorRawBytes(const TensorProto& tensor);

// ---- Reading values --------------------------------------------------------

// Values of an integer or bool tensor (int64, int32, int16, int8, uint64,
// uint32, uint16, uint8, int4, uint4, int2, uint2, bool), from the typed field
// or raw_data. A uint64 value above INT64_MAX is an error.
absl::StatusOr<std::vector<int64_t>> ReadInt64s(const TensorProto& tensor);

// Values of a float, double, float16 or bfloat16 tensor.
absl::StatusOr<std::vector<double>> ReadDoubles(const TensorProto& tensor);

// Values of a string tensor.
absl::StatusOr<std::vector<std::string>> ReadStrings(const TensorProto& tensor);

// ---- Building tensors ------------------------------------------------------

// A tensor named `name` with shape `dims` holding `values` in the typed field
// ONNX uses for T. T is one of int64_t, int32_t, float, double, bool; name it
// explicitly: MakeTensor<float>("w", {2}, {1.5f, 2.5f}).
// The number of values is not checked against dims.
template <typename T>
TensorProto MakeTensor(std::string name, std::vector<int64_t> dims,
                       const std::vector<T>& values);

// ---- Type strings ----------------------------------------------------------

// The ONNX type string of `type`: "tensor(float)", "seq(tensor(int64))",
// "map(int64,tensor(float))", "optional(seq(tensor(bool)))",
// "sparse_tensor(float)", "opaque(domain,name)". Shapes are not part of it.
// An element type that has no name prints as "undefined"; a TypeProto with
// no value set prints as "undefined".
std::string TypeToString(const TypeProto& type);

// Parses a type string. Spaces around names, parentheses and commas are
// allowed, and a bare element name ("float") means a tensor of it, as in the
// ai.onnx.ml schemas' "map(int64, float)". Only element types are set: the
// result has no shape.
absl::StatusOr<TypeProto> TypeFromString(std::string_view text);

}  // namespace onnxforge

#endif  // ONNXFORGE_IR_TENSOR_UTIL_H_
