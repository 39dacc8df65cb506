// Checks of tensors, sparse tensors and types.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "onnx_defs/checker.h"

namespace onnxforge {
namespace {

absl::Status Invalid(const TensorProto& tensor, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(TensorLabel(tensor), ": ", what));
}

// The typed field that holds values of `data_type`, and how many entries
// it must have for `count` elements taking `byte_size` raw bytes.
struct TypedField {
  const char* name;
  int64_t entries;
};

TypedField FieldFor(int32_t data_type, int64_t count, int64_t byte_size) {
  switch (data_type) {
    case TensorProto::FLOAT:
      return {"float_data", count};
    case TensorProto::COMPLEX64:
      return {"float_data", 2 * count};
    case TensorProto::DOUBLE:
      return {"double_data", count};
    case TensorProto::COMPLEX128:
      return {"double_data", 2 * count};
    case TensorProto::INT64:
      return {"int64_data", count};
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      return {"uint64_data", count};
    case TensorProto::STRING:
      return {"string_data", count};
    // Sub-byte types keep one packed byte per entry.
    case TensorProto::INT4:
    case TensorProto::UINT4:
    case TensorProto::FLOAT4E2M1:
    case TensorProto::INT2:
    case TensorProto::UINT2:
      return {"int32_data", byte_size};
    default:
      return {"int32_data", count};
  }
}

// The typed fields holding entries, by name, with their sizes.
std::vector<std::pair<const char*, int64_t>> UsedTypedFields(const TensorProto& t) {
  std::vector<std::pair<const char*, int64_t>> used;
  if (t.float_data_size()) used.push_back({"float_data", t.float_data_size()});
  if (t.int32_data_size()) used.push_back({"int32_data", t.int32_data_size()});
  if (t.string_data_size()) used.push_back({"string_data", t.string_data_size()});
  if (t.int64_data_size()) used.push_back({"int64_data", t.int64_data_size()});
  if (t.double_data_size()) used.push_back({"double_data", t.double_data_size()});
  if (t.uint64_data_size()) used.push_back({"uint64_data", t.uint64_data_size()});
  return used;
}

absl::Status CheckElementType(int32_t elem_type, int64_t ir_version, absl::string_view where) {
  const int64_t needed = MinIrVersionOfElementType(elem_type);
  if (needed == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": element type ", elem_type, " is not a known element type"));
  }
  if (needed > ir_version) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": element type ", std::string(ElementTypeName(elem_type)),
                     " needs IR version ", needed, ", the model has ", ir_version));
  }
  return absl::OkStatus();
}

absl::Status CheckTypeAt(const TypeProto& type, int64_t ir_version, int depth, int max_depth) {
  if (depth > max_depth) {
    return absl::InvalidArgumentError(
        absl::StrCat("type nests deeper than ", max_depth, " levels"));
  }
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      if (type.tensor_type().elem_type() == TensorProto::UNDEFINED) return absl::OkStatus();
      return CheckElementType(type.tensor_type().elem_type(), ir_version, "tensor type");
    case TypeProto::kSparseTensorType:
      if (ir_version < 8) {
        return absl::InvalidArgumentError(
            absl::StrCat("sparse_tensor types need IR version 8, the model has ", ir_version));
      }
      if (type.sparse_tensor_type().elem_type() == TensorProto::UNDEFINED) {
        return absl::OkStatus();
      }
      return CheckElementType(type.sparse_tensor_type().elem_type(), ir_version,
                              "sparse_tensor type");
    case TypeProto::kSequenceType:
      if (!type.sequence_type().has_elem_type()) return absl::OkStatus();
      return CheckTypeAt(type.sequence_type().elem_type(), ir_version, depth + 1, max_depth);
    case TypeProto::kOptionalType:
      if (ir_version < 8) {
        return absl::InvalidArgumentError(
            absl::StrCat("optional types need IR version 8, the model has ", ir_version));
      }
      if (!type.optional_type().has_elem_type()) return absl::OkStatus();
      return CheckTypeAt(type.optional_type().elem_type(), ir_version, depth + 1, max_depth);
    case TypeProto::kMapType: {
      const int32_t key = type.map_type().key_type();
      switch (key) {
        case TensorProto::STRING:
        case TensorProto::INT64:
        case TensorProto::INT32:
        case TensorProto::INT16:
        case TensorProto::INT8:
        case TensorProto::UINT64:
        case TensorProto::UINT32:
        case TensorProto::UINT16:
        case TensorProto::UINT8:
          break;
        default:
          return absl::InvalidArgumentError(
              absl::StrCat("map key type must be an integer type or string, got ",
                           ElementTypeName(key).empty() ? absl::StrCat(key)
                                                        : std::string(ElementTypeName(key))));
      }
      if (!type.map_type().has_value_type()) return absl::OkStatus();
      return CheckTypeAt(type.map_type().value_type(), ir_version, depth + 1, max_depth);
    }
    case TypeProto::kOpaqueType:
      return absl::OkStatus();
    case TypeProto::VALUE_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("type has no kind (tensor, sequence, map, ...) set");
}

}  // namespace

int64_t MinIrVersionOfElementType(int32_t elem_type) {
  switch (elem_type) {
    case TensorProto::FLOAT:
    case TensorProto::UINT8:
    case TensorProto::INT8:
    case TensorProto::UINT16:
    case TensorProto::INT16:
    case TensorProto::INT32:
    case TensorProto::INT64:
    case TensorProto::STRING:
    case TensorProto::BOOL:
    case TensorProto::FLOAT16:
    case TensorProto::DOUBLE:
    case TensorProto::UINT32:
    case TensorProto::UINT64:
    case TensorProto::COMPLEX64:
    case TensorProto::COMPLEX128:
      return 1;
    case TensorProto::BFLOAT16:
      return 4;
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
      return 9;
    case TensorProto::UINT4:
    case TensorProto::INT4:
      return 10;
    case TensorProto::FLOAT4E2M1:
      return 11;
    case TensorProto::FLOAT8E8M0:
      return 12;
    case TensorProto::UINT2:
    case TensorProto::INT2:
      return 13;
    default:
      return 0;
  }
}

absl::Status CheckType(const TypeProto& type, int64_t ir_version, int max_depth) {
  return CheckTypeAt(type, ir_version, 0, max_depth);
}

absl::Status CheckTensor(const TensorProto& tensor, int64_t ir_version) {
  if (tensor.data_type() == TensorProto::UNDEFINED) {
    return Invalid(tensor, "data_type is UNDEFINED");
  }
  if (absl::Status s = CheckElementType(tensor.data_type(), ir_version, TensorLabel(tensor));
      !s.ok()) {
    return s;
  }
  for (int i = 0; i < tensor.dims_size(); ++i) {
    if (tensor.dims(i) < 0) {
      return Invalid(tensor, absl::StrCat("dimension ", i, " is negative (", tensor.dims(i),
                                          ") in dims ", ShapeString(tensor.dims())));
    }
  }
  absl::StatusOr<int64_t> count = ElementCount(tensor);
  if (!count.ok()) return count.status();

  const auto typed = UsedTypedFields(tensor);
  const bool external = tensor.data_location() == TensorProto::EXTERNAL;
  if (external) {
    bool has_location = false;
    for (const auto& entry : tensor.external_data()) {
      if (entry.key() == "location" && !entry.value().empty()) has_location = true;
    }
    if (!has_location) {
      return Invalid(tensor, "data_location is EXTERNAL but external_data has no 'location'");
    }
    if (tensor.has_raw_data() || !typed.empty()) {
      return Invalid(tensor, "data_location is EXTERNAL but the tensor also holds data inline");
    }
    return absl::OkStatus();
  }
  if (tensor.has_raw_data()) {
    if (tensor.data_type() == TensorProto::STRING) {
      return Invalid(tensor, "string tensors keep their values in string_data, not raw_data");
    }
    if (!typed.empty()) {
      return Invalid(tensor, absl::StrCat("holds values in both raw_data and ", typed[0].first));
    }
    return CheckRawDataSize(tensor);
  }
  if (typed.size() > 1) {
    return Invalid(tensor,
                   absl::StrCat("holds values in both ", typed[0].first, " and ", typed[1].first));
  }
  int64_t byte_size = 0;
  if (tensor.data_type() != TensorProto::STRING) {
    absl::StatusOr<int64_t> bytes = RawByteSize(tensor);
    if (!bytes.ok()) return bytes.status();
    byte_size = *bytes;
  }
  const TypedField expected = FieldFor(tensor.data_type(), *count, byte_size);
  if (typed.empty()) {
    if (*count == 0) return absl::OkStatus();
    return Invalid(tensor, absl::StrCat("has ", *count, " elements (dims ",
                                        ShapeString(tensor.dims()), ") but holds no data"));
  }
  const std::string type_name(ElementTypeName(tensor.data_type()));
  if (std::string_view(typed[0].first) != expected.name) {
    return Invalid(tensor, absl::StrCat("holds ", type_name, " values in ", typed[0].first,
                                        "; they belong in ", expected.name));
  }
  if (typed[0].second != expected.entries) {
    return Invalid(tensor, absl::StrCat(expected.name, " has ", typed[0].second, " entries, dims ",
                                        ShapeString(tensor.dims()), " of ", type_name, " need ",
                                        expected.entries));
  }
  return absl::OkStatus();
}

absl::Status CheckSparseTensor(const SparseTensorProto& sparse, int64_t ir_version) {
  if (ir_version < 6) {
    return absl::InvalidArgumentError(
        absl::StrCat("sparse tensors need IR version 6, the model has ", ir_version));
  }
  const TensorProto& values = sparse.values();
  const std::string label = absl::StrCat("sparse ", TensorLabel(values));
  auto fail = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(label, ": ", what));
  };
  if (sparse.dims_size() == 0) return fail("dims is empty");
  for (int64_t d : sparse.dims()) {
    if (d <= 0)
      return fail(absl::StrCat("dims ", ShapeString(sparse.dims()),
                               " has a dimension that is not positive"));
  }
  if (absl::Status s = CheckTensor(values, ir_version); !s.ok()) return s;
  if (values.dims_size() != 1) {
    return fail(absl::StrCat("values must have rank 1, got dims ", ShapeString(values.dims())));
  }
  const int64_t nnz = values.dims(0);
  if (!sparse.has_indices()) {
    return nnz == 0 ? absl::OkStatus() : fail("has values but no indices");
  }
  const TensorProto& indices = sparse.indices();
  if (indices.data_type() != TensorProto::INT64) return fail("indices must be int64");
  if (absl::Status s = CheckTensor(indices, ir_version); !s.ok()) return s;
  const int rank = sparse.dims_size();
  const bool linear = indices.dims_size() == 1;
  if (!linear && !(indices.dims_size() == 2 && indices.dims(1) == rank)) {
    return fail(absl::StrCat("indices must have dims [", nnz, "] or [", nnz, ",", rank, "], got ",
                             ShapeString(indices.dims())));
  }
  if (indices.dims(0) != nnz) {
    return fail(
        absl::StrCat("indices have ", indices.dims(0), " entries but there are ", nnz, " values"));
  }
  if (UsesExternalData(indices)) return absl::OkStatus();
  absl::StatusOr<std::vector<int64_t>> index_values = ReadInt64s(indices);
  if (!index_values.ok()) return index_values.status();
  absl::StatusOr<int64_t> dense_count = ElementCount(sparse.dims());
  if (!dense_count.ok()) return dense_count.status();
  int64_t previous = -1;
  for (int64_t i = 0; i < nnz; ++i) {
    int64_t linear_index = 0;
    if (linear) {
      linear_index = (*index_values)[i];
      if (linear_index < 0 || linear_index >= *dense_count) {
        return fail(absl::StrCat("index ", linear_index, " at position ", i, " is out of range"));
      }
    } else {
      for (int j = 0; j < rank; ++j) {
        const int64_t v = (*index_values)[i * rank + j];
        if (v < 0 || v >= sparse.dims(j)) {
          return fail(absl::StrCat("index ", v, " at position [", i, ",", j, "] is out of range"));
        }
        linear_index = linear_index * sparse.dims(j) + v;
      }
    }
    if (linear_index <= previous) {
      return fail(absl::StrCat("indices are not in increasing order at position ", i));
    }
    previous = linear_index;
  }
  return absl::OkStatus();
}

}  // namespace onnxforge
