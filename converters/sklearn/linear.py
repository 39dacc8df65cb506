"""Linear models: regressors and classifiers.

Float inputs use ai.onnx.ml's LinearRegressor and LinearClassifier; double
inputs stay double through MatMul and Add, since those ml ops compute in
float.
"""
import numpy as np
from sklearn import linear_model, svm

from onnxforge import ops
from onnxforge.sklearn._common import (CLASSIFIER_OPTIONS, DOUBLE, FLOAT, NUMPY_OF,
                                       RAW_SCORES_OPTION, classifier_shape, constant, labels,
                                       numeric_input, numeric_shape, register)
from onnxforge.sklearn._parsers import classifier_parser


def _coef_2d(model):
    coef = np.asarray(model.coef_, dtype=np.float64)
    return coef.reshape(1, -1) if coef.ndim == 1 else coef


def _intercept(model, rows):
    b = np.asarray(getattr(model, "intercept_", 0.0), dtype=np.float64).ravel()
    return np.broadcast_to(b, (rows,)).copy() if b.size in (0, 1) else b


def _affine(container, x, elem, coef, intercept, output=None):
    """x @ coef.T + intercept, in `elem`."""
    dt = NUMPY_OF[elem]
    product = ops.MatMul(container, x, constant(container, "coef", coef.T.astype(dt)))
    return ops.Add(container, product, constant(container, "intercept", intercept.astype(dt)),
                   outputs=[output] if output else None)


def convert_linear_regressor(scope, operator, container):
    model = operator.raw_operator
    output = operator.outputs[0]
    elem = output.type.elem_type
    x = numeric_input(container, operator, elem)
    coef = _coef_2d(model)
    intercept = _intercept(model, coef.shape[0])
    if elem == DOUBLE:
        _affine(container, x, elem, coef, intercept, output.onnx_name)
    else:
        ops.ml.LinearRegressor(container, x, coefficients=coef.ravel(), intercepts=intercept,
                               targets=coef.shape[0], outputs=[output.onnx_name])


register([linear_model.LinearRegression, linear_model.Ridge, linear_model.Lasso,
          linear_model.ElasticNet, linear_model.SGDRegressor, svm.LinearSVR,
          linear_model.BayesianRidge, linear_model.ARDRegression, linear_model.HuberRegressor,
          linear_model.LassoLars, linear_model.Lars, linear_model.OrthogonalMatchingPursuit,
          linear_model.TheilSenRegressor, linear_model.RidgeCV, linear_model.LassoCV,
          linear_model.ElasticNetCV],
         numeric_shape(lambda m: _coef_2d(m).shape[0]), convert_linear_regressor)


def _probability_kind(model):
    """'logistic', 'softmax' or 'none' (scores only), as sklearn computes them."""
    if isinstance(model, linear_model.LogisticRegression):
        multi = model.multi_class
        if multi == "auto":
            binary = len(model.classes_) == 2 or model.solver == "liblinear"
            multi = "ovr" if binary else "multinomial"
        return "softmax" if multi == "multinomial" and len(model.classes_) > 2 else "logistic"
    if isinstance(model, linear_model.SGDClassifier) and model.loss in ("log_loss", "log"):
        return "logistic"
    return "none"


def convert_linear_classifier(scope, operator, container):
    """Scores per class (binary: [-z, z]); the label is the largest score,
    probabilities are sigmoids (one-vs-rest rows scaled to sum to one) or a
    softmax, or the scores themselves (hinge losses, raw_scores)."""
    model = operator.raw_operator
    label, probabilities = operator.outputs
    elem = probabilities.type.elem_type
    x = numeric_input(container, operator, elem)
    coef = _coef_2d(model)
    intercept = _intercept(model, coef.shape[0])
    if coef.shape[0] == 1:  # binary: one row; class 0 scores the negated row
        coef = np.vstack([-coef, coef])
        intercept = np.concatenate([-intercept, intercept])
    n = coef.shape[0]
    if elem == FLOAT:
        _, scores = ops.ml.LinearClassifier(
            container, x, coefficients=coef.ravel(), intercepts=intercept,
            classlabels_ints=list(range(n)), multi_class=0, post_transform="NONE", outputs=2)
    else:
        scores = _affine(container, x, elem, coef, intercept)
    # Labels come from the raw scores: sigmoids saturate to ties in float.
    labels(container, model, scores, label.onnx_name, operator.get_option("nocl", False))
    kind = "none" if operator.get_option("raw_scores", False) else _probability_kind(model)
    out = probabilities.onnx_name
    if kind == "softmax":
        ops.Softmax(container, scores, axis=1, outputs=[out])
    elif kind == "logistic" and len(model.classes_) > 2:
        # One-vs-rest: each row of sigmoids scaled to sum to one, which is
        # the softmax of their logarithms; log sigmoid(z) = -(relu(-z) +
        # log(1 + exp(-|z|))) stays finite where every sigmoid of a row
        # underflows to 0 (and sigmoid / sum would be 0 / 0).
        tail = ops.Log(container, ops.Add(container, ops.Exp(container, ops.Neg(
            container, ops.Abs(container, scores))), constant(container, "one", 1, elem)))
        log_sigmoid = ops.Neg(container, ops.Add(
            container, ops.Relu(container, ops.Neg(container, scores)), tail))
        ops.Softmax(container, log_sigmoid, axis=1, outputs=[out])
    elif kind == "logistic":
        ops.Sigmoid(container, scores, outputs=[out])
    else:
        ops.Identity(container, scores, outputs=[out])


register([linear_model.LogisticRegression, linear_model.SGDClassifier, svm.LinearSVC,
          linear_model.RidgeClassifier, linear_model.Perceptron,
          linear_model.PassiveAggressiveClassifier],
         classifier_shape, convert_linear_classifier, parser=classifier_parser,
         options=dict(CLASSIFIER_OPTIONS, **RAW_SCORES_OPTION))
