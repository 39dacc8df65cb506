"""Takes a model written at the authoring opsets to the opsets asked for.

The version converter does the work; the model is then checked and its
shapes inferred. Until the core offers `finalize_model`, the pure-Python
`onnxforge.version_converter` is used; without either, a model can only be
relabelled, which is exact when no operator it uses changed in between.
"""
from onnxforge import _core, checker, defs, onnx_pb2, shape_inference


class ConversionError(ValueError):
    """A model cannot be expressed at the opsets asked for."""


def _ops_unchanged(model, targets):
    """The first node whose schema differs between the model's opset and the
    target one, as (op, domain, authored version, target version), or None."""
    current = {o.domain: o.version for o in model.opset_import}
    for node in model.graph.node:
        domain = node.domain or ""
        old = defs.get_schema(node.op_type, current[domain], domain) if defs.has_schema(
            node.op_type, current[domain], domain) else None
        try:
            new = defs.get_schema(node.op_type, targets[domain], domain)
        except Exception:  # no version at or below the target
            return node.op_type, domain, old.since_version if old else None, None
        if old is None or new.since_version != old.since_version:
            return node.op_type, domain, old.since_version if old else None, new.since_version
    return None


def _relabel(model, targets):
    changed = _ops_unchanged(model, targets)
    if changed is not None:
        op, domain, old, new = changed
        raise ConversionError(
            "%s%s (version %s) would need the version converter to reach %s opset %d "
            "(version %s there), which this build of onnxforge lacks"
            % (domain + "." if domain else "", op, old, domain or "ai.onnx",
               targets[domain], new))
    for opset in model.opset_import:
        opset.version = targets[opset.domain]
    return model


def _converter():
    if hasattr(_core, "finalize_model"):
        return "core", _core.finalize_model
    try:
        from onnxforge import version_converter
    except ImportError:
        return None, None
    return "python", getattr(version_converter, "convert_version", None)


def finalize(model, targets, ir_version):
    """`model` converted to `targets` ({domain: version}), checked, with
    inferred shapes. Raises ConversionError naming the op that refuses."""
    wanted = {d: v for d, v in targets.items()
              if any(o.domain == d for o in model.opset_import)}
    kind, convert = _converter()
    if kind == "core":
        try:
            data = convert(model.SerializeToString(), wanted)
        except Exception as e:  # the core's error names the op and the versions
            raise ConversionError(str(e)) from None
        out = onnx_pb2.ModelProto()
        out.ParseFromString(data if isinstance(data, bytes) else data.SerializeToString())
        return out  # with the IR version of its opsets
    else:
        current = {o.domain: o.version for o in model.opset_import}
        if current == wanted:
            out = model
        elif convert is not None:
            try:
                out = convert(model, wanted)
            except Exception as e:
                raise ConversionError(str(e)) from None
            if not isinstance(out, onnx_pb2.ModelProto):
                proto = onnx_pb2.ModelProto()
                proto.ParseFromString(out.SerializeToString())
                out = proto
        else:
            out = _relabel(model, wanted)
        out.ir_version = ir_version
        checker.check_model(out)
        out = shape_inference.infer_shapes(out)
    out.ir_version = ir_version
    return out
