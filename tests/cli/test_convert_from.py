"""`onnxforge convert --from FRAMEWORK`: the command line hands framework
models to `python3 -m onnxforge.cli_convert`."""
import os
import pickle
import subprocess

import numpy as np
import onnx
import pytest
from sklearn.linear_model import LogisticRegression

import onnxforge
from onnxforge.reference import Evaluator

CLI = os.path.abspath("tools/onnxforge")
# The package this test imports (the one under test, not an installed copy)
# comes first on the converter's sys.path.
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(onnxforge.__file__)))


def run(*args, env=None):
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_ROOT, env.get("PYTHONPATH")]))
    return subprocess.run([CLI] + [str(a) for a in args], capture_output=True, text=True,
                          env=env)


@pytest.fixture
def features():
    return np.random.RandomState(0).rand(40, 4).astype(np.float32)


@pytest.fixture
def pickled_model(tmp_path, features):
    labels = (features[:, 0] + features[:, 1] > 1.0).astype(np.int64)
    model = LogisticRegression().fit(features, labels)
    path = tmp_path / "model.pkl"
    with open(path, "wb") as f:
        pickle.dump(model, f)
    return path, model


@pytest.mark.parametrize("flags, opset", [
    (["--initial-types", "X:float[None,4]", "--target-opset", "15", "--no-zipmap"], 15),
    # The underscore spelling the other commands accept works here too.
    (["--initial_types=X:float[None,4]", "--target_opset=13", "--no_zipmap"], 13),
])
def test_sklearn_model_converts_at_the_target_opset(tmp_path, pickled_model, features, flags,
                                                    opset):
    pkl, model = pickled_model
    out = tmp_path / "model.onnx"
    result = run("convert", "--from", "sklearn", pkl, *flags, "-o", out)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "wrote %s (ai.onnx opset %d)\n" % (out, opset)

    converted = onnx.load(str(out))
    opsets = {o.domain: o.version for o in converted.opset_import}
    assert opsets[""] == opset
    label, proba = Evaluator(converted).run(None, {"X": features})
    np.testing.assert_array_equal(label, model.predict(features))
    np.testing.assert_allclose(proba, model.predict_proba(features), rtol=1e-5, atol=1e-6)


def test_zipmap_columns_writes_one_output_per_class(tmp_path, pickled_model, features):
    pkl, model = pickled_model
    out = tmp_path / "model.onnx"
    result = run("convert", "--from", "sklearn", pkl, "--initial-types", "X:float[None,4]",
                 "--target-opset", "17", "--zipmap", "columns", "-o", out)
    assert (result.returncode, result.stderr) == (0, "")
    converted = onnx.load(str(out))
    names = [o.name for o in converted.graph.output]
    assert names == ["output_label", "output_probability_0", "output_probability_1"]
    label, p0, p1 = Evaluator(converted).run(None, {"X": features})
    np.testing.assert_array_equal(label, model.predict(features))
    np.testing.assert_allclose(np.stack([p0, p1], axis=1), model.predict_proba(features),
                               rtol=1e-5, atol=1e-6)


def test_unknown_framework_lists_the_available_ones(tmp_path, pickled_model):
    pkl, _ = pickled_model
    out = tmp_path / "model.onnx"
    result = run("convert", "--from", "xgboost", pkl, "-o", out)
    assert result.returncode == 2
    assert result.stderr == ("onnxforge convert: no converter for framework 'xgboost'; "
                             "available: sklearn\n")
    assert not out.exists()


def test_from_without_a_framework(tmp_path):
    result = run("convert", "--from")
    assert result.returncode == 2
    assert result.stderr == "onnxforge convert: --from needs a framework; available: sklearn\n"


def test_missing_pickle_names_the_file(tmp_path):
    missing = tmp_path / "absent.pkl"
    out = tmp_path / "model.onnx"
    result = run("convert", "--from=sklearn", missing, "--initial-types", "X:float[None,4]",
                 "-o", out)
    assert result.returncode == 1
    assert result.stderr == ("onnxforge convert: %s: [Errno 2] No such file or directory: '%s'\n"
                             % (missing, missing))
    assert not out.exists()


def test_missing_interpreter_says_what_to_install(tmp_path, pickled_model):
    pkl, _ = pickled_model
    python = tmp_path / "no-python3"
    env = dict(os.environ, ONNXFORGE_PYTHON=str(python))
    result = run("convert", "--from", "sklearn", pkl, "--initial-types", "X:float[None,4]",
                 "-o", tmp_path / "model.onnx", env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "onnxforge convert: cannot run the Python interpreter '%s' (No such file or directory). "
        "--from needs Debian's python3 with the onnxforge package and the framework "
        "(python3-sklearn): run tools/setup.sh, or set ONNXFORGE_PYTHON to an interpreter that "
        "has them\n" % python)


def test_interpreter_without_the_package_points_to_setup(tmp_path, pickled_model):
    pkl, _ = pickled_model
    # A python3 that sees neither PYTHONPATH nor site-packages.
    python = tmp_path / "bare-python3"
    python.write_text('#!/bin/sh\nexec /usr/bin/python3 -S -E "$@"\n')
    python.chmod(0o755)
    env = dict(os.environ, ONNXFORGE_PYTHON=str(python))
    result = run("convert", "--from", "sklearn", pkl, "--initial-types", "X:float[None,4]",
                 "-o", tmp_path / "model.onnx", env=env)
    assert result.returncode == 1
    assert result.stderr == (
        "onnxforge convert: %s cannot import the onnxforge package. Run tools/setup.sh to install "
        "it, or add a built package folder (bazel-bin/python/onnxforge_package after `bazel "
        "build //python:onnxforge_package`) to PYTHONPATH\n" % python)
