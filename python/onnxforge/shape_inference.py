"""Whole-model type and shape inference."""
from onnxforge import _core
from onnxforge._messages import model_from_bytes, to_bytes

InferenceError = _core.InferenceError


def infer_shapes(model, check_type=False, strict_mode=False, data_prop=True):
    """Returns a copy of the model with inferred value infos. strict_mode
    raises InferenceError on the first node that fails; otherwise the result
    is partial."""
    return model_from_bytes(
        _core.infer_shapes(to_bytes(model), bool(strict_mode or check_type), bool(data_prop)))
