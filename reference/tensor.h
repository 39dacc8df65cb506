// Tensor: the evaluator's dense array. An element type (a
// TensorProto::DataType value), a shape, and the elements in row-major
// order. Fixed-width elements live in one byte buffer (a TensorBuffer,
// recycled across runs), each as its C++ type (ElementType<kType>: float,
// int64_t, Float16, Int4 ...; sub-byte types take one byte per value,
// unpacked); strings live in a vector of std::string.
//
//   Tensor y(TensorProto::FLOAT, x.shape());
//   auto out = y.mutable_data<float>();
//   for (int64_t i = 0; i < y.size(); ++i) out[i] = std::max(x.at<float>(i), 0.0f);
#pragma once

#include <complex>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "ir/onnx.pb.h"
#include "reference/narrow_types.h"
#include "reference/tensor_buffer.h"

namespace onnxforge::reference {

// ---- Element types ------------------------------------------------------------

// The TensorProto::DataType of a C++ element type: kElementTypeOf<float> is
// TensorProto::FLOAT. Not defined for other types.
template <typename T>
struct ElementTypeOf;
template <typename T>
inline constexpr int32_t kElementTypeOf = ElementTypeOf<T>::value;

// The C++ element type of a TensorProto::DataType: ElementType<TensorProto::INT64>
// is int64_t.
template <int32_t kType>
struct ElementTypeFor;
template <int32_t kType>
using ElementType = typename ElementTypeFor<kType>::type;

#define ONNXFORGE_ELEMENT_TYPE(CppType, proto_type)                      \
  template <>                                                           \
  struct ElementTypeOf<CppType> {                                       \
    static constexpr int32_t value = TensorProto::proto_type;           \
  };                                                                    \
  template <>                                                           \
  struct ElementTypeFor<TensorProto::proto_type> {                      \
    using type = CppType;                                               \
  };

ONNXFORGE_ELEMENT_TYPE(float, FLOAT)
ONNXFORGE_ELEMENT_TYPE(uint8_t, UINT8)
ONNXFORGE_ELEMENT_TYPE(int8_t, INT8)
ONNXFORGE_ELEMENT_TYPE(uint16_t, UINT16)
ONNXFORGE_ELEMENT_TYPE(int16_t, INT16)
ONNXFORGE_ELEMENT_TYPE(int32_t, INT32)
ONNXFORGE_ELEMENT_TYPE(int64_t, INT64)
ONNXFORGE_ELEMENT_TYPE(std::string, STRING)
ONNXFORGE_ELEMENT_TYPE(bool, BOOL)
ONNXFORGE_ELEMENT_TYPE(Float16, FLOAT16)
ONNXFORGE_ELEMENT_TYPE(double, DOUBLE)
ONNXFORGE_ELEMENT_TYPE(uint32_t, UINT32)
ONNXFORGE_ELEMENT_TYPE(uint64_t, UINT64)
ONNXFORGE_ELEMENT_TYPE(std::complex<float>, COMPLEX64)
ONNXFORGE_ELEMENT_TYPE(std::complex<double>, COMPLEX128)
ONNXFORGE_ELEMENT_TYPE(BFloat16, BFLOAT16)
ONNXFORGE_ELEMENT_TYPE(Float8E4M3FN, FLOAT8E4M3FN)
ONNXFORGE_ELEMENT_TYPE(Float8E4M3FNUZ, FLOAT8E4M3FNUZ)
ONNXFORGE_ELEMENT_TYPE(Float8E5M2, FLOAT8E5M2)
ONNXFORGE_ELEMENT_TYPE(Float8E5M2FNUZ, FLOAT8E5M2FNUZ)
ONNXFORGE_ELEMENT_TYPE(UInt4, UINT4)
ONNXFORGE_ELEMENT_TYPE(Int4, INT4)
ONNXFORGE_ELEMENT_TYPE(Float4E2M1, FLOAT4E2M1)
ONNXFORGE_ELEMENT_TYPE(Float8E8M0, FLOAT8E8M0)
ONNXFORGE_ELEMENT_TYPE(UInt2, UINT2)
ONNXFORGE_ELEMENT_TYPE(Int2, INT2)

#undef ONNXFORGE_ELEMENT_TYPE

// Bytes one element takes in a Tensor's buffer (not in raw_data): 1 for
// the sub-byte types, 0 for STRING and unknown types.
int ElementByteSize(int32_t type);

// The element type's ONNX name ("float", "int64"), or "undefined(N)".
std::string ElementTypeString(int32_t type);

// The evaluator refuses tensors larger than this many bytes (4 GiB) with an
// error rather than running out of memory.
inline constexpr int64_t kMaxTensorBytes = int64_t{1} << 32;

// ---- Tensor -------------------------------------------------------------------

class Tensor {
 public:
  // An empty tensor of UNDEFINED type and shape [0].
  Tensor();
  // A zero-filled tensor (empty strings for STRING). For shapes known to be
  // valid (derived from existing tensors); an invalid shape (negative dims,
  // too large, unknown type) gives an empty tensor of shape [0]. For shapes
  // read from data, use Create, which reports the problem.
  Tensor(int32_t type, std::vector<int64_t> shape);

  // As the constructor, but an error for negative dims, an unknown element
  // type, or a size above kMaxTensorBytes.
  static absl::StatusOr<Tensor> Create(int32_t type, std::vector<int64_t> shape);

  // As the constructor and Create, but the elements of a fixed-width type
  // are left unset (strings are still empty): for a kernel that writes
  // every element of its output before anything reads it, which saves
  // clearing the buffer first. Anything else takes the zero-filled forms.
  static Tensor Uninitialized(int32_t type, std::vector<int64_t> shape);
  static absl::StatusOr<Tensor> CreateUninitialized(int32_t type, std::vector<int64_t> shape);

  // A tensor of T holding `values` (their count must match the shape; a
  // mismatch gives an empty tensor of shape [0]).
  template <typename T>
  static Tensor FromVector(std::vector<int64_t> shape, const std::vector<T>& values);
  // A rank-0 tensor.
  template <typename T>
  static Tensor Scalar(T value) {
    return FromVector<T>({}, std::vector<T>{value});
  }
  // A rank-1 tensor.
  template <typename T>
  static Tensor Vector(const std::vector<T>& values) {
    return FromVector<T>({static_cast<int64_t>(values.size())}, values);
  }

  // From a TensorProto: raw_data or the typed field, sub-byte types
  // unpacked. Errors for external data, sizes that do not match the shape,
  // and unknown types; messages name the tensor.
  static absl::StatusOr<Tensor> FromProto(const TensorProto& proto);
  // To a TensorProto with data in raw_data (string tensors in string_data),
  // as ONNX's backend test data stores it.
  TensorProto ToProto(const std::string& name = "") const;

  int32_t type() const { return type_; }
  const std::vector<int64_t>& shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  // Extent of axis `axis` (0 <= axis < rank).
  int64_t dim(int64_t axis) const { return shape_[axis]; }
  // Element count (1 for a scalar).
  int64_t size() const { return size_; }
  bool is_string() const { return type_ == TensorProto::STRING; }
  // Row-major strides in elements: strides()[rank-1] == 1.
  std::vector<int64_t> strides() const;
  // The flat offset of a multi-index (no bounds checks).
  int64_t Offset(absl::Span<const int64_t> index) const;

  // Typed views. T must be ElementType<type()>; otherwise the view is empty.
  template <typename T>
  absl::Span<const T> data() const;
  template <typename T>
  absl::Span<T> mutable_data();
  // One element by flat index, or by multi-index. Unchecked.
  template <typename T>
  const T& at(int64_t flat) const {
    return data<T>()[flat];
  }
  template <typename T>
  T& at(int64_t flat) {
    return mutable_data<T>()[flat];
  }
  template <typename T>
  const T& at(absl::Span<const int64_t> index) const {
    return data<T>()[Offset(index)];
  }
  template <typename T>
  T& at(absl::Span<const int64_t> index) {
    return mutable_data<T>()[Offset(index)];
  }

  // The same elements under another shape with the same element count;
  // an error otherwise.
  absl::StatusOr<Tensor> Reshaped(std::vector<int64_t> shape) const;

  // Every element converted to double (complex: the real part; strings:
  // an error). Handy for index inputs and small attribute-like tensors.
  absl::StatusOr<std::vector<double>> ToDoubles() const;
  // Every element of an integer or bool tensor as int64; an error for
  // other types.
  absl::StatusOr<std::vector<int64_t>> ToInt64s() const;

  // "float[2,3]".
  std::string DebugString() const;

  // Same type, shape and bit-identical elements (NaNs with equal bits are
  // equal).
  bool operator==(const Tensor& other) const;
  bool operator!=(const Tensor& other) const { return !(*this == other); }

 private:
  Tensor(int32_t type, std::vector<int64_t> shape, TensorBuffer::Fill fill);

  int32_t type_ = TensorProto::UNDEFINED;
  std::vector<int64_t> shape_{0};
  int64_t size_ = 0;
  TensorBuffer bytes_;                  // fixed-width types
  std::vector<std::string> strings_;    // STRING
};

// ---- Template definitions -------------------------------------------------------

template <typename T>
absl::Span<const T> Tensor::data() const {
  if (kElementTypeOf<T> != type_) return {};
  if constexpr (std::is_same_v<T, std::string>) {
    return absl::MakeConstSpan(strings_);
  } else {
    return absl::MakeConstSpan(reinterpret_cast<const T*>(bytes_.data()), size_);
  }
}

template <typename T>
absl::Span<T> Tensor::mutable_data() {
  if (kElementTypeOf<T> != type_) return {};
  if constexpr (std::is_same_v<T, std::string>) {
    return absl::MakeSpan(strings_);
  } else {
    return absl::MakeSpan(reinterpret_cast<T*>(bytes_.data()), size_);
  }
}

template <typename T>
Tensor Tensor::FromVector(std::vector<int64_t> shape, const std::vector<T>& values) {
  Tensor t(kElementTypeOf<T>, std::move(shape));
  if (t.size() != static_cast<int64_t>(values.size())) return Tensor();
  auto out = t.mutable_data<T>();
  for (size_t i = 0; i < values.size(); ++i) out[i] = values[i];
  return t;
}

}  // namespace onnxforge::reference
