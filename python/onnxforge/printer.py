"""Messages written in the ONNX textual syntax."""
from onnxforge import _core
from onnxforge._messages import to_bytes


def to_text(message):
    """Prints a ModelProto, GraphProto, FunctionProto or NodeProto."""
    kind = type(message).__name__
    printers = {
        "ModelProto": _core.print_model,
        "GraphProto": _core.print_graph,
        "FunctionProto": _core.print_function,
        "NodeProto": _core.print_node,
    }
    if kind not in printers:
        raise TypeError("cannot print a %s" % kind)
    return printers[kind](to_bytes(message))
