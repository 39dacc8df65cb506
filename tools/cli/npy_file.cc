#include "tools/cli/npy_file.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace onnxforge::cli {
namespace {

// The element type a numpy `descr` ("<f4", "|b1") names, or 0.
int32_t ElementTypeOfDescr(const std::string& descr) {
  static const struct {
    const char* descr;
    int32_t type;
  } kTypes[] = {
      {"|b1", TensorProto::BOOL},    {"|i1", TensorProto::INT8},   {"|u1", TensorProto::UINT8},
      {"<i2", TensorProto::INT16},   {"<i4", TensorProto::INT32},  {"<i8", TensorProto::INT64},
      {"<u2", TensorProto::UINT16},  {"<u4", TensorProto::UINT32}, {"<u8", TensorProto::UINT64},
      {"<f2", TensorProto::FLOAT16}, {"<f4", TensorProto::FLOAT},  {"<f8", TensorProto::DOUBLE},
  };
  for (const auto& t : kTypes) {
    if (descr == t.descr) return t.type;
  }
  return 0;
}

// The text of `key`'s value in the header dict: "'<f4'", "False", "(2, 3)".
bool HeaderValue(const std::string& header, const std::string& key, std::string* value) {
  const std::string quoted = absl::StrCat("'", key, "':");
  size_t at = header.find(quoted);
  if (at == std::string::npos) return false;
  size_t begin = at + quoted.size();
  while (begin < header.size() && header[begin] == ' ') ++begin;
  size_t end = begin;
  if (begin < header.size() && header[begin] == '(') {
    end = header.find(')', begin);
    if (end == std::string::npos) return false;
    ++end;
  } else if (begin < header.size() && header[begin] == '\'') {
    end = header.find('\'', begin + 1);
    if (end == std::string::npos) return false;
    ++end;
  } else {
    end = header.find_first_of(",}", begin);
    if (end == std::string::npos) return false;
  }
  *value = header.substr(begin, end - begin);
  return true;
}

}  // namespace

absl::StatusOr<reference::Tensor> ParseNpy(const std::string& bytes, const std::string& label) {
  auto error = [&](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat(label, ": ", what));
  };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
    return error("not a .npy file (no \\x93NUMPY magic)");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0;
  size_t header_start = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) |
                 (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return error("truncated header");
    for (int i = 0; i < 4; ++i) {
      header_len |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    }
    header_start = 12;
  } else {
    return error(absl::StrCat("unsupported .npy format version ", major));
  }
  if (header_start + header_len > bytes.size()) return error("truncated header");
  const std::string header = bytes.substr(header_start, header_len);

  std::string descr, fortran, shape_text;
  if (!HeaderValue(header, "descr", &descr) || !HeaderValue(header, "fortran_order", &fortran) ||
      !HeaderValue(header, "shape", &shape_text)) {
    return error("header lacks descr, fortran_order or shape");
  }
  descr = std::string(absl::StripPrefix(absl::StripSuffix(descr, "'"), "'"));
  // Single-byte types may be written with either byte-order mark.
  if (descr.size() == 3 && descr[2] == '1' && descr[0] == '<') descr[0] = '|';
  const int32_t type = ElementTypeOfDescr(descr);
  if (type == 0) {
    return error(absl::StrCat("unsupported dtype '", descr,
                              "' (supported: bool, int8-64, uint8-64, float16/32/64, "
                              "little-endian)"));
  }
  if (absl::StripAsciiWhitespace(fortran) != "False") {
    return error("Fortran-ordered arrays are not supported; save a C-ordered copy");
  }
  std::vector<int64_t> shape;
  absl::string_view inner =
      absl::StripSuffix(absl::StripPrefix(absl::StripAsciiWhitespace(shape_text), "("), ")");
  for (absl::string_view part : absl::StrSplit(inner, ',', absl::SkipWhitespace())) {
    int64_t dim = 0;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &dim) || dim < 0) {
      return error(absl::StrCat("bad shape ", shape_text));
    }
    shape.push_back(dim);
  }
  absl::StatusOr<reference::Tensor> tensor = reference::Tensor::Create(type, shape);
  if (!tensor.ok()) return error(std::string(tensor.status().message()));
  const size_t data_start = header_start + header_len;
  const size_t want = static_cast<size_t>(tensor->size()) * reference::ElementByteSize(type);
  if (bytes.size() - data_start != want) {
    return error(absl::StrCat("holds ", bytes.size() - data_start, " data bytes but shape ",
                              shape_text, " of ", descr, " needs ", want));
  }
  const char* data = bytes.data() + data_start;
  if (type == TensorProto::BOOL) {
    auto out = tensor->mutable_data<bool>();
    for (size_t i = 0; i < out.size(); ++i) out[i] = data[i] != 0;
  } else {
    // raw_data is little-endian, as the file is.
    TensorProto proto = tensor->ToProto();
    proto.set_raw_data(std::string(data, want));
    return reference::Tensor::FromProto(proto);
  }
  return tensor;
}

absl::StatusOr<reference::Tensor> ReadNpy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream bytes;
  bytes << in.rdbuf();
  return ParseNpy(bytes.str(), path);
}

}  // namespace onnxforge::cli
