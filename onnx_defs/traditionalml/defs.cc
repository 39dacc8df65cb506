// The latest version of each ai.onnx.ml operator.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/traditionalml/utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(OnnxML, ArrayFeatureExtractor, 1) {
  return schema
      .Doc(
          "Selects elements along the last axis of X at the positions listed in Y: for X of "
          "shape [..., F] and k indices the output is [..., k]. A 1-D X is read as one row, "
          "so the output is [1, k].")
      .Input(0, "X", "The data to select from.", "T")
      .Input(1, "Y", "Positions along the last axis of X, counting from 0.", "tensor(int64)")
      .Output(0, "Z", "The selected elements.", "T")
      .TypeConstraint("T", types::Tensors({"float", "double", "int64", "int32", "string"}),
                      "Numeric or string data.")
      .TypeAndShapeInference(ml::InferArrayFeatureExtractor);
}

ONNXFORGE_SCHEMA(OnnxML, Binarizer, 1) {
  return schema
      .Doc("Elementwise: Y is 1 where X > threshold and 0 elsewhere, in X's type and shape.")
      .Attr("threshold", "Values above it become 1, the rest 0.", AttributeProto::FLOAT, 0.0f)
      .Input(0, "X", "The data to binarize.", "T")
      .Output(0, "Y", "0 and 1 values, shaped like X.", "T")
      .TypeConstraint("T", ml::NumericInputTypes(), "Numeric data.")
      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);
}

ONNXFORGE_SCHEMA(OnnxML, LabelEncoder, 4) {
  schema.Doc(
      "Maps each element of X through a lookup table: the i-th key becomes the i-th value, "
      "and a missing key becomes the default of the values' type. Exactly one keys_* and one "
      "values_* attribute give the table; the keys' type is X's element type and the values' "
      "type is Y's. Y has X's shape. Float keys match bit for bit, except that a NaN key "
      "matches any NaN. Opset 4 adds keys_tensor, values_tensor and default_tensor, which "
      "allow int16, int32 and double too.");
  ml::LabelEncoderMapAttrs(schema, /*with_tensors=*/true);
  const auto table_types = types::Tensors({"string", "int64", "float", "int32", "int16", "double"});
  return schema.Input(0, "X", "The keys to look up; their type is the keys' type.", "T1")
      .Output(0, "Y", "The looked-up values, shaped like X.", "T2")
      .TypeConstraint("T1", table_types, "Key types.")
      .TypeConstraint("T2", table_types, "Value types.")
      .TypeAndShapeInference(
          [](InferenceContext& ctx) { return ml::InferLabelEncoderMap(ctx, true); });
}

ONNXFORGE_SCHEMA(OnnxML, LinearClassifier, 1) {
  return schema
      .Doc(
          "Scores each row of X against E classes with a linear model: scores = X * W^T + "
          "intercepts, W being `coefficients` read as [E, F]; then applies `post_transform` "
          "and reports the best class's label. With one row of coefficients and two labels "
          "the model is binary and both class scores are output.")
      .Attr("coefficients", "The weights, E rows of F, row by row.", AttributeProto::FLOATS,
            /*required=*/true)
      .Attr("intercepts", "One intercept per class.", AttributeProto::FLOATS, /*required=*/false)
      .Attr("multi_class", "0 for one-vs-rest scoring (the default), else multinomial.",
            AttributeProto::INT, int64_t{0})
      .Attr("classlabels_strings", "String labels; set this or `classlabels_ints`.",
            AttributeProto::STRINGS, /*required=*/false)
      .Attr("classlabels_ints", "Integer labels; set this or `classlabels_strings`.",
            AttributeProto::INTS, /*required=*/false)
      .Attr("post_transform",
            "Applied to the scores: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO or PROBIT.",
            AttributeProto::STRING, "NONE")
      .Input(0, "X", "The features, [N, F] (or [F] for one row).", "T1")
      .Output(0, "Y", "The label of the best class of each row, [N].", "T2")
      .Output(1, "Z", "The score of every class for each row, [N, E].", "tensor(float)")
      .TypeConstraint("T1", ml::NumericInputTypes(), "Numeric feature types.")
      .TypeConstraint("T2", types::Tensors({"string", "int64"}), "String or integer labels.")
      .TypeAndShapeInference(ml::InferLinearClassifier);
}

ONNXFORGE_SCHEMA(OnnxML, LinearRegressor, 1) {
  return schema
      .Doc(
          "Predicts `targets` values per row of X with a linear model: Y = X * W^T + "
          "intercepts, W being `coefficients` read as [targets, F], then `post_transform`.")
      .Attr("coefficients", "The weights, one row of F per target, row by row.",
            AttributeProto::FLOATS, /*required=*/false)
      .Attr("intercepts", "One intercept per target.", AttributeProto::FLOATS,
            /*required=*/false)
      .Attr("targets", "How many values each row gets.", AttributeProto::INT, int64_t{1})
      .Attr("post_transform",
            "Applied to the outputs: NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO or PROBIT.",
            AttributeProto::STRING, "NONE")
      .Input(0, "X", "The features, [N, F] (or [F] for one row).", "T")
      .Output(0, "Y", "The predictions, [N, targets].", "tensor(float)")
      .TypeConstraint("T", ml::NumericInputTypes(), "Numeric feature types.")
      .TypeAndShapeInference(ml::InferLinearRegressor);
}

ONNXFORGE_SCHEMA(OnnxML, Normalizer, 1) {
  return schema
      .Doc(
          "Divides each row of X by one of its norms: MAX (the largest value in the row), L1 "
          "(the sum of absolute values) or L2 (the square root of the sum of squares). A row "
          "whose norm is 0 is left as is. X is [N, C] or a single row [C].")
      .Attr("norm", "Which norm: MAX, L1 or L2.", AttributeProto::STRING, "MAX")
      .Input(0, "X", "The data, [N, C] or [C].", "T")
      .Output(0, "Y", "The normalized rows, shaped like X.", "tensor(float)")
      .TypeConstraint("T", ml::NumericInputTypes(), "Numeric data.")
      .TypeAndShapeInference(ml::InferNormalizer);
}

ONNXFORGE_SCHEMA(OnnxML, Scaler, 1) {
  return schema
      .Doc(
          "Standardizes features: Y = (X - offset) * scale, elementwise along the last axis. "
          "`offset` and `scale` hold one value per feature, or a single value for all.")
      .Attr("offset", "Subtracted first, per feature.", AttributeProto::FLOATS,
            /*required=*/false)
      .Attr("scale", "Multiplied after the offset, per feature.", AttributeProto::FLOATS,
            /*required=*/false)
      .Input(0, "X", "The data to scale.", "T")
      .Output(0, "Y", "The scaled data, shaped like X.", "tensor(float)")
      .TypeConstraint("T", ml::NumericInputTypes(), "Numeric data.")
      .TypeAndShapeInference(ml::InferScaler);
}

ONNXFORGE_SCHEMA(OnnxML, TreeEnsemble, 5) {
  return schema
      .Doc(
          "Evaluates an ensemble of decision trees on each row of X and outputs n_targets "
          "values per row. Interior nodes are described position by position by the nodes_* "
          "attributes, leaves by the leaf_* attributes. A node compares feature "
          "nodes_featureids[i] with nodes_splits[i] by nodes_modes[i] (0 <=, 1 <, 2 >=, 3 >, "
          "4 ==, 5 !=, 6 membership in the node's set from membership_values) and follows "
          "the true or false branch; nodes_trueleafs/nodes_falseleafs say whether that branch "
          "is a leaf (an index into leaf_*) or another node. Each reached leaf adds "
          "leaf_weights to target leaf_targetids; the trees' contributions are combined by "
          "`aggregate_function`, then `post_transform` applies. Replaces "
          "TreeEnsembleRegressor; a classifier is this op followed by ArgMax.")
      .Attr("tree_roots", "The index of each tree's root node in nodes_*.", AttributeProto::INTS,
            /*required=*/true)
      .Attr("nodes_featureids", "The feature each node tests.", AttributeProto::INTS,
            /*required=*/true)
      .Attr("nodes_splits", "The threshold of each node, in X's element type.",
            AttributeProto::TENSOR, /*required=*/true)
      .Attr("nodes_modes",
            "The test of each node, a uint8 tensor: 0 BRANCH_LEQ, 1 BRANCH_LT, 2 BRANCH_GTE, "
            "3 BRANCH_GT, 4 BRANCH_EQ, 5 BRANCH_NEQ, 6 BRANCH_MEMBER.",
            AttributeProto::TENSOR, /*required=*/true)
      .Attr("nodes_truenodeids",
            "Where the true branch goes: a node or, see nodes_trueleafs, a leaf.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("nodes_falsenodeids",
            "Where the false branch goes: a node or, see nodes_falseleafs, a leaf.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("nodes_trueleafs", "1 when the true branch is a leaf, 0 when it is a node.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("nodes_falseleafs", "1 when the false branch is a leaf, 0 when it is a node.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("nodes_missing_value_tracks_true",
            "Per node: 1 to take the true branch when the feature is NaN; 0 (the default) "
            "takes the false branch.",
            AttributeProto::INTS, /*required=*/false)
      .Attr("nodes_hitrates", "How often each node is reached; informative only.",
            AttributeProto::TENSOR, /*required=*/false)
      .Attr("membership_values",
            "The sets of the BRANCH_MEMBER nodes, in node order, separated by NaN; in X's "
            "element type.",
            AttributeProto::TENSOR, /*required=*/false)
      .Attr("leaf_targetids", "The target each leaf adds to, in [0, n_targets).",
            AttributeProto::INTS, /*required=*/true)
      .Attr("leaf_weights", "The value each leaf adds, in X's element type.",
            AttributeProto::TENSOR, /*required=*/true)
      .Attr("n_targets", "How many targets each row gets.", AttributeProto::INT,
            /*required=*/false)
      .Attr("aggregate_function",
            "How the trees combine per target: 0 AVERAGE, 1 SUM (the default), 2 MIN, 3 MAX.",
            AttributeProto::INT, int64_t{1})
      .Attr("post_transform",
            "Applied to the combined values: 0 NONE (the default), 1 SOFTMAX, 2 LOGISTIC, "
            "3 SOFTMAX_ZERO, 4 PROBIT.",
            AttributeProto::INT, int64_t{0})
      .Input(0, "X", "The features, [N, F].", "T")
      .Output(0, "Y", "The predictions, [N, n_targets].", "T")
      .TypeConstraint("T", types::Float(), "Float feature types.")
      .TypeAndShapeInference(ml::InferTreeEnsemble);
}

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleClassifier, 5) {
  schema.Doc(
      "Deprecated in favour of TreeEnsemble followed by ArgMax (and LabelEncoder for the "
      "labels). Evaluates decision trees given node by node in the nodes_* attributes; the "
      "leaves vote for classes through the class_* attributes, and each row gets the scores "
      "of all classes (Z, after `post_transform`) and the label of the best one (Y).");
  schema.Deprecate();
  ml::TreeNodeAttrs(schema, /*as_tensor=*/true);
  return ml::TreeClassifierFormals(schema, /*as_tensor=*/true);
}

ONNXFORGE_SCHEMA(OnnxML, TreeEnsembleRegressor, 5) {
  schema.Doc(
      "Deprecated in favour of TreeEnsemble, which covers the same models. Evaluates decision "
      "trees given node by node in the nodes_* attributes; the leaves add weights to targets "
      "through the target_* attributes, combined across trees by `aggregate_function`.");
  schema.Deprecate();
  ml::TreeNodeAttrs(schema, /*as_tensor=*/true);
  return ml::TreeRegressorFormals(schema, /*as_tensor=*/true);
}

ONNXFORGE_SCHEMA(OnnxML, ZipMap, 1) {
  return schema
      .Doc(
          "Turns each row of X into a map from class label to score: row i becomes "
          "{labels[j]: X[i, j]}. Exactly one of classlabels_strings and classlabels_int64s "
          "gives the labels, one per column of X.")
      .Attr("classlabels_strings", "String keys, one per column.", AttributeProto::STRINGS,
            /*required=*/false)
      .Attr("classlabels_int64s", "Integer keys, one per column.", AttributeProto::INTS,
            /*required=*/false)
      .Input(0, "X", "The scores, [N, C] or [C].", "tensor(float)")
      .Output(0, "Z", "One map per row.", "T")
      .TypeConstraint("T", {"seq(map(string, float))", "seq(map(int64, float))"},
                      "A sequence of maps keyed by the label type.")
      .TypeAndShapeInference(ml::InferZipMap);
}

}  // namespace onnxforge
