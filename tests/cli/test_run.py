"""onnxforge run: the reference evaluator from the command line."""
import os
import shutil
import subprocess

import numpy as np
import onnx
from onnx import numpy_helper
import pytest

import data_paths

CLI = os.path.abspath("tools/onnxforge")
RELU = os.path.join(data_paths.BACKEND_NODE_DIR, "test_relu")

ADD_TEXT = """<ir_version: 8, opset_import: ["" : 14]>
g (float[2] A, float[2] B) => (float[2] C) {
    C = Add(A, B)
}
"""


def run(*args):
    return subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True)


def load_tensor(path):
    return numpy_helper.to_array(onnx.load_tensor(str(path)))


@pytest.fixture
def add_model(tmp_path):
    text = tmp_path / "add.txt"
    text.write_text(ADD_TEXT)
    model = tmp_path / "add.onnx"
    result = run("parse", text, "-o", model)
    assert result.returncode == 0, result.stderr
    return model


def test_relu_backend_case_matches_expected_output(tmp_path):
    if not os.path.isdir(RELU):
        pytest.skip("no backend test data")
    data = os.path.join(RELU, "test_data_set_0")
    result = run("run", os.path.join(RELU, "model.onnx"), "--inputs-dir", data,
                 "--output-dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    got = onnx.load_tensor(str(tmp_path / "out" / "output_0.pb"))
    want = onnx.load_tensor(os.path.join(data, "output_0.pb"))
    assert got.name == want.name and got.data_type == want.data_type
    np.testing.assert_array_equal(numpy_helper.to_array(got), numpy_helper.to_array(want))
    assert got.SerializeToString() == want.SerializeToString()


def test_inputs_from_npy_and_pb_files(tmp_path, add_model):
    np.save(tmp_path / "a.npy", np.array([1.5, -2], np.float32))
    with open(tmp_path / "b.pb", "wb") as f:
        f.write(numpy_helper.from_array(np.array([10, 20], np.float32)).SerializeToString())
    result = run("run", add_model, "--input", "A=%s" % (tmp_path / "a.npy"),
                 "--input=B=%s" % (tmp_path / "b.pb"), "--output_dir", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    np.testing.assert_array_equal(load_tensor(tmp_path / "out" / "output_0.pb"), [11.5, 18])


def test_errors(tmp_path, add_model):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("run", add_model, "--inputs-dir", empty, "--output-dir", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr == "onnxforge: no %s for input 0 'A'\n" % (empty / "input_0.pb")

    np.save(tmp_path / "a.npy", np.array([1, 2], np.float32))
    result = run("run", add_model, "--input", "A=%s" % (tmp_path / "a.npy"),
                 "--output-dir", tmp_path / "out")
    assert (result.returncode, result.stderr) == (
        1, "onnxforge: missing input 'B': no feed and no initializer\n")

    np.save(tmp_path / "d.npy", np.array([1, 2], np.float64))
    result = run("run", add_model, "--input", "A=%s" % (tmp_path / "a.npy"),
                 "--input", "B=%s" % (tmp_path / "d.npy"), "--output-dir", tmp_path / "out")
    assert (result.returncode, result.stderr) == (
        1, "onnxforge: input 'B' expects tensor(float), got tensor(double)\n")

    (tmp_path / "bad.npy").write_bytes(b"not numpy")
    result = run("run", add_model, "--input", "A=%s" % (tmp_path / "bad.npy"),
                 "--output-dir", tmp_path / "out")
    assert (result.returncode, result.stderr) == (
        1, "onnxforge: %s: not a .npy file (no \\x93NUMPY magic)\n" % (tmp_path / "bad.npy"))

    result = run("run", add_model)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: onnxforge run MODEL")
