#include "version_converter/adapters/tree_ensemble.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "ir/attribute_util.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"
#include "version_converter/tensors.h"

namespace onnxforge::version_converter {
namespace {

// ---- Attribute helpers ----

std::vector<int64_t> IntsOf(const Step& step, const std::string& name) {
  const AttributeProto* attr = step.attribute(name);
  if (attr == nullptr) return {};
  return {attr->ints().begin(), attr->ints().end()};
}

std::vector<std::string> StringsOf(const Step& step, const std::string& name) {
  const AttributeProto* attr = step.attribute(name);
  if (attr == nullptr) return {};
  return {attr->strings().begin(), attr->strings().end()};
}

// `name` (FLOATS) or `name`_as_tensor; `is_double` tells a double tensor.
absl::StatusOr<std::vector<double>> FloatsOrTensor(const Step& step, const std::string& name,
                                                   bool* is_double = nullptr) {
  if (is_double != nullptr) *is_double = false;
  if (const AttributeProto* tensor = step.attribute(name + "_as_tensor")) {
    if (is_double != nullptr) *is_double = tensor->t().data_type() == TensorProto::DOUBLE;
    return ReadDoubles(tensor->t());
  }
  const AttributeProto* attr = step.attribute(name);
  if (attr == nullptr) return std::vector<double>();
  return std::vector<double>(attr->floats().begin(), attr->floats().end());
}

absl::StatusOr<std::vector<double>> TensorDoubles(const Step& step, const std::string& name,
                                                  int32_t* type = nullptr) {
  const AttributeProto* attr = step.attribute(name);
  if (type != nullptr) *type = 0;
  if (attr == nullptr) return std::vector<double>();
  if (type != nullptr) *type = attr->t().data_type();
  return ReadDoubles(attr->t());
}

bool AllFloats(const std::vector<double>& values) {
  for (double v : values) {
    if (!std::isnan(v) && RoundTripThrough(TensorProto::FLOAT, v) != v) return false;
  }
  return true;
}

// The float list attributes hold what the double-based reading gathered.
std::vector<float> Narrowed(const std::vector<double>& values) {
  return std::vector<float>(values.begin(), values.end());
}

TensorProto DoublesTensor(int32_t type, const std::vector<double>& values) {
  absl::StatusOr<TensorProto> t =
      MakeNumericTensor(type, {static_cast<int64_t>(values.size())}, values);
  return t.ok() ? *std::move(t) : TensorProto();
}

// ---- Names of modes, aggregates and transforms ----

constexpr const char* kModes[] = {"BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE",
                                  "BRANCH_GT",  "BRANCH_EQ", "BRANCH_NEQ"};
constexpr const char* kAggregates[] = {"AVERAGE", "SUM", "MIN", "MAX"};
constexpr const char* kTransforms[] = {"NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO", "PROBIT"};

template <size_t N>
int IndexOf(const char* const (&names)[N], const std::string& name) {
  for (size_t i = 0; i < N; ++i) {
    if (name == names[i]) return static_cast<int>(i);
  }
  return -1;
}

// ---- 1 <-> 3 ----

absl::Status TensorsToFloats(Step& step) {
  for (const char* base : {"base_values", "nodes_values", "nodes_hitrates", "class_weights",
                           "target_weights"}) {
    const std::string tensor_name = absl::StrCat(base, "_as_tensor");
    const AttributeProto* attr = step.attribute(tensor_name);
    if (attr == nullptr) continue;
    absl::StatusOr<std::vector<double>> values = ReadDoubles(attr->t());
    if (!values.ok()) return Step::Refuse("attribute '", tensor_name, "': ", values.status().message());
    for (double v : *values) {
      if (!std::isnan(v) && RoundTripThrough(TensorProto::FLOAT, v) != v) {
        return Step::Refuse("attribute '", tensor_name, "' holds ", v, ", which a float cannot "
                            "hold exactly; ", Step::Name(step.to()), " has float lists only");
      }
    }
    step.RemoveAttribute(tensor_name);
    step.SetFloats(base, Narrowed(*values));
  }
  return absl::OkStatus();
}

// ---- The listed form (ml 1-3) and the indexed form (TreeEnsemble-5) ----

struct Indexed {
  std::vector<int64_t> roots, features, modes, true_ids, false_ids, true_leafs, false_leafs,
      missing, leaf_targets;
  std::vector<double> splits, hitrates, leaf_weights;
};

// Reads the listed trees of a classifier ("class") or regressor ("target")
// into the indexed form. `target_map` renumbers the votes' targets (for a
// binary classifier the one voted class becomes target 0; -1 drops a
// vote). A TreeEnsemble leaf votes for one target, so a tree whose leaves
// vote for several is written once per target it votes for, each copy's
// leaves voting for that target only (0 where they gave it nothing): exact
// when the trees are summed, refused under the other aggregates (0 = AVERAGE
// .. 3 = MAX). A leaf without votes votes 0, which only MIN and MAX notice.
absl::StatusOr<Indexed> ListedToIndexed(Step& step, const std::string& prefix,
                                        const std::vector<int64_t>& target_map, int aggregate) {
  const bool summed = aggregate == 1;
  const bool min_or_max = aggregate >= 2;
  const std::vector<int64_t> tree_ids = IntsOf(step, "nodes_treeids");
  const std::vector<int64_t> node_ids = IntsOf(step, "nodes_nodeids");
  const std::vector<int64_t> features = IntsOf(step, "nodes_featureids");
  const std::vector<std::string> modes = StringsOf(step, "nodes_modes");
  const std::vector<int64_t> true_ids = IntsOf(step, "nodes_truenodeids");
  const std::vector<int64_t> false_ids = IntsOf(step, "nodes_falsenodeids");
  const std::vector<int64_t> missing = IntsOf(step, "nodes_missing_value_tracks_true");
  absl::StatusOr<std::vector<double>> values = FloatsOrTensor(step, "nodes_values");
  if (!values.ok()) return values.status();
  absl::StatusOr<std::vector<double>> hitrates = FloatsOrTensor(step, "nodes_hitrates");
  if (!hitrates.ok()) return hitrates.status();
  const size_t n = tree_ids.size();
  if (node_ids.size() != n || features.size() != n || modes.size() != n || true_ids.size() != n ||
      false_ids.size() != n || values->size() != n || (!missing.empty() && missing.size() != n)) {
    return Step::Refuse("the nodes_* attributes do not all list the same ", n, " nodes");
  }
  std::map<std::pair<int64_t, int64_t>, size_t> position;
  std::vector<bool> is_leaf(n, false);
  for (size_t i = 0; i < n; ++i) {
    position[{tree_ids[i], node_ids[i]}] = i;
    is_leaf[i] = modes[i] == "LEAF";
    if (!is_leaf[i] && IndexOf(kModes, modes[i]) < 0) {
      return Step::Refuse("attribute 'nodes_modes' holds '", modes[i], "' at position ", i);
    }
  }
  // The votes of each leaf, by target (votes on interior nodes are never
  // reached and go).
  const std::vector<int64_t> vote_trees = IntsOf(step, prefix + "_treeids");
  const std::vector<int64_t> vote_nodes = IntsOf(step, prefix + "_nodeids");
  const std::vector<int64_t> vote_ids = IntsOf(step, prefix + "_ids");
  absl::StatusOr<std::vector<double>> weights = FloatsOrTensor(step, prefix + "_weights");
  if (!weights.ok()) return weights.status();
  if (vote_nodes.size() != vote_trees.size() || vote_ids.size() != vote_trees.size() ||
      weights->size() != vote_trees.size()) {
    return Step::Refuse("the ", prefix, "_* attributes do not all list the same votes");
  }
  std::vector<std::map<int64_t, double>> votes(n);
  for (size_t j = 0; j < vote_trees.size(); ++j) {
    auto it = position.find({vote_trees[j], vote_nodes[j]});
    if (it == position.end()) {
      return Step::Refuse("vote ", j, " names node ", vote_nodes[j], " of tree ", vote_trees[j],
                          ", which is not listed");
    }
    if (!is_leaf[it->second]) continue;
    const int64_t id = vote_ids[j];
    const int64_t target =
        id >= 0 && id < static_cast<int64_t>(target_map.size()) ? target_map[id] : id;
    if (target < 0) continue;
    votes[it->second][target] += (*weights)[j];
  }
  // The trees in increasing id order, each node's position in listed order.
  std::map<int64_t, std::vector<size_t>> trees;
  for (size_t i = 0; i < n; ++i) trees[tree_ids[i]].push_back(i);

  Indexed out;
  for (const auto& [tree, members] : trees) {
    std::set<int64_t> targets;
    bool several = false;
    for (size_t i : members) {
      for (const auto& [target, w] : votes[i]) targets.insert(target);
      several = several || votes[i].size() > 1;
      if (is_leaf[i] && votes[i].empty() && min_or_max) {
        return Step::Refuse("leaf ", node_ids[i], " of tree ", tree, " has no vote, which a "
                            "TreeEnsemble leaf would cast as a vote of 0 under MIN or MAX");
      }
    }
    if (several && !summed) {
      return Step::Refuse("a leaf of tree ", tree, " votes for several targets; TreeEnsemble "
                          "can split such a tree per target only when the trees are summed");
    }
    // One copy per target when a leaf votes for several, else one copy.
    std::vector<int64_t> copies;
    if (several) {
      copies.assign(targets.begin(), targets.end());
    } else {
      copies.push_back(-1);
    }
    for (int64_t copy : copies) {
      // Positions in this copy: interior nodes and leaves numbered apart.
      absl::flat_hash_map<size_t, int64_t> index;
      const int64_t first_interior = static_cast<int64_t>(out.features.size());
      const int64_t first_leaf = static_cast<int64_t>(out.leaf_targets.size());
      int64_t interior = 0, leaves = 0;
      for (size_t i : members) index[i] = is_leaf[i] ? first_leaf + leaves++ : first_interior + interior++;
      for (size_t i : members) {
        if (!is_leaf[i]) continue;
        int64_t target = 0;
        double weight = 0.0;
        if (copy >= 0) {
          target = copy;
          auto v = votes[i].find(copy);
          if (v != votes[i].end()) weight = v->second;
        } else if (!votes[i].empty()) {
          target = votes[i].begin()->first;
          weight = votes[i].begin()->second;
        }
        out.leaf_targets.push_back(target);
        out.leaf_weights.push_back(weight);
      }
      for (size_t i : members) {
        if (is_leaf[i]) continue;
        const int64_t child_ids[2] = {true_ids[i], false_ids[i]};
        int64_t child[2];
        bool child_leaf[2];
        for (int k = 0; k < 2; ++k) {
          auto it = position.find({tree, child_ids[k]});
          if (it == position.end()) {
            return Step::Refuse("node ", node_ids[i], " of tree ", tree, " leads to node ",
                                child_ids[k], ", which that tree does not list");
          }
          child[k] = index[it->second];
          child_leaf[k] = is_leaf[it->second];
        }
        out.features.push_back(features[i]);
        out.modes.push_back(IndexOf(kModes, modes[i]));
        out.splits.push_back((*values)[i]);
        out.true_ids.push_back(child[0]);
        out.true_leafs.push_back(child_leaf[0] ? 1 : 0);
        out.false_ids.push_back(child[1]);
        out.false_leafs.push_back(child_leaf[1] ? 1 : 0);
        if (!missing.empty()) out.missing.push_back(missing[i]);
        if (hitrates->size() == n) out.hitrates.push_back((*hitrates)[i]);
      }
      // The root is the tree's first listed node; a tree that is a single
      // leaf gets an interior node leading to it.
      const size_t root = members.front();
      if (!is_leaf[root]) {
        out.roots.push_back(index[root]);
        continue;
      }
      out.roots.push_back(static_cast<int64_t>(out.features.size()));
      out.features.push_back(0);
      out.modes.push_back(0);
      out.splits.push_back(0.0);
      out.true_ids.push_back(index[root]);
      out.false_ids.push_back(index[root]);
      out.true_leafs.push_back(1);
      out.false_leafs.push_back(1);
      if (!missing.empty()) out.missing.push_back(0);
      if (hitrates->size() == n) out.hitrates.push_back(0.0);
    }
  }
  return out;
}

// Adds one tree per nonzero base value: a node leading both ways to a leaf
// that votes the value. Exact under SUM.
void AddBaseTrees(const std::vector<double>& base, Indexed* t) {
  for (size_t target = 0; target < base.size(); ++target) {
    if (base[target] == 0.0) continue;
    const int64_t leaf = static_cast<int64_t>(t->leaf_targets.size());
    t->leaf_targets.push_back(static_cast<int64_t>(target));
    t->leaf_weights.push_back(base[target]);
    t->roots.push_back(static_cast<int64_t>(t->features.size()));
    t->features.push_back(0);
    t->modes.push_back(0);
    t->splits.push_back(0.0);
    t->true_ids.push_back(leaf);
    t->false_ids.push_back(leaf);
    t->true_leafs.push_back(1);
    t->false_leafs.push_back(1);
    if (!t->missing.empty()) t->missing.push_back(0);
    if (!t->hitrates.empty()) t->hitrates.push_back(0.0);
  }
}

bool AnyNonZero(const std::vector<double>& values) {
  for (double v : values) {
    if (v != 0.0) return true;
  }
  return false;
}

// Base values per target: none, one for all, or one each.
absl::StatusOr<std::vector<double>> PerTarget(const std::vector<double>& values, int64_t targets) {
  if (values.empty()) return std::vector<double>(targets, 0.0);
  if (values.size() == 1) return std::vector<double>(targets, values[0]);
  if (static_cast<int64_t>(values.size()) == targets) return values;
  return Step::Refuse("attribute 'base_values' has ", values.size(), " values for ", targets,
                      " targets");
}

// Rewrites the node as TreeEnsemble-5 from `t`.
void WriteTreeEnsemble(Step& step, const Indexed& t, bool double_splits, int64_t targets,
                       int64_t aggregate, int64_t transform) {
  step.node().clear_attribute();
  step.ReplaceOp(kMlDomain, "TreeEnsemble");
  step.SetInt("aggregate_function", aggregate);
  step.SetInt("post_transform", transform);
  step.SetInt("n_targets", targets);
  step.SetInts("tree_roots", t.roots);
  step.SetInts("nodes_featureids", t.features);
  std::vector<double> modes(t.modes.begin(), t.modes.end());
  step.SetTensor("nodes_modes", DoublesTensor(TensorProto::UINT8, modes));
  step.SetTensor("nodes_splits",
                 DoublesTensor(double_splits ? TensorProto::DOUBLE : TensorProto::FLOAT, t.splits));
  step.SetInts("nodes_truenodeids", t.true_ids);
  step.SetInts("nodes_trueleafs", t.true_leafs);
  step.SetInts("nodes_falsenodeids", t.false_ids);
  step.SetInts("nodes_falseleafs", t.false_leafs);
  if (!t.missing.empty()) step.SetInts("nodes_missing_value_tracks_true", t.missing);
  if (!t.hitrates.empty()) {
    step.SetTensor("nodes_hitrates", DoublesTensor(TensorProto::FLOAT, t.hitrates));
  }
  step.SetInts("leaf_targetids", t.leaf_targets);
  step.SetTensor("leaf_weights",
                 DoublesTensor(double_splits ? TensorProto::DOUBLE : TensorProto::FLOAT,
                               t.leaf_weights));
}

NodeProto& EmitCast(Step& step, bool after, const std::string& in, const std::string& out,
                    int32_t to) {
  NodeProto& cast = step.EmitOnnx(after, "Cast", {in}, {out});
  *cast.add_attribute() = IntAttr("to", to);
  return cast;
}

void AddInt(NodeProto& node, const std::string& name, int64_t v) {
  *node.add_attribute() = IntAttr(name, v);
}

// The input as TreeEnsemble takes it: float and double as they are,
// integers cast to double (the listed trees compare them in double).
absl::StatusOr<std::pair<int32_t, bool>> PrepareInput(Step& step) {
  const std::string x = step.input(0);
  const int32_t elem = step.ElemTypeOf(x);
  if (elem == TensorProto::FLOAT || elem == TensorProto::DOUBLE) {
    return std::make_pair(elem, elem == TensorProto::DOUBLE);
  }
  if (elem == TensorProto::INT32 || elem == TensorProto::INT64) {
    const std::string cast = step.NewName(absl::StrCat(x, "_double"));
    EmitCast(step, false, x, cast, TensorProto::DOUBLE);
    step.SetInput(0, cast);
    return std::make_pair(int32_t{TensorProto::DOUBLE}, true);
  }
  return Step::Refuse("the element type of input 0 ('", x, "') is ",
                      elem == 0 ? std::string("unknown") : ElementTypeName(elem),
                      "; TreeEnsemble needs it to choose its input and output types");
}

absl::Status RegressorUp(Step& step) {
  const std::string aggregate_name =
      step.attribute("aggregate_function") ? step.attribute("aggregate_function")->s() : "SUM";
  const std::string transform_name =
      step.attribute("post_transform") ? step.attribute("post_transform")->s() : "NONE";
  const int aggregate = IndexOf(kAggregates, aggregate_name);
  const int transform = IndexOf(kTransforms, transform_name);
  if (aggregate < 0 || transform < 0) {
    return Step::Refuse("attribute '", aggregate < 0 ? "aggregate_function" : "post_transform",
                        "' is '", aggregate < 0 ? aggregate_name : transform_name, "'");
  }
  bool double_values = false;
  absl::StatusOr<std::vector<double>> values = FloatsOrTensor(step, "nodes_values", &double_values);
  if (!values.ok()) return values.status();
  absl::StatusOr<std::vector<double>> base_list = FloatsOrTensor(step, "base_values");
  if (!base_list.ok()) return base_list.status();
  const std::vector<int64_t> vote_ids = IntsOf(step, "target_ids");
  int64_t targets = 1;
  if (const AttributeProto* n = step.attribute("n_targets")) {
    targets = n->i();
  } else {
    for (int64_t id : vote_ids) targets = std::max(targets, id + 1);
  }
  absl::StatusOr<std::vector<double>> base = PerTarget(*base_list, targets);
  if (!base.ok()) return base.status();
  if (AnyNonZero(*base) && aggregate != 1) {
    return Step::Refuse("base_values are added after the '", aggregate_name,
                        "' aggregate, which TreeEnsemble (without base values) can only match "
                        "under SUM");
  }
  absl::StatusOr<std::pair<int32_t, bool>> input = PrepareInput(step);
  if (!input.ok()) return input.status();
  absl::StatusOr<Indexed> trees = ListedToIndexed(step, "target", {}, aggregate);
  if (!trees.ok()) return trees.status();
  AddBaseTrees(*base, &*trees);
  WriteTreeEnsemble(step, *trees, input->second || double_values, targets, aggregate, transform);
  if (input->first != TensorProto::FLOAT) {
    const std::string y = step.output(0);
    const std::string wide = step.NewName(absl::StrCat(y, "_double"));
    step.node().set_output(0, wide);
    EmitCast(step, true, wide, y, TensorProto::FLOAT);
  }
  return absl::OkStatus();
}

absl::Status ClassifierUp(Step& step) {
  const std::vector<std::string> string_labels = StringsOf(step, "classlabels_strings");
  const std::vector<int64_t> int_labels = IntsOf(step, "classlabels_int64s");
  const bool strings = !string_labels.empty();
  const int64_t classes =
      strings ? static_cast<int64_t>(string_labels.size()) : static_cast<int64_t>(int_labels.size());
  if (classes == 0) return Step::Refuse("the node lists no class labels");
  const std::string transform_name =
      step.attribute("post_transform") ? step.attribute("post_transform")->s() : "NONE";
  const int transform = IndexOf(kTransforms, transform_name);
  if (transform < 0) return Step::Refuse("attribute 'post_transform' is '", transform_name, "'");
  const std::vector<int64_t> vote_ids = IntsOf(step, "class_ids");
  const std::set<int64_t> voted(vote_ids.begin(), vote_ids.end());
  const bool binary = classes == 2 && voted.size() == 1;
  if (binary && (transform == 3 || transform == 4)) {
    return Step::Refuse("a binary classifier scores one class and derives the other before its '",
                        transform_name, "' post transform, which TreeEnsemble cannot express");
  }
  bool double_values = false;
  absl::StatusOr<std::vector<double>> values = FloatsOrTensor(step, "nodes_values", &double_values);
  if (!values.ok()) return values.status();
  absl::StatusOr<std::vector<double>> base_list = FloatsOrTensor(step, "base_values");
  if (!base_list.ok()) return base_list.status();
  absl::StatusOr<std::vector<double>> base = PerTarget(*base_list, classes);
  if (!base.ok()) return base.status();
  std::vector<int64_t> target_map;
  std::vector<double> tree_base = *base;
  int64_t targets = classes;
  if (binary) {
    const int64_t c = *voted.begin();
    target_map.assign(classes, -1);
    if (c >= 0 && c < classes) target_map[c] = 0;
    tree_base = {c >= 0 && c < classes ? (*base)[c] : 0.0};
    targets = 1;
  }
  absl::StatusOr<std::pair<int32_t, bool>> input = PrepareInput(step);
  if (!input.ok()) return input.status();
  const int32_t elem = input->first;
  absl::StatusOr<Indexed> trees = ListedToIndexed(step, "class", target_map, 1);
  if (!trees.ok()) return trees.status();
  AddBaseTrees(tree_base, &*trees);

  const std::string labels_out = step.output(0);
  const std::string z = step.output(1);
  // A float multi-class node writes its scores straight into Z.
  const bool direct = !binary && elem == TensorProto::FLOAT && !z.empty();
  const std::string scores =
      direct ? z : step.NewName(absl::StrCat(z.empty() ? labels_out : z, "_scores"));
  WriteTreeEnsemble(step, *trees, input->second || double_values, targets, 1,
                    binary ? 0 : transform);
  step.node().clear_output();
  step.node().add_output(scores);

  std::string row = scores;  // the post-transformed scores, in elem
  if (binary) {
    const std::string first = step.NewName(absl::StrCat(scores, "_other"));
    if (transform == 0) {
      absl::StatusOr<TensorProto> one = MakeNumericTensor(elem, {}, {1.0});
      if (!one.ok()) return one.status();
      const std::string one_name = step.AddConstant(*std::move(one), "one");
      step.EmitOnnx(true, "Sub", {one_name, scores}, {first});
    } else {
      step.EmitOnnx(true, "Neg", {scores}, {first});
    }
    const std::string pair = step.NewName(absl::StrCat(scores, "_pair"));
    AddInt(step.EmitOnnx(true, "Concat", {first, scores}, {pair}), "axis", 1);
    row = pair;
    if (transform == 1 || transform == 2) {
      const std::string done = step.NewName(absl::StrCat(scores, "_transformed"));
      NodeProto& t = step.EmitOnnx(true, transform == 1 ? "Softmax" : "Sigmoid", {pair}, {done});
      if (transform == 1) AddInt(t, "axis", 1);
      row = done;
    }
  }
  if (!labels_out.empty()) {
    const std::string picks = step.NewName(absl::StrCat(labels_out, "_index"));
    NodeProto& argmax = step.EmitOnnx(true, "ArgMax", {row}, {picks});
    AddInt(argmax, "axis", 1);
    AddInt(argmax, "keepdims", 0);
    TensorProto labels;
    if (strings) {
      labels.set_data_type(TensorProto::STRING);
      labels.add_dims(classes);
      for (const std::string& s : string_labels) labels.add_string_data(s);
    } else {
      labels = MakeTensor<int64_t>("", {classes}, int_labels);
    }
    const std::string labels_name = step.AddConstant(labels, absl::StrCat(labels_out, "_labels"));
    step.EmitOnnx(true, "Gather", {labels_name, picks}, {labels_out});
  }
  if (!z.empty() && row != z) {
    if (elem == TensorProto::FLOAT) {
      step.EmitOnnx(true, "Identity", {row}, {z});
    } else {
      EmitCast(step, true, row, z, TensorProto::FLOAT);
    }
  }
  return absl::OkStatus();
}

// ---- TreeEnsemble-5 down to TreeEnsembleRegressor-3 ----

absl::Status EnsembleDown(Step& step) {
  const std::string x = step.input(0);
  const int32_t elem = step.ElemTypeOf(x);
  if (elem != TensorProto::FLOAT && elem != TensorProto::FLOAT16) {
    return Step::Refuse("input 0 ('", x, "') is ",
                        elem == 0 ? std::string("of unknown type") : ElementTypeName(elem),
                        "; TreeEnsembleRegressor outputs float, so only float and float16 data "
                        "keep their results");
  }
  const std::vector<int64_t> roots = IntsOf(step, "tree_roots");
  const std::vector<int64_t> features = IntsOf(step, "nodes_featureids");
  const std::vector<int64_t> true_ids = IntsOf(step, "nodes_truenodeids");
  const std::vector<int64_t> false_ids = IntsOf(step, "nodes_falsenodeids");
  const std::vector<int64_t> true_leafs = IntsOf(step, "nodes_trueleafs");
  const std::vector<int64_t> false_leafs = IntsOf(step, "nodes_falseleafs");
  const std::vector<int64_t> missing = IntsOf(step, "nodes_missing_value_tracks_true");
  const std::vector<int64_t> leaf_targets = IntsOf(step, "leaf_targetids");
  int32_t splits_type = 0, weights_type = 0;
  absl::StatusOr<std::vector<double>> splits = TensorDoubles(step, "nodes_splits", &splits_type);
  absl::StatusOr<std::vector<int64_t>> modes =
      step.attribute("nodes_modes") == nullptr
          ? absl::StatusOr<std::vector<int64_t>>(std::vector<int64_t>())
          : ReadInt64s(step.attribute("nodes_modes")->t());
  absl::StatusOr<std::vector<double>> weights =
      TensorDoubles(step, "leaf_weights", &weights_type);
  absl::StatusOr<std::vector<double>> members = TensorDoubles(step, "membership_values");
  absl::StatusOr<std::vector<double>> hitrates = TensorDoubles(step, "nodes_hitrates");
  if (!modes.ok()) return Step::Refuse("attribute 'nodes_modes': ", modes.status().message());
  for (const auto* s : {&splits, &weights, &members, &hitrates}) {
    if (!s->ok()) return Step::Refuse(s->status().message());
  }
  const size_t n = splits->size();
  if (features.size() != n || modes->size() != n || true_ids.size() != n ||
      false_ids.size() != n || true_leafs.size() != n || false_leafs.size() != n ||
      (!missing.empty() && missing.size() != n) || weights->size() != leaf_targets.size()) {
    return Step::Refuse("the node and leaf attributes do not list matching counts");
  }
  // The membership sets of the MEMBER nodes, in node order.
  std::vector<std::vector<double>> sets;
  std::vector<int64_t> set_of(n, -1);
  {
    size_t next = 0;
    for (size_t i = 0; i < n; ++i) {
      if ((*modes)[i] != 6) continue;
      set_of[i] = static_cast<int64_t>(sets.size());
      sets.emplace_back();
      while (next < members->size() && !std::isnan((*members)[next])) {
        sets.back().push_back((*members)[next++]);
      }
      ++next;
    }
  }

  struct Out {
    std::vector<int64_t> trees, ids, features, true_ids, false_ids, missing;
    std::vector<std::string> modes;
    std::vector<double> values, hitrates;
    std::vector<int64_t> vote_trees, vote_nodes, vote_ids;
    std::vector<double> vote_weights;
  } out;
  for (size_t r = 0; r < roots.size(); ++r) {
    const int64_t tree = static_cast<int64_t>(r);
    // Node ids of this tree: interior nodes and leaves visited, numbered in
    // visiting order; MEMBER nodes take extra ids for their chains.
    absl::flat_hash_map<int64_t, int64_t> interior_id, leaf_id;
    int64_t next_id = 0;
    std::vector<std::pair<int64_t, bool>> stack = {{roots[r], false}};
    auto id_of = [&](int64_t index, bool leaf) {
      auto& map = leaf ? leaf_id : interior_id;
      auto [it, inserted] = map.try_emplace(index, next_id);
      if (inserted) {
        ++next_id;
        stack.push_back({index, leaf});
      }
      return it->second;
    };
    stack.clear();
    id_of(roots[r], false);
    while (!stack.empty()) {
      const auto [index, leaf] = stack.back();
      stack.pop_back();
      if (index < 0 || (leaf ? index >= static_cast<int64_t>(leaf_targets.size())
                             : index >= static_cast<int64_t>(n))) {
        return Step::Refuse("tree ", r, " leads to ", leaf ? "leaf " : "node ", index,
                            ", which does not exist");
      }
      if (leaf) {
        const int64_t id = leaf_id.at(index);
        out.trees.push_back(tree);
        out.ids.push_back(id);
        out.features.push_back(0);
        out.modes.push_back("LEAF");
        out.values.push_back(0.0);
        out.true_ids.push_back(0);
        out.false_ids.push_back(0);
        out.missing.push_back(0);
        out.hitrates.push_back(0.0);
        out.vote_trees.push_back(tree);
        out.vote_nodes.push_back(id);
        out.vote_ids.push_back(leaf_targets[index]);
        out.vote_weights.push_back((*weights)[index]);
        continue;
      }
      const int64_t id = interior_id.at(index);
      const int64_t on_true = id_of(true_ids[index], true_leafs[index] != 0);
      const int64_t on_false = id_of(false_ids[index], false_leafs[index] != 0);
      const int64_t mode = (*modes)[index];
      const int64_t nan_true = missing.empty() ? 0 : missing[index];
      const double hitrate = hitrates->size() == n ? (*hitrates)[index] : 0.0;
      auto add = [&](int64_t node_id, const std::string& m, double value, int64_t t, int64_t f) {
        out.trees.push_back(tree);
        out.ids.push_back(node_id);
        out.features.push_back(features[index]);
        out.modes.push_back(m);
        out.values.push_back(value);
        out.true_ids.push_back(t);
        out.false_ids.push_back(f);
        out.missing.push_back(nan_true);
        out.hitrates.push_back(hitrate);
      };
      if (mode >= 0 && mode < 6) {
        add(id, kModes[mode], (*splits)[index], on_true, on_false);
        continue;
      }
      if (mode != 6) return Step::Refuse("attribute 'nodes_modes' holds ", mode);
      // x in {a, b, ...}: x == a, else x == b, ..., each true test leading
      // to the true branch; an empty set tests against NaN.
      const std::vector<double>& set = sets[set_of[index]];
      const size_t links = std::max<size_t>(set.size(), 1);
      int64_t link_id = id;
      for (size_t k = 0; k < links; ++k) {
        const bool last = k + 1 == links;
        const int64_t next_link = last ? on_false : next_id++;
        const double value = set.empty() ? std::numeric_limits<double>::quiet_NaN() : set[k];
        add(link_id, "BRANCH_EQ", value, on_true, next_link);
        link_id = next_link;
      }
    }
  }

  const int64_t aggregate = step.int_attribute("aggregate_function", 1);
  const int64_t transform = step.int_attribute("post_transform", 0);
  if (aggregate < 0 || aggregate > 3 || transform < 0 || transform > 4) {
    return Step::Refuse("attribute 'aggregate_function' or 'post_transform' is out of range");
  }
  const AttributeProto* n_targets = step.attribute("n_targets");
  const int64_t targets = n_targets != nullptr ? n_targets->i() : -1;

  step.node().clear_attribute();
  step.ReplaceOp(kMlDomain, "TreeEnsembleRegressor");
  step.SetString("aggregate_function", kAggregates[aggregate]);
  step.SetString("post_transform", kTransforms[transform]);
  if (targets > 0) step.SetInt("n_targets", targets);
  step.SetInts("nodes_treeids", out.trees);
  step.SetInts("nodes_nodeids", out.ids);
  step.SetInts("nodes_featureids", out.features);
  step.SetStrings("nodes_modes", out.modes);
  if (splits_type == TensorProto::DOUBLE && !AllFloats(out.values)) {
    step.SetTensor("nodes_values_as_tensor", DoublesTensor(TensorProto::DOUBLE, out.values));
  } else {
    step.SetFloats("nodes_values", Narrowed(out.values));
  }
  step.SetInts("nodes_truenodeids", out.true_ids);
  step.SetInts("nodes_falsenodeids", out.false_ids);
  if (!missing.empty()) step.SetInts("nodes_missing_value_tracks_true", out.missing);
  if (hitrates->size() == n && n > 0) step.SetFloats("nodes_hitrates", Narrowed(out.hitrates));
  step.SetInts("target_treeids", out.vote_trees);
  step.SetInts("target_nodeids", out.vote_nodes);
  step.SetInts("target_ids", out.vote_ids);
  if (weights_type == TensorProto::DOUBLE && !AllFloats(out.vote_weights)) {
    step.SetTensor("target_weights_as_tensor",
                   DoublesTensor(TensorProto::DOUBLE, out.vote_weights));
  } else {
    step.SetFloats("target_weights", Narrowed(out.vote_weights));
  }
  if (elem == TensorProto::FLOAT16) {
    const std::string wide = step.NewName(absl::StrCat(x, "_float"));
    EmitCast(step, false, x, wide, TensorProto::FLOAT);
    step.SetInput(0, wide);
    const std::string y = step.output(0);
    const std::string y_wide = step.NewName(absl::StrCat(y, "_float"));
    step.node().set_output(0, y_wide);
    EmitCast(step, true, y_wide, y, TensorProto::FLOAT16);
  }
  return absl::OkStatus();
}

Adapter Make(const char* kind, std::vector<std::string> attributes, AdaptFunction fn) {
  Adapter adapter;
  adapter.kind = kind;
  adapter.attributes = std::move(attributes);
  adapter.apply = std::move(fn);
  return adapter;
}

}  // namespace

Adapter TreeTensorsToFloats() {
  return Make("*_as_tensor attributes to float lists",
              {"base_values_as_tensor", "nodes_values_as_tensor", "nodes_hitrates_as_tensor",
               "class_weights_as_tensor", "target_weights_as_tensor"},
              TensorsToFloats);
}

Adapter RegressorToTreeEnsemble() {
  return Make("TreeEnsembleRegressor to TreeEnsemble", {}, RegressorUp);
}

Adapter ClassifierToTreeEnsemble() {
  return Make("TreeEnsembleClassifier to TreeEnsemble with ArgMax and Gather", {}, ClassifierUp);
}

Adapter TreeEnsembleToRegressor() {
  return Make("TreeEnsemble to TreeEnsembleRegressor-3", {}, EnsembleDown);
}

}  // namespace onnxforge::version_converter
