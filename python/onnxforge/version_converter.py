"""Moving models between opsets of ai.onnx and ai.onnx.ml.

    from onnxforge import version_converter
    model13 = version_converter.convert_version(model, 13)
    both = version_converter.convert_version(model, {"": 13, "ai.onnx.ml": 3})

Each node crosses every version change of its op between the two opsets,
upgraded or downgraded exactly, or the conversion stops with a
ConversionError that names the node, the op, the versions and the reason.
"""
from onnxforge import _core
from onnxforge._messages import model_from_bytes, to_bytes

ConversionError = _core.ConversionError


def _targets(target_opset):
    if isinstance(target_opset, bool):
        raise TypeError("target_opset must be an int or a dict {domain: opset}, got bool")
    if isinstance(target_opset, int):
        return {"": target_opset}
    if isinstance(target_opset, dict):
        targets = {}
        for domain, version in target_opset.items():
            if not isinstance(domain, str) or isinstance(version, bool) or not isinstance(version, int):
                raise TypeError("target_opset maps domain names to int opsets, got %r: %r"
                                % (domain, version))
            targets[domain] = version
        return targets
    raise TypeError("target_opset must be an int or a dict {domain: opset}, got %s"
                    % type(target_opset).__name__)


def convert_version(model, target_opset):
    """Returns `model` (a ModelProto, ONNX's or ours, or its bytes) converted
    to `target_opset`: an int, the ai.onnx opset, or a dict mapping domains
    ("" or "ai.onnx", "ai.onnx.ml") to opsets. The result is checked and has
    the IR version its opsets need."""
    return model_from_bytes(_core.convert_version(to_bytes(model), _targets(target_opset)))
