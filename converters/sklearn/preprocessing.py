"""Scalers, Normalizer, Binarizer, and FunctionTransformer without a
function (what a fitted FeatureUnion holds for "passthrough").

Float inputs use ai.onnx.ml's Scaler; double inputs use Sub and Mul so that
they stay double.
"""
import numpy as np
from sklearn import preprocessing

from onnxforge import ops
from onnxforge.sklearn._common import (FLOAT, NUMPY_OF, cast, common_elem, constant, elem_type,
                                       features_in, numeric_input, numeric_shape, register,
                                       tensor_type, total_columns, write_side_by_side)


def _scale(container, operator, offset, scale):
    """Writes (x - offset) * scale per column as the operator's output;
    a scaler with clip=True (MinMaxScaler) then bounds it to its
    feature_range with Clip."""
    output = operator.outputs[0]
    elem = output.type.elem_type
    x = numeric_input(container, operator, elem)
    clip = getattr(operator.raw_operator, "clip", False)
    target = [output.onnx_name] if not clip else None
    offset = np.asarray(offset, np.float64)
    scale = np.asarray(scale, np.float64)
    if elem == FLOAT:
        y = ops.ml.Scaler(container, x, offset=offset, scale=scale, outputs=target)
    else:
        dt = NUMPY_OF[elem]
        shifted = ops.Sub(container, x, constant(container, "offset", offset.astype(dt)))
        y = ops.Mul(container, shifted, constant(container, "scale", scale.astype(dt)),
                    outputs=target)
    if clip:
        low, high = operator.raw_operator.feature_range
        ops.Clip(container, y, constant(container, "low", low, elem),
                 constant(container, "high", high, elem), outputs=[output.onnx_name])


def _features(model):
    return int(model.n_features_in_)


def _same_columns(model):
    return _features(model)


def convert_standard_scaler(scope, operator, container):
    model = operator.raw_operator
    n = _features(model)
    offset = model.mean_ if model.with_mean and model.mean_ is not None else np.zeros(n)
    scale = 1.0 / model.scale_ if model.with_std and model.scale_ is not None else np.ones(n)
    _scale(container, operator, offset, scale)


def convert_minmax_scaler(scope, operator, container):
    # x * scale_ + min_  ==  (x - (-min_ / scale_)) * scale_; clip=True then
    # bounds the result to feature_range, as sklearn does.
    model = operator.raw_operator
    _scale(container, operator, -model.min_ / model.scale_, model.scale_)


def convert_maxabs_scaler(scope, operator, container):
    model = operator.raw_operator
    _scale(container, operator, np.zeros(_features(model)), 1.0 / model.scale_)


def convert_robust_scaler(scope, operator, container):
    model = operator.raw_operator
    n = _features(model)
    offset = model.center_ if model.with_centering else np.zeros(n)
    scale = 1.0 / model.scale_ if model.with_scaling else np.ones(n)
    _scale(container, operator, offset, scale)


for _cls, _convert in ((preprocessing.StandardScaler, convert_standard_scaler),
                       (preprocessing.MinMaxScaler, convert_minmax_scaler),
                       (preprocessing.MaxAbsScaler, convert_maxabs_scaler),
                       (preprocessing.RobustScaler, convert_robust_scaler)):
    register([_cls], numeric_shape(_same_columns), _convert)


def convert_normalizer(scope, operator, container):
    """Each row divided by its l1 norm, l2 norm or largest absolute value
    (sklearn's "max"); a row of zeros stays zeros."""
    model = operator.raw_operator
    output = operator.outputs[0]
    elem = output.type.elem_type
    x = numeric_input(container, operator, elem)
    axes = constant(container, "axes", np.array([1], np.int64))
    if model.norm == "l1":
        norm = ops.ReduceSum(container, ops.Abs(container, x), axes, keepdims=1)
    elif model.norm == "l2":
        norm = ops.Sqrt(container, ops.ReduceSum(container, ops.Mul(container, x, x), axes,
                                                 keepdims=1))
    else:
        norm = ops.ReduceMax(container, ops.Abs(container, x), axes, keepdims=1)
    # Greater, not Equal: Equal takes floats only from opset 11 on.
    positive = ops.Greater(container, norm, constant(container, "zero", 0, elem))
    safe = ops.Where(container, positive, norm, constant(container, "one", 1, elem))
    ops.Div(container, x, safe, outputs=[output.onnx_name])


register([preprocessing.Normalizer], numeric_shape(features_in), convert_normalizer)


def convert_binarizer(scope, operator, container):
    """1 where x > threshold, else 0: ai.onnx.ml's Binarizer for floats;
    Greater and Cast for doubles, which runtimes' Binarizer may not take."""
    output = operator.outputs[0]
    elem = output.type.elem_type
    x = numeric_input(container, operator, elem)
    threshold = float(operator.raw_operator.threshold)
    if elem == FLOAT:
        ops.ml.Binarizer(container, x, threshold=threshold, outputs=[output.onnx_name])
    else:
        above = ops.Greater(container, x, constant(container, "threshold", threshold, elem))
        ops.Cast(container, above, to=elem, outputs=[output.onnx_name])


register([preprocessing.Binarizer], numeric_shape(features_in), convert_binarizer)


def _identity_shape(operator):
    model = operator.raw_operator
    if model.func is not None:
        raise NotImplementedError("FunctionTransformer(func=%s) does not convert: its function "
                                  "is Python code" % getattr(model.func, "__name__", model.func))
    operator.outputs[0].type = tensor_type(common_elem(operator.inputs),
                                           total_columns(operator.inputs))


def convert_identity(scope, operator, container):
    output = operator.outputs[0]
    elem = output.type.elem_type
    parts = [cast(container, v.onnx_name, elem_type(v), elem) for v in operator.inputs]
    write_side_by_side(container, parts, output.onnx_name)


register([preprocessing.FunctionTransformer], _identity_shape, convert_identity)
