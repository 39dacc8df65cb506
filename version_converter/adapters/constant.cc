#include "version_converter/adapters/constant.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/scope.h"
#include "version_converter/adapters/type_restriction.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::StatusOr<TensorProto> Densify(const SparseTensorProto& sparse) {
  const TensorProto& values = sparse.values();
  const int32_t elem = values.data_type();
  const int bits = ElementBitWidth(elem);
  if (bits < 8 || elem == TensorProto::STRING) {
    return absl::InvalidArgumentError(absl::StrCat(
        "sparse_value has element type ", ElementTypeName(elem), ", which cannot be made dense"));
  }
  const size_t width = static_cast<size_t>(bits / 8);
  std::vector<int64_t> dims(sparse.dims().begin(), sparse.dims().end());
  absl::StatusOr<int64_t> count = ElementCount(dims);
  if (!count.ok()) return count.status();
  absl::StatusOr<std::string> raw = TensorRawBytes(values);
  if (!raw.ok()) return raw.status();
  absl::StatusOr<std::vector<int64_t>> indices = ReadInt64s(sparse.indices());
  if (!indices.ok()) return indices.status();
  const size_t nnz = raw->size() / width;
  const size_t rank = dims.size();
  // Indices are either [NNZ] positions in the flat tensor or [NNZ, rank]
  // coordinates.
  const bool coordinates = sparse.indices().dims_size() == 2;
  if (indices->size() != (coordinates ? nnz * rank : nnz)) {
    return absl::InvalidArgumentError("sparse_value's indices do not match its values");
  }
  std::string dense(static_cast<size_t>(*count) * width, '\0');
  for (size_t k = 0; k < nnz; ++k) {
    int64_t position = 0;
    if (coordinates) {
      for (size_t d = 0; d < rank; ++d) position = position * dims[d] + (*indices)[k * rank + d];
    } else {
      position = (*indices)[k];
    }
    if (position < 0 || position >= *count) {
      return absl::InvalidArgumentError("sparse_value has an index outside its dims");
    }
    dense.replace(static_cast<size_t>(position) * width, width, raw->substr(k * width, width));
  }
  TensorProto out;
  out.set_data_type(elem);
  for (int64_t d : dims) out.add_dims(d);
  out.set_raw_data(std::move(dense));
  return out;
}

absl::Status ToDense(Step& step) {
  const AttributeProto* attr = step.attribute("sparse_value");
  if (attr == nullptr) return absl::OkStatus();
  absl::StatusOr<TensorProto> dense = Densify(attr->sparse_tensor());
  if (!dense.ok()) return Step::Refuse(dense.status().message());
  step.RemoveAttribute("sparse_value");
  step.SetTensor("value", *std::move(dense));
  return absl::OkStatus();
}

absl::Status ToTensor(Step& step) {
  static const char* kForms[] = {"value_float",  "value_floats", "value_int",
                                 "value_ints",   "value_string", "value_strings"};
  for (const char* form : kForms) {
    if (!step.has_attribute(form)) continue;
    std::optional<TensorProto> value = ConstantNodeValue(step.node());
    if (!value) return Step::Refuse("attribute '", form, "' cannot be read");
    step.RemoveAttribute(form);
    step.SetTensor("value", *std::move(value));
    return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status TypesOrInitializer(Step& step, const Adapter& restrict_types) {
  std::optional<TensorProto> value = ConstantNodeValue(step.node());
  if (value && step.in_graph() && step.node().output_size() == 1) {
    const std::string type = absl::StrCat("tensor(", ElementTypeName(value->data_type()), ")");
    const TypeConstraint* allowed = step.to().FindTypeConstraint("T");
    const bool fits = allowed != nullptr &&
                      std::find(allowed->allowed_type_strs.begin(),
                                allowed->allowed_type_strs.end(),
                                type) != allowed->allowed_type_strs.end();
    if (!fits) {
      step.ReplaceByInitializer(*std::move(value));
      return absl::OkStatus();
    }
  }
  return restrict_types.apply(step);
}

}  // namespace

Adapter RestrictTypesOrInitializer() {
  Adapter adapter;
  adapter.kind = "restrict types, or turn the constant into an initializer";
  adapter.restricts_types = true;
  adapter.apply = [restrict = RestrictTypes()](Step& step) {
    return TypesOrInitializer(step, restrict);
  };
  return adapter;
}

Adapter SparseToDense() {
  Adapter adapter;
  adapter.kind = "sparse_value to a dense value";
  adapter.attributes = {"sparse_value", "value"};
  adapter.apply = ToDense;
  return adapter;
}

Adapter ValueAttributesToTensor() {
  Adapter adapter;
  adapter.kind = "value_* attributes to value";
  adapter.attributes = {"value_float",  "value_floats", "value_int",
                        "value_ints",   "value_string", "value_strings"};
  adapter.apply = ToTensor;
  return adapter;
}

}  // namespace onnxforge::version_converter
