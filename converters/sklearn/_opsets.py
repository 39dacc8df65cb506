"""Which opsets a conversion writes at and which it is finalized to.

The converters write every graph once, at the authoring opsets of
onnxforge.topology; the version converter reaches the targets.
"""
import numbers

from onnxforge import _core


def ml_opset_for(onnx_opset):
    """The ai.onnx.ml opset released with ai.onnx opset `onnx_opset`: a
    target named by its ai.onnx opset alone gets the ml opset a runtime of
    that release reads."""
    return _core.ml_opset_released_with(int(onnx_opset))


def newest_onnx_opset():
    return max(high for domain, _, high in _core.domain_opset_ranges() if domain == "")


def resolve_targets(target_opset):
    """{"": ai.onnx opset, "ai.onnx.ml": ml opset} from an int, a dict
    ({domain: opset}; "ai.onnx" names the default domain too) or None (the
    newest opset)."""
    if target_opset is None:
        target_opset = newest_onnx_opset()
    if isinstance(target_opset, dict):
        onnx_opset = target_opset.get("", target_opset.get("ai.onnx"))
        onnx_opset = newest_onnx_opset() if onnx_opset is None else int(onnx_opset)
        ml = target_opset.get("ai.onnx.ml")
        return {"": onnx_opset, "ai.onnx.ml": ml_opset_for(onnx_opset) if ml is None else int(ml)}
    if isinstance(target_opset, bool) or not isinstance(target_opset, numbers.Integral):
        raise TypeError("target_opset is an int, a {domain: opset} dict or None, not %r"
                        % (target_opset,))
    return {"": int(target_opset), "ai.onnx.ml": ml_opset_for(int(target_opset))}
