"""Flyte-style wrappers: configs with the plugins' fields, the type
transformers (Annotated config -> literal -> ONNXFile), the local store, and
the errors for a missing or wrong config."""
import dataclasses
import os
import pickle
import subprocess
import sys
from typing import Annotated

import numpy as np
import pytest
from sklearn import base, datasets, linear_model

import onnxforge
from onnxforge import checker, flyte
from onnxforge.data_types import FloatTensorType, Int64TensorType, SequenceType
from onnxforge.reference import Evaluator

SINGLE_ONNX = flyte.LiteralType(blob=flyte.BlobType("onnx", flyte.BlobDimensionality.SINGLE))


@pytest.fixture(scope="module")
def fitted():
    X, y = datasets.load_iris(return_X_y=True)
    return linear_model.LogisticRegression(max_iter=2000).fit(X, y), X.astype(np.float32)


def _config(**kwargs):
    kwargs.setdefault("target_opset", 13)
    kwargs.setdefault("options", {linear_model.LogisticRegression: {"zipmap": False}})
    return flyte.ScikitLearn2ONNXConfig(initial_types=[("X", FloatTensorType([None, 4]))],
                                        **kwargs)


def _failure(call, *args):
    with pytest.raises(flyte.TypeTransformerFailedError) as info:
        call(*args)
    return str(info.value)


def _defaults(cls):
    return {f.name: (f.default_factory() if f.default_factory is not dataclasses.MISSING
                     else f.default) for f in dataclasses.fields(cls)}


# --- configurations ---------------------------------------------------------

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


def test_config_accepts_pairs_as_tuples_or_lists():
    config = flyte.ScikitLearn2ONNXConfig(
        initial_types=[["X", FloatTensorType([None, 4])]],
        final_types=[("label", Int64TensorType([None]))])
    assert config.initial_types == [["X", FloatTensorType([None, 4])]]


_TYPES = ("the type must be a tensor type of onnxforge.data_types (FloatTensorType, "
          "DoubleTensorType, Int64TensorType, StringTensorType, ...), not ")


@pytest.mark.parametrize("kwargs, message", [
    ({"initial_types": FloatTensorType([None, 4])},
     "ScikitLearn2ONNXConfig.initial_types is a list of (name, type) pairs, not "
     "FloatTensorType(shape=[None, 4])"),
    ({"initial_types": []},
     "ScikitLearn2ONNXConfig.initial_types is empty: declare each model input as a "
     "(name, type) pair"),
    ({"initial_types": [("X",)]},
     "ScikitLearn2ONNXConfig.initial_types[0] = ('X',) is not a (name, type) pair"),
    ({"initial_types": [("X", FloatTensorType([None, 4])), (3, FloatTensorType([None, 4]))]},
     "ScikitLearn2ONNXConfig.initial_types[1] = (3, FloatTensorType(shape=[None, 4])): "
     "the name must be a non-empty str"),
    ({"initial_types": [("X", FloatTensorType)]},
     "ScikitLearn2ONNXConfig.initial_types[0] = ('X', <class "
     "'onnxforge.data_types.FloatTensorType'>): give an instance with a shape, e.g. "
     "FloatTensorType([None, 4]), not the class"),
    ({"initial_types": [("X", "float")]},
     "ScikitLearn2ONNXConfig.initial_types[0] = ('X', 'float'): " + _TYPES + "str"),
    ({"initial_types": [("X", SequenceType(FloatTensorType([4])))]},
     "ScikitLearn2ONNXConfig.initial_types[0] = ('X', SequenceType(FloatTensorType("
     "shape=[4]))): " + _TYPES + "onnxforge.data_types.SequenceType"),
    ({"initial_types": [("X", FloatTensorType([None, 4]))], "final_types": [("y", "int64")]},
     "ScikitLearn2ONNXConfig.final_types[0] = ('y', 'int64'): " + _TYPES + "str"),
])
def test_config_rejects_entries_that_are_not_named_tensor_types(kwargs, message):
    with pytest.raises(ValueError) as info:
        flyte.ScikitLearn2ONNXConfig(**kwargs)
    assert str(info.value) == message


# --- the transformer --------------------------------------------------------

def test_type_engine_finds_the_transformer_of_each_wrapper():
    sklearn_t = flyte.TypeEngine.get_transformer(flyte.ScikitLearn2ONNX)
    assert isinstance(sklearn_t, flyte.ScikitLearn2ONNXTransformer)
    assert flyte.TypeEngine.get_transformer(Annotated[flyte.ScikitLearn2ONNX, _config()]) \
        is sklearn_t
    assert isinstance(flyte.TypeEngine.get_transformer(flyte.PyTorch2ONNX),
                      flyte.PyTorch2ONNXTransformer)
    assert isinstance(flyte.TypeEngine.get_transformer(flyte.TensorFlow2ONNX),
                      flyte.TensorFlow2ONNXTransformer)

    class MyWrapper(flyte.ScikitLearn2ONNX):
        pass
    assert flyte.TypeEngine.get_transformer(MyWrapper) is sklearn_t


def test_type_engine_names_the_types_it_handles():
    assert _failure(flyte.TypeEngine.get_transformer, linear_model.LogisticRegression) == (
        "no ONNX type transformer for LogisticRegression; onnxforge.flyte handles "
        "ScikitLearn2ONNX, PyTorch2ONNX, TensorFlow2ONNX")


def test_extract_config_reads_the_annotation():
    transformer = flyte.ScikitLearn2ONNXTransformer()
    config = _config()
    assert transformer.extract_config(Annotated[flyte.ScikitLearn2ONNX, config]) == (
        flyte.ScikitLearn2ONNX, config)
    assert transformer.extract_config(flyte.ScikitLearn2ONNX) == (flyte.ScikitLearn2ONNX, None)


def test_extract_config_rejects_another_config_class():
    t = Annotated[flyte.ScikitLearn2ONNX, flyte.PyTorch2ONNXConfig(args=())]
    assert _failure(flyte.ScikitLearn2ONNXTransformer().extract_config, t) == (
        "Annotated[ScikitLearn2ONNX, ...] carries PyTorch2ONNXConfig, not a "
        "ScikitLearn2ONNXConfig: annotate ScikitLearn2ONNX with a ScikitLearn2ONNXConfig(...)")


def test_extract_config_rejects_two_configs_and_another_wrapper():
    transformer = flyte.ScikitLearn2ONNXTransformer()
    assert _failure(transformer.extract_config,
                    Annotated[flyte.ScikitLearn2ONNX, _config(), _config()]) == (
        "Annotated[ScikitLearn2ONNX, ...] carries 2 ScikitLearn2ONNXConfig objects; keep one")
    assert _failure(transformer.extract_config, Annotated[flyte.PyTorch2ONNX, _config()]) == (
        "ScikitLearn2ONNXTransformer handles ScikitLearn2ONNX, not PyTorch2ONNX")


def test_literal_type_is_a_single_onnx_blob():
    for transformer in (flyte.ScikitLearn2ONNXTransformer(), flyte.PyTorch2ONNXTransformer()):
        assert transformer.get_literal_type(transformer.python_type) == SINGLE_ONNX
    t = Annotated[flyte.ScikitLearn2ONNX, _config()]
    assert flyte.ScikitLearn2ONNXTransformer().get_literal_type(t) == SINGLE_ONNX


def test_annotated_type_round_trips_to_a_model_that_matches_sklearn(tmp_path, fitted):
    model, X = fitted
    store = tmp_path / "store"
    ctx = flyte.TransformContext(str(store))
    t = Annotated[flyte.ScikitLearn2ONNX, _config()]
    transformer = flyte.TypeEngine.get_transformer(t)

    literal = transformer.to_literal(ctx, flyte.ScikitLearn2ONNX(model), t,
                                     transformer.get_literal_type(t))
    assert literal.blob.type == SINGLE_ONNX.blob
    [name] = os.listdir(store)  # the model and nothing else (no temporary file)
    assert name.startswith("LogisticRegression-") and name.endswith(".onnx")
    assert literal.blob.uri == "file://%s/%s" % (store, name)

    onnx_file = transformer.to_python_value(ctx, literal, flyte.ONNXFile)
    assert onnx_file == flyte.ONNXFile(str(store / name))
    assert onnx_file.download() == str(store / name)
    label, proba = Evaluator(onnxforge.load(onnx_file.download())).run(None, {"X": X})
    np.testing.assert_array_equal(label, model.predict(X))
    np.testing.assert_allclose(proba, model.predict_proba(X), rtol=1e-4, atol=1e-6)
    assert transformer.guess_python_type(transformer.get_literal_type(t)) is flyte.ScikitLearn2ONNX


def test_to_literal_takes_the_config_of_with_config_on_a_plain_type(tmp_path, fitted):
    model, _ = fitted
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(_config(name="iris"))
    transformer = flyte.ScikitLearn2ONNXTransformer()
    literal = transformer.to_literal(flyte.TransformContext(str(tmp_path)), wrapper,
                                     flyte.ScikitLearn2ONNX, None)
    [name] = os.listdir(tmp_path)
    assert name.startswith("iris-")
    assert literal.blob.uri == "file://%s/%s" % (tmp_path, name)


def test_the_annotated_config_wins_over_with_config(tmp_path, fitted):
    model, _ = fitted
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(_config(name="ignored"))
    t = Annotated[flyte.ScikitLearn2ONNX, _config(name="annotated")]
    flyte.ScikitLearn2ONNXTransformer().to_literal(flyte.TransformContext(str(tmp_path)),
                                                   wrapper, t, None)
    [name] = os.listdir(tmp_path)
    assert name.startswith("annotated-")


def test_to_literal_without_a_config_names_the_wrapper(tmp_path, fitted):
    model, _ = fitted
    store = tmp_path / "store"
    assert _failure(flyte.ScikitLearn2ONNXTransformer().to_literal,
                    flyte.TransformContext(str(store)), flyte.ScikitLearn2ONNX(model),
                    flyte.ScikitLearn2ONNX, SINGLE_ONNX) == (
        "ScikitLearn2ONNX has no config: annotate the type as Annotated[ScikitLearn2ONNX, "
        "ScikitLearn2ONNXConfig(...)] or call .with_config(ScikitLearn2ONNXConfig(...))")
    assert not store.exists()


def test_to_literal_with_another_config_class_names_the_expected_class(tmp_path, fitted):
    model, _ = fitted
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(flyte.PyTorch2ONNXConfig(args=()))
    assert _failure(flyte.ScikitLearn2ONNXTransformer().to_literal,
                    flyte.TransformContext(str(tmp_path)), wrapper, flyte.ScikitLearn2ONNX,
                    None) == (
        "ScikitLearn2ONNX needs a ScikitLearn2ONNXConfig (use .with_config("
        "ScikitLearn2ONNXConfig(...))); got PyTorch2ONNXConfig")


def test_to_literal_wants_the_wrapper_not_the_bare_model(tmp_path, fitted):
    model, _ = fitted
    t = Annotated[flyte.ScikitLearn2ONNX, _config()]
    assert _failure(flyte.ScikitLearn2ONNXTransformer().to_literal,
                    flyte.TransformContext(str(tmp_path)), model, t, None) == (
        "ScikitLearn2ONNXTransformer converts ScikitLearn2ONNX values; got a "
        "LogisticRegression (wrap the model: ScikitLearn2ONNX(model))")


def test_to_literal_refuses_another_expected_literal_type(tmp_path, fitted):
    model, _ = fitted
    t = Annotated[flyte.ScikitLearn2ONNX, _config()]
    csv = flyte.LiteralType(blob=flyte.BlobType("csv"))
    assert _failure(flyte.ScikitLearn2ONNXTransformer().to_literal,
                    flyte.TransformContext(str(tmp_path)), flyte.ScikitLearn2ONNX(model), t,
                    csv) == (
        "ScikitLearn2ONNX becomes a single 'onnx' blob, but a single 'csv' blob was expected")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("wrapper, config", [
    (flyte.PyTorch2ONNX, flyte.PyTorch2ONNXConfig(args=())),
    (flyte.TensorFlow2ONNX, flyte.TensorFlow2ONNXConfig(input_signature=())),
])
def test_pytorch_and_tensorflow_transformers_say_not_available_yet(tmp_path, wrapper, config):
    t = Annotated[wrapper, config]
    transformer = flyte.TypeEngine.get_transformer(t)
    framework = wrapper.__name__[:-len("2ONNX")]
    assert _failure(transformer.to_literal, flyte.TransformContext(str(tmp_path)),
                    wrapper(object()), t, None) == (
        "the %s converter is not available yet in onnxforge; only ScikitLearn2ONNX converts "
        "today" % framework)
    assert os.listdir(tmp_path) == []


class HandMadeEstimator(base.BaseEstimator):
    """An estimator no converter is registered for."""
    n_features_in_ = 4


def test_a_refused_model_leaves_nothing_in_the_store(tmp_path):
    refused = HandMadeEstimator()
    types = [("X", FloatTensorType([None, 4]))]
    with pytest.raises(Exception) as direct:
        onnxforge.convert_sklearn(refused, initial_types=types)
    store = tmp_path / "store"
    t = Annotated[flyte.ScikitLearn2ONNX, flyte.ScikitLearn2ONNXConfig(initial_types=types)]
    with pytest.raises(flyte.TypeTransformerFailedError) as info:
        flyte.ScikitLearn2ONNXTransformer().to_literal(
            flyte.TransformContext(str(store)), flyte.ScikitLearn2ONNX(refused), t, None)
    assert str(info.value) == "converting HandMadeEstimator failed: %s" % direct.value
    assert type(info.value.__cause__) is type(direct.value)
    assert not store.exists()


def test_a_model_failing_the_checker_leaves_nothing_in_the_store(tmp_path, fitted, monkeypatch):
    model, _ = fitted

    def failing_check(model, full_check=False):
        raise checker.ValidationError("node 0 (LinearClassifier): made up for this test")
    monkeypatch.setattr(checker, "check_model", failing_check)
    (tmp_path / "kept.onnx").write_bytes(b"x")
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(_config())
    assert _failure(flyte.to_onnx_file, wrapper, str(tmp_path)) == (
        "the ONNX model converted from LogisticRegression fails the checker: "
        "node 0 (LinearClassifier): made up for this test")
    assert os.listdir(tmp_path) == ["kept.onnx"]


def test_to_python_value_needs_an_onnx_blob_with_a_uri():
    read = flyte.ScikitLearn2ONNXTransformer().to_python_value
    ctx = flyte.TransformContext()
    assert _failure(read, ctx, flyte.Literal(blob=flyte.Blob("", SINGLE_ONNX.blob)),
                    flyte.ONNXFile) == (
        "the literal's blob has an empty uri: it names no ONNX file to read")
    assert _failure(read, ctx, flyte.Literal(), flyte.ONNXFile) == (
        "ScikitLearn2ONNXTransformer reads a blob literal, and Literal(blob=None) holds no blob")
    csv = flyte.Literal(blob=flyte.Blob("file:///tmp/a.csv", flyte.BlobType("csv")))
    assert _failure(read, ctx, csv, flyte.ONNXFile) == (
        "ScikitLearn2ONNXTransformer reads 'onnx' blobs; this one holds 'csv' "
        "(file:///tmp/a.csv)")
    remote = flyte.Literal(blob=flyte.Blob("s3://bucket/m.onnx", SINGLE_ONNX.blob))
    assert _failure(read, ctx, remote, flyte.ONNXFile) == (
        "cannot read s3://bucket/m.onnx: the local store reads file:// URIs and local "
        "paths only")


def test_uris_round_trip_paths_with_spaces(tmp_path):
    path = str(tmp_path / "my store" / "m 1.onnx")
    onnx_file = flyte.ONNXFile(path)
    assert onnx_file.uri == "file://%s/my%%20store/m%%201.onnx" % tmp_path
    assert flyte.ONNXFile.from_uri(onnx_file.uri) == onnx_file
    assert flyte.ONNXFile.from_uri(path) == onnx_file


def test_download_of_a_missing_file_names_it(tmp_path):
    missing = str(tmp_path / "gone.onnx")
    with pytest.raises(FileNotFoundError) as info:
        flyte.ONNXFile(missing).download()
    assert str(info.value) == "the ONNX file %s is not there (moved or deleted?)" % missing


def test_guess_python_type_reads_only_single_onnx_blobs():
    transformer = flyte.ScikitLearn2ONNXTransformer()
    assert transformer.guess_python_type(SINGLE_ONNX) is flyte.ScikitLearn2ONNX
    assert flyte.PyTorch2ONNXTransformer().guess_python_type(SINGLE_ONNX) is flyte.PyTorch2ONNX
    multipart = flyte.LiteralType(
        blob=flyte.BlobType("onnx", flyte.BlobDimensionality.MULTIPART))
    assert _failure(transformer.guess_python_type, multipart) == (
        "ScikitLearn2ONNXTransformer reads a single 'onnx' blob, not a multipart 'onnx' blob")
    assert _failure(transformer.guess_python_type, flyte.LiteralType(
        blob=flyte.BlobType("csv"))) == (
        "ScikitLearn2ONNXTransformer reads a single 'onnx' blob, not a single 'csv' blob")
    assert _failure(transformer.guess_python_type, flyte.LiteralType()) == (
        "ScikitLearn2ONNXTransformer reads a single 'onnx' blob, not a literal type without "
        "a blob (LiteralType(blob=None))")


def test_errors_are_type_and_value_errors():
    assert issubclass(flyte.TypeTransformerFailedError, TypeError)
    assert issubclass(flyte.TypeTransformerFailedError, ValueError)


# --- the store ---------------------------------------------------------------

def test_store_defaults_to_the_cache_folder_or_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("ONNXFORGE_STORE", raising=False)
    assert flyte.LocalStore().root == os.path.join(
        os.path.expanduser("~"), ".cache", "onnxforge", "store")
    assert flyte.TransformContext().file_access.root == flyte.DEFAULT_STORE
    monkeypatch.setenv("ONNXFORGE_STORE", str(tmp_path / "env"))
    assert flyte.TransformContext().file_access.root == str(tmp_path / "env")
    assert flyte.LocalStore(str(tmp_path / "given")).root == str(tmp_path / "given")


def test_store_file_names_keep_only_safe_characters(tmp_path):
    onnx_file = flyte.LocalStore(str(tmp_path)).put(b"abc", "../up/and out")
    assert os.path.dirname(onnx_file.path) == str(tmp_path)
    assert os.path.basename(onnx_file.path) == "_up_and_out-ba7816bf8f01cfea.onnx"


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def failing_replace(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        flyte.LocalStore(str(tmp_path)).put(b"abc", "m")
    assert os.listdir(tmp_path) == []


# --- the short path ----------------------------------------------------------

def test_to_onnx_file_writes_a_checked_model_into_the_store(tmp_path, fitted):
    model, X = fitted
    wrapper = flyte.ScikitLearn2ONNX(model).with_config(_config())
    onnx_file = flyte.to_onnx_file(wrapper, store=str(tmp_path))
    assert os.path.dirname(onnx_file.path) == str(tmp_path)
    assert onnx_file.uri == "file://" + onnx_file.path
    assert onnx_file.download() == onnx_file.path
    assert os.listdir(tmp_path) == [os.path.basename(onnx_file.path)]
    label, proba = Evaluator(onnxforge.load(onnx_file.download())).run(None, {"X": X})
    np.testing.assert_array_equal(label, model.predict(X))
    np.testing.assert_allclose(proba, model.predict_proba(X), rtol=1e-4, atol=1e-6)
    # Same model, same content: the same file.
    assert flyte.to_onnx_file(wrapper, flyte.LocalStore(str(tmp_path))) == onnx_file


def test_to_onnx_file_without_a_config_names_the_expected_class(tmp_path, fitted):
    model, _ = fitted
    assert _failure(flyte.to_onnx_file, flyte.ScikitLearn2ONNX(model), str(tmp_path)) == (
        "ScikitLearn2ONNX has no config: annotate the type as Annotated[ScikitLearn2ONNX, "
        "ScikitLearn2ONNXConfig(...)] or call .with_config(ScikitLearn2ONNXConfig(...))")


def test_to_onnx_file_refuses_what_is_not_a_wrapper(tmp_path, fitted):
    model, _ = fitted
    assert _failure(flyte.to_onnx_file, model, str(tmp_path)) == (
        "no ONNX type transformer for LogisticRegression; onnxforge.flyte handles "
        "ScikitLearn2ONNX, PyTorch2ONNX, TensorFlow2ONNX")


@pytest.mark.parametrize("wrapper, config", [
    (flyte.PyTorch2ONNX, flyte.PyTorch2ONNXConfig(args=())),
    (flyte.TensorFlow2ONNX, flyte.TensorFlow2ONNXConfig(input_signature=())),
])
def test_to_onnx_file_says_not_available_yet(tmp_path, wrapper, config):
    assert "converter is not available yet" in _failure(
        flyte.to_onnx_file, wrapper(object()).with_config(config), str(tmp_path))


# --- python3 -m onnxforge convert ---------------------------------------------

def test_cli_converts_a_pickled_model(tmp_path, fitted):
    model, X = fitted
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


def test_cli_reports_a_bad_type_spec(tmp_path, fitted):
    model, _ = fitted
    pkl = tmp_path / "model.pkl"
    pkl.write_bytes(pickle.dumps(model))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run(
        [sys.executable, "-m", "onnxforge.cli_convert", "--from", "sklearn", str(pkl),
         "--initial-types", "X:half[None,4]", "-o", str(tmp_path / "m.onnx")],
        capture_output=True, text=True, env=env)
    assert done.returncode == 1
    assert "bad --initial-types entry 'X:half[None,4]'" in done.stderr
