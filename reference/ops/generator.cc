// Kernels of the ai.onnx operators that make tensors from attributes and
// shapes: Constant, ConstantOfShape and Range, every version.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/cast_conversions.h"

namespace onnxforge::reference {
namespace {

// Checks that the schema's type constraint `param` allows tensors of
// `type`; `what` names where the type comes from.
absl::Status CheckAllowedType(const KernelContext& ctx, const char* param, int32_t type,
                              const std::string& what) {
  const TypeConstraint* allowed = ctx.schema().FindTypeConstraint(param);
  if (allowed == nullptr) return absl::OkStatus();
  const auto& strs = allowed->allowed_type_strs;
  const std::string wanted = absl::StrCat("tensor(", ElementTypeName(type), ")");
  if (std::find(strs.begin(), strs.end(), wanted) != strs.end()) return absl::OkStatus();
  return KernelError(what, " is ", ElementTypeString(type), ", which ", ctx.schema().name(), "-",
                     ctx.since_version(), " does not allow; it allows ",
                     absl::StrJoin(strs, ", "));
}

// ---- Constant -------------------------------------------------------------------

// A sparse tensor in dense form: zeros, with values[k] at indices[k]. The
// indices are [nnz] flat offsets or [nnz, rank] coordinates.
absl::StatusOr<Tensor> DenseFromSparse(const SparseTensorProto& sparse) {
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor values, Tensor::FromProto(sparse.values()));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor indices, Tensor::FromProto(sparse.indices()));
  const std::vector<int64_t> dims(sparse.dims().begin(), sparse.dims().end());
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor dense, Tensor::Create(values.type(), dims));
  const int64_t nnz = values.size();
  if (values.rank() != 1) {
    return KernelError("sparse_value: 'values' must be 1-D, got shape ",
                       ShapeString(values.shape()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> coords, indices.ToInt64s());
  const int64_t rank = static_cast<int64_t>(dims.size());
  const bool flat = indices.rank() == 1 && indices.dim(0) == nnz;
  const bool per_axis = indices.rank() == 2 && indices.dim(0) == nnz && indices.dim(1) == rank;
  if (!flat && !per_axis) {
    return KernelError("sparse_value: 'indices' has shape ", ShapeString(indices.shape()),
                       "; expected [", nnz, "] or [", nnz, ",", rank, "] for ", nnz,
                       " values of a tensor of shape ", ShapeString(dims));
  }
  std::vector<int64_t> offsets(nnz);
  for (int64_t k = 0; k < nnz; ++k) {
    int64_t offset = 0;
    if (flat) {
      offset = coords[k];
    } else {
      for (int64_t a = 0; a < rank; ++a) {
        const int64_t c = coords[k * rank + a];
        if (c < 0 || c >= dims[a]) {
          offset = -1;
          break;
        }
        offset = offset * dims[a] + c;
      }
    }
    if (offset < 0 || offset >= dense.size()) {
      return KernelError("sparse_value: index ", k, " of 'indices' lies outside shape ",
                         ShapeString(dims));
    }
    offsets[k] = offset;
  }
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::All>(values.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    auto in = values.data<T>();
    auto out = dense.mutable_data<T>();
    for (int64_t k = 0; k < nnz; ++k) out[offsets[k]] = in[k];
    return absl::OkStatus();
  }));
  return dense;
}

// The attributes that can hold Constant's value, and the version that
// introduced each.
struct ConstantForm {
  const char* name;
  int since;
};
constexpr ConstantForm kConstantForms[] = {
    {"value", 1},        {"sparse_value", 11}, {"value_float", 12}, {"value_floats", 12},
    {"value_int", 12},   {"value_ints", 12},   {"value_string", 12}, {"value_strings", 12},
};

absl::StatusOr<Tensor> ConstantValue(const KernelContext& ctx, const std::string& form) {
  if (form == "value") return ctx.attr_tensor("value");
  if (form == "sparse_value") {
    const AttributeProto* attr = ctx.attribute(form);
    if (attr->type() != AttributeProto::SPARSE_TENSOR && attr->type() != AttributeProto::UNDEFINED) {
      return KernelError("attribute 'sparse_value' must be a sparse tensor");
    }
    return DenseFromSparse(attr->sparse_tensor());
  }
  if (form == "value_float") return Tensor::Scalar<float>(ctx.attr_float(form));
  if (form == "value_floats") return Tensor::Vector<float>(ctx.attr_floats(form));
  if (form == "value_int") return Tensor::Scalar<int64_t>(ctx.attr_int(form));
  if (form == "value_ints") return Tensor::Vector<int64_t>(ctx.attr_ints(form));
  if (form == "value_string") return Tensor::Scalar<std::string>(ctx.attr_string(form));
  return Tensor::Vector<std::string>(ctx.attr_strings(form));
}

absl::Status RunConstant(KernelContext& ctx) {
  std::vector<std::string> given;
  std::vector<std::string> known;
  for (const ConstantForm& form : kConstantForms) {
    if (form.since > ctx.since_version()) continue;
    known.push_back(absl::StrCat("'", form.name, "'"));
    if (ctx.has_attr(form.name)) given.push_back(form.name);
  }
  if (given.size() != 1) {
    return KernelError(known.size() == 1 ? "the attribute " : "exactly one of the attributes ",
                       absl::StrJoin(known, ", "), " must be set, got ",
                       given.empty() ? "none" : absl::StrJoin(given, ", "));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor value, ConstantValue(ctx, given[0]));
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  ONNXFORGE_RETURN_IF_ERROR(
      CheckAllowedType(ctx, "T", value.type(), absl::StrCat("attribute '", given[0], "'")));
  ctx.set_output(0, std::move(value));
  return absl::OkStatus();
}

// ---- ConstantOfShape --------------------------------------------------------------

absl::Status RunConstantOfShape(KernelContext& ctx) {
  const Tensor& shape_tensor = ctx.input(0);
  Tensor value = Tensor::Scalar<float>(0.0f);
  if (ctx.has_attr("value")) value = ctx.attr_tensor("value");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (value.size() != 1) {
    return KernelError("attribute 'value' must hold one element, got shape ",
                       ShapeString(value.shape()));
  }
  ONNXFORGE_RETURN_IF_ERROR(CheckAllowedType(ctx, "T2", value.type(), "attribute 'value'"));
  if (shape_tensor.rank() > 1) {
    return KernelError("input 'input' must be 1-D, got shape ", ShapeString(shape_tensor.shape()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> dims, shape_tensor.ToInt64s());
  for (int64_t d : dims) {
    if (d < 0) {
      return KernelError("input 'input' ", ShapeString(dims), " has a negative dim; the dims of "
                         "a shape must be 0 or more");
    }
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(value.type(), dims));
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::All>(value.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    auto out = y.mutable_data<T>();
    std::fill(out.begin(), out.end(), value.data<T>()[0]);
    return absl::OkStatus();
  }));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Range ----------------------------------------------------------------------

using RangeTypes = TypeList<float, double, int16_t, int32_t, int64_t, Float16, BFloat16>;

// The one value of a Range input; `name` names it.
template <typename T>
absl::StatusOr<T> ScalarInput(const KernelContext& ctx, int index, const char* name) {
  const Tensor& t = ctx.input(index);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (t.size() != 1 || t.rank() > 1) {
    return KernelError("input '", name, "' must be a scalar, got shape ", ShapeString(t.shape()));
  }
  return t.data<T>()[0];
}

// max(ceil((limit - start) / delta), 0), computed in double for floats.
absl::StatusOr<int64_t> FloatRangeCount(double start, double limit, double delta) {
  const double count = std::ceil((limit - start) / delta);
  if (std::isnan(count) || count >= 9.2e18) {
    return KernelError("start ", start, ", limit ", limit, " and delta ", delta,
                       " do not give a finite number of elements");
  }
  return count > 0 ? static_cast<int64_t>(count) : 0;
}

// output[i] = start + i * delta for i < max(ceil((limit - start) / delta), 0).
// Integers count exactly; float and double compute in double; float16 and
// bfloat16 (Range-27) compute in `stash_type` and round each value back.
absl::Status RunRange(KernelContext& ctx) {
  const int32_t type = ctx.input(0).type();
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  for (int i = 1; i < 3; ++i) {
    if (ctx.input(i).type() != type) {
      return KernelError("inputs 'start', 'limit' and 'delta' must have one type, got ",
                         ElementTypeString(type), " and ", ElementTypeString(ctx.input(i).type()));
    }
  }
  return Dispatch<RangeTypes>(type, [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(T start, ScalarInput<T>(ctx, 0, "start"));
    ONNXFORGE_ASSIGN_OR_RETURN(T limit, ScalarInput<T>(ctx, 1, "limit"));
    ONNXFORGE_ASSIGN_OR_RETURN(T delta, ScalarInput<T>(ctx, 2, "delta"));
    if (static_cast<double>(delta) == 0) return KernelError("input 'delta' is 0");
    int64_t count = 0;
    if constexpr (std::is_integral_v<T>) {
      const __int128 span = __int128{limit} - start;
      const __int128 step = delta;
      if ((span > 0) == (step > 0) && span != 0) {
        const __int128 size = span < 0 ? -span : span;
        const __int128 stride = step < 0 ? -step : step;
        const __int128 exact = (size + stride - 1) / stride;
        if (exact > kMaxTensorBytes) {
          return KernelError("start ", int64_t{start}, ", limit ", int64_t{limit}, " and delta ",
                             int64_t{delta}, " give ", static_cast<uint64_t>(exact),
                             " elements, above the evaluator's limit");
        }
        count = static_cast<int64_t>(exact);
      }
    } else {
      ONNXFORGE_ASSIGN_OR_RETURN(
          count, FloatRangeCount(static_cast<double>(start), static_cast<double>(limit),
                                 static_cast<double>(delta)));
    }
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(kElementTypeOf<T>, {count}));
    auto out = y.mutable_data<T>();
    if constexpr (std::is_integral_v<T>) {
      for (int64_t i = 0; i < count; ++i) out[i] = static_cast<T>(start + i * int64_t{delta});
    } else if constexpr (std::is_floating_point_v<T>) {
      const double s = start, d = delta;
      for (int64_t i = 0; i < count; ++i) out[i] = static_cast<T>(s + static_cast<double>(i) * d);
    } else {
      const int64_t stash = ctx.attr_int("stash_type", TensorProto::FLOAT);
      ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
      if (stash == TensorProto::FLOAT) {
        const float s = start, d = delta;
        for (int64_t i = 0; i < count; ++i) out[i] = T(s + static_cast<float>(i) * d);
      } else if (stash == TensorProto::DOUBLE) {
        const double s = start, d = delta;
        for (int64_t i = 0; i < count; ++i) out[i] = T(s + static_cast<double>(i) * d);
      } else {
        return KernelError("attribute 'stash_type' is ", stash,
                           "; expected 1 (float) or 11 (double)");
      }
    }
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  });
}

}  // namespace

// ---- Registrations -----------------------------------------------------------------

// Constant-1 and -9 take `value`; -11 adds `sparse_value`; -12 the scalar
// and list shorthands. Later versions add element types.
ONNXFORGE_KERNEL(Onnx, Constant, 1, 25) { return RunConstant(ctx); }

ONNXFORGE_KERNEL(Onnx, ConstantOfShape, 9, 25) { return RunConstantOfShape(ctx); }

// Range-27 adds float16 and bfloat16, computed in `stash_type`.
ONNXFORGE_KERNEL(Onnx, Range, 11, 27) { return RunRange(ctx); }

}  // namespace onnxforge::reference
