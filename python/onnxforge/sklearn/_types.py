"""Reads the input type declarations (`initial_types`) converters receive.

Accepts onnxforge.data_types' classes and any look-alike with a `shape` and
a class name ending in TensorType (skl2onnx's, for one).
"""
from onnxforge import onnx_pb2

_T = onnx_pb2.TensorProto
_BY_CLASS_NAME = {
    "FloatTensorType": _T.FLOAT, "DoubleTensorType": _T.DOUBLE,
    "Int64TensorType": _T.INT64, "Int32TensorType": _T.INT32,
    "StringTensorType": _T.STRING, "BooleanTensorType": _T.BOOL,
}


def element_type(declared):
    """The TensorProto element type a declared input type stands for."""
    for attr in ("elem_type", "element_type"):
        value = getattr(declared, attr, None)
        if isinstance(value, int):
            return value
    to_onnx = getattr(declared, "to_onnx_type", None)
    if to_onnx is not None:
        proto = to_onnx()
        if hasattr(proto, "tensor_type"):
            return proto.tensor_type.elem_type
    name = type(declared).__name__
    if name in _BY_CLASS_NAME:
        return _BY_CLASS_NAME[name]
    raise TypeError("unsupported input type %s: use FloatTensorType, DoubleTensorType, "
                    "Int64TensorType or StringTensorType" % name)


def shape_of(declared):
    shape = getattr(declared, "shape", None)
    if shape is None:
        return [None, None]
    return [d if isinstance(d, int) else None for d in shape]


class _TensorType:
    def __init__(self, shape=None):
        self.shape = list(shape) if shape is not None else None

    def __repr__(self):
        return "%s(shape=%r)" % (type(self).__name__, self.shape)


def tensor_type_class(kind):
    """onnxforge.data_types' class for 'float', 'double', 'int64' or 'string'
    (a minimal stand-in when that module is absent)."""
    name = {"float": "FloatTensorType", "double": "DoubleTensorType",
            "int64": "Int64TensorType", "string": "StringTensorType"}[kind]
    try:
        from onnxforge import data_types
        return getattr(data_types, name)
    except (ImportError, AttributeError):
        return type(name, (_TensorType,), {})
