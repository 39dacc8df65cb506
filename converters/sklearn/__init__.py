"""scikit-learn to ONNX.

    from onnxforge.data_types import FloatTensorType
    model = onnxforge.convert_sklearn(fitted, initial_types=[("X", FloatTensorType([None, 4]))],
                                      target_opset=15)
    print(onnxforge.verify(model, fitted, X))

Each supported estimator class is registered with
onnxforge.registration.update_registered_converter under the alias
"Sklearn" + its class name; a user's own classes register the same way.
"""
from onnxforge.builder import FinalizeError  # noqa: F401
from onnxforge.sklearn._convert import ForbiddenOpError, convert_sklearn, to_onnx  # noqa: F401
# Importing the converter modules registers their estimators.
from onnxforge.sklearn import composite, linear, preprocessing, trees  # noqa: F401
from onnxforge.sklearn.verify import VerifyResult, verify  # noqa: F401
