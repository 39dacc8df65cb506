#include "ir/syntax/tensor_data.h"

#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"
#include "ir/syntax/names.h"
#include "ir/syntax/numbers.h"

namespace onnxforge::syntax {
namespace {

enum class Field { kNone, kInt32, kInt64, kUint64, kFloat, kDouble, kString };

Field TypedField(int32_t data_type) {
  switch (data_type) {
    case TensorProto::INT2:
    case TensorProto::INT4:
    case TensorProto::INT8:
    case TensorProto::INT16:
    case TensorProto::INT32:
    case TensorProto::UINT2:
    case TensorProto::UINT4:
    case TensorProto::UINT8:
    case TensorProto::UINT16:
    case TensorProto::BOOL:
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
    case TensorProto::FLOAT8E8M0:
    case TensorProto::FLOAT4E2M1:
      return Field::kInt32;
    case TensorProto::INT64:
      return Field::kInt64;
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      return Field::kUint64;
    case TensorProto::FLOAT:
    case TensorProto::COMPLEX64:
      return Field::kFloat;
    case TensorProto::DOUBLE:
    case TensorProto::COMPLEX128:
      return Field::kDouble;
    case TensorProto::STRING:
      return Field::kString;
    default:
      return Field::kNone;
  }
}

// How one element sits in raw_data.
struct RawLayout {
  enum Coding { kNone, kSigned, kUnsigned, kFloat32, kFloat64 };
  Coding coding = kNone;
  int bits = 0;
};

RawLayout RawLayoutOf(int32_t data_type) {
  switch (data_type) {
    case TensorProto::FLOAT:
    case TensorProto::COMPLEX64:
      return {RawLayout::kFloat32, 32};
    case TensorProto::DOUBLE:
    case TensorProto::COMPLEX128:
      return {RawLayout::kFloat64, 64};
    case TensorProto::INT8:
      return {RawLayout::kSigned, 8};
    case TensorProto::INT16:
      return {RawLayout::kSigned, 16};
    case TensorProto::INT32:
      return {RawLayout::kSigned, 32};
    case TensorProto::INT64:
      return {RawLayout::kSigned, 64};
    case TensorProto::INT4:
      return {RawLayout::kSigned, 4};
    case TensorProto::INT2:
      return {RawLayout::kSigned, 2};
    case TensorProto::UINT8:
    case TensorProto::BOOL:
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
    case TensorProto::FLOAT8E8M0:
      return {RawLayout::kUnsigned, 8};
    case TensorProto::UINT16:
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
      return {RawLayout::kUnsigned, 16};
    case TensorProto::UINT32:
      return {RawLayout::kUnsigned, 32};
    case TensorProto::UINT64:
      return {RawLayout::kUnsigned, 64};
    case TensorProto::UINT4:
    case TensorProto::FLOAT4E2M1:
      return {RawLayout::kUnsigned, 4};
    case TensorProto::UINT2:
      return {RawLayout::kUnsigned, 2};
    default:
      return {};
  }
}

std::string TypeLabel(int32_t data_type) {
  std::string_view name = ElementTypeName(data_type);
  return name.empty() ? absl::StrCat("data type ", data_type) : std::string(name);
}

absl::Status NotInteger(const ValueLiteral& value, int32_t data_type) {
  return absl::InvalidArgumentError(
      absl::StrCat("expected an integer for element type ", TypeLabel(data_type), " but found ",
                   value.kind == ValueLiteral::kString ? Quote(value.text)
                                                       : absl::StrCat("'", value.text, "'")));
}

absl::Status NotNumber(const ValueLiteral& value, int32_t data_type) {
  return absl::InvalidArgumentError(absl::StrCat("expected a number for element type ",
                                                 TypeLabel(data_type), " but found ",
                                                 Quote(value.text)));
}

absl::Status OutOfRange(const ValueLiteral& value, const std::string& range_of) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", value.text, "' is out of range for ", range_of));
}

template <typename T>
T BitCast(uint64_t bits) {
  T value;
  if constexpr (sizeof(T) == 4) {
    uint32_t narrow = static_cast<uint32_t>(bits);
    std::memcpy(&value, &narrow, sizeof(T));
  } else {
    std::memcpy(&value, &bits, sizeof(T));
  }
  return value;
}

template <typename T>
uint64_t BitsOf(T value) {
  if constexpr (sizeof(T) == 4) {
    uint32_t narrow;
    std::memcpy(&narrow, &value, sizeof(T));
    return narrow;
  } else {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof(T));
    return bits;
  }
}

// The raw bits of one value, checked against the element's range.
absl::StatusOr<uint64_t> RawBits(const ValueLiteral& value, int32_t data_type,
                                 const RawLayout& layout) {
  switch (layout.coding) {
    case RawLayout::kFloat32: {
      if (value.kind == ValueLiteral::kString) return NotNumber(value, data_type);
      absl::StatusOr<float> f = ParseFloatText(value.text);
      if (!f.ok()) return f.status();
      return BitsOf(*f);
    }
    case RawLayout::kFloat64: {
      if (value.kind == ValueLiteral::kString) return NotNumber(value, data_type);
      absl::StatusOr<double> d = ParseDoubleText(value.text);
      if (!d.ok()) return d.status();
      return BitsOf(*d);
    }
    case RawLayout::kSigned: {
      if (value.kind != ValueLiteral::kInteger) return NotInteger(value, data_type);
      absl::StatusOr<int64_t> i = ParseInt64Text(value.text);
      if (!i.ok()) return i.status();
      if (layout.bits < 64) {
        int64_t limit = int64_t{1} << (layout.bits - 1);
        if (*i < -limit || *i >= limit) return OutOfRange(value, TypeLabel(data_type));
      }
      uint64_t bits = static_cast<uint64_t>(*i);
      return layout.bits < 64 ? bits & ((uint64_t{1} << layout.bits) - 1) : bits;
    }
    case RawLayout::kUnsigned: {
      if (value.kind != ValueLiteral::kInteger) return NotInteger(value, data_type);
      absl::StatusOr<uint64_t> u = ParseUint64Text(value.text);
      if (!u.ok()) return u.status();
      if (layout.bits < 64 && *u >= (uint64_t{1} << layout.bits)) {
        return OutOfRange(value, TypeLabel(data_type));
      }
      return *u;
    }
    case RawLayout::kNone:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat(TypeLabel(data_type), " values cannot be stored as raw data"));
}

std::string ElementText(uint64_t bits, const RawLayout& layout) {
  switch (layout.coding) {
    case RawLayout::kFloat32:
      return FormatFloat(BitCast<float>(bits));
    case RawLayout::kFloat64:
      return FormatDouble(BitCast<double>(bits));
    case RawLayout::kSigned:
      if (layout.bits < 64 && (bits >> (layout.bits - 1)) & 1) {
        bits |= ~uint64_t{0} << layout.bits;  // sign-extend
      }
      return absl::StrCat(static_cast<int64_t>(bits));
    default:
      return absl::StrCat(bits);
  }
}

// True when the text written for a float element reads back to its bits;
// false only for NaNs with a payload other than the default one.
bool ReadsBackExactly(const std::string& text, uint64_t bits, const RawLayout& layout) {
  if (layout.coding == RawLayout::kFloat32) {
    absl::StatusOr<float> f = ParseFloatText(text);
    return f.ok() && BitsOf(*f) == bits;
  }
  if (layout.coding == RawLayout::kFloat64) {
    absl::StatusOr<double> d = ParseDoubleText(text);
    return d.ok() && BitsOf(*d) == bits;
  }
  return true;
}

// The 4-bit and 2-bit types, which pack several elements to a byte.
bool IsSubByte(const RawLayout& layout) { return layout.bits > 0 && layout.bits < 8; }

// The elements in sub-byte `bytes`, as text: as many as tensor's dims call
// for when the slots after them are zero padding, every slot otherwise, so
// that packing the texts again gives back `bytes` exactly.
std::vector<std::string> SubByteTexts(const std::string& bytes, const TensorProto& tensor,
                                      const RawLayout& layout) {
  const size_t per_byte = 8 / layout.bits;
  const uint64_t mask = (uint64_t{1} << layout.bits) - 1;
  auto element = [&](size_t i) -> uint64_t {
    return (static_cast<unsigned char>(bytes[i / per_byte]) >> ((i % per_byte) * layout.bits)) &
           mask;
  };
  size_t count = bytes.size() * per_byte;
  int64_t declared = 1;
  bool dims_ok = true;
  for (int64_t d : tensor.dims()) {
    if (d < 0 || (d > 0 && declared > std::numeric_limits<int64_t>::max() / d)) {
      dims_ok = false;
      break;
    }
    declared *= d;
  }
  if (dims_ok && static_cast<uint64_t>(declared) <= count &&
      (static_cast<size_t>(declared) + per_byte - 1) / per_byte == bytes.size()) {
    bool padding_zero = true;
    for (size_t i = static_cast<size_t>(declared); i < count; ++i) {
      if (element(i) != 0) padding_zero = false;
    }
    if (padding_zero) count = static_cast<size_t>(declared);
  }
  std::vector<std::string> texts;
  texts.reserve(count);
  for (size_t i = 0; i < count; ++i) texts.push_back(ElementText(element(i), layout));
  return texts;
}

// Empties the typed field that holds values of `data_type`.
void ClearTypedField(int32_t data_type, TensorProto* tensor) {
  switch (TypedField(data_type)) {
    case Field::kInt32:
      tensor->clear_int32_data();
      break;
    case Field::kInt64:
      tensor->clear_int64_data();
      break;
    case Field::kUint64:
      tensor->clear_uint64_data();
      break;
    case Field::kFloat:
      tensor->clear_float_data();
      break;
    case Field::kDouble:
      tensor->clear_double_data();
      break;
    case Field::kString:
      tensor->clear_string_data();
      break;
    case Field::kNone:
      break;
  }
}

}  // namespace

absl::Status AppendTypedValue(const ValueLiteral& value, TensorProto* tensor) {
  const int32_t data_type = tensor->data_type();
  if (IsSubByte(RawLayoutOf(data_type))) {
    return absl::InvalidArgumentError(
        absl::StrCat(TypeLabel(data_type), " values pack several to an int32_data entry; ",
                     "store them all at once with StoreTypedValues"));
  }
  switch (TypedField(data_type)) {
    case Field::kInt32: {
      if (value.kind != ValueLiteral::kInteger) return NotInteger(value, data_type);
      absl::StatusOr<int64_t> i = ParseInt64Text(value.text);
      if (!i.ok()) return i.status();
      if (*i < std::numeric_limits<int32_t>::min() || *i > std::numeric_limits<int32_t>::max()) {
        return OutOfRange(value, "int32");
      }
      tensor->add_int32_data(static_cast<int32_t>(*i));
      return absl::OkStatus();
    }
    case Field::kInt64: {
      if (value.kind != ValueLiteral::kInteger) return NotInteger(value, data_type);
      absl::StatusOr<int64_t> i = ParseInt64Text(value.text);
      if (!i.ok()) return i.status();
      tensor->add_int64_data(*i);
      return absl::OkStatus();
    }
    case Field::kUint64: {
      if (value.kind != ValueLiteral::kInteger) return NotInteger(value, data_type);
      absl::StatusOr<uint64_t> u = ParseUint64Text(value.text);
      if (!u.ok()) return u.status();
      tensor->add_uint64_data(*u);
      return absl::OkStatus();
    }
    case Field::kFloat: {
      if (value.kind == ValueLiteral::kString) return NotNumber(value, data_type);
      absl::StatusOr<float> f = ParseFloatText(value.text);
      if (!f.ok()) return f.status();
      tensor->add_float_data(*f);
      return absl::OkStatus();
    }
    case Field::kDouble: {
      if (value.kind == ValueLiteral::kString) return NotNumber(value, data_type);
      absl::StatusOr<double> d = ParseDoubleText(value.text);
      if (!d.ok()) return d.status();
      tensor->add_double_data(*d);
      return absl::OkStatus();
    }
    case Field::kString:
      if (value.kind != ValueLiteral::kString) {
        return absl::InvalidArgumentError(
            absl::StrCat("expected a string value but found '", value.text, "'"));
      }
      tensor->add_string_data(value.text);
      return absl::OkStatus();
    case Field::kNone:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("values of ", TypeLabel(data_type), " cannot be written"));
}

absl::Status StoreTypedValues(const std::vector<ValueLiteral>& values, TensorProto* tensor,
                              size_t* bad_value) {
  const int32_t data_type = tensor->data_type();
  ClearTypedField(data_type, tensor);
  const RawLayout layout = RawLayoutOf(data_type);
  if (!IsSubByte(layout)) {
    for (size_t i = 0; i < values.size(); ++i) {
      absl::Status status = AppendTypedValue(values[i], tensor);
      if (!status.ok()) {
        *bad_value = i;
        return status;
      }
    }
    return absl::OkStatus();
  }
  // One packed byte per entry, its first element in the lowest bits; the
  // last entry's unused high bits stay zero.
  const size_t per_entry = 8 / layout.bits;
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StatusOr<uint64_t> bits = RawBits(values[i], data_type, layout);
    if (!bits.ok()) {
      *bad_value = i;
      return bits.status();
    }
    if (i % per_entry == 0) tensor->add_int32_data(0);
    const int last = tensor->int32_data_size() - 1;
    const int shift = static_cast<int>((i % per_entry) * layout.bits);
    tensor->set_int32_data(last, tensor->int32_data(last) | static_cast<int32_t>(*bits << shift));
  }
  return absl::OkStatus();
}

std::vector<std::string> TypedValueTexts(const TensorProto& tensor) {
  std::vector<std::string> texts;
  const RawLayout layout = RawLayoutOf(tensor.data_type());
  if (IsSubByte(layout)) {
    // Each entry's low byte holds the packed elements; the evaluator and
    // the checker read no more of it either.
    std::string bytes;
    bytes.reserve(tensor.int32_data_size());
    for (int32_t entry : tensor.int32_data()) bytes.push_back(static_cast<char>(entry & 0xff));
    return SubByteTexts(bytes, tensor, layout);
  }
  switch (TypedField(tensor.data_type())) {
    case Field::kInt32:
      for (int32_t v : tensor.int32_data()) texts.push_back(absl::StrCat(v));
      break;
    case Field::kInt64:
      for (int64_t v : tensor.int64_data()) texts.push_back(absl::StrCat(v));
      break;
    case Field::kUint64:
      for (uint64_t v : tensor.uint64_data()) texts.push_back(absl::StrCat(v));
      break;
    case Field::kFloat:
      for (float v : tensor.float_data()) texts.push_back(FormatFloat(v));
      break;
    case Field::kDouble:
      for (double v : tensor.double_data()) texts.push_back(FormatDouble(v));
      break;
    case Field::kString:
      for (const std::string& v : tensor.string_data()) texts.push_back(Quote(v));
      break;
    case Field::kNone:
      break;
  }
  return texts;
}

absl::StatusOr<std::string> EncodeRawValues(int32_t data_type,
                                            const std::vector<ValueLiteral>& values) {
  const RawLayout layout = RawLayoutOf(data_type);
  std::string bytes;
  if (layout.bits >= 8) {
    const int width = layout.bits / 8;
    bytes.reserve(values.size() * width);
    for (const ValueLiteral& value : values) {
      absl::StatusOr<uint64_t> bits = RawBits(value, data_type, layout);
      if (!bits.ok()) return bits.status();
      for (int b = 0; b < width; ++b) bytes.push_back(static_cast<char>((*bits >> (8 * b)) & 0xff));
    }
    return bytes;
  }
  if (layout.coding == RawLayout::kNone) return RawBits(ValueLiteral{}, data_type, layout).status();
  const size_t per_byte = 8 / layout.bits;
  bytes.assign((values.size() + per_byte - 1) / per_byte, '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StatusOr<uint64_t> bits = RawBits(values[i], data_type, layout);
    if (!bits.ok()) return bits.status();
    const int shift = static_cast<int>((i % per_byte) * layout.bits);
    bytes[i / per_byte] =
        static_cast<char>(static_cast<unsigned char>(bytes[i / per_byte]) | (*bits << shift));
  }
  return bytes;
}

std::optional<std::vector<std::string>> DecodeRawValues(const TensorProto& tensor) {
  const RawLayout layout = RawLayoutOf(tensor.data_type());
  if (layout.coding == RawLayout::kNone) return std::nullopt;
  const std::string& raw = tensor.raw_data();
  if (IsSubByte(layout)) return SubByteTexts(raw, tensor, layout);
  const size_t width = layout.bits / 8;
  if (raw.size() % width != 0) return std::nullopt;
  std::vector<std::string> texts;
  texts.reserve(raw.size() / width);
  for (size_t at = 0; at < raw.size(); at += width) {
    uint64_t bits = 0;
    for (size_t b = 0; b < width; ++b) {
      bits |= uint64_t{static_cast<unsigned char>(raw[at + b])} << (8 * b);
    }
    std::string text = ElementText(bits, layout);
    if (!ReadsBackExactly(text, bits, layout)) return std::nullopt;
    texts.push_back(std::move(text));
  }
  return texts;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (char c : bytes) {
    unsigned char u = static_cast<unsigned char>(c);
    hex.push_back(kDigits[u >> 4]);
    hex.push_back(kDigits[u & 0xf]);
  }
  return hex;
}

absl::StatusOr<std::string> FromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) {
    return absl::InvalidArgumentError("raw data in hex needs an even number of digits");
  }
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = digit(hex[i]);
    int lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("raw data in hex has a non-hex character at offset ", hi < 0 ? i : i + 1));
    }
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  return bytes;
}

}  // namespace onnxforge::syntax
