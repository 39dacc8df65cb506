"""The model checker."""
from onnxforge import _core
from onnxforge._messages import to_bytes

ValidationError = _core.ValidationError


def check_model(model, full_check=False):
    """Raises ValidationError naming the node, op and rule on the first
    problem. With full_check, strict shape inference runs as well."""
    _core.check_model(to_bytes(model), bool(full_check))
