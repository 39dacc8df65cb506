"""GraphBuilder: writes an ONNX graph at an authoring opset, one node at a
time, with unique value names; finalize() takes the model to the opsets a
runtime needs.

    from onnxforge import ops
    from onnxforge.builder import GraphBuilder
    from onnxforge.data_types import FloatTensorType

    b = GraphBuilder({"": 21, "ai.onnx.ml": 5})
    x = b.add_input("X", FloatTensorType([None, 4]))
    w = b.add_initializer("W", np.ones((4, 3), np.float32))
    y = ops.Relu(b, ops.MatMul(b, x, w))
    b.add_output(y)
    model = b.finalize(13)          # ai.onnx opset 13, checked, shapes inferred

A converter writes its graph once, at the authoring opsets; the version
converter reaches the target. The graph is assembled in pure Python over
onnxforge's protobuf messages; finalize() runs the C++ core (version
converter, checker, shape inference; converters/builder/finalize.h).

Mistakes raise BuildError at once, naming the op or value; a target the
model cannot reach raises FinalizeError naming the node, the op and its
versions, and the lowest opset that works.
"""
import numbers

import numpy as np

from onnxforge import _core, data_types, onnx_pb2
from onnxforge._messages import model_from_bytes, to_bytes

FinalizeError = _core.FinalizeError

_A = onnx_pb2.AttributeProto


class BuildError(ValueError):
    """A graph that cannot be written: a name used twice, an op the authoring
    opset lacks, a domain without an authoring opset, a bad attribute."""


def _domain_name(domain):
    return domain or "ai.onnx"


def _canonical(domain):
    return "" if domain == "ai.onnx" else (domain or "")


# ---- Values --------------------------------------------------------------------------


def make_tensor(value, name=""):
    """A TensorProto holding `value`: a TensorProto (copied), a numpy array,
    a scalar or a nested list."""
    if isinstance(value, onnx_pb2.TensorProto):
        tensor = onnx_pb2.TensorProto()
        tensor.CopyFrom(value)
    elif hasattr(value, "SerializeToString"):  # another package's TensorProto
        tensor = onnx_pb2.TensorProto()
        tensor.ParseFromString(value.SerializeToString())
    else:
        from onnxforge.reference import tensor_from_array
        tensor = tensor_from_array(np.asarray(value))
    tensor.name = name
    return tensor


def make_type(value):
    """A TypeProto from a data type (onnxforge.data_types), a TypeProto, or
    a look-alike with to_onnx_type()."""
    if isinstance(value, onnx_pb2.TypeProto):
        return value
    if hasattr(value, "to_onnx_type"):
        proto = value.to_onnx_type()
        if isinstance(proto, onnx_pb2.TypeProto):
            return proto
        return _copy_message(proto, onnx_pb2.TypeProto())
    if hasattr(value, "SerializeToString"):
        return _copy_message(value, onnx_pb2.TypeProto())
    raise TypeError("expected a data type or a TypeProto, got %s" % type(value).__name__)


def _copy_message(source, target):
    target.ParseFromString(source.SerializeToString())
    return target


def _is_int(v):
    return isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, bool)


def _is_number(v):
    return isinstance(v, (numbers.Real, np.number)) and not isinstance(v, bool)


def _guess_attribute_type(name, value):
    if isinstance(value, bool) or _is_int(value):
        return "INT"
    if _is_number(value):
        return "FLOAT"
    if isinstance(value, (str, bytes)):
        return "STRING"
    if isinstance(value, (onnx_pb2.TensorProto, np.ndarray)):
        return "TENSOR"
    if isinstance(value, onnx_pb2.GraphProto):
        return "GRAPH"
    if isinstance(value, onnx_pb2.SparseTensorProto):
        return "SPARSE_TENSOR"
    if isinstance(value, (onnx_pb2.TypeProto, data_types.DataType)):
        return "TYPE_PROTO"
    if isinstance(value, (list, tuple)) and value:
        if all(isinstance(v, bool) or _is_int(v) for v in value):
            return "INTS"
        if all(_is_number(v) for v in value):
            return "FLOATS"
        if all(isinstance(v, (str, bytes)) for v in value):
            return "STRINGS"
        if all(isinstance(v, onnx_pb2.GraphProto) for v in value):
            return "GRAPHS"
        if all(isinstance(v, onnx_pb2.TensorProto) for v in value):
            return "TENSORS"
    raise BuildError("attribute '%s': cannot tell the type of %r; pass an AttributeProto "
                     "or use make_attribute(name, value, type_name)" % (name, value))


def _bytes(s):
    return s.encode("utf-8") if isinstance(s, str) else bytes(s)


def make_attribute(name, value, type_name=None):
    """An AttributeProto named `name` holding `value`, of `type_name` ("INT",
    "FLOATS", "GRAPH", ...) or of the type the value suggests."""
    attr = onnx_pb2.AttributeProto()
    _fill_attribute(attr, name, value, type_name)
    return attr


def _flat_list(value, dtype):
    # tolist() hands protobuf Python numbers in one call: large tree
    # ensembles carry millions of them.
    return np.asarray(value, dtype=dtype).ravel().tolist()


def _fill_attribute(attr, name, value, type_name=None):
    """Writes `value` into the (empty) AttributeProto `attr`."""
    if isinstance(value, onnx_pb2.AttributeProto):
        attr.CopyFrom(value)
        attr.name = name
        return
    type_name = type_name or _guess_attribute_type(name, value)
    attr.name = name
    attr.type = _A.AttributeType.Value(type_name)
    try:
        if type_name == "INT":
            attr.i = int(value)
        elif type_name == "FLOAT":
            attr.f = float(value)
        elif type_name == "STRING":
            attr.s = _bytes(value)
        elif type_name == "INTS":
            attr.ints.extend(_flat_list(value, np.int64))
        elif type_name == "FLOATS":
            attr.floats.extend(_flat_list(value, np.float64))
        elif type_name == "STRINGS":
            attr.strings.extend(_bytes(v) for v in value)
        elif type_name == "TENSOR":
            attr.t.CopyFrom(make_tensor(value))
        elif type_name == "TENSORS":
            attr.tensors.extend(make_tensor(v) for v in value)
        elif type_name == "GRAPH":
            attr.g.CopyFrom(_copy_message(value, onnx_pb2.GraphProto()))
        elif type_name == "GRAPHS":
            attr.graphs.extend(_copy_message(v, onnx_pb2.GraphProto()) for v in value)
        elif type_name == "SPARSE_TENSOR":
            attr.sparse_tensor.CopyFrom(_copy_message(value, onnx_pb2.SparseTensorProto()))
        elif type_name == "TYPE_PROTO":
            attr.tp.CopyFrom(make_type(value))
        else:
            raise BuildError("attribute '%s': type %s is not supported" % (name, type_name))
    except (TypeError, ValueError) as e:
        if isinstance(e, BuildError):
            raise
        raise BuildError("attribute '%s' (%s): %s" % (name, type_name, e)) from None


_KNOWN_DOMAINS = []


def _known_domains():
    """The domains the schema registry defines."""
    if not _KNOWN_DOMAINS:
        _KNOWN_DOMAINS.extend(d for d, _, _ in _core.domain_opset_ranges())
    return _KNOWN_DOMAINS


def _collect_domains(graph, domains):
    for node in graph.node:
        domains.add(_canonical(node.domain))
        for attr in node.attribute:
            if attr.HasField("g"):
                _collect_domains(attr.g, domains)
            for g in attr.graphs:
                _collect_domains(g, domains)


# ---- The builder ---------------------------------------------------------------------


def naming_rule(naming):
    """The naming rule `naming` stands for: None (names as hinted), a str
    (a prefix) or a callable(hint, used names) -> name."""
    if naming is None or callable(naming):
        return naming
    if isinstance(naming, str):
        return lambda hint, used: naming + hint
    raise TypeError("naming is a prefix (str) or a callable(name, existing names), not %s"
                    % type(naming).__name__)


class _NameTable:
    """The value names of a graph and of the graphs nested in it. `naming`
    (see naming_rule) shapes the names made from hints, not the exact names
    of inputs and named outputs."""

    def __init__(self, naming=None):
        self.used = set()
        self.reserved = set()  # handed out by unique_name() and not taken yet
        self.naming = naming_rule(naming)

    def new(self, hint):
        base = hint or "value"
        if self.naming is not None:
            named = self.naming(base, self.used)
            if not named or not isinstance(named, str):
                raise BuildError("the naming rule made %r of the name '%s'; it must return a "
                                 "non-empty str" % (named, base))
            base = named
        name, i = base, 0
        while name in self.used:
            i += 1
            name = "%s_%d" % (base, i)
        self.used.add(name)
        return name

    def take(self, names):
        for name in names:
            self.used.add(name)
            self.reserved.discard(name)


class GraphBuilder:
    """Writes one graph. `opsets` maps each domain the graph may use ("" for
    ai.onnx) to the opset its nodes are written for; an int stands for
    {"": opsets}. `naming` shapes the names made from hints (intermediate
    values and initializers): a prefix (str) or a callable(hint, used names)
    returning a name; exact names (inputs, named outputs) keep their own."""

    def __init__(self, opsets, graph_name="graph", naming=None, _names=None):
        # _names: the value names shared with the enclosing and nested graphs.
        if isinstance(opsets, numbers.Integral):
            opsets = {"": int(opsets)}
        self._opsets = {}
        for domain, version in dict(opsets).items():
            domain = _canonical(domain)
            if domain in self._opsets:
                raise BuildError("the authoring opsets name %s twice" % _domain_name(domain))
            self._opsets[domain] = int(version)
        # The graph lives in a model from the start: build(copy=False) hands
        # it over without copying (large tree ensembles take tens of MB).
        self._model = onnx_pb2.ModelProto()
        self._graph = self._model.graph
        self._graph.name = graph_name
        self._names = _NameTable(naming) if _names is None else _names
        self._defined = set()

    # ---- Reading ----

    @property
    def opsets(self):
        return dict(self._opsets)

    def opset(self, domain=""):
        """The authoring opset of `domain`, or 0."""
        return self._opsets.get(_canonical(domain), 0)

    @property
    def graph(self):
        """The graph written so far (not a copy: do not change it)."""
        return self._graph

    def is_used_name(self, name):
        return name in self._names.used

    # ---- Names ----

    def unique_name(self, hint):
        """A value name not used yet in this graph or the graphs sharing its
        names: `hint` itself, else hint_1, hint_2, ... It stays free for one
        input or node output to take (add_input, add_node with names)."""
        name = self._names.new(hint)
        self._names.reserved.add(name)
        return name

    def reserve_name(self, name):
        """Holds the exact name `name` for one input or node output to take,
        as unique_name() does; BuildError when it is used already."""
        if name in self._names.used:
            raise BuildError("'%s': the name is already used" % name)
        self._names.used.add(name)
        self._names.reserved.add(name)
        return name

    def release_name(self, name):
        """Frees a name unique_name() or reserve_name() handed out and nothing
        took; returns whether it did."""
        if name not in self._names.reserved:
            return False
        self._names.reserved.discard(name)
        self._names.used.discard(name)
        return True

    def _claim(self, name, what):
        if not name:
            raise BuildError("%s needs a name" % what)
        if not isinstance(name, str):
            raise BuildError("%s: a name is a str, not %r" % (what, name))
        if name in self._names.used:
            if name not in self._names.reserved:
                raise BuildError("%s '%s': the name is already used" % (what, name))
            self._names.reserved.discard(name)
        self._names.used.add(name)
        self._defined.add(name)

    # ---- Declarations ----

    def subgraph(self, graph_name):
        """A builder for a subgraph (an If branch, a Loop body) sharing this
        builder's authoring opsets and value names."""
        return GraphBuilder(self._opsets, graph_name, _names=self._names)

    def add_input(self, name, value_type):
        """Declares a graph input named exactly `name`; returns the name."""
        proto_type = make_type(value_type)
        self._claim(name, "graph input")
        self._graph.input.add(name=name).type.CopyFrom(proto_type)
        return name

    def add_output(self, name, value_type=None):
        """Declares a graph output: `name` must be a value of the graph by the
        time it is built. Without a type, finalize() infers it."""
        output = self._graph.output.add(name=name)
        if value_type is not None:
            output.type.CopyFrom(make_type(value_type))
        return name

    def add_initializer(self, name_hint, value):
        """Adds a constant (TensorProto, numpy array, scalar or list) under a
        new name derived from `name_hint`; returns the name."""
        tensor = make_tensor(value)
        tensor.name = self._names.new(name_hint)
        self._defined.add(tensor.name)
        self._graph.initializer.append(tensor)
        return tensor.name

    # ---- Nodes ----

    def _schema(self, op_type, domain):
        return _core.get_schema(op_type, self._opsets[domain], domain)

    def _check_op(self, op_type, domain):
        if domain not in self._opsets:
            raise BuildError("%s: the builder has no authoring opset for domain %s; name one "
                             "when creating the builder" % (op_type, _domain_name(domain)))
        if domain not in _known_domains() or self._schema(op_type, domain) is not None:
            return
        newest = _core.get_schema(op_type, -1, domain)
        if newest is None:
            raise BuildError("%s is not an op of %s" % (op_type, _domain_name(domain)))
        first = next(v for v in range(1, newest.since_version + 1)
                     if _core.get_schema(op_type, v, domain) is not None)
        raise BuildError("%s does not exist at the authoring opset %d of %s: its first version "
                         "is %d" % (op_type, self._opsets[domain], _domain_name(domain), first))

    def _new_output_names(self, op_type, domain, count):
        if count == 1:
            return [self._names.new(op_type)]
        schema = self._schema(op_type, domain) if domain in self._opsets else None
        formals = [p.name for p in schema.outputs] if schema is not None else []
        names = []
        for i in range(count):
            formal = formals[min(i, len(formals) - 1)] if formals else str(i)
            names.append(self._names.new("%s_%s" % (op_type, formal)))
        return names

    def add_node(self, op_type, inputs, outputs=1, attributes=None, domain="", name=None):
        """Adds a node; returns the names of its outputs (a list).

        `inputs`: value names, "" or None for an optional input left out.
        `outputs`: how many outputs to write (named after the op), or their
        names (each not used yet). `attributes`: a dict name -> value (its
        type guessed from the value) or a list of AttributeProto."""
        if attributes is None:
            specs = []
        elif isinstance(attributes, dict):
            specs = [(k, v, None) for k, v in attributes.items()]
        else:
            specs = [(a.name, a, None) for a in attributes]
        return self._add(op_type, _canonical(domain), inputs, outputs, specs, name)

    def add_op(self, op_type, domain, inputs, attributes, outputs=None, count=1, counted=False,
               single=True, name=None):
        """The entry point of the generated functions (onnxforge.ops).

        `inputs` holds names, None for an input left out, and lists (a
        variadic input) spliced in place. `attributes` holds (name, type
        name, value) triples; None values are left out. `outputs` is None
        (`count` outputs), a count (ops with optional or variadic outputs)
        or a list of names. Returns a name when `single`, else a list."""
        flat = []
        for value in inputs:
            if isinstance(value, (list, tuple)):
                flat.extend(value)
            else:
                flat.append(value)
        if outputs is None:
            outputs = count
        elif isinstance(outputs, numbers.Integral) and not counted and outputs != count:
            raise BuildError("%s writes %d output%s, not %d"
                             % (op_type, count, "" if count == 1 else "s", outputs))
        elif isinstance(outputs, str):
            outputs = [outputs]
        specs = [(n, v, t) for n, t, v in attributes if v is not None]
        names = self._add(op_type, _canonical(domain), flat, outputs, specs, name)
        return names[0] if single else names

    def _add(self, op_type, domain, inputs, outputs, specs, name):
        """Checks, then appends the node; `specs` are (name, value, type
        name or None) triples. A mistake leaves the graph as it was."""
        self._check_op(op_type, domain)
        inputs = ["" if i is None else i for i in inputs]
        for i in inputs:
            if not isinstance(i, str):
                raise BuildError("%s: an input is a value name (str), not %r" % (op_type, i))
        if isinstance(outputs, numbers.Integral):
            if outputs < 0:
                raise BuildError("%s: output count %d is negative" % (op_type, outputs))
        while inputs and not inputs[-1]:
            inputs.pop()
        # Attributes are written in place: copying a large tree ensemble's
        # attributes costs as much as writing them.
        node = self._graph.node.add(op_type=op_type, input=inputs)
        try:
            for attr_name, value, type_name in specs:
                _fill_attribute(node.attribute.add(), attr_name, value, type_name)
            if isinstance(outputs, numbers.Integral):
                names = self._new_output_names(op_type, domain, int(outputs))
                self._defined.update(names)
            else:
                names = [o or "" for o in outputs]
                self._claim_all(names, "%s output" % op_type)
        except Exception:
            del self._graph.node[-1]
            raise
        node.output.extend(names)
        if domain:
            node.domain = domain
        if name:
            node.name = name
        for attr in node.attribute:
            for g in ([attr.g] if attr.HasField("g") else []) + list(attr.graphs):
                self._claim_subgraph_names(g)
        return names

    def _claim_all(self, names, what):
        """Claims every (non-empty) name or, on a mistake, none."""
        seen = set()
        for o in names:
            if o and (o in seen or (o in self._names.used and o not in self._names.reserved)):
                raise BuildError("%s '%s': the name is already used" % (what, o))
            seen.add(o)
        for o in names:
            if o:
                self._claim(o, what)

    def _claim_subgraph_names(self, graph):
        self._names.take(i.name for i in graph.input)
        self._names.take(t.name for t in graph.initializer)
        for node in graph.node:
            self._names.take(o for o in node.output if o)
            for attr in node.attribute:
                for g in ([attr.g] if attr.HasField("g") else []) + list(attr.graphs):
                    self._claim_subgraph_names(g)

    # ---- Results ----

    def _check_outputs(self):
        for output in self._graph.output:
            if output.name not in self._names.used:
                raise BuildError("graph output '%s' is not a value of graph '%s'"
                                 % (output.name, self._graph.name))

    def build_graph(self):
        """The graph alone (a copy), for a subgraph attribute."""
        self._check_outputs()
        graph = onnx_pb2.GraphProto()
        graph.CopyFrom(self._graph)
        return graph

    def build(self, copy=True):
        """The model as written: the graph, the authoring opsets of the
        domains its nodes use, the IR version those opsets came with.
        copy=False returns the model the builder writes into: changing it
        changes the builder's graph."""
        self._check_outputs()
        if copy:
            model = onnx_pb2.ModelProto()
            model.graph.CopyFrom(self._graph)
        else:
            model = self._model
            del model.opset_import[:]
        model.producer_name = "onnxforge"
        used = set()
        _collect_domains(model.graph, used)
        if not used and "" in self._opsets:
            used.add("")
        for domain in sorted(used):
            model.opset_import.add(domain=domain, version=self.opset(domain))
        model.ir_version = max([ir_version_for_opset(d, self.opset(d)) for d in used] + [0]) \
            or onnx_pb2.IR_VERSION
        return model

    def finalize(self, target_opset=None):
        """build(), then finalize_model() to `target_opset`."""
        return finalize_model(self.build(copy=False), target_opset)


def ir_version_for_opset(domain, opset):
    """The IR version released with `opset` of `domain`, or 0 when unknown."""
    return _core.ir_version_for_opset(_canonical(domain), int(opset))


def finalize_model(model, target_opset=None):
    """`model` converted to `target_opset` (an int for ai.onnx, a dict
    {domain: opset}, None to keep the authoring opsets), checked, with the
    types of its outputs inferred. Raises FinalizeError saying why a target
    cannot express the model and which opset can."""
    if target_opset is None:
        targets = {}
    elif isinstance(target_opset, numbers.Integral):
        targets = {"": int(target_opset)}
    else:
        targets = {_canonical(d): int(v) for d, v in dict(target_opset).items()}
    return model_from_bytes(_core.finalize_model(to_bytes(model), targets))
