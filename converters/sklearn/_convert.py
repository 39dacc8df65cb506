"""convert_sklearn: a fitted scikit-learn model as an ONNX ModelProto.

The model is parsed into operators (onnxforge.topology), each registered
estimator's converter writes its nodes at the authoring opsets, and the
builder's finalize_model reaches the target opsets (version converter,
checker, shape inference); a target that cannot express the model raises
onnxforge.builder.FinalizeError naming the op, its versions and the lowest
opset that works.
"""
import sys

import numpy as np

from onnxforge import data_types, ops
from onnxforge.builder import BuildError, finalize_model, make_type
from onnxforge.data_types import TensorType
from onnxforge.sklearn._opsets import resolve_targets
from onnxforge.sklearn._optimize import optimize
from onnxforge.topology import parse_topology

PRODUCER_VERSION = "0.1"


class ForbiddenOpError(ValueError):
    """The converted model would use an op that white_op leaves out or
    black_op excludes."""


# ---- Arguments --------------------------------------------------------------------------


def _as_data_type(value, what):
    """`value` as an onnxforge.data_types type (look-alikes with
    to_onnx_type(), such as other converters' types, are read through it)."""
    if isinstance(value, data_types.DataType):
        return value
    try:
        return data_types.from_onnx_type(make_type(value))
    except (TypeError, ValueError) as e:
        raise TypeError("%s: %s" % (what, e)) from None


def _pairs(entries, argument):
    """[(name, DataType)] from `entries`, checked."""
    pairs = []
    for entry in entries:
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2
                and isinstance(entry[0], str)):
            raise TypeError("%s holds (name, type) pairs, e.g. ('X', FloatTensorType([None, 4])); "
                            "got %r" % (argument, entry))
        pairs.append((entry[0], _as_data_type(entry[1], "%s '%s'" % (argument, entry[0]))))
    return pairs


def _initial_types(model, initial_types, dtype):
    """The declared inputs; with none, dtype declares one input X of the
    model's n_features_in_ columns."""
    if initial_types is None:
        if dtype is None:
            raise ValueError("initial_types is required, e.g. [('X', FloatTensorType([None, 4]))]"
                             " (or dtype=numpy.float32 for one input X of the model's "
                             "n_features_in_ columns)")
        return [("X", data_types.tensor_type_for_dtype(
            dtype, [None, getattr(model, "n_features_in_", None)]))]
    pairs = _pairs(initial_types, "initial_types")
    if not pairs:
        raise ValueError("initial_types is empty: the model needs at least one input")
    if dtype is not None:
        wanted = data_types.tensor_type_for_dtype(dtype).elem_type
        for name, declared in pairs:
            if isinstance(declared, TensorType) and declared.elem_type != wanted:
                raise ValueError("dtype %s contradicts input '%s' declared as %r"
                                 % (np.dtype(dtype).name, name, declared))
    return pairs


def _type_set(ops_given, argument):
    if ops_given is None:
        return None
    if isinstance(ops_given, str):
        raise TypeError("%s is a collection of op types, e.g. {'Add', 'MatMul'}, not a str"
                        % argument)
    return set(ops_given)


class _OpRestriction:
    """white_op / black_op: which op types the converted model may use."""

    def __init__(self, white_op, black_op):
        self.white = _type_set(white_op, "white_op")
        self.black = _type_set(black_op, "black_op")

    def refusal(self, node):
        """Why `node` may not be in the model, or None."""
        op = node.op_type
        if self.white is not None and op not in self.white:
            return "which white_op does not list (white_op: %s)" % ", ".join(sorted(self.white))
        if self.black is not None and op in self.black:
            return "which black_op excludes"
        return None

    @property
    def active(self):
        return self.white is not None or self.black is not None


def _op_name(node):
    return "%s (%s)" % (node.op_type, node.domain or "ai.onnx")


def _describe(operator):
    return "%s (operator %s)" % (operator.model_name, operator.type)


# ---- The conversion ---------------------------------------------------------------------


class _Log:
    def __init__(self, verbose):
        self.verbose = verbose or 0

    def __call__(self, level, message):
        if self.verbose >= level:
            print("[convert_sklearn] " + message, file=sys.stdout, flush=True)


def _name_outputs(topology, final_types):
    """Gives each final output its name (final_types' or the one it was
    declared under) and type; an input, a value listed twice or a type
    change gets a node of its own. Returns [(source, output, op)] for
    those nodes."""
    scope = topology.scope
    inputs = {id(v) for v in topology.inputs}
    explicit = final_types is not None
    declared = _pairs(final_types, "final_types") if explicit else []
    if len(declared) > len(topology.outputs):
        raise ValueError("final_types declares %d outputs; the model has %d (%s)" % (
            len(declared), len(topology.outputs),
            ", ".join(v.onnx_name for v in topology.outputs)))
    copies, seen, named = [], set(), set()
    for i, variable in enumerate(topology.outputs):
        if i < len(declared):
            name, wanted_type = declared[i]
        else:  # an input passed through is named as a transformer's output
            name = "variable" if id(variable) in inputs else variable.raw_name
            wanted_type = None
        op = None
        if wanted_type is not None:
            op = _type_change(variable, name, wanted_type)
        if op is None and (id(variable) in inputs or id(variable) in seen):
            op = "Identity"
        if op is not None:
            output = scope.declare_local_variable(name, wanted_type or variable.type)
            copies.append((variable, output, op))
            topology.outputs[i] = variable = output
        elif wanted_type is not None:
            variable.type = wanted_type
        seen.add(id(variable))
        if name in named:
            if i < len(declared):
                raise ValueError("final_types names '%s' twice" % name)
            continue  # a second default name keeps its unique variant
        try:
            scope.rename_variable(variable, name)
            named.add(name)
        except BuildError:
            if i < len(declared):
                raise ValueError("final_types names output %d '%s', which is the name of an "
                                 "input" % (i, name)) from None
    return copies


def _type_change(variable, name, wanted):
    """'Cast' when the output must change element type, None when it keeps
    it; a kind that cannot be reached raises ValueError."""
    have = variable.type
    if have is None:
        return None
    if isinstance(have, TensorType) and isinstance(wanted, TensorType):
        return "Cast" if have.elem_type != wanted.elem_type else None
    if have != wanted:
        raise ValueError("final_types declares output '%s' as %r; the converter writes %r"
                         % (name, wanted, have))
    return None


def _write_copies(builder, copies):
    for source, output, op in copies:
        if op == "Cast":
            ops.Cast(builder, source.onnx_name, to=output.type.elem_type,
                     outputs=[output.onnx_name])
        else:
            ops.Identity(builder, source.onnx_name, outputs=[output.onnx_name])


def _producers(topology):
    """{value name: operator} for the values the converters wrote."""
    graph = topology.builder.graph
    found = {}
    for operator in topology.operators:
        for index in operator.node_range:
            for name in graph.node[index].output:
                found[name] = operator
    return found


def _producer(node, producers):
    """The operator a node belongs to: the one that wrote its outputs (or,
    failing that, its inputs); None for the nodes of final_types."""
    return next((producers[n] for n in list(node.output) + list(node.input) if n in producers),
                None)


def _check_ops(model, restriction, producers, targets=None):
    """Raises ForbiddenOpError at the first node the restriction refuses,
    naming the operator it belongs to. `targets`: the opsets the version
    converter took the model to (None: the model as the converters wrote it)."""
    for node in model.graph.node:
        reason = restriction.refusal(node)
        if reason is None:
            continue
        operator = _producer(node, producers)
        if targets is None:
            who = _describe(operator) if operator is not None else "final_types"
            raise ForbiddenOpError("%s writes %s, %s" % (who, _op_name(node), reason))
        whose = "for " + _describe(operator) if operator is not None else "into the model"
        domain = node.domain or ""
        raise ForbiddenOpError(
            "the version converter wrote %s %s at %s opset %d, %s"
            % (_op_name(node), whose, domain or "ai.onnx", targets.get(domain, 0), reason))


def convert_sklearn(model, name=None, initial_types=None, doc_string="", target_opset=None,
                    custom_conversion_functions=None, custom_shape_calculators=None,
                    custom_parsers=None, options=None, intermediate=False, white_op=None,
                    black_op=None, final_types=None, dtype=None, naming=None,
                    model_optim=True, verbose=0):
    """Converts a fitted scikit-learn model to an ONNX ModelProto.

    initial_types: [(input name, FloatTensorType([None, F])), ...] (types
    of onnxforge.data_types); without it, `dtype` (numpy.float32, ...)
    declares one input X of the model's n_features_in_ columns, and with it
    must agree with every input.
    target_opset: an ai.onnx opset (with the ai.onnx.ml opset released
    with it), a {domain: opset} dict, or None for the newest.
    options: {class or id(model): {"zipmap": False, "nocl": True,
    "raw_scores": True}}; each converter declares the options it reads
    (a classifier's zipmap: True, False or "columns").
    custom_conversion_functions, custom_shape_calculators, custom_parsers:
    {class: function} replacing the registered ones for this call.
    naming: a prefix (str) or a callable(name, existing names) for the
    names of intermediate values.
    white_op / black_op: the op types the model may use / may not use.
    final_types: [(name, type)] renaming and typing the outputs (a
    different element type adds a Cast).
    intermediate: return (model, topology) instead of the model.
    model_optim: drop the Identity nodes and initializers the conversion
    leaves unused.
    verbose: 1 prints the operators and the finalization, 2 each
    converter's nodes too.
    """
    log = _Log(verbose)
    initial_types = _initial_types(model, initial_types, dtype)
    targets = resolve_targets(target_opset)
    restriction = _OpRestriction(white_op, black_op)
    topology = parse_topology(model, initial_types, options, custom_parsers,
                              custom_conversion_functions, custom_shape_calculators,
                              name=name or type(model).__name__, naming=naming)
    log(1, "parsed %s into %d operators: %s" % (type(model).__name__, len(topology.operators),
                                              ", ".join(o.type for o in topology.operators)))
    topology.infer_types()
    copies = _name_outputs(topology, final_types)
    builder = topology.builder

    def after_each(operator):
        nodes = [builder.graph.node[i] for i in operator.node_range]
        log(2, "%s wrote %s" % (_describe(operator), ", ".join(n.op_type for n in nodes)
                                or "no nodes"))

    topology.convert_operators(after_each)
    _write_copies(builder, copies)
    topology.declare_outputs()
    authored = builder.build(copy=False)  # the builder is done
    if model_optim:
        optimize(authored.graph)
    producers = _producers(topology) if restriction.active else {}
    if restriction.active:
        _check_ops(authored, restriction, producers)
    imports = {o.domain: o.version for o in authored.opset_import}
    imports.setdefault("", builder.opset(""))  # the caller asked for an ai.onnx opset
    del authored.opset_import[:]
    for domain in sorted(imports):
        authored.opset_import.add(domain=domain, version=imports[domain])
    domains = set(imports)
    wanted = {d: v for d, v in targets.items() if d in domains}
    log(1, "finalizing from %s to %s" % (
        {o.domain or "ai.onnx": o.version for o in authored.opset_import},
        {d or "ai.onnx": v for d, v in wanted.items()}))
    onnx_model = finalize_model(authored, wanted)
    if restriction.active:
        _check_ops(onnx_model, restriction, producers, wanted)
    onnx_model.producer_name = "onnxforge"
    onnx_model.producer_version = PRODUCER_VERSION
    onnx_model.domain = "ai.onnx"
    onnx_model.model_version = 0
    onnx_model.doc_string = doc_string or ""
    return (onnx_model, topology) if intermediate else onnx_model


def _guess_initial_types(X):
    """One input per column of a DataFrame (named like the column), else
    one input X of the array's type."""
    if hasattr(X, "columns") and hasattr(X, "dtypes"):
        return [(str(c), data_types.guess_tensor_type(np.asarray(X[c]).reshape(-1, 1)))
                for c in X.columns]
    return [("X", data_types.guess_tensor_type(X))]


def to_onnx(model, X=None, name=None, initial_types=None, target_opset=None, options=None,
            white_op=None, black_op=None, final_types=None, dtype=None, naming=None,
            model_optim=True, verbose=0, intermediate=False):
    """convert_sklearn with the inputs guessed from sample data X when
    initial_types is not given."""
    if initial_types is None and X is not None:
        initial_types = _guess_initial_types(X)
    return convert_sklearn(model, name=name, initial_types=initial_types,
                           target_opset=target_opset, options=options, white_op=white_op,
                           black_op=black_op, final_types=final_types, dtype=dtype,
                           naming=naming, model_optim=model_optim, verbose=verbose,
                           intermediate=intermediate)
