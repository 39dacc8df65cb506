#include "ir/syntax/names.h"

#include <array>
#include <utility>

#include "absl/strings/ascii.h"

namespace onnxforge::syntax {
namespace {

using NameAndType = std::pair<std::string_view, int32_t>;

constexpr std::array<NameAndType, 26> kElementTypes = {{
    {"float", TensorProto::FLOAT},
    {"uint8", TensorProto::UINT8},
    {"int8", TensorProto::INT8},
    {"uint16", TensorProto::UINT16},
    {"int16", TensorProto::INT16},
    {"int32", TensorProto::INT32},
    {"int64", TensorProto::INT64},
    {"string", TensorProto::STRING},
    {"bool", TensorProto::BOOL},
    {"float16", TensorProto::FLOAT16},
    {"double", TensorProto::DOUBLE},
    {"uint32", TensorProto::UINT32},
    {"uint64", TensorProto::UINT64},
    {"complex64", TensorProto::COMPLEX64},
    {"complex128", TensorProto::COMPLEX128},
    {"bfloat16", TensorProto::BFLOAT16},
    {"float8e4m3fn", TensorProto::FLOAT8E4M3FN},
    {"float8e4m3fnuz", TensorProto::FLOAT8E4M3FNUZ},
    {"float8e5m2", TensorProto::FLOAT8E5M2},
    {"float8e5m2fnuz", TensorProto::FLOAT8E5M2FNUZ},
    {"uint4", TensorProto::UINT4},
    {"int4", TensorProto::INT4},
    {"float4e2m1", TensorProto::FLOAT4E2M1},
    {"float8e8m0", TensorProto::FLOAT8E8M0},
    {"uint2", TensorProto::UINT2},
    {"int2", TensorProto::INT2},
}};

constexpr std::array<NameAndType, 14> kAttributeTypes = {{
    {"float", AttributeProto::FLOAT},
    {"int", AttributeProto::INT},
    {"string", AttributeProto::STRING},
    {"tensor", AttributeProto::TENSOR},
    {"graph", AttributeProto::GRAPH},
    {"sparse_tensor", AttributeProto::SPARSE_TENSOR},
    {"type_proto", AttributeProto::TYPE_PROTO},
    {"floats", AttributeProto::FLOATS},
    {"ints", AttributeProto::INTS},
    {"strings", AttributeProto::STRINGS},
    {"tensors", AttributeProto::TENSORS},
    {"graphs", AttributeProto::GRAPHS},
    {"sparse_tensors", AttributeProto::SPARSE_TENSORS},
    {"type_protos", AttributeProto::TYPE_PROTOS},
}};

template <size_t N>
int32_t FindValue(const std::array<NameAndType, N>& table, std::string_view name) {
  for (const auto& [n, v] : table) {
    if (n == name) return v;
  }
  return 0;
}

template <size_t N>
std::string_view FindName(const std::array<NameAndType, N>& table, int32_t value) {
  for (const auto& [n, v] : table) {
    if (v == value) return n;
  }
  return {};
}

}  // namespace

bool IsIdentifierShaped(std::string_view s) {
  if (s.empty() || !(absl::ascii_isalpha(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(absl::ascii_isalnum(c) || c == '_')) return false;
  }
  return true;
}

int32_t ElementTypeFromName(std::string_view name) { return FindValue(kElementTypes, name); }

std::string_view ElementTypeName(int32_t data_type) { return FindName(kElementTypes, data_type); }

AttributeProto::AttributeType AttributeTypeFromName(std::string_view name) {
  return static_cast<AttributeProto::AttributeType>(FindValue(kAttributeTypes, name));
}

std::string_view AttributeTypeName(AttributeProto::AttributeType type) {
  return FindName(kAttributeTypes, type);
}

bool IsTypeKeyword(std::string_view word) {
  return ElementTypeFromName(word) != 0 || word == "seq" || word == "map" || word == "optional" ||
         word == "sparse_tensor" || word == "opaque";
}

bool IsFloatWord(std::string_view word) {
  std::string lower(word);
  absl::AsciiStrToLower(&lower);
  return lower == "inf" || lower == "infinity" || lower == "nan";
}

bool IsBareName(std::string_view name) {
  return IsIdentifierShaped(name) && !IsTypeKeyword(name) && !IsFloatWord(name);
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string QuoteIfNeeded(std::string_view name) {
  return IsBareName(name) ? std::string(name) : Quote(name);
}

}  // namespace onnxforge::syntax
