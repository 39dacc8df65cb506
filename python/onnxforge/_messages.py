"""Converts between Python protobuf messages and the bytes the core reads.

Accepts our own messages and any other message with the same wire format
(ONNX's `onnx.ModelProto`, for one), so the two packages interoperate.
"""
from onnxforge import onnx_pb2


def to_bytes(message):
    if isinstance(message, (bytes, bytearray)):
        return bytes(message)
    if hasattr(message, "SerializeToString"):
        return message.SerializeToString()
    raise TypeError("expected a protobuf message or bytes, got %s" % type(message).__name__)


def model_from_bytes(data):
    model = onnx_pb2.ModelProto()
    model.ParseFromString(data)
    return model
