#include "reference/tensor.h"

#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

// Bits per value of the packed sub-byte types, 0 for the others.
int SubByteBits(int32_t type) {
  const int bits = ElementBitWidth(type);
  return bits > 0 && bits < 8 ? bits : 0;
}

bool IsSignedSubByte(int32_t type) {
  return type == TensorProto::INT4 || type == TensorProto::INT2;
}

// Checks the shape and type; returns the element count.
absl::StatusOr<int64_t> CheckedSize(int32_t type, const std::vector<int64_t>& shape) {
  if (type != TensorProto::STRING && ElementByteSize(type) == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown tensor element type ", ElementTypeString(type)));
  }
  absl::StatusOr<int64_t> count = ElementCount(shape);
  if (!count.ok()) return count.status();
  const int64_t width = type == TensorProto::STRING ? 8 : ElementByteSize(type);
  if (*count > kMaxTensorBytes / width) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "a ", ElementTypeString(type), " tensor of shape ", ShapeString(shape), " would need ",
        *count, " elements of ", width, " bytes, above the evaluator's limit of ",
        kMaxTensorBytes, " bytes"));
  }
  return *count;
}

}  // namespace

int ElementByteSize(int32_t type) {
  if (type == TensorProto::STRING) return 0;
  const int bits = ElementBitWidth(type);
  if (bits == 0) return 0;
  return bits < 8 ? 1 : bits / 8;
}

std::string ElementTypeString(int32_t type) {
  const std::string& name = ElementTypeName(type);
  if (!name.empty()) return name;
  return absl::StrCat("undefined(", type, ")");
}

Tensor::Tensor() = default;

Tensor::Tensor(int32_t type, std::vector<int64_t> shape)
    : Tensor(type, std::move(shape), TensorBuffer::Fill::kZero) {}

Tensor::Tensor(int32_t type, std::vector<int64_t> shape, TensorBuffer::Fill fill) {
  absl::StatusOr<int64_t> count = CheckedSize(type, shape);
  if (!count.ok()) return;
  type_ = type;
  shape_ = std::move(shape);
  size_ = *count;
  if (type == TensorProto::STRING) {
    strings_.resize(size_);
  } else {
    bytes_ = TensorBuffer(size_ * ElementByteSize(type), fill);
  }
}

absl::StatusOr<Tensor> Tensor::Create(int32_t type, std::vector<int64_t> shape) {
  absl::StatusOr<int64_t> count = CheckedSize(type, shape);
  if (!count.ok()) return count.status();
  return Tensor(type, std::move(shape));
}

Tensor Tensor::Uninitialized(int32_t type, std::vector<int64_t> shape) {
  return Tensor(type, std::move(shape), TensorBuffer::Fill::kNone);
}

absl::StatusOr<Tensor> Tensor::CreateUninitialized(int32_t type, std::vector<int64_t> shape) {
  absl::StatusOr<int64_t> count = CheckedSize(type, shape);
  if (!count.ok()) return count.status();
  return Uninitialized(type, std::move(shape));
}

absl::StatusOr<Tensor> Tensor::FromProto(const TensorProto& proto) {
  const std::string label = TensorLabel(proto);
  if (UsesExternalData(proto)) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, " keeps its data in an external file; load it with the model first"));
  }
  std::vector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  absl::StatusOr<int64_t> count = CheckedSize(proto.data_type(), shape);
  if (!count.ok()) {
    return absl::Status(count.status().code(), absl::StrCat(label, ": ", count.status().message()));
  }
  // Every element is set below, from the strings or the raw bytes.
  Tensor t(proto.data_type(), shape, TensorBuffer::Fill::kNone);
  if (t.is_string()) {
    if (proto.string_data_size() != *count) {
      return absl::InvalidArgumentError(absl::StrCat(label, " has shape ", ShapeString(shape),
                                                     " but ", proto.string_data_size(),
                                                     " strings"));
    }
    for (int64_t i = 0; i < *count; ++i) t.strings_[i] = proto.string_data(static_cast<int>(i));
    return t;
  }
  absl::StatusOr<std::string> raw = TensorRawBytes(proto);
  if (!raw.ok()) return raw.status();
  const int sub_bits = SubByteBits(t.type_);
  const int64_t expected =
      sub_bits > 0 ? (*count * sub_bits + 7) / 8 : *count * ElementByteSize(t.type_);
  if (static_cast<int64_t>(raw->size()) != expected) {
    return absl::InvalidArgumentError(absl::StrCat(label, " of shape ", ShapeString(shape),
                                                   " needs ", expected, " bytes of data but has ",
                                                   raw->size()));
  }
  const auto* source = reinterpret_cast<const uint8_t*>(raw->data());
  if (sub_bits > 0) {
    UnpackSubByte(source, *count, sub_bits, t.bytes_.data());
    if (IsSignedSubByte(t.type_)) {
      // Sign-extend each value to the full byte, as Int4/Int2 hold them.
      const uint8_t sign = static_cast<uint8_t>(1u << (sub_bits - 1));
      for (uint8_t& b : t.bytes_) b = static_cast<uint8_t>((b ^ sign) - sign);
    }
  } else if (t.type_ == TensorProto::BOOL) {
    for (int64_t i = 0; i < *count; ++i) t.bytes_.data()[i] = source[i] != 0 ? 1 : 0;
  } else {
    // The buffer is little-endian, as this machine is.
    std::memcpy(t.bytes_.data(), source, raw->size());
  }
  return t;
}

TensorProto Tensor::ToProto(const std::string& name) const {
  TensorProto proto;
  if (!name.empty()) proto.set_name(name);
  proto.set_data_type(type_);
  for (int64_t d : shape_) proto.add_dims(d);
  if (is_string()) {
    for (const std::string& s : strings_) proto.add_string_data(s);
    return proto;
  }
  const int sub_bits = SubByteBits(type_);
  if (sub_bits > 0) {
    std::string packed((size_ * sub_bits + 7) / 8, '\0');
    PackSubByte(bytes_.data(), size_, sub_bits, reinterpret_cast<uint8_t*>(packed.data()));
    proto.set_raw_data(std::move(packed));
  } else {
    proto.set_raw_data(std::string(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
  }
  return proto;
}

std::vector<int64_t> Tensor::strides() const {
  std::vector<int64_t> out(shape_.size(), 1);
  for (size_t i = shape_.size(); i-- > 1;) out[i - 1] = out[i] * shape_[i];
  return out;
}

int64_t Tensor::Offset(absl::Span<const int64_t> index) const {
  int64_t offset = 0;
  for (size_t i = 0; i < index.size() && i < shape_.size(); ++i) {
    offset = offset * shape_[i] + index[i];
  }
  return offset;
}

absl::StatusOr<Tensor> Tensor::Reshaped(std::vector<int64_t> shape) const {
  absl::StatusOr<int64_t> count = ElementCount(shape);
  if (!count.ok()) return count.status();
  if (*count != size_) {
    return absl::InvalidArgumentError(absl::StrCat("cannot reshape ", ShapeString(shape_), " (",
                                                   size_, " elements) to ", ShapeString(shape),
                                                   " (", *count, " elements)"));
  }
  Tensor out = *this;
  out.shape_ = std::move(shape);
  return out;
}

namespace {

template <typename T>
double AsDouble(const T& v) {
  if constexpr (std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>) {
    return static_cast<double>(v.real());
  } else {
    return static_cast<double>(v);
  }
}

// Calls fn(span) with the tensor's typed elements, for every non-string type.
template <typename Fn>
bool VisitNumeric(const Tensor& t, Fn&& fn) {
  switch (t.type()) {
#define ONNXFORGE_VISIT(proto_type)                                \
  case TensorProto::proto_type:                                    \
    fn(t.data<ElementType<TensorProto::proto_type>>());            \
    return true;
    ONNXFORGE_VISIT(FLOAT)
    ONNXFORGE_VISIT(UINT8)
    ONNXFORGE_VISIT(INT8)
    ONNXFORGE_VISIT(UINT16)
    ONNXFORGE_VISIT(INT16)
    ONNXFORGE_VISIT(INT32)
    ONNXFORGE_VISIT(INT64)
    ONNXFORGE_VISIT(BOOL)
    ONNXFORGE_VISIT(FLOAT16)
    ONNXFORGE_VISIT(DOUBLE)
    ONNXFORGE_VISIT(UINT32)
    ONNXFORGE_VISIT(UINT64)
    ONNXFORGE_VISIT(COMPLEX64)
    ONNXFORGE_VISIT(COMPLEX128)
    ONNXFORGE_VISIT(BFLOAT16)
    ONNXFORGE_VISIT(FLOAT8E4M3FN)
    ONNXFORGE_VISIT(FLOAT8E4M3FNUZ)
    ONNXFORGE_VISIT(FLOAT8E5M2)
    ONNXFORGE_VISIT(FLOAT8E5M2FNUZ)
    ONNXFORGE_VISIT(UINT4)
    ONNXFORGE_VISIT(INT4)
    ONNXFORGE_VISIT(FLOAT4E2M1)
    ONNXFORGE_VISIT(FLOAT8E8M0)
    ONNXFORGE_VISIT(UINT2)
    ONNXFORGE_VISIT(INT2)
#undef ONNXFORGE_VISIT
    default:
      return false;
  }
}

}  // namespace

absl::StatusOr<std::vector<double>> Tensor::ToDoubles() const {
  std::vector<double> out;
  out.reserve(size_);
  bool ok = VisitNumeric(*this, [&](auto span) {
    for (const auto& v : span) out.push_back(AsDouble(v));
  });
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat("expected a numeric tensor, got ",
                                                   DebugString()));
  }
  return out;
}

absl::StatusOr<std::vector<int64_t>> Tensor::ToInt64s() const {
  std::vector<int64_t> out;
  out.reserve(size_);
  switch (type_) {
#define ONNXFORGE_INT_CASE(proto_type)                                              \
  case TensorProto::proto_type:                                                     \
    for (const auto& v : data<ElementType<TensorProto::proto_type>>()) {             \
      out.push_back(static_cast<int64_t>(v));                                        \
    }                                                                               \
    return out;
    ONNXFORGE_INT_CASE(INT64)
    ONNXFORGE_INT_CASE(INT32)
    ONNXFORGE_INT_CASE(INT16)
    ONNXFORGE_INT_CASE(INT8)
    ONNXFORGE_INT_CASE(UINT64)
    ONNXFORGE_INT_CASE(UINT32)
    ONNXFORGE_INT_CASE(UINT16)
    ONNXFORGE_INT_CASE(UINT8)
    ONNXFORGE_INT_CASE(BOOL)
    ONNXFORGE_INT_CASE(INT4)
    ONNXFORGE_INT_CASE(UINT4)
    ONNXFORGE_INT_CASE(INT2)
    ONNXFORGE_INT_CASE(UINT2)
#undef ONNXFORGE_INT_CASE
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("expected an integer tensor, got ", DebugString()));
  }
}

std::string Tensor::DebugString() const {
  return absl::StrCat(ElementTypeString(type_), ShapeString(shape_));
}

bool Tensor::operator==(const Tensor& other) const {
  return type_ == other.type_ && shape_ == other.shape_ && bytes_ == other.bytes_ &&
         strings_ == other.strings_;
}

}  // namespace onnxforge::reference
