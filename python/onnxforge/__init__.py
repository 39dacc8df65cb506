"""onnxforge: ONNX models and operator schemas, from a C++ core.

    import onnxforge
    model = onnxforge.load("model.onnx")
    onnxforge.checker.check_model(model)
"""
from onnxforge.onnx_pb2 import (  # noqa: F401  (re-exported message types)
    AttributeProto, FunctionProto, GraphProto, ModelProto, NodeProto,
    OperatorSetIdProto, SparseTensorProto, TensorProto, TensorShapeProto,
    TypeProto, ValueInfoProto,
)
# Both message modules load before the core: with protobuf's C++ backend, a
# message module first imported after the core cannot build nested messages
# of the other module's types.
from onnxforge import onnx_data_pb2  # noqa: F401,E402
from onnxforge import checker, defs, parser, printer, reference, shape_inference  # noqa: F401
from onnxforge import version_converter  # noqa: F401
from onnxforge._core import ModelIOError  # noqa: F401
from onnxforge.model_io import load, load_from_string, save  # noqa: F401

__all__ = [
    "load", "load_from_string", "save", "checker", "shape_inference", "defs",
    "parser", "printer", "version_converter", "ModelProto", "GraphProto", "NodeProto", "TensorProto",
]


def __getattr__(name):
    # The converters import their frameworks, so they load on first use.
    if name in ("convert_sklearn", "verify"):
        from onnxforge import sklearn
        return getattr(sklearn, name)
    raise AttributeError("module 'onnxforge' has no attribute %r" % name)
