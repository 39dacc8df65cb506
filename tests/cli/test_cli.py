"""The onnxforge command line: check, infer, print, parse, schemas --json."""
import json
import os
import subprocess

import onnx
import pytest
from onnx import helper

CLI = os.path.abspath("tools/onnxforge")

TEXT = """<ir_version: 8, opset_import: ["" : 13]>
g (float[N, 4] X) => (float[N, 4] Y) {
    Y = Relu(X)
}
"""


def run(*args):
    return subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True)


@pytest.fixture
def model_path(tmp_path):
    text = tmp_path / "m.txt"
    text.write_text(TEXT)
    out = tmp_path / "m.onnx"
    result = run("parse", text, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_parse_writes_a_model_onnx_reads(model_path):
    model = onnx.load(str(model_path))
    assert [n.op_type for n in model.graph.node] == ["Relu"]
    assert model.opset_import[0].version == 13


def test_check_ok(model_path):
    result = run("check", model_path)
    assert (result.returncode, result.stdout) == (0, "ok\n")


def test_check_reports_the_node_and_op(tmp_path):
    node = helper.make_node("Relu", ["X"], ["Y"], name="r", bogus=3)
    graph = helper.make_graph([node], "g",
                              [helper.make_tensor_value_info("X", onnx.TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("Y", onnx.TensorProto.FLOAT, [2])])
    path = tmp_path / "bad.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))
    result = run("check", path)
    assert result.returncode == 1
    assert "node 0" in result.stderr and "Relu" in result.stderr and "bogus" in result.stderr


def test_infer_writes_value_infos(tmp_path, model_path):
    out = tmp_path / "inferred.onnx"
    result = run("infer", model_path, "-o", out)
    assert result.returncode == 0, result.stderr
    model = onnx.load(str(out))
    dims = model.graph.output[0].type.tensor_type.shape.dim
    assert [d.dim_param or d.dim_value for d in dims] == ["N", 4]


def test_print_gives_the_textual_syntax(model_path):
    result = run("print", model_path)
    assert result.returncode == 0
    assert "Y = Relu (X)" in result.stdout or "Y = Relu(X)" in result.stdout


def test_missing_file_is_a_clear_error(tmp_path):
    result = run("check", tmp_path / "nope.onnx")
    assert result.returncode == 1
    assert "nope.onnx" in result.stderr


def test_unknown_command():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr


def test_schemas_json_has_the_spec_layout():
    result = run("schemas", "--json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert list(doc["domain_version_range"][""].keys()) == ["min", "max", "last_release"]
    abs13 = [s for s in doc["schemas"] if (s["domain"], s["name"], s["since_version"]) == ("", "Abs", 13)]
    assert len(abs13) == 1
    assert list(abs13[0].keys()) == [
        "domain", "name", "since_version", "deprecated", "support_level", "min_input",
        "max_input", "min_output", "max_output", "attributes", "inputs", "outputs",
        "type_constraints", "has_type_and_shape_inference_function",
        "has_data_propagation_function", "has_function", "function_opset_versions",
        "has_context_dependent_function", "context_dependent_function_opset_versions",
        "node_determinism"]
    keys = [(s["domain"], s["name"], s["since_version"]) for s in doc["schemas"]]
    assert keys == sorted(keys)
