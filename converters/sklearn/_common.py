"""What the scikit-learn converters share: element types, registering a
family of estimator classes, reading inputs as one numeric matrix, labels
from class scores.

A converter has the registry's signature `convert(scope, operator,
container)`: `container` is the GraphBuilder (onnxforge.builder), the
operator's inputs and outputs are Variables whose types the shape
calculators set (onnxforge.data_types).
"""
import numpy as np

from onnxforge import onnx_pb2, ops
from onnxforge.data_types import Int64TensorType, StringTensorType, TensorType, tensor_type_for
from onnxforge.registration import update_registered_converter

FLOAT = onnx_pb2.TensorProto.FLOAT
DOUBLE = onnx_pb2.TensorProto.DOUBLE
INT64 = onnx_pb2.TensorProto.INT64
STRING = onnx_pb2.TensorProto.STRING
NUMPY_OF = {FLOAT: np.float32, DOUBLE: np.float64, INT64: np.int64}

# Options every classifier converter reads; zipmap="columns" gives one
# output per class (see _parsers).
CLASSIFIER_OPTIONS = {"zipmap": [True, False, "columns"], "nocl": [False, True]}
RAW_SCORES_OPTION = {"raw_scores": [False, True]}


def register(classes, shape_calculator, converter, parser=None, options=None):
    """Registers each class under the alias "Sklearn" + its class name."""
    for cls in classes:
        update_registered_converter(cls, "Sklearn" + cls.__name__, shape_calculator, converter,
                                    parser=parser, options=options)


def alias_of(scope, model):
    """The alias `model` converts under in this conversion."""
    return scope.get_registration(model).alias


# ---- Types ----------------------------------------------------------------------------


def elem_type(variable):
    """The element type of a tensor Variable (TensorProto.FLOAT, ...)."""
    if not isinstance(variable.type, TensorType):
        raise TypeError("'%s' is %r, not a tensor" % (variable.onnx_name, variable.type))
    return variable.type.elem_type


def columns(variable):
    """The column count of a [N, C] Variable, or None when unknown."""
    shape = getattr(variable.type, "shape", None)
    if shape is None or len(shape) != 2 or not isinstance(shape[1], int):
        return None
    return shape[1]


def tensor_type(elem, cols):
    """The [N, cols] tensor type of `elem` (cols None: unknown)."""
    return tensor_type_for(elem, [None, cols])


def numeric_elem(variables):
    """The element type a numeric estimator computes its inputs in: double
    when one input is double, else float (integers become float)."""
    return DOUBLE if any(elem_type(v) == DOUBLE for v in variables) else FLOAT


def common_elem(variables):
    """The element type the variables share, else the one numeric_elem
    gives: what values read side by side are held in."""
    kinds = {elem_type(v) for v in variables}
    return kinds.pop() if len(kinds) == 1 else numeric_elem(variables)


def check_numeric_inputs(operator):
    for variable in operator.inputs:
        if elem_type(variable) == STRING:
            raise TypeError("%s reads numbers; input '%s' holds strings"
                            % (operator.model_name, variable.onnx_name))


def total_columns(variables):
    counts = [columns(v) for v in variables]
    return None if None in counts else sum(counts)


def check_input_columns(operator, expected):
    """Fails when the inputs' known column count differs from `expected`."""
    got = total_columns(operator.inputs)
    if got is not None and expected is not None and got != expected:
        described = ", ".join("%s: %r" % (v.onnx_name, v.type) for v in operator.inputs)
        raise ValueError("%s was fitted on %d features; its inputs give %d (%s)"
                         % (operator.model_name, expected, got, described))


def features_in(model):
    return getattr(model, "n_features_in_", None)


# ---- Shape calculators ----------------------------------------------------------------


def numeric_shape(columns_of):
    """A shape calculator for one numeric output of `columns_of(model)`
    columns, in the element type of the inputs."""
    def calculate(operator):
        check_numeric_inputs(operator)
        check_input_columns(operator, features_in(operator.raw_operator))
        operator.outputs[0].type = tensor_type(numeric_elem(operator.inputs),
                                               columns_of(operator.raw_operator))
    return calculate


def label_type(model, nocl):
    """The tensor type of a classifier's label output."""
    classes = np.asarray(model.classes_)
    if classes.dtype.kind in "OUS" and not nocl:
        return StringTensorType([None])
    return Int64TensorType([None])


def classifier_shape(operator):
    """Labels [N] and class scores [N, classes] in the inputs' element type."""
    check_numeric_inputs(operator)
    model = operator.raw_operator
    check_classes(model)
    check_input_columns(operator, features_in(model))
    operator.outputs[0].type = label_type(model, operator.get_option("nocl", False))
    operator.outputs[1].type = tensor_type(numeric_elem(operator.inputs), len(model.classes_))


def check_classes(model):
    classes = np.asarray(model.classes_)
    if classes.ndim != 1:
        raise NotImplementedError("%s with several outputs (classes_ of shape %s) is not "
                                  "supported" % (type(model).__name__, classes.shape))
    if classes.dtype.kind not in "OUSiub":
        raise NotImplementedError("%s: class labels must be integers or strings, got %s"
                                  % (type(model).__name__, classes.dtype))


# ---- Graph pieces ---------------------------------------------------------------------


def constant(container, hint, value, elem=None):
    """An initializer holding `value` (in `elem`'s numpy type when given)."""
    array = np.asarray(value, dtype=NUMPY_OF[elem]) if elem is not None else np.asarray(value)
    return container.add_initializer(hint, array)


def cast(container, name, from_elem, to_elem, output=None):
    """`name` as `to_elem`; no node when it is already (unless `output`
    names the result)."""
    if from_elem == to_elem:
        return ops.Identity(container, name, outputs=[output]) if output else name
    return ops.Cast(container, name, to=to_elem, outputs=[output] if output else None)


def numeric_input(container, operator, elem=None):
    """The operator's inputs as one [N, F] matrix of `elem` (by default the
    element type numeric_elem gives): cast, and concatenated when several."""
    elem = elem or numeric_elem(operator.inputs)
    parts = [cast(container, v.onnx_name, elem_type(v), elem) for v in operator.inputs]
    return parts[0] if len(parts) == 1 else ops.Concat(container, parts, axis=1)


def write_side_by_side(container, parts, output):
    """Writes `output`: the [N, k] values `parts` joined along the columns."""
    if len(parts) == 1:
        return ops.Identity(container, parts[0], outputs=[output])
    return ops.Concat(container, parts, axis=1, outputs=[output])


def labels(container, model, scores, output, nocl):
    """Writes `output`: the class label of the largest score per row (the
    first on ties, as numpy's argmax), or its index with `nocl`."""
    classes = np.asarray(model.classes_)
    strings = classes.dtype.kind in "OUS"
    if nocl or (not strings and np.array_equal(classes, np.arange(len(classes)))):
        return ops.ArgMax(container, scores, axis=1, keepdims=0, outputs=[output])
    index = ops.ArgMax(container, scores, axis=1, keepdims=0)
    if strings:
        table = constant(container, "classes", np.array([str(c) for c in classes], dtype=object))
    else:
        table = constant(container, "classes", classes.astype(np.int64))
    return ops.Gather(container, table, index, axis=0, outputs=[output])
