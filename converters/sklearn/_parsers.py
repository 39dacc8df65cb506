"""Parsers: how an estimator becomes operators and variables.

A classifier is one operator writing labels and class scores, followed by
a ZipMap operator turning the scores into one {class: probability} map per
row unless its option zipmap is False. An outlier detector writes labels
and scores. Each variable is declared under the name the model's output
gets when it is final ("output_label", "output_probability", "label",
"scores"); convert_sklearn gives the final outputs those names exactly.
"""
import numpy as np

from onnxforge import ops
from onnxforge.data_types import (DictionaryType, FloatTensorType, Int64TensorType,
                                  SequenceType, StringTensorType)
from onnxforge.sklearn._common import FLOAT, alias_of, cast, elem_type, register


class ZipMap:
    """The model of a ZipMap operator: the keys of its maps."""

    def __init__(self, classifier, nocl):
        classes = np.asarray(classifier.classes_)
        self.keys = np.arange(len(classes)) if nocl else classes

    @property
    def string_keys(self):
        return self.keys.dtype.kind in "OUS"


def classifier_parser(scope, model, inputs, custom_parsers=None):
    operator = scope.declare_local_operator(alias_of(scope, model), model)
    operator.inputs = list(inputs)
    zipmap = operator.get_option("zipmap", True)
    label = scope.declare_local_variable("output_label")
    scores = scope.declare_local_variable("probabilities" if zipmap else "output_probability")
    operator.outputs = [label, scores]
    if not zipmap:
        return [label, scores]
    spec = ZipMap(model, operator.get_option("nocl", False))
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
