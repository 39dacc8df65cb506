"""Decision trees and their ensembles, as ai.onnx.ml TreeEnsembleRegressor /
TreeEnsembleClassifier (version 3). The version converter rewrites them as
TreeEnsemble when the target ai.onnx.ml opset is 5 or more, and drops the
tensor attributes for opsets 1 and 2.

sklearn compares float32 features with float64 thresholds; each threshold
is stored as the largest float32 not above it, which keeps `x <= t` exact.
"""
import numpy as np
from sklearn import ensemble, tree

from onnxforge.sklearn._convert import register
from onnxforge.sklearn._graph import DOUBLE, FLOAT, INT64, Var
from onnxforge.sklearn.linear import _check_classes, _labels


def _float_floor(values):
    as_float = values.astype(np.float32)
    over = as_float.astype(np.float64) > values
    as_float[over] = np.nextafter(as_float[over], np.float32(-np.inf))
    return as_float


class _Attributes:
    """Accumulates the per-node and per-leaf attribute lists of an ensemble."""

    def __init__(self):
        self.nodes = {k: [] for k in ("treeids", "nodeids", "featureids", "modes", "values",
                                      "truenodeids", "falsenodeids")}
        self.leaves = {k: [] for k in ("treeids", "nodeids", "ids", "weights")}

    def add_tree(self, tree_id, t, leaf_weights, features=None):
        """leaf_weights(node) -> [(target or class id, weight), ...]."""
        thresholds = _float_floor(t.threshold)
        for node in range(t.node_count):
            left, right = int(t.children_left[node]), int(t.children_right[node])
            leaf = left == -1
            feature = int(t.feature[node]) if not leaf else 0
            if features is not None and not leaf:
                feature = int(features[feature])
            self.nodes["treeids"].append(tree_id)
            self.nodes["nodeids"].append(node)
            self.nodes["featureids"].append(feature)
            self.nodes["modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            self.nodes["values"].append(0.0 if leaf else float(thresholds[node]))
            self.nodes["truenodeids"].append(0 if leaf else left)
            self.nodes["falsenodeids"].append(0 if leaf else right)
            if leaf:
                for target, weight in leaf_weights(node):
                    self.leaves["treeids"].append(tree_id)
                    self.leaves["nodeids"].append(node)
                    self.leaves["ids"].append(int(target))
                    self.leaves["weights"].append(float(weight))

    def node_attrs(self):
        return {"nodes_" + k: v for k, v in self.nodes.items()}

    def leaf_attrs(self, prefix):
        return {prefix + k: v for k, v in self.leaves.items()}


def _float_input(ctx, inputs):
    """Trees compare float32 features, as sklearn does."""
    x = ctx.one_input(inputs)
    return ctx.graph.cast(x, FLOAT), x.elem_type


def _regressor(ctx, inputs, attrs, n_targets, aggregate="SUM", base_values=None):
    g = ctx.graph
    x, elem = _float_input(ctx, inputs)
    y = g.ml("TreeEnsembleRegressor", [x], n_targets=n_targets, aggregate_function=aggregate,
             base_values=None if base_values is None else [float(b) for b in base_values],
             **attrs.node_attrs(), **attrs.leaf_attrs("target_"))
    out = Var(y, FLOAT, n_targets)
    return g.cast(out, DOUBLE) if elem == DOUBLE else out


def _classifier(ctx, est, inputs, attrs, n_classes, post_transform="NONE", base_values=None):
    g = ctx.graph
    x, elem = _float_input(ctx, inputs)
    _, scores = g.ml("TreeEnsembleClassifier", [x], outputs=2,
                     classlabels_int64s=list(range(n_classes)), post_transform=post_transform,
                     base_values=None if base_values is None else [float(b) for b in base_values],
                     **attrs.node_attrs(), **attrs.leaf_attrs("class_"))
    scores = Var(scores, FLOAT, n_classes)
    label = _labels(ctx, est, scores, ctx.options_for(est).get("nocl", False))
    return [label, g.cast(scores, DOUBLE) if elem == DOUBLE else scores]


def _regression_leaves(t, scale=1.0):
    values = t.value[:, :, 0]
    return lambda node: [(k, scale * values[node, k]) for k in range(values.shape[1])]


def _proba_leaves(t, scale=1.0):
    counts = t.value[:, 0, :]
    return lambda node: [(k, scale * counts[node, k] / counts[node].sum())
                         for k in range(counts.shape[1])]


@register(tree.DecisionTreeRegressor, tree.ExtraTreeRegressor)
def convert_tree_regressor(ctx, est, inputs):
    attrs = _Attributes()
    attrs.add_tree(0, est.tree_, _regression_leaves(est.tree_))
    return [_regressor(ctx, inputs, attrs, est.tree_.n_outputs)]


@register(ensemble.RandomForestRegressor, ensemble.ExtraTreesRegressor)
def convert_forest_regressor(ctx, est, inputs):
    attrs = _Attributes()
    for k, member in enumerate(est.estimators_):
        attrs.add_tree(k, member.tree_, _regression_leaves(member.tree_))
    return [_regressor(ctx, inputs, attrs, est.n_outputs_, aggregate="AVERAGE")]


def _single_output(est):
    if getattr(est, "n_outputs_", 1) != 1:
        raise NotImplementedError("%s with several outputs is not supported yet"
                                  % type(est).__name__)


@register(tree.DecisionTreeClassifier, tree.ExtraTreeClassifier)
def convert_tree_classifier(ctx, est, inputs):
    _single_output(est)
    _check_classes(est)
    attrs = _Attributes()
    attrs.add_tree(0, est.tree_, _proba_leaves(est.tree_))
    return _classifier(ctx, est, inputs, attrs, len(est.classes_))


@register(ensemble.RandomForestClassifier, ensemble.ExtraTreesClassifier)
def convert_forest_classifier(ctx, est, inputs):
    _single_output(est)
    _check_classes(est)
    attrs = _Attributes()
    share = 1.0 / len(est.estimators_)
    for k, member in enumerate(est.estimators_):
        attrs.add_tree(k, member.tree_, _proba_leaves(member.tree_, share))
    return _classifier(ctx, est, inputs, attrs, len(est.classes_))


def _initial_raw(est):
    return est._raw_predict_init(np.zeros((1, est.n_features_in_), np.float32))[0]


@register(ensemble.GradientBoostingRegressor)
def convert_gradient_boosting_regressor(ctx, est, inputs):
    attrs = _Attributes()
    for k, member in enumerate(est.estimators_[:, 0]):
        attrs.add_tree(k, member.tree_, _regression_leaves(member.tree_, est.learning_rate))
    return [_regressor(ctx, inputs, attrs, 1, base_values=_initial_raw(est))]


@register(ensemble.GradientBoostingClassifier)
def convert_gradient_boosting_classifier(ctx, est, inputs):
    _check_classes(est)
    raw_only = ctx.options_for(est).get("raw_scores", False)
    attrs = _Attributes()
    base = _initial_raw(est)
    lr = est.learning_rate
    n_classes = len(est.classes_)
    tree_id = 0
    for stage in est.estimators_:
        if n_classes == 2:
            # Class 0 scores the negated raw value: sigmoid(-z) = 1 - sigmoid(z).
            values = stage[0].tree_.value[:, 0, 0]
            attrs.add_tree(tree_id, stage[0].tree_,
                           lambda node, v=values: [(0, -lr * v[node]), (1, lr * v[node])])
            tree_id += 1
            continue
        for k, member in enumerate(stage):
            values = member.tree_.value[:, 0, 0]
            attrs.add_tree(tree_id, member.tree_,
                           lambda node, v=values, k=k: [(k, lr * v[node])])
            tree_id += 1
    if n_classes == 2:
        base = np.array([-base[0], base[0]])
        transform = "LOGISTIC"
    else:
        transform = "SOFTMAX"
    return _classifier(ctx, est, inputs, attrs, n_classes,
                       post_transform="NONE" if raw_only else transform, base_values=base)


def _average_path_length(n):
    """sklearn's c(n): the mean depth of an unsuccessful search in a BST."""
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros_like(n)
    out[n == 2] = 1.0
    big = n > 2
    out[big] = 2.0 * (np.log(n[big] - 1.0) + np.euler_gamma) - 2.0 * (n[big] - 1.0) / n[big]
    return out


def _depths(t):
    depth = np.zeros(t.node_count, dtype=np.int64)
    for node in range(t.node_count):
        for child in (t.children_left[node], t.children_right[node]):
            if child != -1:
                depth[child] = depth[node] + 1
    return depth


@register(ensemble.IsolationForest)
def convert_isolation_forest(ctx, est, inputs):
    g = ctx.graph
    attrs = _Attributes()
    for k, (member, features) in enumerate(zip(est.estimators_, est.estimators_features_)):
        t = member.tree_
        path = _depths(t) + _average_path_length(t.n_node_samples)
        attrs.add_tree(k, t, lambda node, p=path: [(0, p[node])], features=features)
    mean_path = _regressor(ctx, inputs, attrs, 1, aggregate="AVERAGE")
    mean_path = g.cast(mean_path, DOUBLE)
    # score_samples = -2 ** (-mean_path / c(max_samples)); scores = that - offset_
    c = float(_average_path_length([est.max_samples_])[0])
    exponent = g.op("Div", [g.op("Neg", [mean_path]), g.const(np.array(c), "c")])
    score = g.op("Neg", [g.op("Pow", [g.const(np.array(2.0), "two"), exponent])])
    scores = g.op("Sub", [score, g.const(np.array(est.offset_, np.float64), "offset")])
    x_type = ctx.one_input(inputs).elem_type
    scores = g.cast(Var(scores, DOUBLE, 1), DOUBLE if x_type == DOUBLE else FLOAT)
    zero = g.const(np.array(0, np.float64 if x_type == DOUBLE else np.float32), "zero")
    label = g.op("Where", [g.op("Less", [scores, zero]),
                           g.const(np.array(-1, np.int64), "outlier"),
                           g.const(np.array(1, np.int64), "inlier")])
    return [Var(label, INT64), scores]
