"""scikit-learn to ONNX.

    from onnxforge.data_types import FloatTensorType
    model = onnxforge.convert_sklearn(fitted, initial_types=[("X", FloatTensorType([None, 4]))],
                                      target_opset=15)
    print(onnxforge.verify(model, fitted, X))
"""
from onnxforge.sklearn._convert import (  # noqa: F401
    AUTHORING_OPSETS, Context, convert_sklearn, register, resolve_targets,
)
from onnxforge.sklearn._finalize import ConversionError  # noqa: F401
from onnxforge.sklearn import linear, preprocessing  # noqa: F401  (registers converters)
from onnxforge.sklearn import trees, composite  # noqa: F401
from onnxforge.sklearn.verify import VerifyResult, verify  # noqa: F401

to_onnx = convert_sklearn
