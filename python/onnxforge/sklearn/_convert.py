"""convert_sklearn: a fitted scikit-learn model as an ONNX ModelProto.

Each estimator's converter writes its graph once, at the authoring opsets
below; `_finalize` reaches the opsets the caller asks for.
"""
import numpy as np

from onnxforge import _core, onnx_pb2
from onnxforge.sklearn import _finalize, _graph, _types
from onnxforge.sklearn._graph import DOUBLE, FLOAT, INT64, STRING, Graph, Var

AUTHORING_OPSETS = {"": 13, "ai.onnx.ml": 3}

# ai.onnx opset -> the ai.onnx.ml opset released with it.
_ML_FOR_ONNX = [(10, 1), (15, 2), (19, 3), (20, 4)]
# ai.onnx opset -> the lowest IR version that can hold it.
_IR_FOR_ONNX = [(8, 3), (9, 4), (10, 5), (11, 6), (14, 7), (18, 8), (20, 9), (22, 10),
                (23, 11), (24, 12)]

_CONVERTERS = {}


def register(*classes):
    """Decorator: `fn(ctx, estimator, inputs) -> outputs` converts `classes`."""
    def wrap(fn):
        for cls in classes:
            _CONVERTERS[cls] = fn
        return fn
    return wrap


def ml_opset_for(onnx_opset):
    for limit, ml in _ML_FOR_ONNX:
        if onnx_opset <= limit:
            return ml
    return 5


def ir_version_for(onnx_opset):
    for limit, ir in _IR_FOR_ONNX:
        if onnx_opset <= limit:
            return ir
    return 13


def latest_onnx_opset():
    return max(hi for domain, _, hi in _core.domain_opset_ranges() if domain == "")


def resolve_targets(target_opset):
    """{domain: version} from an int, a dict, or None (the newest opset)."""
    if target_opset is None:
        target_opset = latest_onnx_opset()
    if isinstance(target_opset, dict):
        onnx_opset = int(target_opset.get("", target_opset.get("ai.onnx", latest_onnx_opset())))
        ml = int(target_opset.get("ai.onnx.ml", ml_opset_for(onnx_opset)))
        return {"": onnx_opset, "ai.onnx.ml": ml}
    return {"": int(target_opset), "ai.onnx.ml": ml_opset_for(int(target_opset))}


class Context:
    """What a converter sees: the graph, the target opsets, the options."""

    def __init__(self, graph, targets, options, custom):
        self.graph = graph
        self.targets = targets
        self._options = options or {}
        self._custom = custom or {}

    def options_for(self, est):
        found = {}
        for key in (type(est), id(est)):
            found.update(self._options.get(key, {}))
        return found

    def convert(self, est, inputs):
        """Converts a (sub-)estimator; returns its output Vars."""
        fn = self._custom.get(type(est)) or _CONVERTERS.get(type(est))
        if fn is None:
            raise NotImplementedError(
                "no converter for %s; supported: %s" % (type(est).__name__, ", ".join(
                    sorted({c.__name__ for c in _CONVERTERS}))))
        return fn(self, est, inputs)

    def one_input(self, inputs):
        """The inputs as one [N, F] numeric tensor (concatenated if several)."""
        if len(inputs) == 1:
            return inputs[0]
        elem = DOUBLE if any(v.elem_type == DOUBLE for v in inputs) else FLOAT
        parts = [self.graph.cast(v, elem) for v in inputs]
        cols = sum(v.columns for v in parts) if all(v.columns for v in parts) else None
        return Var(self.graph.op("Concat", parts, axis=1), elem, cols)

    def numeric(self, var):
        """`var` as float or double (integers become float)."""
        return var if var.elem_type in (FLOAT, DOUBLE) else self.graph.cast(var, FLOAT)


def _output_names(est, count):
    if hasattr(est, "score_samples") and type(est).__name__ == "IsolationForest":
        return ["label", "scores"]
    if count == 2:
        return ["output_label", "output_probability"]
    return ["variable"] + ["variable%d" % k for k in range(1, count)]


def _is_classifier(est):
    last = est.steps[-1][1] if hasattr(est, "steps") else est
    return hasattr(last, "classes_") and type(last).__name__ != "IsolationForest"


def _final_classifier(est):
    return est.steps[-1][1] if hasattr(est, "steps") else est


def _zipmap(ctx, label, proba, classes):
    g = ctx.graph
    probs = g.cast(proba, FLOAT)
    if label.elem_type == STRING:
        return Var(g.ml("ZipMap", [probs], classlabels_strings=[str(c) for c in classes]), None)
    return Var(g.ml("ZipMap", [probs], classlabels_int64s=[int(c) for c in classes]), None)


def _rename_outputs(graph, values, names, input_names):
    mapping = {}
    for var, name in zip(values, names):
        if var.name in input_names or var.name in mapping:
            graph.op("Identity", [var.name], outputs=[name])
        else:
            mapping[var.name] = name
    for node in graph.nodes:
        node.input[:] = [mapping.get(n, n) for n in node.input]
        node.output[:] = [mapping.get(n, n) for n in node.output]


def convert_sklearn(model, name=None, initial_types=None, doc_string="", target_opset=None,
                    custom_conversion_functions=None, custom_shape_calculators=None,
                    custom_parsers=None, options=None, intermediate=False, white_op=None,
                    black_op=None, final_types=None, dtype=None, naming=None,
                    model_optim=True, verbose=0):
    """Converts a fitted scikit-learn estimator to an ONNX ModelProto.

    initial_types: [(input name, FloatTensorType([None, F])), ...].
    target_opset: an ai.onnx opset (the ai.onnx.ml opset released with it is
    used), a {domain: version} dict, or None for the newest.
    options: {estimator class or id(estimator): {"zipmap": False,
    "nocl": True, "raw_scores": True}}.
    custom_conversion_functions: {estimator class: fn(ctx, est, inputs)}
    returning the output Vars (see onnxforge.sklearn._graph.Var).
    """
    if not initial_types:
        raise ValueError("initial_types is required, e.g. [('X', FloatTensorType([None, 4]))]")
    targets = resolve_targets(target_opset)
    graph = Graph(AUTHORING_OPSETS)
    inputs = []
    model_proto = onnx_pb2.ModelProto()
    for input_name, declared in initial_types:
        elem = _types.element_type(declared)
        shape = _types.shape_of(declared)
        graph.reserve(input_name)
        vi = model_proto.graph.input.add()
        vi.name = input_name
        vi.type.CopyFrom(_graph.tensor_type(elem, shape))
        inputs.append(Var(input_name, elem, shape[1] if len(shape) > 1 else None))
    ctx = Context(graph, targets, options, custom_conversion_functions)
    outputs = ctx.convert(model, inputs)

    if _is_classifier(model) and len(outputs) == 2:
        opts = ctx.options_for(_final_classifier(model))
        opts.update(ctx.options_for(model))
        if opts.get("zipmap", True):
            classes = np.arange(len(_final_classifier(model).classes_)) if opts.get(
                "nocl") else _final_classifier(model).classes_
            outputs = [outputs[0], _zipmap(ctx, outputs[0], outputs[1], classes)]
    names = _output_names(_final_classifier(model), len(outputs))
    if final_types:
        names = [n for n, _ in final_types] + names[len(final_types):]
    _rename_outputs(graph, outputs, names, {v.name for v in inputs})

    gp = model_proto.graph
    gp.name = name or type(model).__name__
    gp.node.extend(graph.nodes)
    gp.initializer.extend(graph.initializers)
    for var, out_name in zip(outputs, names):
        vi = gp.output.add()
        vi.name = out_name
        if var.elem_type is None:  # ZipMap's sequence of maps
            seq = vi.type.sequence_type.elem_type.map_type
            seq.key_type = STRING if outputs[0].elem_type == STRING else INT64
            seq.value_type.tensor_type.elem_type = FLOAT
        else:
            vi.type.tensor_type.elem_type = var.elem_type
            if var.columns is not None:  # else shape inference fills it in
                vi.type.CopyFrom(_graph.tensor_type(var.elem_type, [None, var.columns]))
    for domain in sorted(graph.used_domains | {""}):
        imp = model_proto.opset_import.add()
        imp.domain = domain
        imp.version = AUTHORING_OPSETS[domain]
    model_proto.ir_version = ir_version_for(AUTHORING_OPSETS[""])
    model_proto.producer_name = "onnxforge"
    model_proto.producer_version = "0.1"
    model_proto.domain = "ai.onnx"
    model_proto.model_version = 0
    model_proto.doc_string = doc_string or ""
    return _finalize.finalize(model_proto, targets, ir_version_for(targets[""]))
