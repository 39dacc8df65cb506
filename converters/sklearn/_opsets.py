"""Which opsets a conversion writes at and which it is finalized to.

The converters write every graph once, at the authoring opsets of
onnxforge.topology; the version converter reaches the targets.
"""
import numbers

from onnxforge import _core

# ai.onnx opset -> the ai.onnx.ml opset released with it: a target named by
# its ai.onnx opset alone gets the ml opset a runtime of that release reads.
_ML_FOR_ONNX = [(10, 1), (15, 2), (19, 3), (20, 4)]
_NEWEST_ML = 5


def ml_opset_for(onnx_opset):
    for last, ml in _ML_FOR_ONNX:
        if onnx_opset <= last:
            return ml
    return _NEWEST_ML


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
