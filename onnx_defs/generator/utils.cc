#include "onnx_defs/generator/utils.h"

#include <cmath>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/tensor/slicing_utils.h"

namespace onnxforge::generator {
namespace {

// "'a', 'b'"; abseil's StrJoin does not take std::string_view here.
std::string QuotedList(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out.append("'").append(name).append("'");
  }
  return out;
}

// The output type a Constant gets from the one attribute `form` holding its value.
absl::Status ConstantTypeFrom(const AttributeProto& attribute, std::string_view form,
                              int32_t* elem_type, TensorShapeProto* shape) {
  shape->Clear();
  if (form == "value") {
    if (!attribute.has_t()) return InferenceError("attribute 'value' holds no tensor");
    *elem_type = attribute.t().data_type();
    for (int64_t d : attribute.t().dims()) shape->add_dim()->set_dim_value(d);
  } else if (form == "sparse_value") {
    if (!attribute.has_sparse_tensor()) {
      return InferenceError("attribute 'sparse_value' holds no sparse tensor");
    }
    *elem_type = attribute.sparse_tensor().values().data_type();
    for (int64_t d : attribute.sparse_tensor().dims()) shape->add_dim()->set_dim_value(d);
  } else if (form == "value_int") {
    *elem_type = TensorProto::INT64;
  } else if (form == "value_float") {
    *elem_type = TensorProto::FLOAT;
  } else if (form == "value_string") {
    *elem_type = TensorProto::STRING;
  } else if (form == "value_ints") {
    *elem_type = TensorProto::INT64;
    shape->add_dim()->set_dim_value(attribute.ints_size());
  } else if (form == "value_floats") {
    *elem_type = TensorProto::FLOAT;
    shape->add_dim()->set_dim_value(attribute.floats_size());
  } else {  // value_strings
    *elem_type = TensorProto::STRING;
    shape->add_dim()->set_dim_value(attribute.strings_size());
  }
  if (*elem_type == TensorProto::UNDEFINED) {
    return InferenceError("attribute '", form, "' has no element type");
  }
  return absl::OkStatus();
}

absl::Status InferConstant(InferenceContext& ctx, const std::vector<std::string>& forms) {
  std::vector<std::string_view> given;
  for (const auto& form : forms) {
    if (ctx.attribute(form) != nullptr) given.push_back(form);
  }
  if (given.size() != 1) {
    if (forms.size() == 1) return InferenceError("attribute '", forms[0], "' is required");
    const std::vector<std::string_view> all(forms.begin(), forms.end());
    return InferenceError("exactly one of the attributes ", QuotedList(all), " must be set, got ",
                          given.empty() ? "none" : QuotedList(given));
  }
  int32_t elem_type = 0;
  TensorShapeProto shape;
  ONNXFORGE_RETURN_IF_ERROR(
      ConstantTypeFrom(*ctx.attribute(given[0]), given[0], &elem_type, &shape));
  SetOutputElemType(ctx, 0, elem_type);
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
  return absl::OkStatus();
}

bool IsRangeIntegerType(int32_t elem_type) {
  return elem_type == TensorProto::INT16 || elem_type == TensorProto::INT32 ||
         elem_type == TensorProto::INT64;
}

constexpr const char* kRangeInputNames[] = {"start", "limit", "delta"};

// max(ceil((limit - start) / delta), 0) exactly, for integers.
absl::StatusOr<int64_t> IntegerRangeLength(int64_t start, int64_t limit, int64_t delta) {
  if (delta == 0) return InferenceError("input 'delta' is 0");
  const __int128 span = static_cast<__int128>(limit) - start;
  if (span == 0 || (span > 0) != (delta > 0)) return 0;
  const __int128 span_size = span < 0 ? -span : span;
  const __int128 step_size = delta < 0 ? -static_cast<__int128>(delta) : delta;
  return static_cast<int64_t>((span_size + step_size - 1) / step_size);
}

// max(ceil((limit - start) / delta), 0), computed in double.
absl::StatusOr<int64_t> FloatRangeLength(double start, double limit, double delta) {
  if (delta == 0) return InferenceError("input 'delta' is 0");
  const double length = std::ceil((limit - start) / delta);
  if (std::isnan(length) || length >= 9.2e18) {
    return InferenceError("inputs 'start', 'limit' and 'delta' (", start, ", ", limit, ", ", delta,
                          ") do not give a finite length");
  }
  return length > 0 ? static_cast<int64_t>(length) : 0;
}

// The one value of a constant scalar float Range input, when known.
absl::Status ConstantFloatScalar(const InferenceContext& ctx, size_t index,
                                 std::optional<double>* value) {
  value->reset();
  const TensorProto* constant = ctx.input_data(index);
  if (constant == nullptr) return absl::OkStatus();
  const auto values = ReadDoubles(*constant);
  if (!values.ok()) return absl::OkStatus();
  if (values->size() != 1) {
    return InferenceError("input '", kRangeInputNames[index], "' must hold one value, got ",
                          values->size());
  }
  *value = (*values)[0];
  return absl::OkStatus();
}

// The Range output dim: exact when start, limit and delta are known.
absl::StatusOr<TensorShapeProto::Dimension> RangeDim(const InferenceContext& ctx,
                                                     int32_t elem_type) {
  if (IsRangeIntegerType(elem_type)) {
    std::optional<std::vector<int64_t>> values[3];
    for (size_t i = 0; i < 3; ++i) {
      values[i] = ConstantIntsOfInput(ctx, i);
      if (values[i] && values[i]->size() != 1) {
        return InferenceError("input '", kRangeInputNames[i], "' must hold one value, got ",
                              values[i]->size());
      }
    }
    if (values[0] && values[1] && values[2]) {
      auto length = IntegerRangeLength((*values[0])[0], (*values[1])[0], (*values[2])[0]);
      if (!length.ok()) return length.status();
      return DimOf(*length);
    }
    // Range(0, n, 1) has n elements, even when n is a symbolic dim.
    const TensorShapeProto* limit = ctx.input_shape_data(1);
    if (values[0] && values[2] && (*values[0])[0] == 0 && (*values[2])[0] == 1 &&
        limit != nullptr && limit->dim_size() == 1) {
      return limit->dim(0);
    }
    return TensorShapeProto::Dimension();
  }
  std::optional<double> values[3];
  for (size_t i = 0; i < 3; ++i) {
    ONNXFORGE_RETURN_IF_ERROR(ConstantFloatScalar(ctx, i, &values[i]));
  }
  if (!values[0] || !values[1] || !values[2]) return TensorShapeProto::Dimension();
  auto length = FloatRangeLength(*values[0], *values[1], *values[2]);
  if (!length.ok()) return length.status();
  return DimOf(*length);
}

// The element count, shared by both bodies: max(ceil((limit - start) /
// delta), 0) computed in double, as int64 `count`.
constexpr char kRangeCount[] =
    "start_wide = Cast <to = 11> (start)\n"
    "limit_wide = Cast <to = 11> (limit)\n"
    "delta_wide = Cast <to = 11> (delta)\n"
    "span = Sub (limit_wide, start_wide)\n"
    "steps_exact = Div (span, delta_wide)\n"
    "steps_up = Ceil (steps_exact)\n"
    "count_wide = Relu (steps_up)\n"
    "count = Cast <to = 7> (count_wide)\n";

}  // namespace

// ---- Constant ----

OpSchema& ConstantValueAttr(OpSchema& schema, bool required) {
  return schema.Attr("value", "The output tensor itself.", AttributeProto::TENSOR, required);
}

OpSchema& ConstantSparseValueAttr(OpSchema& schema) {
  return schema.Attr("sparse_value", "The output tensor, given in sparse form.",
                     AttributeProto::SPARSE_TENSOR, /*required=*/false);
}

OpSchema& ConstantScalarAndListAttrs(OpSchema& schema) {
  return schema
      .Attr("value_float", "A float scalar output.", AttributeProto::FLOAT, /*required=*/false)
      .Attr("value_floats", "A 1-D float output.", AttributeProto::FLOATS, /*required=*/false)
      .Attr("value_int", "An int64 scalar output.", AttributeProto::INT, /*required=*/false)
      .Attr("value_ints", "A 1-D int64 output.", AttributeProto::INTS, /*required=*/false)
      .Attr("value_string", "A string scalar output.", AttributeProto::STRING, /*required=*/false)
      .Attr("value_strings", "A 1-D string output.", AttributeProto::STRINGS,
            /*required=*/false);
}

OpSchema& ConstantOutput(OpSchema& schema, const types::TypeList& types,
                         const std::vector<std::string>& forms) {
  return schema.Output(0, "output", "The constant value.", "T")
      .TypeConstraint("T", types, "The element types a constant may have.")
      .TypeAndShapeInference([forms](InferenceContext& ctx) { return InferConstant(ctx, forms); });
}

// ---- ConstantOfShape ----

OpSchema& ConstantOfShapeFormals(OpSchema& schema, const types::TypeList& output_types) {
  return schema
      .Attr("value",
            "A one-element tensor: the fill value, whose element type the output takes. A "
            "float 0 when omitted.",
            AttributeProto::TENSOR, /*required=*/false)
      .Input(0, "input", "1-D: the output shape, every value >= 0. An empty tensor gives a scalar.",
             "T1")
      .Output(0, "output", "A tensor of shape `input` filled with `value`.", "T2")
      .TypeConstraint("T1", types::Tensors({"int64"}), "The shape is int64.")
      .TypeConstraint("T2", output_types, "Numeric and bool element types.")
      .TypeAndShapeInference(InferConstantOfShape);
}

absl::Status InferConstantOfShape(InferenceContext& ctx) {
  int32_t elem_type = TensorProto::FLOAT;
  if (const AttributeProto* value = ctx.attribute("value")) {
    if (!value->has_t()) return InferenceError("attribute 'value' holds no tensor");
    elem_type = value->t().data_type();
    if (elem_type == TensorProto::UNDEFINED) {
      return InferenceError("attribute 'value' has no element type");
    }
    const auto count = ElementCount(value->t());
    if (!count.ok() || *count != 1) {
      return InferenceError("attribute 'value' must hold exactly one element, got ",
                            count.ok() ? absl::StrCat(*count) : "an invalid shape");
    }
  }
  SetOutputElemType(ctx, 0, elem_type);
  std::optional<TensorShapeProto> shape;
  ONNXFORGE_RETURN_IF_ERROR(slicing::ShapeFromInput(ctx, 0, "input", &shape));
  if (shape) {
    if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(*shape);
  }
  return absl::OkStatus();
}

// ---- Range ----

OpSchema& RangeFormals(OpSchema& schema, const types::TypeList& types) {
  return schema.Input(0, "start", "Scalar: the first value.", "T")
      .Input(1, "limit", "Scalar: the bound the values stop short of.", "T")
      .Input(2, "delta", "Scalar: the nonzero step between values.", "T")
      .Output(0, "output", "1-D: start, start + delta, ..., every value short of limit.", "T")
      .TypeConstraint("T", types, "Numeric element types.")
      .TypeAndShapeInference(InferRange);
}

absl::Status InferRange(InferenceContext& ctx) {
  int32_t elem_type = 0;
  for (size_t i = 0; i < 3; ++i) {
    const int32_t t = InputElemType(ctx, i);
    if (t == 0) continue;
    if (elem_type != 0 && t != elem_type) {
      return InferenceError(
          "inputs 'start', 'limit' and 'delta' must share one element type, "
          "got ",
          ElementTypeName(elem_type), " and ", ElementTypeName(t));
    }
    elem_type = t;
  }
  if (elem_type == 0 && ctx.input_data(0) != nullptr) elem_type = ctx.input_data(0)->data_type();
  if (elem_type != 0) SetOutputElemType(ctx, 0, elem_type);
  TensorShapeProto shape;
  auto dim = RangeDim(ctx, elem_type);
  if (!dim.ok()) return dim.status();
  *shape.add_dim() = *dim;
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
  return absl::OkStatus();
}

std::string RangeBody11() {
  // The element type is not known here, so the values come from a running
  // sum in that type rather than from casting a counter. The Loop body is a
  // graph, so the text is a whole function rather than a node list.
  return absl::StrCat(
      "<opset_import: [\"\" : 11]>\n"
      "Range (start, limit, delta) => (output) {\n",
      kRangeCount,
      "running = Cast <to = 9> (count_wide)\n"
      "last, output = Loop <body = range_step (int64 iteration, bool running_in, current) => "
      "(running_out, following, emitted) {\n"
      "  running_out = Identity (running_in)\n"
      "  following = Add (current, delta)\n"
      "  emitted = Identity (current)\n"
      "}> (count, running, start)\n"
      "}");
}

absl::StatusOr<std::string> RangeBody27(const FunctionBodyContext& ctx) {
  const TypeProto* start_type = ctx.input_type(0);
  if (start_type == nullptr || !start_type->has_tensor_type() ||
      start_type->tensor_type().elem_type() == TensorProto::UNDEFINED) {
    return absl::FailedPreconditionError(
        "Range needs the element type of input 'start' to build its body");
  }
  const int32_t elem_type = start_type->tensor_type().elem_type();
  const bool stashed = elem_type == TensorProto::FLOAT16 || elem_type == TensorProto::BFLOAT16;
  int64_t work_type = elem_type;
  if (stashed) {
    const AttributeProto* stash = ctx.attribute("stash_type");
    work_type = stash != nullptr ? stash->i() : TensorProto::FLOAT;
    if (work_type != TensorProto::FLOAT && work_type != TensorProto::DOUBLE) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute 'stash_type' must be 1 (float) or 11 (double), got ", work_type));
    }
  }
  std::string body = absl::StrCat(kRangeCount,
                                  "one_length = Constant <value_ints = [1]> ()\n"
                                  "count_1d = Reshape (count, one_length)\n"
                                  "ones = ConstantOfShape <value = int64[1] {1}> (count_1d)\n"
                                  "axis = Constant <value_int = 0> ()\n"
                                  "index = CumSum <exclusive = 1> (ones, axis)\n",
                                  "index_work = Cast <to = ", work_type, "> (index)\n");
  if (stashed) {
    absl::StrAppend(&body, "start_work = Cast <to = ", work_type, "> (start)\n",
                    "delta_work = Cast <to = ", work_type, "> (delta)\n",
                    "offset = Mul (index_work, delta_work)\n",
                    "output_work = Add (start_work, offset)\n", "output = Cast <to = ", elem_type,
                    "> (output_work)");
  } else {
    absl::StrAppend(&body,
                    "offset = Mul (index_work, delta)\n"
                    "output = Add (start, offset)");
  }
  return body;
}

}  // namespace onnxforge::generator
