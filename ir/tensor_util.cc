#include "ir/tensor_util.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace onnxforge {
namespace {

struct ElementInfo {
  int32_t type;
  std::string_view name;
  int bits;
};

// Every element type ONNX defines, with the name its type strings use.
constexpr ElementInfo kElementTypes[] = {
    {TensorProto::FLOAT, "float", 32},
    {TensorProto::UINT8, "uint8", 8},
    {TensorProto::INT8, "int8", 8},
    {TensorProto::UINT16, "uint16", 16},
    {TensorProto::INT16, "int16", 16},
    {TensorProto::INT32, "int32", 32},
    {TensorProto::INT64, "int64", 64},
    {TensorProto::STRING, "string", 0},
    {TensorProto::BOOL, "bool", 8},
    {TensorProto::FLOAT16, "float16", 16},
    {TensorProto::DOUBLE, "double", 64},
    {TensorProto::UINT32, "uint32", 32},
    {TensorProto::UINT64, "uint64", 64},
    {TensorProto::COMPLEX64, "complex64", 64},
    {TensorProto::COMPLEX128, "complex128", 128},
    {TensorProto::BFLOAT16, "bfloat16", 16},
    {TensorProto::FLOAT8E4M3FN, "float8e4m3fn", 8},
    {TensorProto::FLOAT8E4M3FNUZ, "float8e4m3fnuz", 8},
    {TensorProto::FLOAT8E5M2, "float8e5m2", 8},
    {TensorProto::FLOAT8E5M2FNUZ, "float8e5m2fnuz", 8},
    {TensorProto::UINT4, "uint4", 4},
    {TensorProto::INT4, "int4", 4},
    {TensorProto::FLOAT4E2M1, "float4e2m1", 4},
    {TensorProto::FLOAT8E8M0, "float8e8m0", 8},
    {TensorProto::UINT2, "uint2", 2},
    {TensorProto::INT2, "int2", 2},
};

const ElementInfo* FindElement(int32_t data_type) {
  for (const ElementInfo& info : kElementTypes) {
    if (info.type == data_type) return &info;
  }
  return nullptr;
}

std::string TypeNameForMessage(int32_t data_type) {
  const std::string& name = ElementTypeName(data_type);
  if (!name.empty()) return name;
  return absl::StrCat("<data_type ", data_type, ">");
}

// Appends the low `width` bytes of `value`, least significant first.
void AppendLittleEndian(uint64_t value, int width, std::string* out) {
  for (int i = 0; i < width; ++i) {
    out->push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  }
}

uint64_t LoadLittleEndian(const char* p, int width) {
  uint64_t value = 0;
  for (int i = 0; i < width; ++i) {
    value |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return value;
}

int64_t SignExtend(uint64_t value, int bits) {
  if (bits >= 64) return static_cast<int64_t>(value);
  const uint64_t sign_bit = uint64_t{1} << (bits - 1);
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  value &= mask;
  return static_cast<int64_t>((value ^ sign_bit) - sign_bit);
}

double HalfBitsToDouble(uint16_t bits) {
  const bool negative = (bits >> 15) != 0;
  const int exponent = (bits >> 10) & 0x1F;
  const int mantissa = bits & 0x3FF;
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    value = mantissa != 0 ? std::numeric_limits<double>::quiet_NaN()
                          : std::numeric_limits<double>::infinity();
  } else {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return negative ? -value : value;
}

double BFloat16BitsToDouble(uint16_t bits) {
  const uint32_t word = static_cast<uint32_t>(bits) << 16;
  float f;
  std::memcpy(&f, &word, sizeof(f));
  return f;
}

absl::Status TypedCountError(const TensorProto& tensor, const char* field,
                             int64_t have, int64_t need) {
  return absl::InvalidArgumentError(absl::StrCat(
      TensorLabel(tensor), " has ", have, " values in ", field, " but shape ",
      ShapeString(tensor.dims()), " of type ",
      TypeNameForMessage(tensor.data_type()), " needs ", need));
}

// Converts a typed repeated field to raw bytes, `width` bytes per value.
template <typename Field>
absl::StatusOr<std::string> TypedToRaw(const TensorProto& tensor,
                                       const Field& field,
                                       const char* field_name,
                                       int64_t expected, int width) {
  if (static_cast<int64_t>(field.size()) != expected) {
    return TypedCountError(tensor, field_name, field.size(), expected);
  }
  std::string out;
  out.reserve(static_cast<size_t>(expected) * width);
  for (const auto& value : field) {
    uint64_t bits;
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, float>) {
      uint32_t word;
      std::memcpy(&word, &value, sizeof(word));
      bits = word;
    } else if constexpr (std::is_same_v<std::decay_t<decltype(value)>,
                                        double>) {
      std::memcpy(&bits, &value, sizeof(bits));
    } else {
      bits = static_cast<uint64_t>(value);
    }
    AppendLittleEndian(bits, width, &out);
  }
  return out;
}

}  // namespace

const std::string& ElementTypeName(int32_t data_type) {
  // Built once from the table; never destroyed, so safe at any time.
  static const auto* const kNames = [] {
    auto* names = new std::vector<std::pair<int32_t, std::string>>();
    for (const ElementInfo& info : kElementTypes) {
      names->emplace_back(info.type, std::string(info.name));
    }
    return names;
  }();
  static const std::string* const kEmpty = new std::string();
  for (const auto& [type, name] : *kNames) {
    if (type == data_type) return name;
  }
  return *kEmpty;
}

absl::StatusOr<int32_t> ElementTypeFromName(std::string_view name) {
  for (const ElementInfo& info : kElementTypes) {
    if (info.name == name) return info.type;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown element type '", std::string(name), "'"));
}

int ElementBitWidth(int32_t data_type) {
  const ElementInfo* info = FindElement(data_type);
  return info == nullptr ? 0 : info->bits;
}

std::string ShapeString(absl::Span<const int64_t> dims) {
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

std::string TensorLabel(const TensorProto& tensor) {
  if (tensor.name().empty()) return "unnamed tensor";
  return absl::StrCat("tensor '", tensor.name(), "'");
}

absl::StatusOr<int64_t> ElementCount(absl::Span<const int64_t> dims) {
  int64_t count = 1;
  for (int64_t dim : dims) {
    if (dim < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "shape ", ShapeString(dims), " has negative dimension ", dim));
    }
    if (dim != 0 && count > std::numeric_limits<int64_t>::max() / dim) {
      // A later zero would make the product 0, but such a shape is still
      // nonsense; refusing it keeps every intermediate size representable.
      return absl::InvalidArgumentError(absl::StrCat(
          "shape ", ShapeString(dims), " has more elements than int64 holds"));
    }
    count *= dim;
  }
  return count;
}

absl::StatusOr<int64_t> ElementCount(const TensorProto& tensor) {
  absl::StatusOr<int64_t> count = ElementCount(tensor.dims());
  if (!count.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(TensorLabel(tensor), ": ", count.status().message()));
  }
  return count;
}

absl::StatusOr<int64_t> RawByteSize(const TensorProto& tensor) {
  const int bits = ElementBitWidth(tensor.data_type());
  if (bits == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(TensorLabel(tensor), " of type ",
                     TypeNameForMessage(tensor.data_type()),
                     " has no fixed-size raw form"));
  }
  absl::StatusOr<int64_t> count = ElementCount(tensor);
  if (!count.ok()) return count.status();
  if (*count > std::numeric_limits<int64_t>::max() / bits) {
    return absl::InvalidArgumentError(
        absl::StrCat(TensorLabel(tensor), ": shape ",
                     ShapeString(tensor.dims()), " of type ",
                     TypeNameForMessage(tensor.data_type()),
                     " needs more bytes than int64 holds"));
  }
  return (*count * bits + 7) / 8;
}

absl::Status CheckRawDataSize(const TensorProto& tensor) {
  if (!tensor.has_raw_data()) return absl::OkStatus();
  absl::StatusOr<int64_t> need = RawByteSize(tensor);
  if (!need.ok()) return need.status();
  const int64_t have = static_cast<int64_t>(tensor.raw_data().size());
  if (have != *need) {
    return absl::InvalidArgumentError(absl::StrCat(
        TensorLabel(tensor), " has ", have, " bytes of raw_data but shape ",
        ShapeString(tensor.dims()), " of type ",
        TypeNameForMessage(tensor.data_type()), " needs ", *need));
  }
  return absl::OkStatus();
}

bool UsesExternalData(const TensorProto& tensor) {
  return tensor.data_location() == TensorProto::EXTERNAL;
}

absl::StatusOr<std::string> TensorRawBytes(const TensorProto& tensor) {
  if (tensor.data_type() == TensorProto::STRING) {
    return absl::InvalidArgumentError(absl::StrCat(
        TensorLabel(tensor), " holds strings, which have no raw form"));
  }
  if (UsesExternalData(tensor) && !tensor.has_raw_data()) {
    return absl::FailedPreconditionError(
        absl::StrCat(TensorLabel(tensor),
                     " keeps its data in an external file; load the external "
                     "data first"));
  }
  absl::StatusOr<int64_t> byte_size = RawByteSize(tensor);
  if (!byte_size.ok()) return byte_size.status();
  if (tensor.has_raw_data()) {
    if (absl::Status s = CheckRawDataSize(tensor); !s.ok()) return s;
    return tensor.raw_data();
  }
  const int64_t count = *ElementCount(tensor);
  switch (tensor.data_type()) {
    case TensorProto::FLOAT:
      return TypedToRaw(tensor, tensor.float_data(), "float_data", count, 4);
    case TensorProto::COMPLEX64:
      return TypedToRaw(tensor, tensor.float_data(), "float_data", count * 2,
                        4);
    case TensorProto::DOUBLE:
      return TypedToRaw(tensor, tensor.double_data(), "double_data", count, 8);
    case TensorProto::COMPLEX128:
      return TypedToRaw(tensor, tensor.double_data(), "double_data", count * 2,
                        8);
    case TensorProto::INT64:
      return TypedToRaw(tensor, tensor.int64_data(), "int64_data", count, 8);
    case TensorProto::UINT32:
      return TypedToRaw(tensor, tensor.uint64_data(), "uint64_data", count, 4);
    case TensorProto::UINT64:
      return TypedToRaw(tensor, tensor.uint64_data(), "uint64_data", count, 8);
    case TensorProto::INT32:
      return TypedToRaw(tensor, tensor.int32_data(), "int32_data", count, 4);
    case TensorProto::INT16:
    case TensorProto::UINT16:
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
      return TypedToRaw(tensor, tensor.int32_data(), "int32_data", count, 2);
    default:
      // The 8-bit types keep one element per int32; the packed 4- and 2-bit
      // types keep one packed byte per int32. Either way: one byte each.
      return TypedToRaw(tensor, tensor.int32_data(), "int32_data", *byte_size,
                        1);
  }
}

absl::StatusOr<std::vector<int64_t>> ReadInt64s(const TensorProto& tensor) {
  const int32_t type = tensor.data_type();
  bool is_signed;
  switch (type) {
    case TensorProto::INT64:
    case TensorProto::INT32:
    case TensorProto::INT16:
    case TensorProto::INT8:
    case TensorProto::INT4:
    case TensorProto::INT2:
      is_signed = true;
      break;
    case TensorProto::UINT64:
    case TensorProto::UINT32:
    case TensorProto::UINT16:
    case TensorProto::UINT8:
    case TensorProto::UINT4:
    case TensorProto::UINT2:
    case TensorProto::BOOL:
      is_signed = false;
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(
          TensorLabel(tensor), " has element type ", TypeNameForMessage(type),
          "; expected an integer or bool type"));
  }
  absl::StatusOr<std::string> raw = TensorRawBytes(tensor);
  if (!raw.ok()) return raw.status();
  const int64_t count = *ElementCount(tensor);
  const int bits = ElementBitWidth(type);
  std::vector<int64_t> values;
  values.reserve(static_cast<size_t>(count));
  if (bits < 8) {
    const int per_byte = 8 / bits;
    for (int64_t i = 0; i < count; ++i) {
      const auto byte = static_cast<unsigned char>((*raw)[i / per_byte]);
      const uint64_t field = (byte >> ((i % per_byte) * bits)) & ((1u << bits) - 1);
      values.push_back(is_signed ? SignExtend(field, bits)
                                 : static_cast<int64_t>(field));
    }
    return values;
  }
  const int width = bits / 8;
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t word = LoadLittleEndian(raw->data() + i * width, width);
    if (is_signed) {
      values.push_back(SignExtend(word, bits));
    } else {
      if (word > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return absl::OutOfRangeError(absl::StrCat(
            TensorLabel(tensor), " holds ", word, " at index ", i,
            ", which does not fit in int64"));
      }
      values.push_back(static_cast<int64_t>(word));
    }
  }
  return values;
}

absl::StatusOr<std::vector<double>> ReadDoubles(const TensorProto& tensor) {
  const int32_t type = tensor.data_type();
  if (type != TensorProto::FLOAT && type != TensorProto::DOUBLE &&
      type != TensorProto::FLOAT16 && type != TensorProto::BFLOAT16) {
    return absl::InvalidArgumentError(absl::StrCat(
        TensorLabel(tensor), " has element type ", TypeNameForMessage(type),
        "; expected float, double, float16 or bfloat16"));
  }
  absl::StatusOr<std::string> raw = TensorRawBytes(tensor);
  if (!raw.ok()) return raw.status();
  const int64_t count = *ElementCount(tensor);
  const int width = ElementBitWidth(type) / 8;
  std::vector<double> values;
  values.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    const uint64_t word = LoadLittleEndian(raw->data() + i * width, width);
    switch (type) {
      case TensorProto::FLOAT: {
        const auto bits = static_cast<uint32_t>(word);
        float f;
        std::memcpy(&f, &bits, sizeof(f));
        values.push_back(f);
        break;
      }
      case TensorProto::DOUBLE: {
        double d;
        std::memcpy(&d, &word, sizeof(d));
        values.push_back(d);
        break;
      }
      case TensorProto::FLOAT16:
        values.push_back(HalfBitsToDouble(static_cast<uint16_t>(word)));
        break;
      default:
        values.push_back(BFloat16BitsToDouble(static_cast<uint16_t>(word)));
        break;
    }
  }
  return values;
}

absl::StatusOr<std::vector<std::string>> ReadStrings(const TensorProto& tensor) {
  if (tensor.data_type() != TensorProto::STRING) {
    return absl::InvalidArgumentError(absl::StrCat(
        TensorLabel(tensor), " has element type ",
        TypeNameForMessage(tensor.data_type()), "; expected string"));
  }
  absl::StatusOr<int64_t> count = ElementCount(tensor);
  if (!count.ok()) return count.status();
  if (tensor.string_data_size() != *count) {
    return TypedCountError(tensor, "string_data", tensor.string_data_size(),
                           *count);
  }
  return std::vector<std::string>(tensor.string_data().begin(),
                                  tensor.string_data().end());
}

namespace {

TensorProto TensorShell(std::string name, std::vector<int64_t> dims,
                        int32_t type) {
  TensorProto tensor;
  tensor.set_name(std::move(name));
  tensor.set_data_type(type);
  for (int64_t dim : dims) tensor.add_dims(dim);
  return tensor;
}

}  // namespace

template <>
TensorProto MakeTensor<int64_t>(std::string name, std::vector<int64_t> dims,
                                const std::vector<int64_t>& values) {
  TensorProto t = TensorShell(std::move(name), std::move(dims), TensorProto::INT64);
  t.mutable_int64_data()->Add(values.begin(), values.end());
  return t;
}

template <>
TensorProto MakeTensor<int32_t>(std::string name, std::vector<int64_t> dims,
                                const std::vector<int32_t>& values) {
  TensorProto t = TensorShell(std::move(name), std::move(dims), TensorProto::INT32);
  t.mutable_int32_data()->Add(values.begin(), values.end());
  return t;
}

template <>
TensorProto MakeTensor<float>(std::string name, std::vector<int64_t> dims,
                              const std::vector<float>& values) {
  TensorProto t = TensorShell(std::move(name), std::move(dims), TensorProto::FLOAT);
  t.mutable_float_data()->Add(values.begin(), values.end());
  return t;
}

template <>
TensorProto MakeTensor<double>(std::string name, std::vector<int64_t> dims,
                               const std::vector<double>& values) {
  TensorProto t = TensorShell(std::move(name), std::move(dims), TensorProto::DOUBLE);
  t.mutable_double_data()->Add(values.begin(), values.end());
  return t;
}

template <>
TensorProto MakeTensor<bool>(std::string name, std::vector<int64_t> dims,
                             const std::vector<bool>& values) {
  TensorProto t = TensorShell(std::move(name), std::move(dims), TensorProto::BOOL);
  for (bool value : values) t.add_int32_data(value ? 1 : 0);
  return t;
}

// ---- Type strings ----------------------------------------------------------

namespace {

std::string ElementNameOrUndefined(int32_t data_type) {
  const std::string& name = ElementTypeName(data_type);
  return name.empty() ? "undefined" : name;
}

bool IsMapKeyType(int32_t type) {
  switch (type) {
    case TensorProto::STRING:
    case TensorProto::INT8:
    case TensorProto::INT16:
    case TensorProto::INT32:
    case TensorProto::INT64:
    case TensorProto::UINT8:
    case TensorProto::UINT16:
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      return true;
    default:
      return false;
  }
}

std::string_view Strip(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Deeper nesting than this is no real type; the limit keeps recursion bounded.
constexpr int kMaxTypeDepth = 64;

class TypeStringParser {
 public:
  explicit TypeStringParser(std::string_view whole) : whole_(whole) {}

  absl::StatusOr<TypeProto> Parse(std::string_view text, int depth) {
    if (depth > kMaxTypeDepth) return Error("types nest too deeply");
    text = Strip(text);
    const size_t open = text.find('(');
    TypeProto type;
    if (open == std::string_view::npos) {
      absl::StatusOr<int32_t> element = Element(text);
      if (!element.ok()) return element.status();
      type.mutable_tensor_type()->set_elem_type(*element);
      return type;
    }
    if (text.back() != ')') return Error("expected ')' at the end");
    const std::string_view constructor =
        Strip(text.substr(0, open));
    const std::string_view inner = text.substr(open + 1, text.size() - open - 2);

    if (constructor == "tensor" || constructor == "sparse_tensor") {
      absl::StatusOr<int32_t> element = Element(inner);
      if (!element.ok()) return element.status();
      if (constructor == "tensor") {
        type.mutable_tensor_type()->set_elem_type(*element);
      } else {
        type.mutable_sparse_tensor_type()->set_elem_type(*element);
      }
      return type;
    }
    if (constructor == "seq" || constructor == "optional") {
      absl::StatusOr<TypeProto> element = Parse(inner, depth + 1);
      if (!element.ok()) return element.status();
      TypeProto* slot = constructor == "seq"
                            ? type.mutable_sequence_type()->mutable_elem_type()
                            : type.mutable_optional_type()->mutable_elem_type();
      *slot = *std::move(element);
      return type;
    }
    if (constructor == "map") {
      const size_t comma = inner.find(',');
      if (comma == std::string_view::npos) {
        return Error("map needs a key type and a value type");
      }
      absl::StatusOr<int32_t> key = Element(inner.substr(0, comma));
      if (!key.ok()) return key.status();
      if (!IsMapKeyType(*key)) {
        return Error(absl::StrCat("map key type '",
                                  ElementTypeName(*key),
                                  "' must be string or an integer type"));
      }
      absl::StatusOr<TypeProto> value = Parse(inner.substr(comma + 1), depth + 1);
      if (!value.ok()) return value.status();
      type.mutable_map_type()->set_key_type(*key);
      *type.mutable_map_type()->mutable_value_type() = *std::move(value);
      return type;
    }
    if (constructor == "opaque") {
      TypeProto::Opaque* opaque = type.mutable_opaque_type();
      const size_t comma = inner.find(',');
      if (comma == std::string_view::npos) {
        const std::string_view name = Strip(inner);
        if (!name.empty()) opaque->set_name(std::string(name));
      } else {
        const std::string_view domain =
            Strip(inner.substr(0, comma));
        const std::string_view name =
            Strip(inner.substr(comma + 1));
        if (!domain.empty()) opaque->set_domain(std::string(domain));
        if (!name.empty()) opaque->set_name(std::string(name));
      }
      return type;
    }
    return Error(absl::StrCat("unknown type constructor '",
                              std::string(constructor), "'"));
  }

 private:
  absl::StatusOr<int32_t> Element(std::string_view text) {
    text = Strip(text);
    absl::StatusOr<int32_t> element = ElementTypeFromName(text);
    if (!element.ok()) return Error(element.status().message());
    return element;
  }

  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid type string '", whole_, "': ", what));
  }

  std::string whole_;
};

}  // namespace

std::string TypeToString(const TypeProto& type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      return absl::StrCat("tensor(",
                          ElementNameOrUndefined(type.tensor_type().elem_type()),
                          ")");
    case TypeProto::kSparseTensorType:
      return absl::StrCat(
          "sparse_tensor(",
          ElementNameOrUndefined(type.sparse_tensor_type().elem_type()), ")");
    case TypeProto::kSequenceType:
      return absl::StrCat("seq(",
                          TypeToString(type.sequence_type().elem_type()), ")");
    case TypeProto::kOptionalType:
      return absl::StrCat("optional(",
                          TypeToString(type.optional_type().elem_type()), ")");
    case TypeProto::kMapType:
      return absl::StrCat("map(",
                          ElementNameOrUndefined(type.map_type().key_type()),
                          ",", TypeToString(type.map_type().value_type()), ")");
    case TypeProto::kOpaqueType: {
      const TypeProto::Opaque& opaque = type.opaque_type();
      std::string out = "opaque(";
      if (!opaque.domain().empty()) absl::StrAppend(&out, opaque.domain(), ",");
      absl::StrAppend(&out, opaque.name(), ")");
      return out;
    }
    case TypeProto::VALUE_NOT_SET:
      break;
  }
  return "undefined";
}

absl::StatusOr<TypeProto> TypeFromString(std::string_view text) {
  return TypeStringParser(text).Parse(text, 0);
}

}  // namespace onnxforge
