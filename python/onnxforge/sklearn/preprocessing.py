"""Scalers, Normalizer and Binarizer.

Float inputs use ai.onnx.ml's Scaler and Normalizer; double inputs use
Sub/Mul and reductions so that they stay double.
"""
import numpy as np
from sklearn import preprocessing

from onnxforge.sklearn._convert import register
from onnxforge.sklearn._graph import DOUBLE, FLOAT, NUMPY_OF, Var


def _scale(ctx, x, offset, scale):
    """(x - offset) * scale, per column."""
    g = ctx.graph
    x = ctx.numeric(x)
    cols = len(scale)
    if x.elem_type == FLOAT:
        return [Var(g.ml("Scaler", [x], offset=offset.tolist(), scale=scale.tolist()), FLOAT, cols)]
    dt = NUMPY_OF[x.elem_type]
    shifted = g.op("Sub", [x, g.const(offset.astype(dt), "offset")])
    return [Var(g.op("Mul", [shifted, g.const(scale.astype(dt), "scale")]), x.elem_type, cols)]


def _features(est):
    return int(est.n_features_in_)


@register(preprocessing.StandardScaler)
def convert_standard_scaler(ctx, est, inputs):
    n = _features(est)
    offset = est.mean_ if est.with_mean and est.mean_ is not None else np.zeros(n)
    scale = 1.0 / est.scale_ if est.with_std and est.scale_ is not None else np.ones(n)
    return _scale(ctx, ctx.one_input(inputs), np.asarray(offset, np.float64), scale)


@register(preprocessing.MinMaxScaler)
def convert_minmax_scaler(ctx, est, inputs):
    # x * scale_ + min_  ==  (x - (-min_ / scale_)) * scale_
    if est.clip:
        raise NotImplementedError("MinMaxScaler(clip=True) is not supported yet")
    return _scale(ctx, ctx.one_input(inputs), -est.min_ / est.scale_, est.scale_)


@register(preprocessing.MaxAbsScaler)
def convert_maxabs_scaler(ctx, est, inputs):
    return _scale(ctx, ctx.one_input(inputs), np.zeros(_features(est)), 1.0 / est.scale_)


@register(preprocessing.RobustScaler)
def convert_robust_scaler(ctx, est, inputs):
    n = _features(est)
    offset = est.center_ if est.with_centering else np.zeros(n)
    scale = 1.0 / est.scale_ if est.with_scaling else np.ones(n)
    return _scale(ctx, ctx.one_input(inputs), np.asarray(offset, np.float64), scale)


@register(preprocessing.Normalizer)
def convert_normalizer(ctx, est, inputs):
    g = ctx.graph
    x = ctx.numeric(ctx.one_input(inputs))
    if x.elem_type == FLOAT and est.norm in ("l1", "l2"):
        return [Var(g.ml("Normalizer", [x], norm=est.norm.upper()), FLOAT, x.columns)]
    # sklearn's "max" is the largest absolute value, where ONNX's is signed.
    magnitude = g.op("Abs", [x])
    if est.norm == "l1":
        norm = g.op("ReduceSum", [magnitude, g.const(np.array([1], np.int64), "axes")], keepdims=1)
    elif est.norm == "l2":
        squares = g.op("ReduceSum", [g.op("Mul", [x, x]), g.const(np.array([1], np.int64), "axes")],
                       keepdims=1)
        norm = g.op("Sqrt", [squares])
    else:
        norm = g.op("ReduceMax", [magnitude], axes=[1], keepdims=1)
    # A row of zeros stays zeros, as in sklearn. (Greater, not Equal: Equal
    # takes floats only from opset 11 on.)
    zero = g.const(np.array(0, NUMPY_OF[x.elem_type]), "zero")
    one = g.const(np.array(1, NUMPY_OF[x.elem_type]), "one")
    safe = g.op("Where", [g.op("Greater", [norm, zero]), norm, one])
    return [Var(g.op("Div", [x, safe]), x.elem_type, x.columns)]


@register(preprocessing.Binarizer)
def convert_binarizer(ctx, est, inputs):
    x = ctx.numeric(ctx.one_input(inputs))
    y = ctx.graph.ml("Binarizer", [x], threshold=float(est.threshold))
    return [Var(y, x.elem_type, x.columns)]
