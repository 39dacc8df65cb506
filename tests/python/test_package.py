"""The onnxforge Python package: load/save, checker, inference, syntax, schemas."""
import os

import pytest

import onnxforge
from onnxforge import TensorProto

MODEL_TEXT = """
<ir_version: 8, opset_import: ["" : 17]>
agraph (float[N, 4] X, float[4, 3] W) => (float[N, 3] Y) {
    H = MatMul(X, W)
    Y = Relu(H)
}
"""


def test_parse_print_round_trip():
    model = onnxforge.parser.parse_model(MODEL_TEXT)
    assert [n.op_type for n in model.graph.node] == ["MatMul", "Relu"]
    again = onnxforge.parser.parse_model(onnxforge.printer.to_text(model))
    assert again == model


def test_parse_error_names_line_and_column():
    with pytest.raises(onnxforge.parser.ParseError) as error:
        onnxforge.parser.parse_model("<ir_version: 8>\nagraph (float[N] X) => (float[N] Y) {\n  Y = Relu(X\n}")
    assert "line 4" in str(error.value)


def test_save_and_load(tmp_path):
    model = onnxforge.parser.parse_model(MODEL_TEXT)
    path = tmp_path / "m.onnx"
    onnxforge.save(model, path)
    assert onnxforge.load(path) == model
    assert onnxforge.load(str(path)) == model


def test_load_of_garbage_names_the_file(tmp_path):
    path = tmp_path / "bad.onnx"
    path.write_bytes(b"\xff\xff\xff\xff not a model")
    with pytest.raises(onnxforge.ModelIOError) as error:
        onnxforge.load(path)
    assert "bad.onnx" in str(error.value)


def test_checker_accepts_and_rejects():
    model = onnxforge.parser.parse_model(MODEL_TEXT)
    onnxforge.checker.check_model(model)
    model.graph.node[1].op_type = "NoSuchOp"
    with pytest.raises(onnxforge.checker.ValidationError) as error:
        onnxforge.checker.check_model(model)
    assert "NoSuchOp" in str(error.value)
    assert "node 1" in str(error.value)


def test_infer_shapes_fills_value_info():
    model = onnxforge.parser.parse_model(MODEL_TEXT)
    inferred = onnxforge.shape_inference.infer_shapes(model, strict_mode=True)
    infos = {v.name: v for v in inferred.graph.value_info}
    h = infos["H"].type.tensor_type
    assert h.elem_type == TensorProto.FLOAT
    assert [d.dim_param or d.dim_value for d in h.shape.dim] == ["N", 3]


def test_get_schema_fields():
    schema = onnxforge.defs.get_schema("Reshape", 13)
    assert (schema.name, schema.domain, schema.since_version) == ("Reshape", "", 13)
    assert [i.name for i in schema.inputs] == ["data", "shape"]
    assert schema.inputs[1].type_str == "tensor(int64)"
    assert schema.min_input == 2 and schema.max_input == 2
    assert onnxforge.defs.get_schema("Reshape", 20).since_version == 19
    assert onnxforge.defs.get_schema("Abs", 13).has_function is False
    hardswish = onnxforge.defs.get_schema("HardSwish", 14)
    assert hardswish.has_function and hardswish.function_opset_versions == [14]
    gemm = onnxforge.defs.get_schema("Gemm", 13)
    assert gemm.attributes["alpha"].default_value.f == 1.0
    assert gemm.attributes["transA"].default_value.i == 0
    assert gemm.attributes["transA"].type == onnxforge.AttributeProto.INT
    assert gemm.inputs[2].option == onnxforge.defs.FormalParameterOption.Optional
    with pytest.raises(onnxforge.defs.SchemaError):
        onnxforge.defs.get_schema("NoSuchOp", 13)


def test_get_schema_ml_domain():
    schema = onnxforge.defs.get_schema("TreeEnsemble", 5, "ai.onnx.ml")
    assert schema.domain == "ai.onnx.ml"


def test_all_schemas_with_history():
    schemas = onnxforge.defs.get_all_schemas_with_history()
    keys = {(s.domain, s.name, s.since_version) for s in schemas}
    assert ("", "Abs", 1) in keys and ("", "Abs", 6) in keys and ("", "Abs", 13) in keys
    assert len(keys) == len(schemas)
