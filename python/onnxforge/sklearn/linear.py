"""Linear models: regressors and classifiers.

Float inputs use ai.onnx.ml's LinearRegressor / LinearClassifier; double
inputs stay double through MatMul and Add, since those ml ops compute in
float.
"""
import numpy as np
from sklearn import linear_model, svm

from onnxforge.sklearn._convert import register
from onnxforge.sklearn._graph import DOUBLE, FLOAT, INT64, NUMPY_OF, STRING, Var


def _coef_2d(est):
    coef = np.asarray(est.coef_, dtype=np.float64)
    return coef.reshape(1, -1) if coef.ndim == 1 else coef


def _intercept(est, rows):
    b = np.asarray(getattr(est, "intercept_", 0.0), dtype=np.float64).ravel()
    return np.broadcast_to(b, (rows,)).copy() if b.size in (0, 1) else b


def affine(ctx, x, coef, intercept):
    """x @ coef.T + intercept, in x's element type."""
    g = ctx.graph
    dt = NUMPY_OF[x.elem_type]
    w = g.const(coef.T.astype(dt), "coef")
    b = g.const(intercept.astype(dt), "intercept")
    return Var(g.op("Add", [g.op("MatMul", [x, w]), b]), x.elem_type, coef.shape[0])


@register(linear_model.LinearRegression, linear_model.Ridge, linear_model.Lasso,
          linear_model.ElasticNet, linear_model.SGDRegressor, svm.LinearSVR,
          linear_model.BayesianRidge, linear_model.ARDRegression,
          linear_model.HuberRegressor, linear_model.LassoLars, linear_model.Lars,
          linear_model.OrthogonalMatchingPursuit, linear_model.TheilSenRegressor,
          linear_model.RidgeCV, linear_model.LassoCV, linear_model.ElasticNetCV)
def convert_linear_regressor(ctx, est, inputs):
    x = ctx.numeric(ctx.one_input(inputs))
    coef = _coef_2d(est)
    intercept = _intercept(est, coef.shape[0])
    if x.elem_type == DOUBLE:
        return [affine(ctx, x, coef, intercept)]
    y = ctx.graph.ml("LinearRegressor", [x], coefficients=coef.ravel().tolist(),
                     intercepts=intercept.tolist(), targets=coef.shape[0])
    return [Var(y, FLOAT, coef.shape[0])]


def _labels(ctx, est, scores_var, nocl):
    """ArgMax over the class scores, mapped to the class labels."""
    g = ctx.graph
    index = g.op("ArgMax", [scores_var], axis=1, keepdims=0)
    classes = est.classes_
    if nocl:
        return Var(index, INT64)
    if classes.dtype.kind in "OUS":
        table = g.const(np.array([str(c) for c in classes], dtype=object), "classes")
        return Var(g.op("Gather", [table, index], axis=0), STRING)
    if np.array_equal(classes, np.arange(len(classes))):
        return Var(index, INT64)
    table = g.const(classes.astype(np.int64), "classes")
    return Var(g.op("Gather", [table, index], axis=0), INT64)


def _probability_kind(est):
    """'logistic', 'softmax' or 'none' (scores only), as sklearn computes them."""
    if isinstance(est, linear_model.LogisticRegression):
        multi = est.multi_class
        if multi == "auto":
            multi = "ovr" if len(est.classes_) == 2 or est.solver == "liblinear" else "multinomial"
        return "softmax" if multi == "multinomial" and len(est.classes_) > 2 else "logistic"
    if isinstance(est, linear_model.SGDClassifier) and est.loss in ("log_loss", "log"):
        return "logistic"
    return "none"


def _check_classes(est):
    if est.classes_.dtype.kind not in "OUSiub":
        raise NotImplementedError("%s: class labels must be integers or strings, got %s"
                                  % (type(est).__name__, est.classes_.dtype))


@register(linear_model.LogisticRegression, linear_model.SGDClassifier, svm.LinearSVC,
          linear_model.RidgeClassifier, linear_model.Perceptron,
          linear_model.PassiveAggressiveClassifier)
def convert_linear_classifier(ctx, est, inputs):
    _check_classes(est)
    g = ctx.graph
    opts = ctx.options_for(est)
    x = ctx.numeric(ctx.one_input(inputs))
    coef = _coef_2d(est)
    intercept = _intercept(est, coef.shape[0])
    if coef.shape[0] == 1:  # binary: one row; score class 0 as the negated row
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    kind = "none" if opts.get("raw_scores") else _probability_kind(est)
    n = coef.shape[0]
    if x.elem_type == FLOAT:
        _, scores = g.ml("LinearClassifier", [x], outputs=2, coefficients=coef.ravel().tolist(),
                         intercepts=intercept.tolist(), classlabels_ints=list(range(n)),
                         multi_class=0, post_transform="NONE")
        scores = Var(scores, FLOAT, n)
    else:
        scores = affine(ctx, x, coef, intercept)
    # Labels come from the raw scores: sigmoids saturate to ties in float.
    label = _labels(ctx, est, scores, opts.get("nocl", False))
    if kind == "logistic":
        scores = Var(g.op("Sigmoid", [scores]), scores.elem_type, n)
    elif kind == "softmax":
        scores = Var(g.op("Softmax", [scores], axis=1), scores.elem_type, n)
    if kind == "logistic" and len(est.classes_) > 2:
        # One-vs-rest: each row of sigmoids is scaled to sum to one.
        total = g.op("ReduceSum", [scores, g.const(np.array([1], np.int64), "axes")], keepdims=1)
        scores = Var(g.op("Div", [scores, total]), scores.elem_type, n)
    return [label, scores]
