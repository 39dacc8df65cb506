// Earlier versions of the ai.onnx.ml operators, newest first per op.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/traditionalml/utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- LabelEncoder ----

ONNXFORGE_SCHEMA(OnnxML, LabelEncoder, 2) {
  schema.Doc(
      "Maps each element of X through a lookup table: the i-th key becomes the i-th value, "
      "and a missing key becomes the default of the values' type. Exactly one keys_* and one "
      "values_* attribute give the table; Y has X's shape. Opset 2 replaces the fixed "
      "string/int64 conversion with general string, int64 and float tables.");
  ml::LabelEncoderMapAttrs(schema, /*with_tensors=*/false);
  const auto table_types = types::Tensors({"string", "int64", "float"});
  return schema.Input(0, "X", "The keys to look up; their type is the keys' type.", "T1")
      .Output(0, "Y", "The looked-up values, shaped like X.", "T2")
      .TypeConstraint("T1", table_types, "Key types.")
      .TypeConstraint("T2", table_types, "Value types.")
      .TypeAndShapeInference(
          [](InferenceContext& ctx) { return ml::InferLabelEncoderMap(ctx, false); });
}

ONNXFORGE_SCHEMA(OnnxML, LabelEncoder, 1) {
  return schema
      .Doc(
          "Converts between integers and strings with the list `classes_strings`: an int64 "
          "X becomes the string at that position (default_string when out of range), a "
          "string X becomes its position in the list (default_int64 when absent).")
      .Attr("classes_strings", "The strings, in index order.", AttributeProto::STRINGS,
            /*required=*/false)
      .Attr("default_int64", "The output for a string not in the list.", AttributeProto::INT,
            int64_t{-1})
      .Attr("default_string", "The output for an index outside the list.", AttributeProto::STRING,
            "_Unused")
      .Input(0, "X", "Strings or int64 indices.", "T1")
      .Output(0, "Y", "int64 indices for string input, strings for int64 input.", "T2")
      .TypeConstraint("T1", types::Tensors({"string", "int64"}), "String or int64 input.")
      .TypeConstraint("T2", types::Tensors({"string", "int64"}), "The other of the two.")
      .TypeAndShapeInference(ml::InferLabelEncoder1);
}

// ---- TreeEnsembleClassifier ----

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleClassifier, 3) {
  schema.Doc(
      "Evaluates decision trees given node by node in the nodes_* attributes; the leaves vote "
      "for classes through the class_* attributes, and each row gets the scores of all "
      "classes (Z, after `post_transform`) and the label of the best one (Y). Opset 3 adds "
      "double-precision *_as_tensor forms of the float attributes.");
  ml::TreeNodeAttrs(schema, /*as_tensor=*/true);
  return ml::TreeClassifierFormals(schema, /*as_tensor=*/true);
}

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleClassifier, 1) {
  schema.Doc(
      "Evaluates decision trees given node by node in the nodes_* attributes; the leaves vote "
      "for classes through the class_* attributes, and each row gets the scores of all "
      "classes (Z, after `post_transform`) and the label of the best one (Y).");
  ml::TreeNodeAttrs(schema, /*as_tensor=*/false);
  return ml::TreeClassifierFormals(schema, /*as_tensor=*/false);
}

// ---- TreeEnsembleRegressor ----

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleRegressor, 3) {
  schema.Doc(
      "Evaluates decision trees given node by node in the nodes_* attributes; the leaves add "
      "weights to targets through the target_* attributes, combined across trees by "
      "`aggregate_function`, plus `base_values`, then `post_transform`. Opset 3 adds "
      "double-precision *_as_tensor forms of the float attributes.");
  ml::TreeNodeAttrs(schema, /*as_tensor=*/true);
  return ml::TreeRegressorFormals(schema, /*as_tensor=*/true);
}

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleRegressor, 1) {
  schema.Doc(
      "Evaluates decision trees given node by node in the nodes_* attributes; the leaves add "
      "weights to targets through the target_* attributes, combined across trees by "
      "`aggregate_function`, plus `base_values`, then `post_transform`.");
  ml::TreeNodeAttrs(schema, /*as_tensor=*/false);
  return ml::TreeRegressorFormals(schema, /*as_tensor=*/false);
}

}  // namespace onnxforge
