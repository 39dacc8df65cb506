"""A small graph writer: nodes, constants and typed values for one model.

Converters call `Graph.op(...)`, which names outputs uniquely and records
which opset of each domain the graph is authored at.
"""
import numpy as np

from onnxforge import onnx_pb2
from onnxforge.reference import tensor_from_array

ML_DOMAIN = "ai.onnx.ml"
FLOAT = onnx_pb2.TensorProto.FLOAT
DOUBLE = onnx_pb2.TensorProto.DOUBLE
INT64 = onnx_pb2.TensorProto.INT64
STRING = onnx_pb2.TensorProto.STRING
NUMPY_OF = {FLOAT: np.float32, DOUBLE: np.float64, INT64: np.int64}


class Var:
    """A value in the graph: its name, element type and column count (None
    when unknown)."""

    def __init__(self, name, elem_type, columns=None):
        self.name = name
        self.elem_type = elem_type
        self.columns = columns

    def __repr__(self):
        return "Var(%r, %s, %r)" % (self.name, onnx_pb2.TensorProto.DataType.Name(self.elem_type),
                                    self.columns)


def make_attribute(name, value):
    attr = onnx_pb2.AttributeProto()
    attr.name = name
    kinds = onnx_pb2.AttributeProto
    if isinstance(value, np.ndarray):
        attr.type = kinds.TENSOR
        attr.t.CopyFrom(tensor_from_array(value))
    elif isinstance(value, (bool, int, np.integer)):
        attr.type = kinds.INT
        attr.i = int(value)
    elif isinstance(value, (float, np.floating)):
        attr.type = kinds.FLOAT
        attr.f = float(value)
    elif isinstance(value, (str, bytes)):
        attr.type = kinds.STRING
        attr.s = value.encode("utf-8") if isinstance(value, str) else value
    elif isinstance(value, (list, tuple)):
        values = list(value)
        if all(isinstance(v, (bool, int, np.integer)) for v in values):
            attr.type = kinds.INTS
            attr.ints.extend(int(v) for v in values)
        elif all(isinstance(v, (int, float, np.integer, np.floating)) for v in values):
            attr.type = kinds.FLOATS
            attr.floats.extend(float(v) for v in values)
        elif all(isinstance(v, (str, bytes)) for v in values):
            attr.type = kinds.STRINGS
            attr.strings.extend(v.encode("utf-8") if isinstance(v, str) else v for v in values)
        else:
            raise TypeError("attribute %r: cannot tell the list's element type" % name)
    else:
        raise TypeError("attribute %r: unsupported value of type %s" % (name, type(value).__name__))
    return attr


def tensor_type(elem_type, shape):
    proto = onnx_pb2.TypeProto()
    proto.tensor_type.elem_type = elem_type
    dims = proto.tensor_type.shape
    for d in shape:
        dim = dims.dim.add()
        if isinstance(d, (int, np.integer)) and d >= 0:
            dim.dim_value = int(d)
        elif isinstance(d, str):
            dim.dim_param = d
    return proto


class Graph:
    """Collects the nodes of one model at fixed authoring opsets."""

    def __init__(self, authoring_opsets):
        self.authoring = dict(authoring_opsets)
        self.nodes = []
        self.initializers = []
        self.used_domains = set()
        self._names = set()

    def reserve(self, name):
        self._names.add(name)

    def unique(self, base):
        name, k = base, 1
        while name in self._names:
            name = "%s%d" % (base, k)
            k += 1
        self._names.add(name)
        return name

    def const(self, value, base="c", dtype=None):
        array = np.asarray(value, dtype=dtype)
        name = self.unique(base)
        self.initializers.append(tensor_from_array(array, name))
        return name

    def op(self, op_type, inputs, outputs=1, domain="", **attrs):
        """Adds a node; returns its output name (or the list, if several)."""
        node = onnx_pb2.NodeProto()
        node.op_type = op_type
        node.domain = domain
        node.name = self.unique(op_type)
        node.input.extend(v.name if isinstance(v, Var) else v for v in inputs)
        names = [self.unique(op_type[:1].lower() + op_type[1:] + "_out") if isinstance(o, int) else o
                 for o in ([0] * outputs if isinstance(outputs, int) else outputs)]
        for n in names:
            self._names.add(n)
        node.output.extend(names)
        for key in sorted(attrs):
            if attrs[key] is not None:
                node.attribute.add().CopyFrom(make_attribute(key, attrs[key]))
        self.nodes.append(node)
        self.used_domains.add(domain)
        return names[0] if len(names) == 1 else names

    def ml(self, op_type, inputs, outputs=1, **attrs):
        return self.op(op_type, inputs, outputs, domain=ML_DOMAIN, **attrs)

    def cast(self, var, elem_type):
        if var.elem_type == elem_type:
            return var
        return Var(self.op("Cast", [var], to=elem_type), elem_type, var.columns)

    def rename(self, name, target):
        """Makes value `name` available as `target` with an Identity."""
        return self.op("Identity", [name], outputs=[target])
