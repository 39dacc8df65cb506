"""Flyte-style wrappers: configs with the plugins' fields, conversion into a
local store, and the errors for a missing or wrong config."""
import dataclasses
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest
from sklearn import datasets, linear_model

import onnxforge
from onnxforge import flyte
from onnxforge.reference import Evaluator
from onnxforge.sklearn._types import tensor_type_class

FloatTensorType = tensor_type_class("float")


def _fitted():
    X, y = datasets.load_iris(return_X_y=True)
    return linear_model.LogisticRegression(max_iter=2000).fit(X, y), X.astype(np.float32)


def _defaults(cls):
    return {f.name: (f.default_factory() if f.default_factory is not dataclasses.MISSING
                     else f.default) for f in dataclasses.fields(cls)}


def test_sklearn_config_has_the_plugin_fields_and_defaults():
    assert _defaults(flyte.ScikitLearn2ONNXConfig) == {
        "initial_types": dataclasses.MISSING, "name": None, "doc_string": "",
        "target_opset": None, "custom_conversion_functions": {},
        "custom_shape_calculators": {}, "custom_parsers": {}, "options": {},
        "intermediate": False, "naming": None, "white_op": None, "black_op": None,
        "verbose": 0, "final_types": None}


def test_pytorch_and_tensorflow_configs_have_the_plugin_fields():
    assert [f.name for f in dataclasses.fields(flyte.PyTorch2ONNXConfig)] == [
        "args", "export_params", "verbose", "training", "opset_version", "input_names",
        "output_names", "operator_export_type", "do_constant_folding", "dynamic_axes",
        "keep_initializers_as_inputs", "custom_opsets", "export_modules_as_functions"]
    assert [f.name for f in dataclasses.fields(flyte.TensorFlow2ONNXConfig)] == [
        "input_signature", "custom_ops", "target_opset", "custom_op_handlers",
        "custom_rewriter", "inputs_as_nchw", "extra_opset", "shape_override", "target",
        "large_model", "output_path"]


def test_to_onnx_file_writes_a_checked_model_into_the_store(tmp_path):
    model, X = _fitted()
    config = flyte.ScikitLearn2ONNXConfig(initial_types=[("X", FloatTensorType([None, 4]))],
                                          target_opset=13, options={id(model): {"zipmap": False}})
    onnx_file = flyte.to_onnx_file(flyte.ScikitLearn2ONNX(model).with_config(config),
                                   store=str(tmp_path))
    assert os.path.dirname(onnx_file.path) == str(tmp_path)
    assert onnx_file.uri == "file://" + onnx_file.path
    assert onnx_file.download() == onnx_file.path
    assert os.listdir(tmp_path) == [os.path.basename(onnx_file.path)]  # no temporary left
    loaded = onnxforge.load(onnx_file.download())
    label, proba = Evaluator(loaded).run(None, {"X": X})
    np.testing.assert_array_equal(label, model.predict(X))
    np.testing.assert_allclose(proba, model.predict_proba(X), rtol=1e-4, atol=1e-6)
    # Same model, same content: the same file.
    again = flyte.to_onnx_file(flyte.ScikitLearn2ONNX(model).with_config(config), str(tmp_path))
    assert again == onnx_file


def test_missing_config_names_the_expected_class(tmp_path):
    model, _ = _fitted()
    with pytest.raises(flyte.TypeTransformerFailedError,
                       match=r"ScikitLearn2ONNX needs a ScikitLearn2ONNXConfig .*; got no config"):
        flyte.to_onnx_file(flyte.ScikitLearn2ONNX(model), store=str(tmp_path))


def test_wrong_config_class_names_the_expected_class(tmp_path):
    model, _ = _fitted()
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(flyte.PyTorch2ONNXConfig(args=()))
    with pytest.raises(flyte.TypeTransformerFailedError,
                       match=r"needs a ScikitLearn2ONNXConfig .*; got PyTorch2ONNXConfig"):
        flyte.to_onnx_file(wrapper, store=str(tmp_path))


@pytest.mark.parametrize("wrapper, config", [
    (flyte.PyTorch2ONNX, flyte.PyTorch2ONNXConfig(args=())),
    (flyte.TensorFlow2ONNX, flyte.TensorFlow2ONNXConfig(input_signature=())),
])
def test_pytorch_and_tensorflow_say_not_available_yet(tmp_path, wrapper, config):
    with pytest.raises(flyte.TypeTransformerFailedError, match="converter is not available yet"):
        flyte.to_onnx_file(wrapper(object()).with_config(config), store=str(tmp_path))


def test_cli_converts_a_pickled_model(tmp_path):
    model, X = _fitted()
    pkl = tmp_path / "model.pkl"
    pkl.write_bytes(pickle.dumps(model))
    out = tmp_path / "model.onnx"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run(
        [sys.executable, "-m", "onnxforge", "convert", "--from", "sklearn", str(pkl),
         "--initial-types", "X:float[None,4]", "--target-opset", "13", "--no-zipmap",
         "-o", str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "wrote %s (ai.onnx opset 13)\n" % out
    label, _ = Evaluator(onnxforge.load(str(out))).run(None, {"X": X})
    np.testing.assert_array_equal(label, model.predict(X))


def test_cli_reports_a_bad_type_spec(tmp_path):
    model, _ = _fitted()
    pkl = tmp_path / "model.pkl"
    pkl.write_bytes(pickle.dumps(model))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run(
        [sys.executable, "-m", "onnxforge.cli_convert", "--from", "sklearn", str(pkl),
         "--initial-types", "X:half[None,4]", "-o", str(tmp_path / "m.onnx")],
        capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert "bad --initial-types entry 'X:half[None,4]'" in done.stderr
