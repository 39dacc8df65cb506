"""Parsers: how an estimator becomes operators and variables.

A classifier is one operator writing labels and class scores, followed by
an operator that shapes the scores as its option zipmap asks: True, a
ZipMap operator turning them into one {class: probability} map per row;
"columns", a ProbabilityColumns operator writing one [N] output per class
(named by column_names); False, none. An outlier detector writes labels
and scores. Each variable is declared under the name the model's output
gets when it is final ("output_label", "output_probability", "label",
"scores"); convert_sklearn gives the final outputs those names exactly.
"""
import re

import numpy as np

from onnxforge import ops
from onnxforge.data_types import (DictionaryType, FloatTensorType, Int64TensorType,
                                  SequenceType, StringTensorType)
from onnxforge.sklearn._common import FLOAT, INT64, alias_of, cast, constant, elem_type, register

COLUMN_PREFIX = "output_probability_"


def class_keys(classifier, nocl):
    """What names each class in the outputs: its label, or with `nocl` its
    position in classes_."""
    classes = np.asarray(classifier.classes_)
    return np.arange(len(classes)) if nocl else classes


def _key_text(key, string_keys):
    # Integer labels (and booleans, which the label output holds as 0 and 1)
    # read as the integers output_label holds.
    return str(key) if string_keys else str(int(key))


def column_names(keys):
    """The output names zipmap="columns" gives the classes `keys`, in order.

    Each name is "output_probability_" + the key's text. A key made only of
    ASCII letters, digits and underscores is used as it is (keys are
    distinct, so these names are too). In any other key each other
    character becomes an underscore; when that name is taken (by a key of
    the first kind, or by an earlier key in classes_ order) the first free
    suffix _2, _3, ... is added. So "setosa" -> output_probability_setosa,
    -1 -> output_probability__1, and with the labels "a b" and "a_b",
    "a_b" keeps output_probability_a_b and "a b" gets output_probability_a_b_2.
    """
    keys = np.asarray(keys)
    strings = keys.dtype.kind in "OUS"
    texts = [_key_text(k, strings) for k in keys]
    valid = [re.fullmatch(r"[A-Za-z0-9_]*", t) is not None for t in texts]
    taken = {t for t, ok in zip(texts, valid) if ok}
    names = []
    for text, ok in zip(texts, valid):
        if not ok:
            base = candidate = re.sub(r"[^A-Za-z0-9_]", "_", text)
            suffix = 2
            while candidate in taken:
                candidate = "%s_%d" % (base, suffix)
                suffix += 1
            taken.add(candidate)
            text = candidate
        names.append(COLUMN_PREFIX + text)
    return names


class ZipMap:
    """The model of a ZipMap operator: the keys of its maps."""

    def __init__(self, classifier, nocl):
        self.keys = class_keys(classifier, nocl)

    @property
    def string_keys(self):
        return self.keys.dtype.kind in "OUS"


class ProbabilityColumns:
    """The model of an operator writing each column of the class scores as
    an output of its own: the names of those outputs."""

    def __init__(self, classifier, nocl):
        self.names = column_names(class_keys(classifier, nocl))


def classifier_parser(scope, model, inputs, custom_parsers=None):
    operator = scope.declare_local_operator(alias_of(scope, model), model)
    operator.inputs = list(inputs)
    zipmap = operator.get_option("zipmap", True)
    nocl = operator.get_option("nocl", False)
    label = scope.declare_local_variable("output_label")
    scores = scope.declare_local_variable("probabilities" if zipmap else "output_probability")
    operator.outputs = [label, scores]
    if not zipmap:
        return [label, scores]
    if zipmap == "columns":
        spec = ProbabilityColumns(model, nocl)
        splitter = scope.declare_local_operator(alias_of(scope, ProbabilityColumns), spec)
        splitter.inputs = [scores]
        splitter.outputs = [scope.declare_local_variable(name) for name in spec.names]
        return [label] + splitter.outputs
    spec = ZipMap(model, nocl)
    zipper = scope.declare_local_operator(alias_of(scope, ZipMap), spec)
    zipper.inputs = [scores]
    zipper.outputs = [scope.declare_local_variable("output_probability")]
    return [label, zipper.outputs[0]]


def outlier_parser(scope, model, inputs, custom_parsers=None):
    operator = scope.declare_local_operator(alias_of(scope, model), model)
    operator.inputs = list(inputs)
    operator.outputs = [scope.declare_local_variable("label"),
                        scope.declare_local_variable("scores")]
    return list(operator.outputs)


def _zipmap_shape(operator):
    key = StringTensorType([]) if operator.raw_operator.string_keys else Int64TensorType([])
    operator.outputs[0].type = SequenceType(DictionaryType(key, FloatTensorType([])))


def _convert_zipmap(scope, operator, container):
    spec = operator.raw_operator
    scores = operator.inputs[0]
    probabilities = cast(container, scores.onnx_name, elem_type(scores), FLOAT)
    keys = {"classlabels_strings": [str(k) for k in spec.keys]} if spec.string_keys else \
        {"classlabels_int64s": [int(k) for k in spec.keys]}
    ops.ml.ZipMap(container, probabilities, outputs=[operator.outputs[0].onnx_name], **keys)


register([ZipMap], _zipmap_shape, _convert_zipmap)


def _columns_shape(operator):
    """One [N] output per class, in the element type of the scores."""
    scores = operator.inputs[0]
    for output in operator.outputs:
        output.type = type(scores.type)([None])


def _convert_columns(scope, operator, container):
    # Gather with a scalar index drops the class axis: [N, classes] -> [N].
    scores = operator.inputs[0].onnx_name
    for k, output in enumerate(operator.outputs):
        index = constant(container, "class_index", k, INT64)
        ops.Gather(container, scores, index, axis=1, outputs=[output.onnx_name])


register([ProbabilityColumns], _columns_shape, _convert_columns)
