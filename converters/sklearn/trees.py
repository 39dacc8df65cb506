"""Decision trees and their ensembles as ai.onnx.ml TreeEnsemble; the
version converter writes TreeEnsembleRegressor for ml opsets below 5.

Every ensemble sums its trees (a forest's leaf values are divided by the
number of trees beforehand), so a tree adding nothing to a target is left
out (see _tree_arrays). Classifiers are TreeEnsembles scoring each class, followed by ArgMax;
gradient boosting adds its initial raw prediction, then Sigmoid or Softmax.
Trees compare float32 features, as sklearn does: other inputs are cast to
float, and the outputs back to double for double inputs.
"""
import numpy as np
from sklearn import ensemble, tree

from onnxforge import ops
from onnxforge.sklearn._common import (CLASSIFIER_OPTIONS, DOUBLE, FLOAT, INT64,
                                       RAW_SCORES_OPTION, cast, check_classes,
                                       check_input_columns, check_numeric_inputs,
                                       classifier_shape, constant, features_in, labels,
                                       numeric_elem, numeric_input, numeric_shape, register,
                                       tensor_type)
from onnxforge.sklearn._parsers import classifier_parser, outlier_parser
from onnxforge.sklearn._tree_arrays import TreeEnsembleArrays, node_depths


def _add_targets(arrays, t, values, scale=1.0):
    """Adds tree `t` once per column (target) of `values` ([nodes, targets])."""
    for target in range(values.shape[1]):
        arrays.add_tree(t, values[:, target] * scale, target)


def _regression_values(t):
    return t.value[:, :, 0]


def _class_probabilities(t):
    counts = t.value[:, 0, :]
    totals = counts.sum(axis=1, keepdims=True)
    return counts / np.where(totals > 0, totals, 1)


def _ensemble(container, operator, arrays, n_targets, base=None, output=None):
    """Writes the TreeEnsemble over the float features, plus `base`; returns
    the [N, n_targets] float scores, named `output` when given."""
    x = numeric_input(container, operator, FLOAT)
    adds = base is not None and np.any(base != 0)
    target = [output] if output and not adds else None
    scores = ops.ml.TreeEnsemble(container, x, outputs=target, **arrays.attributes(n_targets))
    if adds:
        scores = ops.Add(container, scores, constant(container, "base_values", base, FLOAT),
                         outputs=[output] if output else None)
    return scores


def _scores(container, operator, arrays, n_targets, base=None, index=0):
    """The ensemble's float scores; written straight into output `index`
    when that is float, else cast into it."""
    output = operator.outputs[index]
    if output.type.elem_type == FLOAT:
        return _ensemble(container, operator, arrays, n_targets, base, output.onnx_name)
    scores = _ensemble(container, operator, arrays, n_targets, base)
    cast(container, scores, FLOAT, output.type.elem_type, output=output.onnx_name)
    return scores


# ---- Regressors -------------------------------------------------------------------------


def _members(model):
    return [model] if isinstance(model, tree.BaseDecisionTree) else list(model.estimators_)


def convert_forest_regressor(scope, operator, container):
    """A decision tree (one member) or a forest (the mean of its members)."""
    model = operator.raw_operator
    members = _members(model)
    arrays = TreeEnsembleArrays()
    for member in members:
        _add_targets(arrays, member.tree_, _regression_values(member.tree_), 1.0 / len(members))
    _scores(container, operator, arrays, model.n_outputs_)


register([tree.DecisionTreeRegressor, tree.ExtraTreeRegressor, ensemble.RandomForestRegressor,
          ensemble.ExtraTreesRegressor], numeric_shape(lambda m: getattr(m, "n_outputs_", 1)),
         convert_forest_regressor)


def _initial_raw(model):
    """The raw prediction gradient boosting starts from: a constant unless
    the model was given an init estimator of its own."""
    init = model.init_
    if init == "zero":
        return np.zeros(model.estimators_.shape[1])
    if type(init).__name__ not in ("DummyRegressor", "DummyClassifier"):
        raise NotImplementedError("%s with init=%s: only the default init or 'zero' converts"
                                  % (type(model).__name__, type(init).__name__))
    return np.asarray(model._raw_predict_init(np.zeros((1, model.n_features_in_),
                                                       np.float32))[0], np.float64)


def _boosted_arrays(model):
    """The boosting stages as one ensemble: stage trees of class k add to
    target k, scaled by the learning rate."""
    arrays = TreeEnsembleArrays()
    for stage in model.estimators_:
        for k, member in enumerate(stage):
            arrays.add_tree(member.tree_, member.tree_.value[:, 0, 0] * model.learning_rate, k)
    return arrays


def convert_gradient_boosting_regressor(scope, operator, container):
    model = operator.raw_operator
    _scores(container, operator, _boosted_arrays(model), 1, _initial_raw(model))


register([ensemble.GradientBoostingRegressor], numeric_shape(lambda m: 1),
         convert_gradient_boosting_regressor)


# ---- Classifiers ------------------------------------------------------------------------


def _tree_classifier_shape(operator):
    if getattr(operator.raw_operator, "n_outputs_", 1) != 1:
        raise NotImplementedError("%s with several outputs is not supported"
                                  % operator.model_name)
    classifier_shape(operator)


def convert_forest_classifier(scope, operator, container):
    """Class probabilities: each member's leaf class fractions, averaged."""
    model = operator.raw_operator
    members = _members(model)
    arrays = TreeEnsembleArrays()
    for member in members:
        _add_targets(arrays, member.tree_, _class_probabilities(member.tree_),
                     1.0 / len(members))
    scores = _scores(container, operator, arrays, len(model.classes_), index=1)
    labels(container, model, scores, operator.outputs[0].onnx_name,
           operator.get_option("nocl", False))


register([tree.DecisionTreeClassifier, tree.ExtraTreeClassifier,
          ensemble.RandomForestClassifier, ensemble.ExtraTreesClassifier],
         _tree_classifier_shape, convert_forest_classifier, parser=classifier_parser,
         options=CLASSIFIER_OPTIONS)


def convert_gradient_boosting_classifier(scope, operator, container):
    """Raw scores from the trees; binary: columns [-z, z] (the label is the
    larger, probabilities their sigmoids), multiclass: one column per class
    (the label is the largest, probabilities their softmax)."""
    model = operator.raw_operator
    check_classes(model)
    raw = _ensemble(container, operator, _boosted_arrays(model), model.estimators_.shape[1],
                    _initial_raw(model))
    if len(model.classes_) == 2:
        raw = ops.Concat(container, [ops.Neg(container, raw), raw], axis=1)
    label, probabilities = operator.outputs
    labels(container, model, raw, label.onnx_name, operator.get_option("nocl", False))
    elem = probabilities.type.elem_type
    if operator.get_option("raw_scores", False):
        cast(container, raw, FLOAT, elem, output=probabilities.onnx_name)
        return
    # Probabilities are computed in the output's type from the raw scores.
    raw = cast(container, raw, FLOAT, elem)
    if len(model.classes_) == 2:
        if model.loss == "exponential":  # sklearn's expit(2 z)
            raw = ops.Mul(container, raw, constant(container, "two", 2.0, elem))
        ops.Sigmoid(container, raw, outputs=[probabilities.onnx_name])
    else:
        ops.Softmax(container, raw, axis=1, outputs=[probabilities.onnx_name])


register([ensemble.GradientBoostingClassifier], classifier_shape,
         convert_gradient_boosting_classifier, parser=classifier_parser,
         options=dict(CLASSIFIER_OPTIONS, **RAW_SCORES_OPTION))


# ---- IsolationForest --------------------------------------------------------------------


def _average_path_length(n):
    """sklearn's c(n): the mean depth of an unsuccessful search in a BST."""
    n = np.asarray(n, dtype=np.float64)
    out = np.zeros_like(n)
    out[n == 2] = 1.0
    big = n > 2
    out[big] = 2.0 * (np.log(n[big] - 1.0) + np.euler_gamma) - 2.0 * (n[big] - 1.0) / n[big]
    return out


def _isolation_shape(operator):
    check_numeric_inputs(operator)
    check_input_columns(operator, features_in(operator.raw_operator))
    operator.outputs[0].type = tensor_type(INT64, 1)
    operator.outputs[1].type = tensor_type(numeric_elem(operator.inputs), 1)


def convert_isolation_forest(scope, operator, container):
    """label: -1 (outlier) where the score is below 0, else 1; scores:
    sklearn's decision_function, -2 ** (-mean path / c(max_samples)) - offset_,
    where a row's path in a tree is its leaf's depth plus c(leaf samples)."""
    model = operator.raw_operator
    arrays = TreeEnsembleArrays()
    share = 1.0 / len(model.estimators_)
    for member, features in zip(model.estimators_, model.estimators_features_):
        t = member.tree_
        path = node_depths(t) + _average_path_length(t.n_node_samples)
        arrays.add_tree(t, path * share, 0, features)
    mean_path = ops.Cast(container, _ensemble(container, operator, arrays, 1), to=DOUBLE)
    c = float(_average_path_length([model.max_samples_])[0])
    exponent = ops.Div(container, ops.Neg(container, mean_path),
                       constant(container, "c", c, DOUBLE))
    score = ops.Neg(container, ops.Pow(container, constant(container, "two", 2.0, DOUBLE),
                                       exponent))
    label, scores = operator.outputs
    elem = scores.type.elem_type
    shifted = ops.Sub(container, score, constant(container, "offset", model.offset_, DOUBLE))
    shifted = cast(container, shifted, DOUBLE, elem, output=scores.onnx_name)
    ops.Where(container, ops.Less(container, shifted, constant(container, "zero", 0, elem)),
              constant(container, "outlier", -1, INT64), constant(container, "inlier", 1, INT64),
              outputs=[label.onnx_name])


register([ensemble.IsolationForest], _isolation_shape, convert_isolation_forest,
         parser=outlier_parser)
