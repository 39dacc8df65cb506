"""The reference evaluator: runs a model with onnxforge's reference kernels.

    from onnxforge.reference import Evaluator
    (y,) = Evaluator(model).run(["Y"], {"X": np.ones((2, 3), np.float32)})

Feeds and results are numpy arrays for tensors, lists for sequences, dicts
for maps, and None or the value for optionals. Element types numpy lacks
come back widened: bfloat16 and the float8/float4 types as float32, the 4-
and 2-bit integers as int8/uint8.
"""
import numpy as np

from onnxforge import _core, onnx_data_pb2, onnx_pb2
from onnxforge._messages import model_from_bytes, to_bytes

EvaluationError = _core.EvaluationError

_T = onnx_pb2.TensorProto

_NUMPY_TYPES = {
    _T.FLOAT: np.float32, _T.DOUBLE: np.float64, _T.FLOAT16: np.float16,
    _T.INT8: np.int8, _T.INT16: np.int16, _T.INT32: np.int32, _T.INT64: np.int64,
    _T.UINT8: np.uint8, _T.UINT16: np.uint16, _T.UINT32: np.uint32, _T.UINT64: np.uint64,
    _T.BOOL: np.bool_, _T.COMPLEX64: np.complex64, _T.COMPLEX128: np.complex128,
}
_ONNX_TYPES = {np.dtype(v): k for k, v in _NUMPY_TYPES.items()}


def tensor_from_array(array, name=""):
    """A TensorProto holding `array` (numpy array, scalar or nested list)."""
    array = np.asarray(array)
    tensor = onnx_pb2.TensorProto()
    if name:
        tensor.name = name
    tensor.dims.extend(array.shape)
    if array.dtype.kind in "OUS":
        tensor.data_type = _T.STRING
        tensor.string_data.extend(
            s.encode("utf-8") if isinstance(s, str) else bytes(s) for s in array.ravel())
        return tensor
    if array.dtype not in _ONNX_TYPES:
        raise TypeError("no ONNX element type for numpy dtype %s" % array.dtype)
    tensor.data_type = _ONNX_TYPES[array.dtype]
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    tensor.raw_data = np.ascontiguousarray(little).tobytes()
    return tensor


def array_from_tensor(tensor):
    """The numpy array a TensorProto holds (raw_data or typed fields)."""
    dims = tuple(tensor.dims)
    if tensor.data_type == _T.STRING:
        values = [s.decode("utf-8", "surrogateescape") for s in tensor.string_data]
        return np.array(values, dtype=object).reshape(dims)
    # The core rewrites the tensor with raw_data in a type numpy has.
    plain = onnx_pb2.TensorProto()
    plain.ParseFromString(_core.tensor_for_numpy(tensor.SerializeToString()))
    dtype = np.dtype(_NUMPY_TYPES[plain.data_type]).newbyteorder("<")
    array = np.frombuffer(plain.raw_data, dtype=dtype).reshape(dims)
    return array.astype(dtype.newbyteorder("="))


def _encode(value, value_type):
    """`value` serialized as the proto `value_type` (a TypeProto) calls for."""
    if hasattr(value, "SerializeToString"):
        return value.SerializeToString()
    kind = value_type.WhichOneof("value") if value_type is not None else None
    if kind == "optional_type":
        return _optional(value, value_type.optional_type.elem_type).SerializeToString()
    if kind == "sequence_type":
        return _sequence(value, value_type.sequence_type.elem_type).SerializeToString()
    if kind == "map_type":
        return _map(value, value_type.map_type).SerializeToString()
    return tensor_from_array(value).SerializeToString()


def _sequence(values, elem_type):
    seq = onnx_data_pb2.SequenceProto()
    kind = elem_type.WhichOneof("value")
    if kind == "sequence_type":
        seq.elem_type = onnx_data_pb2.SequenceProto.SEQUENCE
        for v in values:
            seq.sequence_values.add().CopyFrom(_sequence(v, elem_type.sequence_type.elem_type))
    elif kind == "map_type":
        seq.elem_type = onnx_data_pb2.SequenceProto.MAP
        for v in values:
            seq.map_values.add().CopyFrom(_map(v, elem_type.map_type))
    elif kind == "optional_type":
        seq.elem_type = onnx_data_pb2.SequenceProto.OPTIONAL
        for v in values:
            seq.optional_values.add().CopyFrom(_optional(v, elem_type.optional_type.elem_type))
    else:
        seq.elem_type = onnx_data_pb2.SequenceProto.TENSOR
        for v in values:
            seq.tensor_values.add().CopyFrom(tensor_from_array(v))
    return seq


def _map(mapping, map_type):
    proto = onnx_data_pb2.MapProto()
    proto.key_type = map_type.key_type
    keys = list(mapping.keys())
    if map_type.key_type == _T.STRING:
        proto.string_keys.extend(k.encode("utf-8") if isinstance(k, str) else k for k in keys)
    else:
        proto.keys.extend(int(k) for k in keys)
    proto.values.CopyFrom(_sequence([mapping[k] for k in keys], map_type.value_type))
    return proto


def _optional(value, elem_type):
    proto = onnx_data_pb2.OptionalProto()
    kind = elem_type.WhichOneof("value")
    if kind == "sequence_type":
        proto.elem_type = onnx_data_pb2.OptionalProto.SEQUENCE
        if value is not None:
            proto.sequence_value.CopyFrom(_sequence(value, elem_type.sequence_type.elem_type))
    elif kind == "map_type":
        proto.elem_type = onnx_data_pb2.OptionalProto.MAP
        if value is not None:
            proto.map_value.CopyFrom(_map(value, elem_type.map_type))
    else:
        proto.elem_type = onnx_data_pb2.OptionalProto.TENSOR
        if value is not None:
            proto.tensor_value.CopyFrom(tensor_from_array(value))
    return proto


def _decode_sequence(seq):
    kinds = onnx_data_pb2.SequenceProto
    if seq.elem_type == kinds.SEQUENCE:
        return [_decode_sequence(s) for s in seq.sequence_values]
    if seq.elem_type == kinds.MAP:
        return [_decode_map(m) for m in seq.map_values]
    if seq.elem_type == kinds.OPTIONAL:
        return [_decode_optional(o) for o in seq.optional_values]
    return [array_from_tensor(t) for t in seq.tensor_values]


def _decode_map(proto):
    if proto.key_type == _T.STRING:
        keys = [k.decode("utf-8", "surrogateescape") for k in proto.string_keys]
    else:
        keys = list(proto.keys)
    values = _decode_sequence(proto.values)
    # Scalar values (ZipMap's probabilities) come back as Python numbers.
    values = [v.item() if isinstance(v, np.ndarray) and v.ndim == 0 else v for v in values]
    return dict(zip(keys, values))


def _decode_optional(proto):
    if proto.HasField("tensor_value"):
        return array_from_tensor(proto.tensor_value)
    if proto.HasField("sequence_value"):
        return _decode_sequence(proto.sequence_value)
    if proto.HasField("map_value"):
        return _decode_map(proto.map_value)
    if proto.HasField("optional_value"):
        return _decode_optional(proto.optional_value)
    return None


def _decode(kind, data):
    if kind == "tensor":
        tensor = onnx_pb2.TensorProto()
        tensor.ParseFromString(data)
        return array_from_tensor(tensor)
    message = {"sequence": onnx_data_pb2.SequenceProto, "map": onnx_data_pb2.MapProto,
               "optional": onnx_data_pb2.OptionalProto}[kind]()
    message.ParseFromString(data)
    return {"sequence": _decode_sequence, "map": _decode_map,
            "optional": _decode_optional}[kind](message)


class Evaluator:
    """Runs `model` (a ModelProto of onnxforge or onnx, or its bytes)."""

    def __init__(self, model):
        data = to_bytes(model)
        self._model = model_from_bytes(data)
        self._core = _core.ReferenceEvaluator(data)
        self._input_types = {i.name: i.type for i in self._model.graph.input}

    def run(self, output_names, feeds):
        """Returns the values named `output_names` (every graph output when
        None or empty), in order. Raises EvaluationError naming the node and
        op on failure."""
        encoded = {name: _encode(value, self._input_types.get(name))
                   for name, value in feeds.items()}
        results = self._core.run(list(output_names or []), encoded)
        return [_decode(kind, data) for kind, data in results]
