"""onnxforge.reference: running models from Python with numpy values."""
import os

import numpy as np
import pytest

import onnxforge
from onnxforge.reference import Evaluator, EvaluationError, array_from_tensor, tensor_from_array

RELU_ADD = """
<ir_version: 8, opset_import: ["" : 18]>
g (float[2, 3] X, float[3] B) => (float[2, 3] Y, float[2, 3] S) {
    S = Add(X, B)
    Y = Relu(S)
}
"""

IF_MODEL = """
<ir_version: 8, opset_import: ["" : 18]>
g (bool cond, float[2] X) => (float[2] Y) {
    Y = If (cond) <
        then_branch = then_g () => (float[2] T) { T = Add (X, X) },
        else_branch = else_g () => (float[2] E) { E = Relu (X) }
    >
}
"""


def test_run_returns_numpy_arrays():
    model = onnxforge.parser.parse_model(RELU_ADD)
    x = np.array([[-1, 0, 1], [2, -3, 4]], dtype=np.float32)
    b = np.array([0.5, 0.5, -2], dtype=np.float32)
    y, s = Evaluator(model).run(["Y", "S"], {"X": x, "B": b})
    assert s.dtype == np.float32 and s.shape == (2, 3)
    np.testing.assert_array_equal(s, x + b)
    np.testing.assert_array_equal(y, np.maximum(x + b, 0))


def test_all_outputs_when_no_names_and_module_attribute():
    model = onnxforge.parser.parse_model(RELU_ADD)
    x = np.ones((2, 3), np.float32)
    outputs = onnxforge.reference.Evaluator(model).run(None, {"X": x, "B": np.zeros(3, np.float32)})
    assert len(outputs) == 2


def test_if_subgraph_sees_outer_scope():
    evaluator = Evaluator(onnxforge.parser.parse_model(IF_MODEL))
    x = np.array([-1.5, 2], np.float32)
    (then_y,) = evaluator.run(["Y"], {"cond": np.array(True), "X": x})
    (else_y,) = evaluator.run(["Y"], {"cond": np.array(False), "X": x})
    np.testing.assert_array_equal(then_y, [-3, 4])
    np.testing.assert_array_equal(else_y, [0, 2])


def test_errors_name_the_node_and_op():
    model = onnxforge.parser.parse_model(RELU_ADD)
    with pytest.raises(EvaluationError) as error:
        Evaluator(model).run(["Y"], {"X": np.ones((2, 3), np.float32),
                                     "B": np.ones(4, np.float32)})
    assert str(error.value) == "node 0 (Add-14): cannot broadcast shapes [2,3] and [4]"
    with pytest.raises(EvaluationError) as error:
        Evaluator(model).run(["Y"], {"X": np.ones((2, 3), np.float32)})
    assert str(error.value) == "missing input 'B': no feed and no initializer"
    with pytest.raises(EvaluationError) as error:
        Evaluator(model).run(["Y"], {"X": np.ones((2, 3)), "B": np.ones(3, np.float32)})
    assert str(error.value) == "input 'X' expects tensor(float), got tensor(double)"


def test_narrow_types_come_back_widened():
    model = onnxforge.parser.parse_model("""
<ir_version: 10, opset_import: ["" : 21]>
g (float[4] X) => (int4[4] I, bfloat16[4] B) {
    I = Cast <to = 22> (X)
    B = Cast <to = 16> (X)
}
""")
    i4, bf = Evaluator(model).run(None, {"X": np.array([-8, 7, 1.5, 3], np.float32)})
    assert i4.dtype == np.int8
    np.testing.assert_array_equal(i4, [-8, 7, 1, 3])
    assert bf.dtype == np.float32
    np.testing.assert_array_equal(bf, [-8, 7, 1.5, 3])


def test_tensor_conversions_round_trip():
    for array in [np.arange(6, dtype=np.int64).reshape(2, 3), np.array([True, False]),
                  np.array(2.5, dtype=np.float16), np.array(["a", "bé"], dtype=object)]:
        back = array_from_tensor(tensor_from_array(array))
        assert back.shape == array.shape
        assert back.tolist() == array.tolist()


def test_onnx_backend_relu_case():
    onnx = pytest.importorskip("onnx")
    from onnx import numpy_helper
    root = "/work/shared/testdata/onnx-backend-v1.22/node/test_relu"
    if not os.path.isdir(root):
        root = "/usr/include/onnx/backend/test/data/node/test_relu"
    if not os.path.isdir(root):
        pytest.skip("no backend test data")
    model = onnx.load(os.path.join(root, "model.onnx"))
    data = os.path.join(root, "test_data_set_0")
    x = numpy_helper.to_array(onnx.load_tensor(os.path.join(data, "input_0.pb")))
    want = numpy_helper.to_array(onnx.load_tensor(os.path.join(data, "output_0.pb")))
    (got,) = Evaluator(model).run([model.graph.output[0].name], {model.graph.input[0].name: x})
    np.testing.assert_array_equal(got, want)
