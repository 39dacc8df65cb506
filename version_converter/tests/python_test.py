"""onnxforge.version_converter from Python: targets, errors, ONNX models."""
import pytest

import onnxforge
from onnxforge import version_converter

RELU_14 = """
<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Y = Relu(X) }
"""

ENCODER = """
<ir_version: 8, opset_import: ["" : 14, "ai.onnx.ml" : 2]>
g (string[2] X) => (int64[2] Y) {
    Y = ai.onnx.ml.LabelEncoder <keys_strings = ["a", "b"], values_int64s = [0, 1]> (X)
}
"""


def opsets(model):
    return {o.domain: o.version for o in model.opset_import}


def test_an_int_targets_ai_onnx():
    model = version_converter.convert_version(onnxforge.parser.parse_model(RELU_14), 6)
    assert opsets(model) == {"": 6}
    assert model.ir_version == 3
    assert [n.op_type for n in model.graph.node] == ["Relu"]


def test_a_dict_targets_each_domain():
    model = onnxforge.version_converter.convert_version(
        onnxforge.parser.parse_model(ENCODER), {"ai.onnx.ml": 1, "ai.onnx": 13})
    assert opsets(model) == {"": 13, "ai.onnx.ml": 1}
    attrs = {a.name: list(a.strings) for a in model.graph.node[0].attribute}
    assert attrs == {"classes_strings": [b"a", b"b"]}


def test_refusals_raise_conversion_error():
    model = onnxforge.parser.parse_model(RELU_14.replace("float[2]", "int8[2]"))
    with pytest.raises(version_converter.ConversionError) as error:
        version_converter.convert_version(model, 13)
    assert str(error.value) == (
        "node 0 (\"\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset 14 to 13): "
        "input 0 ('X') has type tensor(int8), which type parameter T does not allow "
        "(allowed: tensor(float16), tensor(float), tensor(double), tensor(bfloat16))")
    assert isinstance(error.value, ValueError)


def test_bad_targets_raise_type_error():
    model = onnxforge.parser.parse_model(RELU_14)
    with pytest.raises(TypeError):
        version_converter.convert_version(model, "13")
    with pytest.raises(TypeError):
        version_converter.convert_version(model, {"": 13.0})
    with pytest.raises(version_converter.ConversionError) as error:
        version_converter.convert_version(model, {"com.example": 1})
    assert "adapters exist for ai.onnx and ai.onnx.ml only" in str(error.value)


def test_onnx_models_convert_too():
    onnx = pytest.importorskip("onnx")
    from onnx import helper, TensorProto
    graph = helper.make_graph(
        [helper.make_node("Unsqueeze", ["X"], ["Y"], axes=[0])], "g",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [3])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 3])])
    source = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model = version_converter.convert_version(source, 13)
    assert opsets(model) == {"": 13}
    assert list(model.graph.node[0].input) == ["X", "Y_axes"]
    assert [t.name for t in model.graph.initializer] == ["Y_axes"]
    onnx.checker.check_model(onnx.load_from_string(model.SerializeToString()))
