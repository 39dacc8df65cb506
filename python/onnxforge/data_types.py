"""Value types for declaring a converted model's inputs and outputs.

    from onnxforge.data_types import FloatTensorType
    initial_types = [("X", FloatTensorType([None, 4]))]

A tensor type holds an element type and a shape: a list whose entries are
an int (a known extent), a str (a named, symbolic extent) or None (unknown);
shape None leaves the rank unknown. `to_onnx_type()` gives the TypeProto.
The class names are those scikit-learn converters use, so declarations
written for them read the same here.
"""
import numpy as np

from onnxforge import onnx_pb2

_T = onnx_pb2.TensorProto


class DataType:
    """Base of every value type."""

    def __init__(self, doc_string=""):
        self.doc_string = doc_string

    def to_onnx_type(self):
        raise NotImplementedError

    def __eq__(self, other):
        return type(self) is type(other) and self.to_onnx_type() == other.to_onnx_type()

    def __hash__(self):
        return hash(self.to_onnx_type().SerializeToString())


def _checked_shape(shape):
    if shape is None:
        return None
    dims = list(shape)
    for d in dims:
        ok = d is None or isinstance(d, str) or (
            isinstance(d, (int, np.integer)) and not isinstance(d, bool) and d >= 0)
        if not ok:
            raise ValueError("a dimension is an int >= 0, a str or None, not %r" % (d,))
    return [int(d) if isinstance(d, np.integer) else d for d in dims]


class TensorType(DataType):
    """A tensor of `elem_type` (a TensorProto.DataType), set by each subclass."""

    elem_type = _T.UNDEFINED

    def __init__(self, shape=None, doc_string=""):
        super().__init__(doc_string)
        self.shape = _checked_shape(shape)

    def to_onnx_type(self):
        proto = onnx_pb2.TypeProto()
        proto.tensor_type.elem_type = self.elem_type
        if self.shape is not None:
            proto.tensor_type.shape.SetInParent()
            for d in self.shape:
                dim = proto.tensor_type.shape.dim.add()
                if isinstance(d, str):
                    dim.dim_param = d
                elif d is not None:
                    dim.dim_value = d
        return proto

    def __repr__(self):
        return "%s(shape=%r)" % (type(self).__name__, self.shape)


class FloatTensorType(TensorType):
    elem_type = _T.FLOAT


class DoubleTensorType(TensorType):
    elem_type = _T.DOUBLE


class Float16TensorType(TensorType):
    elem_type = _T.FLOAT16


class Int64TensorType(TensorType):
    elem_type = _T.INT64


class Int32TensorType(TensorType):
    elem_type = _T.INT32


class Int8TensorType(TensorType):
    elem_type = _T.INT8


class UInt8TensorType(TensorType):
    elem_type = _T.UINT8


class BooleanTensorType(TensorType):
    elem_type = _T.BOOL


class StringTensorType(TensorType):
    elem_type = _T.STRING


class SequenceType(DataType):
    """A sequence whose elements have `element_type` (a DataType)."""

    def __init__(self, element_type, doc_string=""):
        super().__init__(doc_string)
        self.element_type = element_type

    def to_onnx_type(self):
        proto = onnx_pb2.TypeProto()
        proto.sequence_type.elem_type.CopyFrom(self.element_type.to_onnx_type())
        return proto

    def __repr__(self):
        return "SequenceType(%r)" % (self.element_type,)


class DictionaryType(DataType):
    """A map: keys of a tensor type's element type (int64 or string), values
    of `value_type` (a DataType)."""

    def __init__(self, key_type, value_type, doc_string=""):
        super().__init__(doc_string)
        self.key_type = key_type
        self.value_type = value_type

    def to_onnx_type(self):
        proto = onnx_pb2.TypeProto()
        proto.map_type.key_type = self.key_type.elem_type
        proto.map_type.value_type.CopyFrom(self.value_type.to_onnx_type())
        return proto

    def __repr__(self):
        return "DictionaryType(%r, %r)" % (self.key_type, self.value_type)


_TENSOR_TYPES = {cls.elem_type: cls for cls in (
    FloatTensorType, DoubleTensorType, Float16TensorType, Int64TensorType, Int32TensorType,
    Int8TensorType, UInt8TensorType, BooleanTensorType, StringTensorType)}


def tensor_type_for(elem_type, shape=None):
    """The tensor type of a TensorProto element type, e.g. FloatTensorType
    for TensorProto.FLOAT."""
    if elem_type not in _TENSOR_TYPES:
        raise ValueError("no tensor type class for element type %r" % (elem_type,))
    return _TENSOR_TYPES[elem_type](shape)


def from_onnx_type(proto):
    """The DataType a TypeProto describes (tensors, sequences and maps)."""
    kind = proto.WhichOneof("value")
    if kind == "tensor_type":
        shape = None
        if proto.tensor_type.HasField("shape"):
            shape = [d.dim_value if d.HasField("dim_value") else
                     d.dim_param if d.HasField("dim_param") else None
                     for d in proto.tensor_type.shape.dim]
        return tensor_type_for(proto.tensor_type.elem_type, shape)
    if kind == "sequence_type":
        return SequenceType(from_onnx_type(proto.sequence_type.elem_type))
    if kind == "map_type":
        return DictionaryType(tensor_type_for(proto.map_type.key_type),
                              from_onnx_type(proto.map_type.value_type))
    raise ValueError("no DataType for a TypeProto holding %s" % (kind or "nothing"))


_NUMPY_KINDS = {
    np.dtype(np.float32): FloatTensorType, np.dtype(np.float64): DoubleTensorType,
    np.dtype(np.float16): Float16TensorType, np.dtype(np.int64): Int64TensorType,
    np.dtype(np.int32): Int32TensorType, np.dtype(np.int8): Int8TensorType,
    np.dtype(np.uint8): UInt8TensorType, np.dtype(np.bool_): BooleanTensorType,
}


def tensor_type_for_dtype(dtype, shape=None):
    """The tensor type of a numpy dtype (np.float32 -> FloatTensorType;
    strings -> StringTensorType)."""
    dtype = np.dtype(dtype)
    if dtype.kind in "OUS":
        return StringTensorType(shape)
    if dtype not in _NUMPY_KINDS:
        raise TypeError("no tensor type for numpy dtype %s" % dtype)
    return _NUMPY_KINDS[dtype](shape)


def guess_tensor_type(array, batch_axis=True):
    """The tensor type of a numpy array (or array-like): its element type, and
    its shape with the first extent unknown when `batch_axis` (the number
    of rows a model is fed varies)."""
    array = np.asarray(array)
    shape = list(array.shape)
    if batch_axis and shape:
        shape[0] = None
    return tensor_type_for_dtype(array.dtype, shape)
