"""The ONNX textual syntax, read into messages."""
from onnxforge import _core, onnx_pb2
from onnxforge._messages import model_from_bytes

ParseError = _core.ParseError


def parse_model(text):
    return model_from_bytes(_core.parse_model(text))


def parse_graph(text):
    graph = onnx_pb2.GraphProto()
    graph.ParseFromString(_core.parse_graph(text))
    return graph


def parse_function(text):
    function = onnx_pb2.FunctionProto()
    function.ParseFromString(_core.parse_function(text))
    return function
