"""Models move both ways between onnxforge and the real ONNX (python3-onnx)."""
import glob
import os

import onnx
import pytest
from onnx import helper

import onnxforge
import data_paths

SLICE_OPS = set()
if data_paths.SLICE_TXT:
    for line in open(data_paths.SLICE_TXT):
        line = line.strip()
        if line and not line.startswith("#"):
            domain, name = line.split()
            SLICE_OPS.add(("" if domain == "ai.onnx" else domain, name))


def text_model(opset):
    return onnxforge.parser.parse_model("""
<ir_version: 7, opset_import: ["" : %d]>
g (float[2, 3] X, float[2, 3] Z) => (float[2, 3] Y) {
    S = Add(X, Z)
    Y = Relu(S)
}
""" % opset)


@pytest.mark.parametrize("opset", range(7, 18))
def test_onnx_loads_and_fully_checks_our_models(tmp_path, opset):
    path = tmp_path / "ours.onnx"
    onnxforge.save(text_model(opset), path)
    model = onnx.load(str(path))
    onnx.checker.check_model(model, full_check=True)
    assert [n.op_type for n in model.graph.node] == ["Add", "Relu"]


def test_we_load_models_onnx_saves(tmp_path):
    node = helper.make_node("Gemm", ["A", "B"], ["Y"], alpha=0.5, transB=1)
    graph = helper.make_graph(
        [node], "g",
        [helper.make_tensor_value_info("A", onnx.TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("B", onnx.TensorProto.FLOAT, [4, 3])],
        [helper.make_tensor_value_info("Y", onnx.TensorProto.FLOAT, [2, 4])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = tmp_path / "theirs.onnx"
    onnx.save(model, str(path))
    ours = onnxforge.load(path)
    assert ours.SerializeToString() == model.SerializeToString()
    onnxforge.checker.check_model(ours)
    inferred = onnxforge.shape_inference.infer_shapes(ours, strict_mode=True)
    assert [d.dim_value for d in inferred.graph.output[0].type.tensor_type.shape.dim] == [2, 4]


def slice_only_models(max_opset=17):
    models = []
    for path in sorted(glob.glob(os.path.join(data_paths.BACKEND_NODE_DIR, "*", "model.onnx"))):
        model = onnx.load(path)
        opsets = {o.domain: o.version for o in model.opset_import}
        if opsets.get("", opsets.get("ai.onnx", 0)) > max_opset or model.ir_version > 8:
            continue
        ops = {(n.domain if n.domain != "ai.onnx" else "", n.op_type) for n in model.graph.node}
        if ops and ops <= SLICE_OPS and all(a.type != onnx.AttributeProto.GRAPH
                                            for n in model.graph.node for a in n.attribute):
            models.append(path)
    return models


def test_backend_models_round_trip_through_onnxforge(tmp_path):
    paths = slice_only_models()
    assert len(paths) > 100
    for path in paths:
        ours = onnxforge.load(path)
        out = tmp_path / "m.onnx"
        onnxforge.save(ours, out)
        theirs = onnx.load(str(out))
        onnx.checker.check_model(theirs, full_check=True)
        assert theirs.SerializeToString() == open(path, "rb").read() or theirs == onnx.load(path), path
