// Kernels of the ai.onnx.ml operators: linear models, feature transforms,
// tree ensembles (evaluated by tree_ensemble.h), ZipMap and LabelEncoder.
//
// Scores compute in double and are stored as float, the type the schemas
// give the score outputs. Where ONNX's text leaves a case open, the kernels
// follow ONNX's Python reference, and onnxruntime where that reference
// departs from ONNX's own formula; the op comments say where and how.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/base/casts.h"
#include "absl/container/flat_hash_map.h"
#include "reference/kernel.h"
#include "reference/ops/ml_scores.h"
#include "reference/ops/tree_ensemble.h"

namespace onnxforge::reference {
namespace {

using ml::PostTransform;

// ---- Shared helpers ---------------------------------------------------------------

// The rows and features of a model's input: [N, F], or [F] read as one row.
absl::Status RowsAndFeatures(const Tensor& x, int64_t* rows, int64_t* features) {
  if (x.rank() == 1) {
    *rows = 1;
    *features = x.dim(0);
  } else if (x.rank() == 2) {
    *rows = x.dim(0);
    *features = x.dim(1);
  } else {
    return KernelError("input 'X' must be [N, F] (or [F] for one row), got shape ",
                       x.DebugString());
  }
  return absl::OkStatus();
}

absl::StatusOr<PostTransform> StringPostTransform(const KernelContext& ctx) {
  return ml::ParsePostTransform(ctx.attr_string("post_transform", "NONE"));
}

// A FLOATS attribute or its double-precision twin `<name>_as_tensor`; at most
// one may be set. `from_double`, when given, tells whether the values came
// from a double tensor.
absl::StatusOr<std::vector<double>> FloatsOrTensor(const KernelContext& ctx,
                                                   const std::string& name,
                                                   bool* from_double = nullptr) {
  const std::string tensor_name = name + "_as_tensor";
  const bool has_tensor = ctx.attribute(tensor_name) != nullptr;
  if (from_double != nullptr) *from_double = false;
  if (ctx.attribute(name) != nullptr && has_tensor) {
    return KernelError("set only one of the attributes '", name, "' and '", tensor_name, "'");
  }
  if (!has_tensor) {
    const std::vector<float> floats = ctx.attr_floats(name, {});
    return std::vector<double>(floats.begin(), floats.end());
  }
  const Tensor t = ctx.attr_tensor(tensor_name);
  if (from_double != nullptr) *from_double = t.type() == TensorProto::DOUBLE;
  absl::StatusOr<std::vector<double>> values = t.ToDoubles();
  if (!values.ok()) {
    return KernelError("attribute '", tensor_name, "': ", values.status().message());
  }
  return values;
}

// Per-target constants (`base_values`, `offset`, `scale`): none, one for
// all, or one per target.
absl::StatusOr<std::vector<double>> PerTarget(const std::vector<double>& values, int64_t targets,
                                              double fill, const std::string& attr,
                                              const std::string& what) {
  if (values.empty()) return std::vector<double>(targets, fill);
  if (values.size() == 1) return std::vector<double>(targets, values[0]);
  if (static_cast<int64_t>(values.size()) == targets) return values;
  return KernelError("attribute '", attr, "' has ", values.size(), " values; it needs one per ",
                     what, " (", targets, ") or a single one for all");
}

// The class labels of a classifier: strings, integers, or (for
// LinearClassifier) none, in which case a label is its class index.
struct ClassLabels {
  std::vector<std::string> strings;
  std::vector<int64_t> ints;
  bool are_strings = false;
  int64_t size() const {
    return are_strings ? static_cast<int64_t>(strings.size()) : static_cast<int64_t>(ints.size());
  }
};

absl::StatusOr<ClassLabels> ReadClassLabels(const KernelContext& ctx, const std::string& ints_attr,
                                            bool required) {
  ClassLabels labels;
  labels.strings = ctx.attr_strings("classlabels_strings", {});
  labels.ints = ctx.attr_ints(ints_attr, {});
  labels.are_strings = !labels.strings.empty();
  if (!labels.strings.empty() && !labels.ints.empty()) {
    return KernelError("set only one of the attributes 'classlabels_strings' and '", ints_attr,
                       "'");
  }
  if (required && labels.size() == 0) {
    return KernelError("one of the attributes 'classlabels_strings' and '", ints_attr,
                       "' must list the class labels");
  }
  return labels;
}

// The labels picked per row: picks[i] indexes the labels; -1 stands for
// "no class" (0, or the empty string). Without labels a pick is its index.
Tensor LabelTensor(const ClassLabels& labels, const std::vector<int64_t>& picks) {
  const std::vector<int64_t> shape = {static_cast<int64_t>(picks.size())};
  if (labels.are_strings) {
    Tensor y(TensorProto::STRING, shape);
    auto out = y.mutable_data<std::string>();
    for (size_t i = 0; i < picks.size(); ++i) {
      out[i] = picks[i] < 0 ? std::string() : labels.strings[picks[i]];
    }
    return y;
  }
  Tensor y(TensorProto::INT64, shape);
  auto out = y.mutable_data<int64_t>();
  for (size_t i = 0; i < picks.size(); ++i) {
    if (picks[i] < 0) {
      out[i] = 0;
    } else {
      out[i] = labels.ints.empty() ? picks[i] : labels.ints[picks[i]];
    }
  }
  return y;
}

// ---- Linear models -------------------------------------------------------------------

// scores[r, c] = sum_f x[r, f] * w[c, f] + intercept[c], for the rows of X.
std::vector<double> LinearScores(const std::vector<double>& x, int64_t rows, int64_t features,
                                 const std::vector<float>& weights,
                                 const std::vector<double>& intercepts) {
  const int64_t outputs = static_cast<int64_t>(intercepts.size());
  std::vector<double> scores(rows * outputs);
  for (int64_t r = 0; r < rows; ++r) {
    const double* row = x.data() + r * features;
    for (int64_t c = 0; c < outputs; ++c) {
      const float* w = weights.data() + c * features;
      double sum = intercepts[c];
      for (int64_t f = 0; f < features; ++f) sum += row[f] * w[f];
      scores[r * outputs + c] = sum;
    }
  }
  return scores;
}

// The number of weight rows in `coefficients` for `features` columns.
absl::StatusOr<int64_t> WeightRows(const std::vector<float>& coefficients, int64_t features,
                                   const Tensor& x) {
  const int64_t count = static_cast<int64_t>(coefficients.size());
  if (count == 0) return KernelError("attribute 'coefficients' is empty");
  if (features == 0 || count % features != 0) {
    return KernelError("attribute 'coefficients' has ", count,
                       " values, which is not a whole number of rows of the ", features,
                       " features of input 'X' ", x.DebugString());
  }
  return count / features;
}

// Scores each row against E classes: X * W^T + intercepts, then
// post_transform, then the label of the best class. A binary model (one
// weight row, two labels) scores the classes as -s and s. With one score
// column and no binary labels, the label is the first label (or 1 without
// labels) when the transformed score reaches 0 (NONE) or 0.5 (otherwise),
// and 0 (or "") below, as ONNX's reference does.
ONNXFORGE_KERNEL(OnnxML, LinearClassifier, 1, 1) {
  const Tensor& x = ctx.input(0);
  const std::vector<float> coefficients = ctx.attr_floats("coefficients");
  ONNXFORGE_ASSIGN_OR_RETURN(const ClassLabels labels,
                             ReadClassLabels(ctx, "classlabels_ints", /*required=*/false));
  ONNXFORGE_ASSIGN_OR_RETURN(const PostTransform post, StringPostTransform(ctx));
  int64_t rows = 0, features = 0;
  ONNXFORGE_RETURN_IF_ERROR(RowsAndFeatures(x, &rows, &features));
  ONNXFORGE_ASSIGN_OR_RETURN(const int64_t classes, WeightRows(coefficients, features, x));
  const std::vector<float> intercept_list = ctx.attr_floats("intercepts", {});
  if (!intercept_list.empty() && static_cast<int64_t>(intercept_list.size()) != classes) {
    return KernelError("attribute 'intercepts' has ", intercept_list.size(),
                       " values but 'coefficients' holds ", classes, " weight rows");
  }
  std::vector<double> intercepts(intercept_list.begin(), intercept_list.end());
  intercepts.resize(classes, 0.0);

  const bool binary = classes == 1 && labels.size() == 2;
  const int64_t columns = binary ? 2 : classes;
  if (columns > 1 && labels.size() != 0 && labels.size() < columns) {
    return KernelError("there are ", columns, " classes but only ", labels.size(),
                       " class labels");
  }
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> xs, x.ToDoubles());
  const std::vector<double> scores = LinearScores(xs, rows, features, coefficients, intercepts);

  ONNXFORGE_ASSIGN_OR_RETURN(Tensor z, Tensor::Create(TensorProto::FLOAT, {rows, columns}));
  auto z_out = z.mutable_data<float>();
  std::vector<int64_t> picks(rows);
  std::vector<double> row(columns);
  for (int64_t r = 0; r < rows; ++r) {
    if (binary) {
      row = {-scores[r], scores[r]};
    } else {
      std::copy_n(scores.begin() + r * classes, classes, row.begin());
    }
    ml::ApplyPostTransform(post, absl::MakeSpan(row));
    for (int64_t c = 0; c < columns; ++c) z_out[r * columns + c] = static_cast<float>(row[c]);
    if (columns > 1) {
      picks[r] = ml::ArgMax(row);
    } else {
      const bool positive = row[0] >= (post == PostTransform::kNone ? 0.0 : 0.5);
      // Index 0 is the first label, or the value 0 without labels; with
      // labels, below the threshold gives the "no class" label.
      picks[r] = positive ? (labels.size() == 0 ? 1 : 0) : (labels.size() == 0 ? 0 : -1);
    }
  }
  ctx.set_output(0, LabelTensor(labels, picks));
  ctx.set_output(1, std::move(z));
  return absl::OkStatus();
}

// Y = X * W^T + intercepts, W being `targets` rows of F weights, then
// post_transform over each row's targets.
ONNXFORGE_KERNEL(OnnxML, LinearRegressor, 1, 1) {
  const Tensor& x = ctx.input(0);
  const std::vector<float> coefficients = ctx.attr_floats("coefficients", {});
  const int64_t targets = ctx.attr_int("targets", 1);
  ONNXFORGE_ASSIGN_OR_RETURN(const PostTransform post, StringPostTransform(ctx));
  if (targets < 1) return KernelError("attribute 'targets' must be at least 1, got ", targets);
  int64_t rows = 0, features = 0;
  ONNXFORGE_RETURN_IF_ERROR(RowsAndFeatures(x, &rows, &features));
  const int64_t count = static_cast<int64_t>(coefficients.size());
  if (features == 0 || count % features != 0 || count / features != targets) {
    return KernelError("attribute 'coefficients' has ", count,
                       " values but needs one per target and feature: ", targets,
                       " targets x ", features, " features of input 'X' ", x.DebugString());
  }
  const std::vector<float> intercept_list = ctx.attr_floats("intercepts", {});
  if (!intercept_list.empty() && static_cast<int64_t>(intercept_list.size()) != targets) {
    return KernelError("attribute 'intercepts' has ", intercept_list.size(),
                       " values but there are ", targets, " targets");
  }
  std::vector<double> intercepts(intercept_list.begin(), intercept_list.end());
  intercepts.resize(targets, 0.0);
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> xs, x.ToDoubles());
  std::vector<double> scores = LinearScores(xs, rows, features, coefficients, intercepts);

  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(TensorProto::FLOAT, {rows, targets}));
  auto out = y.mutable_data<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const absl::Span<double> row(scores.data() + r * targets, targets);
    ml::ApplyPostTransform(post, row);
    for (int64_t t = 0; t < targets; ++t) out[r * targets + t] = static_cast<float>(row[t]);
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Feature transforms ----------------------------------------------------------------

using MlNumeric = TypeList<float, double, int64_t, int32_t>;

// Y = 1 where X > threshold, else 0, in X's type; NaN gives 0.
ONNXFORGE_KERNEL(OnnxML, Binarizer, 1, 1) {
  const Tensor& x = ctx.input(0);
  const double threshold = ctx.attr_float("threshold", 0.0f);
  return Dispatch<MlNumeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ctx.set_output(0, UnaryMap<T, T>(x, [threshold](T v) {
                     return static_cast<double>(v) > threshold ? T(1) : T(0);
                   }));
    return absl::OkStatus();
  });
}

// Y = (X - offset) * scale along the last axis; each list has one value per
// feature or a single value for all. A missing list offsets by 0 or scales by 1.
ONNXFORGE_KERNEL(OnnxML, Scaler, 1, 1) {
  const Tensor& x = ctx.input(0);
  const int64_t features = x.rank() == 0 ? 1 : x.dim(x.rank() - 1);
  const std::vector<float> offset_list = ctx.attr_floats("offset", {});
  const std::vector<float> scale_list = ctx.attr_floats("scale", {});
  ONNXFORGE_ASSIGN_OR_RETURN(
      const std::vector<double> offset,
      PerTarget(std::vector<double>(offset_list.begin(), offset_list.end()), features, 0.0,
                "offset", "feature of input 'X' " + x.DebugString()));
  ONNXFORGE_ASSIGN_OR_RETURN(
      const std::vector<double> scale,
      PerTarget(std::vector<double>(scale_list.begin(), scale_list.end()), features, 1.0,
                "scale", "feature of input 'X' " + x.DebugString()));
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> xs, x.ToDoubles());
  Tensor y(TensorProto::FLOAT, x.shape());
  auto out = y.mutable_data<float>();
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t f = i % features;
    out[i] = static_cast<float>((xs[i] - offset[f]) * scale[f]);
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// Divides each row by its MAX (largest value), L1 (sum of absolute values)
// or L2 (root of the sum of squares) norm; a row whose divisor is 0 stays as
// it is. The rows run along axis 1 (axis 0 of a 1-D X), as in onnxruntime,
// which also takes MAX as the signed maximum as ONNX's formula writes it.
ONNXFORGE_KERNEL(OnnxML, Normalizer, 1, 1) {
  const Tensor& x = ctx.input(0);
  const std::string norm = ctx.attr_string("norm", "MAX");
  if (norm != "MAX" && norm != "L1" && norm != "L2") {
    return KernelError("attribute 'norm' must be MAX, L1 or L2, got '", norm, "'");
  }
  if (x.rank() == 0) return KernelError("input 'X' must be [N, C] or [C], got a scalar");
  // Rows are strided: `length` values, `stride` apart.
  const int64_t length = x.rank() == 1 ? x.dim(0) : x.dim(1);
  int64_t stride = 1;
  for (int64_t a = 2; a < x.rank(); ++a) stride *= x.dim(a);
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> xs, x.ToDoubles());
  Tensor y(TensorProto::FLOAT, x.shape());
  auto out = y.mutable_data<float>();
  const int64_t block = length * stride;
  for (int64_t start = 0; start < x.size(); start += block) {
    for (int64_t inner = 0; inner < stride; ++inner) {
      const int64_t first = start + inner;
      double divisor = 0;
      if (norm == "MAX") {
        divisor = -std::numeric_limits<double>::infinity();
        for (int64_t k = 0; k < length; ++k) divisor = std::max(divisor, xs[first + k * stride]);
      } else {
        for (int64_t k = 0; k < length; ++k) {
          const double v = xs[first + k * stride];
          divisor += norm == "L1" ? std::abs(v) : v * v;
        }
        if (norm == "L2") divisor = std::sqrt(divisor);
      }
      for (int64_t k = 0; k < length; ++k) {
        const double v = xs[first + k * stride];
        out[first + k * stride] = static_cast<float>(divisor == 0 ? v : v / divisor);
      }
    }
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// Z = X[..., Y]: the positions listed in Y (any shape, read flat) along the
// last axis. A 1-D X is one row, so Z is [1, k].
ONNXFORGE_KERNEL(OnnxML, ArrayFeatureExtractor, 1, 1) {
  const Tensor& x = ctx.input(0);
  const Tensor& y = ctx.input(1);
  if (x.rank() == 0) return KernelError("input 'X' must have at least one axis, got a scalar");
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<int64_t> indices, y.ToInt64s());
  const int64_t width = x.dim(x.rank() - 1);
  for (size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] < 0 || indices[i] >= width) {
      return KernelError("input 'Y' holds ", indices[i], " at position ", i,
                         "; positions along the last axis of input 'X' ", x.DebugString(),
                         " are 0 to ", width - 1);
    }
  }
  const int64_t picked = static_cast<int64_t>(indices.size());
  std::vector<int64_t> shape(x.shape().begin(), x.shape().end() - 1);
  if (shape.empty()) shape.push_back(1);
  shape.push_back(picked);
  const int64_t rows = width == 0 ? 0 : x.size() / width;
  return Dispatch<TypeList<float, double, int64_t, int32_t, std::string>>(
      x.type(), [&](auto tag) -> absl::Status {
        using T = ONNXFORGE_TYPE(tag);
        ONNXFORGE_ASSIGN_OR_RETURN(Tensor z, Tensor::Create(x.type(), shape));
        const auto in = x.data<T>();
        auto out = z.mutable_data<T>();
        for (int64_t r = 0; r < rows && picked > 0; ++r) {
          for (int64_t k = 0; k < picked; ++k) out[r * picked + k] = in[r * width + indices[k]];
        }
        ctx.set_output(0, std::move(z));
        return absl::OkStatus();
      });
}

// One map per row of X: {label[j]: X[i, j]}; a 1-D X is one row.
ONNXFORGE_KERNEL(OnnxML, ZipMap, 1, 1) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(const ClassLabels labels,
                             ReadClassLabels(ctx, "classlabels_int64s", /*required=*/true));
  if (x.type() != TensorProto::FLOAT) {
    return KernelError("input 'X' must be float, got ", ElementTypeString(x.type()));
  }
  int64_t rows = 0, columns = 0;
  ONNXFORGE_RETURN_IF_ERROR(RowsAndFeatures(x, &rows, &columns));
  if (columns != labels.size()) {
    return KernelError("input 'X' ", x.DebugString(), " has ", columns, " columns but there are ",
                       labels.size(), " class labels; they pair up one to one");
  }
  TypeProto score_type;
  score_type.mutable_tensor_type()->set_elem_type(TensorProto::FLOAT);
  score_type.mutable_tensor_type()->mutable_shape();
  TypeProto map_type;
  map_type.mutable_map_type()->set_key_type(labels.are_strings ? TensorProto::STRING
                                                               : TensorProto::INT64);
  *map_type.mutable_map_type()->mutable_value_type() = score_type;

  const auto scores = x.data<float>();
  std::vector<Value> maps;
  maps.reserve(rows);
  for (int64_t r = 0; r < rows; ++r) {
    MapValue map;
    map.key_type = labels.are_strings ? TensorProto::STRING : TensorProto::INT64;
    map.value_type = score_type;
    if (labels.are_strings) {
      map.string_keys = labels.strings;
    } else {
      map.int_keys = labels.ints;
    }
    map.values.reserve(columns);
    for (int64_t c = 0; c < columns; ++c) {
      map.values.push_back(Tensor::Scalar<float>(scores[r * columns + c]));
    }
    maps.push_back(Value::Map(std::move(map)));
  }
  ctx.set_output(0, Value::Sequence(std::move(maps), map_type));
  return absl::OkStatus();
}

// ---- Tree ensembles ---------------------------------------------------------------------

// An INTS attribute viewed in place (empty when absent; a wrong type is
// recorded as the getters record it).
absl::Span<const int64_t> IntsView(const KernelContext& ctx, const std::string& name) {
  const AttributeProto* a = ctx.attribute(name);
  if (a == nullptr) return {};
  if (a->type() != AttributeProto::INTS && a->type() != AttributeProto::UNDEFINED) {
    ctx.attr_ints(name, {});  // records the type error
    return {};
  }
  return absl::MakeConstSpan(a->ints().data(), a->ints_size());
}

// The ml-1/3 node attributes and the leaf votes named `<prefix>_*`.
// `double_thresholds` tells whether the thresholds came in double precision.
absl::StatusOr<trees::ListedTrees> ReadListedTrees(const KernelContext& ctx,
                                                   const std::string& prefix,
                                                   bool* double_thresholds) {
  trees::ListedTrees t;
  t.tree_ids = IntsView(ctx, "nodes_treeids");
  t.node_ids = IntsView(ctx, "nodes_nodeids");
  t.feature_ids = IntsView(ctx, "nodes_featureids");
  if (const AttributeProto* modes = ctx.attribute("nodes_modes")) {
    t.modes.reserve(modes->strings_size());
    for (int i = 0; i < modes->strings_size(); ++i) {
      ONNXFORGE_ASSIGN_OR_RETURN(const trees::NodeMode mode,
                                 trees::ParseNodeMode(modes->strings(i), i));
      t.modes.push_back(mode);
    }
  }
  ONNXFORGE_ASSIGN_OR_RETURN(t.values, FloatsOrTensor(ctx, "nodes_values", double_thresholds));
  t.true_node_ids = IntsView(ctx, "nodes_truenodeids");
  t.false_node_ids = IntsView(ctx, "nodes_falsenodeids");
  t.missing_tracks_true = IntsView(ctx, "nodes_missing_value_tracks_true");
  t.vote_tree_ids = IntsView(ctx, prefix + "_treeids");
  t.vote_node_ids = IntsView(ctx, prefix + "_nodeids");
  t.vote_targets = IntsView(ctx, prefix + "_ids");
  ONNXFORGE_ASSIGN_OR_RETURN(t.vote_weights, FloatsOrTensor(ctx, prefix + "_weights"));
  t.vote_prefix = prefix;
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();
  return t;
}

// n_targets, or when absent one more than the largest target the leaves
// name; large enough counts are refused before anything is sized by them.
absl::StatusOr<int64_t> TargetCount(const KernelContext& ctx, absl::Span<const int64_t> ids) {
  int64_t targets = ctx.attr_int("n_targets", 0);
  if (!ctx.has_attr("n_targets")) {
    targets = 1;
    for (int64_t id : ids) {
      if (id >= targets) targets = id < std::numeric_limits<int64_t>::max() ? id + 1 : id;
    }
  }
  if (targets < 1) return KernelError("attribute 'n_targets' must be at least 1, got ", targets);
  if (targets > kMaxTensorBytes / static_cast<int64_t>(sizeof(double))) {
    return KernelError("there are ", targets, " targets, more than the evaluator can hold");
  }
  return targets;
}

// Integer features compare in double so that no value rounds.
bool NeedsDoubleThresholds(int32_t x_type, bool thresholds_are_double) {
  return thresholds_are_double || x_type == TensorProto::DOUBLE || x_type == TensorProto::INT64 ||
         x_type == TensorProto::INT32;
}

// The tree ensemble kernels compile their attributes once per node and X
// element type (which decides whether thresholds compare in double): the
// compiled trees and the rest of what the attributes give are kept across
// runs (KernelContext::KeptState), so a run only walks the trees.

// What TreeEnsembleClassifier's attributes give.
struct ClassifierTrees {
  ClassLabels labels;
  PostTransform post = PostTransform::kNone;
  std::vector<double> base;  // per class
  trees::CompiledTrees compiled;
  bool binary = false;  // two labels, every vote for one class
  int64_t voted_class = 0;
};

absl::StatusOr<ClassifierTrees> CompileClassifier(const KernelContext& ctx, int32_t x_type) {
  ClassifierTrees t;
  ONNXFORGE_ASSIGN_OR_RETURN(t.labels,
                             ReadClassLabels(ctx, "classlabels_int64s", /*required=*/true));
  ONNXFORGE_ASSIGN_OR_RETURN(t.post, StringPostTransform(ctx));
  bool double_values = false;
  ONNXFORGE_ASSIGN_OR_RETURN(const trees::ListedTrees listed,
                             ReadListedTrees(ctx, "class", &double_values));
  const int64_t classes = t.labels.size();
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> base_list,
                             FloatsOrTensor(ctx, "base_values"));
  ONNXFORGE_ASSIGN_OR_RETURN(t.base, PerTarget(base_list, classes, 0.0, "base_values", "class"));
  ONNXFORGE_ASSIGN_OR_RETURN(
      t.compiled, trees::CompiledTrees::FromListed(listed, classes, trees::Aggregate::kSum,
                                                   NeedsDoubleThresholds(x_type, double_values)));
  const std::set<int64_t> voted(listed.vote_targets.begin(), listed.vote_targets.end());
  t.binary = classes == 2 && voted.size() == 1;
  t.voted_class = t.binary ? *voted.begin() : 0;
  return t;
}

// Each row's class scores are the summed votes plus base_values, then
// post_transform; the label is the best class's. Binary models, as ONNX's
// reference defines them: with two labels and every vote for the same class
// c, the trees give one score v = votes + base_values[c], and the classes
// score (1 - v, v) under NONE and PROBIT, (-v, v) under the other
// transforms, before the transform applies.
ONNXFORGE_KERNEL(OnnxML, TreeEnsembleClassifier, 1, 5) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(
      const std::shared_ptr<const ClassifierTrees> kept,
      ctx.KeptState<ClassifierTrees>(x.type(), [&] { return CompileClassifier(ctx, x.type()); }));
  const ClassLabels& labels = kept->labels;
  const PostTransform post = kept->post;
  const std::vector<double>& base = kept->base;
  const int64_t classes = labels.size();
  int64_t rows = 0;
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> scores, kept->compiled.Evaluate(x, &rows));

  const bool binary = kept->binary;
  const int64_t voted_class = kept->voted_class;
  Tensor z(TensorProto::FLOAT, {rows, classes});
  auto z_out = z.mutable_data<float>();
  std::vector<int64_t> picks(rows);
  std::vector<double> row(classes);
  for (int64_t r = 0; r < rows; ++r) {
    const double* s = scores.data() + r * classes;
    if (binary) {
      const double v = s[voted_class] + base[voted_class];
      const bool complement = post == PostTransform::kNone || post == PostTransform::kProbit;
      row = {complement ? 1.0 - v : -v, v};
    } else {
      for (int64_t c = 0; c < classes; ++c) row[c] = s[c] + base[c];
    }
    ml::ApplyPostTransform(post, absl::MakeSpan(row));
    for (int64_t c = 0; c < classes; ++c) z_out[r * classes + c] = static_cast<float>(row[c]);
    picks[r] = ml::ArgMax(row);
  }
  ctx.set_output(0, LabelTensor(labels, picks));
  ctx.set_output(1, std::move(z));
  return absl::OkStatus();
}

// Y[r, t] = the trees' votes for target t combined by aggregate_function,
// plus base_values[t], then post_transform over the row. Without n_targets
// the targets are those the votes name.
// What TreeEnsembleRegressor's attributes give.
struct RegressorTrees {
  PostTransform post = PostTransform::kNone;
  int64_t targets = 1;
  std::vector<double> base;  // per target
  trees::CompiledTrees compiled;
};

absl::StatusOr<RegressorTrees> CompileRegressor(const KernelContext& ctx, int32_t x_type) {
  RegressorTrees t;
  ONNXFORGE_ASSIGN_OR_RETURN(t.post, StringPostTransform(ctx));
  ONNXFORGE_ASSIGN_OR_RETURN(const trees::Aggregate aggregate,
                             trees::ParseAggregate(ctx.attr_string("aggregate_function", "SUM")));
  bool double_values = false;
  ONNXFORGE_ASSIGN_OR_RETURN(const trees::ListedTrees listed,
                             ReadListedTrees(ctx, "target", &double_values));
  ONNXFORGE_ASSIGN_OR_RETURN(t.targets, TargetCount(ctx, listed.vote_targets));
  ONNXFORGE_ASSIGN_OR_RETURN(const std::vector<double> base_list,
                             FloatsOrTensor(ctx, "base_values"));
  ONNXFORGE_ASSIGN_OR_RETURN(t.base,
                             PerTarget(base_list, t.targets, 0.0, "base_values", "target"));
  ONNXFORGE_ASSIGN_OR_RETURN(
      t.compiled, trees::CompiledTrees::FromListed(listed, t.targets, aggregate,
                                                   NeedsDoubleThresholds(x_type, double_values)));
  return t;
}

ONNXFORGE_KERNEL(OnnxML, TreeEnsembleRegressor, 1, 5) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(
      const std::shared_ptr<const RegressorTrees> kept,
      ctx.KeptState<RegressorTrees>(x.type(), [&] { return CompileRegressor(ctx, x.type()); }));
  const PostTransform post = kept->post;
  const int64_t targets = kept->targets;
  const std::vector<double>& base = kept->base;
  int64_t rows = 0;
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<double> scores, kept->compiled.Evaluate(x, &rows));

  Tensor y(TensorProto::FLOAT, {rows, targets});
  auto out = y.mutable_data<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const absl::Span<double> row(scores.data() + r * targets, targets);
    for (int64_t t = 0; t < targets; ++t) row[t] += base[t];
    ml::ApplyPostTransform(post, row);
    for (int64_t t = 0; t < targets; ++t) out[r * targets + t] = static_cast<float>(row[t]);
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// The values of an optional TENSOR attribute as doubles (empty when absent).
absl::StatusOr<std::vector<double>> OptionalTensorDoubles(const KernelContext& ctx,
                                                          const std::string& name,
                                                          int32_t* type = nullptr) {
  if (ctx.attribute(name) == nullptr) return std::vector<double>();
  const Tensor t = ctx.attr_tensor(name);
  if (type != nullptr) *type = t.type();
  absl::StatusOr<std::vector<double>> values = t.ToDoubles();
  if (!values.ok()) return KernelError("attribute '", name, "': ", values.status().message());
  return values;
}

// What TreeEnsemble's attributes give.
struct EnsembleTrees {
  PostTransform post = PostTransform::kNone;
  int64_t targets = 1;
  trees::CompiledTrees compiled;
};

absl::StatusOr<EnsembleTrees> CompileEnsemble(const KernelContext& ctx, int32_t x_type) {
  EnsembleTrees e;
  ONNXFORGE_ASSIGN_OR_RETURN(e.post,
                             ml::PostTransformFromCode(ctx.attr_int("post_transform", 0)));
  ONNXFORGE_ASSIGN_OR_RETURN(const trees::Aggregate aggregate,
                             trees::AggregateFromCode(ctx.attr_int("aggregate_function", 1)));
  for (const char* name : {"tree_roots", "nodes_featureids", "nodes_splits", "nodes_modes",
                           "nodes_truenodeids", "nodes_falsenodeids", "nodes_trueleafs",
                           "nodes_falseleafs", "leaf_targetids", "leaf_weights"}) {
    if (ctx.attribute(name) == nullptr) return KernelError("attribute '", name, "' is required");
  }
  trees::IndexedTrees t;
  t.tree_roots = IntsView(ctx, "tree_roots");
  t.feature_ids = IntsView(ctx, "nodes_featureids");
  int32_t splits_type = TensorProto::UNDEFINED;
  ONNXFORGE_ASSIGN_OR_RETURN(t.splits, OptionalTensorDoubles(ctx, "nodes_splits", &splits_type));
  const Tensor modes = ctx.attr_tensor("nodes_modes");
  if (modes.type() != TensorProto::UINT8 && ctx.recorded_error().ok()) {
    return KernelError("attribute 'nodes_modes' must be a uint8 tensor, got ",
                       modes.DebugString());
  }
  for (uint8_t m : modes.data<uint8_t>()) t.modes.push_back(m);
  t.true_node_ids = IntsView(ctx, "nodes_truenodeids");
  t.false_node_ids = IntsView(ctx, "nodes_falsenodeids");
  t.true_leafs = IntsView(ctx, "nodes_trueleafs");
  t.false_leafs = IntsView(ctx, "nodes_falseleafs");
  t.missing_tracks_true = IntsView(ctx, "nodes_missing_value_tracks_true");
  ONNXFORGE_ASSIGN_OR_RETURN(t.membership_values,
                             OptionalTensorDoubles(ctx, "membership_values"));
  t.leaf_targets = IntsView(ctx, "leaf_targetids");
  ONNXFORGE_ASSIGN_OR_RETURN(t.leaf_weights, OptionalTensorDoubles(ctx, "leaf_weights"));
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();

  ONNXFORGE_ASSIGN_OR_RETURN(e.targets, TargetCount(ctx, t.leaf_targets));
  const bool double_thresholds =
      x_type == TensorProto::DOUBLE || splits_type == TensorProto::DOUBLE;
  ONNXFORGE_ASSIGN_OR_RETURN(
      e.compiled, trees::CompiledTrees::FromIndexed(t, e.targets, aggregate, double_thresholds));
  return e;
}

// Y[r, t] = the votes of the leaves reached for target t, combined by
// aggregate_function (0 AVERAGE, 1 SUM, 2 MIN, 3 MAX), then post_transform;
// in X's type. Without n_targets the targets are those the leaves name.
ONNXFORGE_KERNEL(OnnxML, TreeEnsemble, 5, 5) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(
      const std::shared_ptr<const EnsembleTrees> kept,
      ctx.KeptState<EnsembleTrees>(x.type(), [&] { return CompileEnsemble(ctx, x.type()); }));
  const PostTransform post = kept->post;
  const int64_t targets = kept->targets;
  int64_t rows = 0;
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<double> scores, kept->compiled.Evaluate(x, &rows));
  for (int64_t r = 0; r < rows; ++r) {
    ml::ApplyPostTransform(post, absl::MakeSpan(scores.data() + r * targets, targets));
  }
  return Dispatch<TypeList<float, double, Float16, BFloat16>>(
      x.type(), [&](auto tag) -> absl::Status {
        using T = ONNXFORGE_TYPE(tag);
        Tensor y(x.type(), {rows, targets});
        auto out = y.mutable_data<T>();
        for (size_t i = 0; i < scores.size(); ++i) out[i] = static_cast<T>(scores[i]);
        ctx.set_output(0, std::move(y));
        return absl::OkStatus();
      });
}

// ---- LabelEncoder ------------------------------------------------------------------------

// LabelEncoder-1: a string becomes its position in classes_strings
// (default_int64 when absent); an int64 becomes the string at that position
// (default_string when out of range). A repeated string maps to its last position.
ONNXFORGE_KERNEL(OnnxML, LabelEncoder, 1, 1) {
  const Tensor& x = ctx.input(0);
  const std::vector<std::string> classes = ctx.attr_strings("classes_strings", {});
  if (x.is_string()) {
    absl::flat_hash_map<std::string, int64_t> position;
    for (size_t i = 0; i < classes.size(); ++i) position[classes[i]] = static_cast<int64_t>(i);
    const int64_t fallback = ctx.attr_int("default_int64", -1);
    ctx.set_output(0, UnaryMap<int64_t, std::string>(x, [&](const std::string& s) {
                     const auto it = position.find(s);
                     return it == position.end() ? fallback : it->second;
                   }));
    return absl::OkStatus();
  }
  if (x.type() != TensorProto::INT64) {
    return KernelError("input 'X' must be string or int64, got ", ElementTypeString(x.type()));
  }
  const std::string fallback = ctx.attr_string("default_string", "_Unused");
  ctx.set_output(0, UnaryMap<std::string, int64_t>(x, [&](int64_t i) {
                   return i >= 0 && i < static_cast<int64_t>(classes.size()) ? classes[i]
                                                                             : fallback;
                 }));
  return absl::OkStatus();
}

using TableTypes = TypeList<std::string, int64_t, float, int32_t, int16_t, double>;

// The one attribute of a keys_* or values_* family that is set, as a 1-D
// tensor; `family` is "keys" or "values".
absl::StatusOr<Tensor> TableColumn(const KernelContext& ctx, const std::string& family,
                                   bool with_tensor) {
  std::vector<std::string> set;
  for (const char* suffix : {"_strings", "_int64s", "_floats", "_tensor"}) {
    const std::string name = family + suffix;
    if (std::string(suffix) == "_tensor" && !with_tensor) continue;
    if (ctx.attribute(name) != nullptr) set.push_back(name);
  }
  if (set.size() != 1) {
    return KernelError(set.empty() ? "one of the attributes " : "only one of the attributes ",
                       family, "_strings, ", family, "_int64s, ", family, "_floats",
                       with_tensor ? absl::StrCat(", ", family, "_tensor") : std::string(),
                       set.empty() ? " must be set" : " may be set");
  }
  const std::string& name = set[0];
  if (name == family + "_strings") return Tensor::Vector(ctx.attr_strings(name));
  if (name == family + "_int64s") return Tensor::Vector(ctx.attr_ints(name));
  if (name == family + "_floats") return Tensor::Vector(ctx.attr_floats(name));
  Tensor t = ctx.attr_tensor(name);
  if (!IsOneOf(t.type(), TableTypes{})) {
    return KernelError("attribute '", name, "' has element type ", ElementTypeString(t.type()),
                       "; expected string, int64, float, int32, int16 or double");
  }
  return t.Reshaped({t.size()});
}

// The value for keys not in the table, in the values' type: default_tensor
// when the values came as a tensor and it is set, else the default_* of the
// values' kind (default_string, default_int64, default_float).
absl::StatusOr<Tensor> TableDefault(const KernelContext& ctx, int32_t value_type,
                                    bool values_as_tensor) {
  if (values_as_tensor && ctx.attribute("default_tensor") != nullptr) {
    const Tensor d = ctx.attr_tensor("default_tensor");
    if (d.type() != value_type || d.size() != 1) {
      return KernelError("attribute 'default_tensor' must hold one ",
                         ElementTypeString(value_type), " value like 'values_tensor', got ",
                         d.DebugString());
    }
    return d.Reshaped({});
  }
  return Dispatch<TableTypes>(value_type, [&](auto tag) -> absl::StatusOr<Tensor> {
    using V = ONNXFORGE_TYPE(tag);
    if constexpr (std::is_same_v<V, std::string>) {
      return Tensor::Scalar<std::string>(ctx.attr_string("default_string", "_Unused"));
    } else if constexpr (std::is_integral_v<V>) {
      return Tensor::Scalar<V>(static_cast<V>(ctx.attr_int("default_int64", -1)));
    } else {
      return Tensor::Scalar<V>(static_cast<V>(ctx.attr_float("default_float", -0.0f)));
    }
  });
}

// The key a float matches by: its bits, so that -0.0 and 0.0 differ and a
// NaN matches the NaNs of its own bit pattern.
template <typename K>
auto KeyOf(const K& key) {
  if constexpr (std::is_same_v<K, float>) {
    return absl::bit_cast<uint32_t>(key);
  } else if constexpr (std::is_same_v<K, double>) {
    return absl::bit_cast<uint64_t>(key);
  } else {
    return key;
  }
}

// Looks each element of X up among `keys` and outputs the value at the
// key's position; a repeated key's last position wins. Keys compare bit for
// bit; with `any_nan` a NaN key matches every NaN.
template <typename K, typename V>
Tensor LookUp(const Tensor& x, const Tensor& keys, const Tensor& values, const V& fallback,
              bool any_nan) {
  const auto key_data = keys.data<K>();
  const auto value_data = values.data<V>();
  absl::flat_hash_map<decltype(KeyOf(std::declval<K>())), int64_t> position;
  position.reserve(key_data.size());
  int64_t nan_position = -1;
  for (size_t i = 0; i < key_data.size(); ++i) {
    if constexpr (std::is_floating_point_v<K>) {
      if (any_nan && std::isnan(key_data[i])) nan_position = static_cast<int64_t>(i);
    }
    position[KeyOf(key_data[i])] = static_cast<int64_t>(i);
  }
  return UnaryMap<V, K>(x, [&](const K& key) -> V {
    if constexpr (std::is_floating_point_v<K>) {
      if (any_nan && std::isnan(key)) return nan_position < 0 ? fallback : value_data[nan_position];
    }
    const auto it = position.find(KeyOf(key));
    return it == position.end() ? fallback : value_data[it->second];
  });
}

// LabelEncoder-2 and -4: a lookup table from the keys_* attribute to the
// values_* attribute; version 4 adds keys_tensor, values_tensor and
// default_tensor, the int16, int32 and double types, and lets a NaN key
// match any NaN (version 2 compares keys bit for bit, NaNs included).
ONNXFORGE_KERNEL(OnnxML, LabelEncoder, 2, 4) {
  const Tensor& x = ctx.input(0);
  const bool with_tensor = ctx.since_version() >= 4;
  ONNXFORGE_ASSIGN_OR_RETURN(const Tensor keys, TableColumn(ctx, "keys", with_tensor));
  ONNXFORGE_ASSIGN_OR_RETURN(const Tensor values, TableColumn(ctx, "values", with_tensor));
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();
  if (keys.size() != values.size()) {
    return KernelError("there are ", keys.size(), " keys but ", values.size(),
                       " values; they pair up one to one");
  }
  if (x.type() != keys.type()) {
    return KernelError("input 'X' has element type ", ElementTypeString(x.type()),
                       " but the keys are ", ElementTypeString(keys.type()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(
      const Tensor fallback,
      TableDefault(ctx, values.type(), ctx.attribute("values_tensor") != nullptr));
  return Dispatch<TableTypes>(keys.type(), [&](auto key_tag) -> absl::Status {
    using K = ONNXFORGE_TYPE(key_tag);
    return Dispatch<TableTypes>(values.type(), [&](auto value_tag) -> absl::Status {
      using V = ONNXFORGE_TYPE(value_tag);
      ctx.set_output(0, LookUp<K, V>(x, keys, values, fallback.data<V>()[0], with_tensor));
      return absl::OkStatus();
    });
  });
}

}  // namespace
}  // namespace onnxforge::reference
