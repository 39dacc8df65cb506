#include "onnx_defs/traditionalml/utils.h"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::ml {
namespace {

using Dim = TensorShapeProto::Dimension;

void SetShape(InferenceContext& ctx, size_t output, std::initializer_list<Dim> dims) {
  TensorShapeProto* shape = MutableOutputShape(ctx, output);
  if (shape == nullptr) return;
  shape->clear_dim();
  for (const Dim& d : dims) *shape->add_dim() = d;
}

int ListSize(const InferenceContext& ctx, std::string_view name) {
  const AttributeProto* a = ctx.attribute(name);
  if (a == nullptr) return 0;
  return a->ints_size() + a->floats_size() + a->strings_size();
}

// "a, b" or "'a', 'b'"; abseil's StrJoin does not take std::string_view here.
std::string JoinNames(std::initializer_list<std::string_view> names, std::string_view quote = "") {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out.append(quote).append(name).append(quote);
  }
  return out;
}

std::string Quoted(std::initializer_list<std::string_view> names) { return JoinNames(names, "'"); }

// The element type and count of a list or 1-D tensor attribute: int64 for
// ints, float for floats, string for strings, the tensor's own type.
absl::Status AttrElements(const AttributeProto& a, std::string_view name, int32_t* elem_type,
                          int64_t* length) {
  AttributeProto::AttributeType kind = a.type();
  if (kind == AttributeProto::UNDEFINED) {  // Old writers leave the type out.
    kind = a.has_t()              ? AttributeProto::TENSOR
           : a.floats_size() > 0  ? AttributeProto::FLOATS
           : a.strings_size() > 0 ? AttributeProto::STRINGS
                                  : AttributeProto::INTS;
  }
  switch (kind) {
    case AttributeProto::INTS:
      *elem_type = TensorProto::INT64;
      *length = a.ints_size();
      return absl::OkStatus();
    case AttributeProto::FLOATS:
      *elem_type = TensorProto::FLOAT;
      *length = a.floats_size();
      return absl::OkStatus();
    case AttributeProto::STRINGS:
      *elem_type = TensorProto::STRING;
      *length = a.strings_size();
      return absl::OkStatus();
    case AttributeProto::TENSOR:
      if (a.t().dims_size() != 1) {
        return InferenceError("attribute '", name, "' must be a 1-D tensor, got rank ",
                              a.t().dims_size());
      }
      *elem_type = a.t().data_type();
      *length = a.t().dims(0);
      return absl::OkStatus();
    default:
      return InferenceError("attribute '", name, "' must be a list or a 1-D tensor");
  }
}

// Attributes that describe one thing per position (a node, a leaf vote)
// must all have the same length. `what` says what a position is.
absl::Status CheckSameLength(const InferenceContext& ctx,
                             const std::vector<std::string_view>& names, std::string_view what) {
  std::string_view first_name;
  int64_t first_length = -1;
  for (std::string_view name : names) {
    const AttributeProto* a = ctx.attribute(name);
    if (a == nullptr) continue;
    int32_t elem_type = 0;
    int64_t length = 0;
    ONNXFORGE_RETURN_IF_ERROR(AttrElements(*a, name, &elem_type, &length));
    if (first_length < 0) {
      first_name = name;
      first_length = length;
    } else if (length != first_length) {
      return InferenceError("attribute '", name, "' has ", length, " values but '", first_name,
                            "' has ", first_length, "; they hold one value per ", what);
    }
  }
  return absl::OkStatus();
}

// Each float list and its double-precision *_as_tensor twin: at most one.
absl::Status CheckAsTensorPairs(const InferenceContext& ctx,
                                std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    const std::string twin = std::string(name) + "_as_tensor";
    if (ctx.attribute(name) != nullptr && ctx.attribute(twin) != nullptr) {
      return InferenceError("attributes '", name, "' and '", twin, "' cannot both be set");
    }
  }
  return absl::OkStatus();
}

// The one label list a classifier uses (`strings` or `ints`), as the count
// of labels and whether they are strings. Both set is an error; neither
// is one when `required`.
absl::Status ClassLabels(const InferenceContext& ctx, std::string_view strings,
                         std::string_view ints, bool required, int* count, bool* are_strings) {
  const int string_count = ListSize(ctx, strings);
  const int int_count = ListSize(ctx, ints);
  if (string_count > 0 && int_count > 0) {
    return InferenceError("only one of the attributes ", Quoted({strings, ints}), " may be set");
  }
  if (required && string_count == 0 && int_count == 0) {
    return InferenceError("one of the attributes ", Quoted({strings, ints}), " must be set");
  }
  *are_strings = string_count > 0;
  *count = std::max(string_count, int_count);
  return absl::OkStatus();
}

// N of an input given as [N, F], or as [F] for a single row.
absl::Status RowsOfVectorOrMatrix(const InferenceContext& ctx, Dim* rows) {
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& shape = InputShape(ctx, 0);
  if (shape.dim_size() == 1) {
    *rows = DimOf(1);
  } else if (shape.dim_size() == 2) {
    *rows = shape.dim(0);
  } else {
    return InferenceError("input 'X' must be 1-D or 2-D, got rank ", shape.dim_size());
  }
  return absl::OkStatus();
}

// N of an input that must be [N, F].
absl::Status RowsOfMatrix(const InferenceContext& ctx, Dim* rows) {
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& shape = InputShape(ctx, 0);
  if (shape.dim_size() != 2) {
    return InferenceError("input 'X' must be 2-D [N, F], got rank ", shape.dim_size());
  }
  *rows = shape.dim(0);
  return absl::OkStatus();
}

// The node attributes every tree node has a value in.
const std::vector<std::string_view> kNodeFields = {
    "nodes_treeids", "nodes_nodeids",          "nodes_featureids",  "nodes_modes",
    "nodes_values",  "nodes_values_as_tensor", "nodes_truenodeids", "nodes_falsenodeids"};

absl::Status InferTreeClassifier(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(
      CheckAsTensorPairs(ctx, {"nodes_values", "nodes_hitrates", "class_weights", "base_values"}));
  ONNXFORGE_RETURN_IF_ERROR(CheckPostTransform(ctx));
  ONNXFORGE_RETURN_IF_ERROR(CheckSameLength(ctx, kNodeFields, "node"));
  ONNXFORGE_RETURN_IF_ERROR(CheckSameLength(
      ctx,
      {"class_treeids", "class_nodeids", "class_ids", "class_weights", "class_weights_as_tensor"},
      "leaf vote"));
  int labels = 0;
  bool strings = false;
  ONNXFORGE_RETURN_IF_ERROR(ClassLabels(ctx, "classlabels_strings", "classlabels_int64s",
                                        /*required=*/true, &labels, &strings));
  SetOutputElemType(ctx, 0, strings ? TensorProto::STRING : TensorProto::INT64);
  SetOutputElemType(ctx, 1, TensorProto::FLOAT);
  Dim rows;
  ONNXFORGE_RETURN_IF_ERROR(RowsOfMatrix(ctx, &rows));
  SetShape(ctx, 0, {rows});
  SetShape(ctx, 1, {rows, DimOf(labels)});
  return absl::OkStatus();
}

absl::Status InferTreeRegressor(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(
      CheckAsTensorPairs(ctx, {"nodes_values", "nodes_hitrates", "target_weights", "base_values"}));
  ONNXFORGE_RETURN_IF_ERROR(CheckPostTransform(ctx));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckStringChoice(ctx, "aggregate_function", "SUM", {"AVERAGE", "SUM", "MIN", "MAX"}));
  ONNXFORGE_RETURN_IF_ERROR(CheckSameLength(ctx, kNodeFields, "node"));
  ONNXFORGE_RETURN_IF_ERROR(CheckSameLength(ctx,
                                            {"target_treeids", "target_nodeids", "target_ids",
                                             "target_weights", "target_weights_as_tensor"},
                                            "leaf vote"));
  Dim targets;
  if (const AttributeProto* n = ctx.attribute("n_targets")) {
    if (n->i() < 1) return InferenceError("attribute 'n_targets' must be at least 1, got ", n->i());
    targets = DimOf(n->i());
  }
  SetOutputElemType(ctx, 0, TensorProto::FLOAT);
  Dim rows;
  ONNXFORGE_RETURN_IF_ERROR(RowsOfMatrix(ctx, &rows));
  SetShape(ctx, 0, {rows, targets});
  return absl::OkStatus();
}

// A per-node or per-leaf attribute of TreeEnsemble: its element type, and
// `count` values (one per node, or per leaf).
absl::Status CheckTreeField(const InferenceContext& ctx, std::string_view name, int32_t elem_type,
                            int64_t count, std::string_view count_source, bool required) {
  const AttributeProto* a = ctx.attribute(name);
  if (a == nullptr) {
    if (required) return InferenceError("attribute '", name, "' is required");
    return absl::OkStatus();
  }
  int32_t actual_type = 0;
  int64_t length = 0;
  ONNXFORGE_RETURN_IF_ERROR(AttrElements(*a, name, &actual_type, &length));
  if (actual_type != elem_type) {
    return InferenceError("attribute '", name, "' must have element type ",
                          ElementTypeName(elem_type), ", got ", ElementTypeName(actual_type));
  }
  if (length != count) {
    return InferenceError("attribute '", name, "' has ", length, " values but '", count_source,
                          "' has ", count);
  }
  return absl::OkStatus();
}

absl::Status CheckIntChoice(const InferenceContext& ctx, std::string_view name, int64_t fallback,
                            int64_t max_value, std::string_view meaning) {
  const int64_t value = GetIntAttr(ctx, name, fallback);
  if (value < 0 || value > max_value) {
    return InferenceError("attribute '", name, "' is ", value, "; expected ", meaning);
  }
  return absl::OkStatus();
}

}  // namespace

const types::TypeList& NumericInputTypes() {
  static const types::TypeList* list =
      new types::TypeList(types::Tensors({"float", "double", "int64", "int32"}));
  return *list;
}

absl::Status CheckStringChoice(const InferenceContext& ctx, std::string_view name,
                               std::string_view fallback,
                               std::initializer_list<std::string_view> choices) {
  const std::string value = GetStringAttr(ctx, name, fallback);
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    return InferenceError("attribute '", name, "' is '", value, "'; expected one of ",
                          JoinNames(choices));
  }
  return absl::OkStatus();
}

absl::Status CheckPostTransform(const InferenceContext& ctx) {
  return CheckStringChoice(ctx, "post_transform", "NONE",
                           {"NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"});
}

// ---- One-op inference functions ----

absl::Status InferLinearClassifier(InferenceContext& ctx) {
  int labels = 0;
  bool strings = false;
  ONNXFORGE_RETURN_IF_ERROR(ClassLabels(ctx, "classlabels_strings", "classlabels_ints",
                                        /*required=*/false, &labels, &strings));
  ONNXFORGE_RETURN_IF_ERROR(CheckPostTransform(ctx));
  SetOutputElemType(ctx, 0, strings ? TensorProto::STRING : TensorProto::INT64);
  SetOutputElemType(ctx, 1, TensorProto::FLOAT);
  Dim rows;
  ONNXFORGE_RETURN_IF_ERROR(RowsOfVectorOrMatrix(ctx, &rows));

  // One row of coefficients (and one intercept) per class; a single row
  // with two labels is a binary model scoring both classes.
  std::optional<int64_t> weight_rows;
  const int intercepts = ListSize(ctx, "intercepts");
  const int coefficients = ListSize(ctx, "coefficients");
  if (intercepts > 0) {
    weight_rows = intercepts;
  } else if (HasInputShape(ctx, 0)) {
    const TensorShapeProto& x = InputShape(ctx, 0);
    const Dim& features = x.dim(x.dim_size() - 1);
    if (features.has_dim_value() && features.dim_value() > 0 &&
        coefficients % features.dim_value() == 0) {
      weight_rows = coefficients / features.dim_value();
    }
  }
  Dim classes;
  if (weight_rows) classes = DimOf(*weight_rows == 1 && labels == 2 ? 2 : *weight_rows);
  SetShape(ctx, 0, {rows});
  SetShape(ctx, 1, {rows, classes});
  return absl::OkStatus();
}

absl::Status InferLinearRegressor(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(CheckPostTransform(ctx));
  const int64_t targets = GetIntAttr(ctx, "targets", 1);
  if (targets < 1) return InferenceError("attribute 'targets' must be at least 1, got ", targets);
  SetOutputElemType(ctx, 0, TensorProto::FLOAT);
  Dim rows;
  ONNXFORGE_RETURN_IF_ERROR(RowsOfVectorOrMatrix(ctx, &rows));
  SetShape(ctx, 0, {rows, DimOf(targets)});
  return absl::OkStatus();
}

absl::Status InferScaler(InferenceContext& ctx) {
  SetOutputElemType(ctx, 0, TensorProto::FLOAT);
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& x = InputShape(ctx, 0);
  if (x.dim_size() > 0 && x.dim(x.dim_size() - 1).has_dim_value()) {
    const int64_t columns = x.dim(x.dim_size() - 1).dim_value();
    for (std::string_view name : {"offset", "scale"}) {
      const int size = ListSize(ctx, name);
      if (size > 1 && size != columns) {
        return InferenceError("attribute '", name, "' has ", size, " values; expected 1 or ",
                              columns, ", the size of the last axis of 'X'");
      }
    }
  }
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

absl::Status InferNormalizer(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(CheckStringChoice(ctx, "norm", "MAX", {"MAX", "L1", "L2"}));
  SetOutputElemType(ctx, 0, TensorProto::FLOAT);
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const int rank = InputShape(ctx, 0).dim_size();
  if (rank != 1 && rank != 2) {
    return InferenceError("input 'X' must be 1-D [C] or 2-D [N, C], got rank ", rank);
  }
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

absl::Status InferArrayFeatureExtractor(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& x = InputShape(ctx, 0);
  if (x.dim_size() == 0) return InferenceError("input 'X' must have rank 1 or more, got a scalar");

  // The last axis holds one element per index; a symbolic count survives
  // when it is the only dim of `Y` that is not 1.
  Dim selected;
  if (HasInputShape(ctx, 1)) {
    int64_t count = 1;
    std::optional<std::string> symbol;
    bool known = true;
    for (const auto& d : InputShape(ctx, 1).dim()) {
      if (d.has_dim_value()) {
        if (__builtin_mul_overflow(count, d.dim_value(), &count)) {
          return InferenceError("the dims of input 'Y' overflow int64 when multiplied");
        }
      } else if (d.has_dim_param() && !symbol) {
        symbol = d.dim_param();
      } else {
        known = false;
      }
    }
    if (known && !symbol) {
      selected = DimOf(count);
    } else if (known && count == 1) {
      selected = DimParam(*symbol);
    }
  }
  TensorShapeProto* out = MutableOutputShape(ctx, 0);
  if (out == nullptr) return absl::OkStatus();
  out->clear_dim();
  if (x.dim_size() == 1) {  // A vector is read as a single row.
    *out->add_dim() = DimOf(1);
  } else {
    for (int i = 0; i + 1 < x.dim_size(); ++i) *out->add_dim() = x.dim(i);
  }
  *out->add_dim() = selected;
  return absl::OkStatus();
}

absl::Status InferZipMap(InferenceContext& ctx) {
  int labels = 0;
  bool strings = false;
  ONNXFORGE_RETURN_IF_ERROR(ClassLabels(ctx, "classlabels_strings", "classlabels_int64s",
                                        /*required=*/true, &labels, &strings));
  if (HasInputShape(ctx, 0)) {
    const TensorShapeProto& x = InputShape(ctx, 0);
    if (x.dim_size() != 1 && x.dim_size() != 2) {
      return InferenceError("input 'X' must be 1-D or 2-D, got rank ", x.dim_size());
    }
    const Dim& columns = x.dim(x.dim_size() - 1);
    if (columns.has_dim_value() && columns.dim_value() != labels) {
      return InferenceError("input 'X' has ", columns.dim_value(), " columns but there are ",
                            labels, " class labels");
    }
  }
  TypeProto* out = ctx.output_type(0);
  if (out == nullptr) return absl::OkStatus();
  auto* map = out->mutable_sequence_type()->mutable_elem_type()->mutable_map_type();
  map->set_key_type(strings ? TensorProto::STRING : TensorProto::INT64);
  auto* value = map->mutable_value_type()->mutable_tensor_type();
  value->set_elem_type(TensorProto::FLOAT);
  value->mutable_shape();  // Each value is a scalar.
  return absl::OkStatus();
}

// ---- LabelEncoder ----

absl::Status InferLabelEncoder1(InferenceContext& ctx) {
  const int32_t in = InputElemType(ctx, 0);
  if (in == TensorProto::STRING) {
    SetOutputElemType(ctx, 0, TensorProto::INT64);
  } else if (in == TensorProto::INT64) {
    SetOutputElemType(ctx, 0, TensorProto::STRING);
  }
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

OpSchema& LabelEncoderMapAttrs(OpSchema& schema, bool with_tensors) {
  schema.Attr("keys_strings", "String keys.", AttributeProto::STRINGS, /*required=*/false)
      .Attr("keys_int64s", "Integer keys.", AttributeProto::INTS, /*required=*/false)
      .Attr("keys_floats", "Float keys.", AttributeProto::FLOATS, /*required=*/false)
      .Attr("values_strings", "String values, one per key.", AttributeProto::STRINGS,
            /*required=*/false)
      .Attr("values_int64s", "Integer values, one per key.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("values_floats", "Float values, one per key.", AttributeProto::FLOATS,
            /*required=*/false)
      .Attr("default_string", "The output for a missing key when the values are strings.",
            AttributeProto::STRING, "_Unused")
      .Attr("default_int64", "The output for a missing key when the values are integers.",
            AttributeProto::INT, int64_t{-1})
      .Attr("default_float", "The output for a missing key when the values are floats.",
            AttributeProto::FLOAT, -0.0f);
  if (with_tensors) {
    schema
        .Attr("keys_tensor", "Keys as a 1-D tensor of the input's element type.",
              AttributeProto::TENSOR, /*required=*/false)
        .Attr("values_tensor", "Values as a 1-D tensor, one per key.", AttributeProto::TENSOR,
              /*required=*/false)
        .Attr("default_tensor",
              "The output for a missing key, as a 1-D tensor of one element of the values' "
              "type.",
              AttributeProto::TENSOR, /*required=*/false);
  }
  return schema;
}

absl::Status InferLabelEncoderMap(InferenceContext& ctx, bool with_tensors) {
  // Finds the one attribute of a keys_*/values_* family that is set.
  auto one_of = [&ctx](std::initializer_list<std::string_view> names, int32_t* elem_type,
                       int64_t* length) -> absl::Status {
    std::string_view found;
    for (std::string_view name : names) {
      if (ctx.attribute(name) == nullptr) continue;
      if (!found.empty()) {
        return InferenceError("only one of the attributes ", Quoted(names), " may be set, got '",
                              found, "' and '", name, "'");
      }
      found = name;
    }
    if (found.empty()) {
      return InferenceError("one of the attributes ", Quoted(names), " must be set");
    }
    return AttrElements(*ctx.attribute(found), found, elem_type, length);
  };
  int32_t key_type = 0, value_type = 0;
  int64_t key_count = 0, value_count = 0;
  if (with_tensors) {
    ONNXFORGE_RETURN_IF_ERROR(one_of({"keys_tensor", "keys_strings", "keys_int64s", "keys_floats"},
                                     &key_type, &key_count));
    ONNXFORGE_RETURN_IF_ERROR(
        one_of({"values_tensor", "values_strings", "values_int64s", "values_floats"}, &value_type,
               &value_count));
  } else {
    ONNXFORGE_RETURN_IF_ERROR(
        one_of({"keys_strings", "keys_int64s", "keys_floats"}, &key_type, &key_count));
    ONNXFORGE_RETURN_IF_ERROR(
        one_of({"values_strings", "values_int64s", "values_floats"}, &value_type, &value_count));
  }
  const int32_t in = InputElemType(ctx, 0);
  if (in != 0 && in != key_type) {
    return InferenceError("input 'X' has element type ", ElementTypeName(in), " but the keys are ",
                          ElementTypeName(key_type));
  }
  if (key_count != value_count) {
    return InferenceError("there are ", key_count, " keys but ", value_count,
                          " values; they pair up one to one");
  }
  if (with_tensors) {
    const AttributeProto* fallback = ctx.attribute("default_tensor");
    if (fallback != nullptr && fallback->has_t() &&
        fallback->t().data_type() != TensorProto::UNDEFINED) {
      if (fallback->t().data_type() != value_type) {
        return InferenceError("attribute 'default_tensor' has element type ",
                              ElementTypeName(fallback->t().data_type()), " but the values are ",
                              ElementTypeName(value_type));
      }
      if (fallback->t().dims_size() != 1 || fallback->t().dims(0) != 1) {
        return InferenceError("attribute 'default_tensor' must be a 1-D tensor of one element");
      }
    }
  }
  SetOutputElemType(ctx, 0, value_type);
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

// ---- Tree ensembles ----

OpSchema& TreeNodeAttrs(OpSchema& schema, bool as_tensor) {
  schema.Attr("nodes_treeids", "The tree of each node.", AttributeProto::INTS, /*required=*/false)
      .Attr("nodes_nodeids", "The id of each node within its tree, counting from 0.",
            AttributeProto::INTS, /*required=*/false)
      .Attr("nodes_featureids", "The feature each node tests.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("nodes_values", "The threshold each node compares its feature with.",
            AttributeProto::FLOATS, /*required=*/false)
      .Attr("nodes_hitrates", "How often each node is reached; informative only.",
            AttributeProto::FLOATS, /*required=*/false)
      .Attr("nodes_modes",
            "The test of each node: BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, BRANCH_EQ, "
            "BRANCH_NEQ, or LEAF for a leaf.",
            AttributeProto::STRINGS, /*required=*/false)
      .Attr("nodes_truenodeids", "The node reached when the test holds.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("nodes_falsenodeids", "The node reached when the test fails.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("nodes_missing_value_tracks_true",
            "Per node: 1 to take the true branch when the feature is NaN, 0 (the default) to "
            "take the false branch.",
            AttributeProto::INTS, /*required=*/false)
      .Attr("base_values", "Added to the summed scores before `post_transform`.",
            AttributeProto::FLOATS, /*required=*/false)
      .Attr("post_transform",
            "Applied to the scores: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO or PROBIT.",
            AttributeProto::STRING, "NONE");
  if (as_tensor) {
    schema
        .Attr("nodes_values_as_tensor",
              "`nodes_values` in double precision; set at most one of the two.",
              AttributeProto::TENSOR, /*required=*/false)
        .Attr("nodes_hitrates_as_tensor",
              "`nodes_hitrates` in double precision; set at most one of the two.",
              AttributeProto::TENSOR, /*required=*/false)
        .Attr("base_values_as_tensor",
              "`base_values` in double precision; set at most one of the two.",
              AttributeProto::TENSOR, /*required=*/false);
  }
  return schema;
}

OpSchema& TreeClassifierFormals(OpSchema& schema, bool as_tensor) {
  schema
      .Attr("class_treeids", "The tree of each leaf vote.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("class_nodeids", "The leaf node of each vote.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("class_ids", "The class (an index into the labels) each vote is for.",
            AttributeProto::INTS, /*required=*/false)
      .Attr("class_weights", "The weight of each vote.", AttributeProto::FLOATS,
            /*required=*/false)
      .Attr("classlabels_strings", "String class labels; set this or `classlabels_int64s`.",
            AttributeProto::STRINGS, /*required=*/false)
      .Attr("classlabels_int64s", "Integer class labels; set this or `classlabels_strings`.",
            AttributeProto::INTS, /*required=*/false);
  if (as_tensor) {
    schema.Attr("class_weights_as_tensor",
                "`class_weights` in double precision; set at most one of the two.",
                AttributeProto::TENSOR, /*required=*/false);
  }
  return schema.Input(0, "X", "The features, [N, F].", "T1")
      .Output(0, "Y", "The winning label of each row, [N].", "T2")
      .Output(1, "Z", "The score of every class for each row, [N, E].", "tensor(float)")
      .TypeConstraint("T1", NumericInputTypes(), "Numeric feature types.")
      .TypeConstraint("T2", types::Tensors({"string", "int64"}), "String or integer labels.")
      .TypeAndShapeInference(InferTreeClassifier);
}

OpSchema& TreeRegressorFormals(OpSchema& schema, bool as_tensor) {
  schema
      .Attr("target_treeids", "The tree of each leaf vote.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("target_nodeids", "The leaf node of each vote.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("target_ids", "The target each vote adds to.", AttributeProto::INTS,
            /*required=*/false)
      .Attr("target_weights", "The weight of each vote.", AttributeProto::FLOATS,
            /*required=*/false)
      .Attr("n_targets", "How many targets each row gets.", AttributeProto::INT,
            /*required=*/false)
      .Attr("aggregate_function",
            "How the votes of the trees combine per target: AVERAGE, SUM, MIN or MAX.",
            AttributeProto::STRING, "SUM");
  if (as_tensor) {
    schema.Attr("target_weights_as_tensor",
                "`target_weights` in double precision; set at most one of the two.",
                AttributeProto::TENSOR, /*required=*/false);
  }
  return schema.Input(0, "X", "The features, [N, F].", "T")
      .Output(0, "Y", "The predicted targets, [N, n_targets].", "tensor(float)")
      .TypeConstraint("T", NumericInputTypes(), "Numeric feature types.")
      .TypeAndShapeInference(InferTreeRegressor);
}

absl::Status InferTreeEnsemble(InferenceContext& ctx) {
  Dim rows;
  ONNXFORGE_RETURN_IF_ERROR(RowsOfMatrix(ctx, &rows));
  const AttributeProto* splits = ctx.attribute("nodes_splits");
  if (splits == nullptr) return InferenceError("attribute 'nodes_splits' is required");
  if (splits->t().dims_size() != 1) {
    return InferenceError("attribute 'nodes_splits' must be a 1-D tensor, got rank ",
                          splits->t().dims_size());
  }
  // The splits fix T when X's type is unknown.
  const int32_t in = InputElemType(ctx, 0);
  const int32_t elem_type = in != 0 ? in : splits->t().data_type();
  if (splits->t().data_type() != elem_type) {
    return InferenceError("attribute 'nodes_splits' has element type ",
                          ElementTypeName(splits->t().data_type()), " but input 'X' is ",
                          ElementTypeName(elem_type));
  }
  const int64_t nodes = splits->t().dims(0);
  const std::string_view per_node = "nodes_splits";
  ONNXFORGE_RETURN_IF_ERROR(
      CheckTreeField(ctx, "nodes_featureids", TensorProto::INT64, nodes, per_node, true));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckTreeField(ctx, "nodes_hitrates", TensorProto::FLOAT, nodes, per_node, false));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckTreeField(ctx, "nodes_modes", TensorProto::UINT8, nodes, per_node, true));
  for (std::string_view name :
       {"nodes_truenodeids", "nodes_falsenodeids", "nodes_trueleafs", "nodes_falseleafs"}) {
    ONNXFORGE_RETURN_IF_ERROR(CheckTreeField(ctx, name, TensorProto::INT64, nodes, per_node, true));
  }
  ONNXFORGE_RETURN_IF_ERROR(CheckTreeField(ctx, "nodes_missing_value_tracks_true",
                                           TensorProto::INT64, nodes, per_node, false));
  if (const AttributeProto* members = ctx.attribute("membership_values")) {
    if (members->t().data_type() != elem_type) {
      return InferenceError("attribute 'membership_values' has element type ",
                            ElementTypeName(members->t().data_type()), " but input 'X' is ",
                            ElementTypeName(elem_type));
    }
  }
  const AttributeProto* target_ids = ctx.attribute("leaf_targetids");
  if (target_ids == nullptr) return InferenceError("attribute 'leaf_targetids' is required");
  ONNXFORGE_RETURN_IF_ERROR(CheckTreeField(ctx, "leaf_weights", elem_type, target_ids->ints_size(),
                                           "leaf_targetids", true));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckIntChoice(ctx, "aggregate_function", 1, 3, "0 (AVERAGE), 1 (SUM), 2 (MIN) or 3 (MAX)"));
  ONNXFORGE_RETURN_IF_ERROR(
      CheckIntChoice(ctx, "post_transform", 0, 4,
                     "0 (NONE), 1 (SOFTMAX), 2 (LOGISTIC), 3 (SOFTMAX_ZERO) or 4 (PROBIT)"));
  Dim targets;
  if (const AttributeProto* n = ctx.attribute("n_targets")) {
    if (n->i() < 1) return InferenceError("attribute 'n_targets' must be at least 1, got ", n->i());
    targets = DimOf(n->i());
  }
  SetOutputElemType(ctx, 0, elem_type);
  SetShape(ctx, 0, {rows, targets});
  return absl::OkStatus();
}

}  // namespace onnxforge::ml
