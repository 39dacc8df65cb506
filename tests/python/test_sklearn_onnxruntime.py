"""scikit-learn models converted at several target opsets, run in
onnxruntime (npm onnxruntime-node, driven by ort_run.js), compared with
sklearn's own outputs.

Tolerances as in test_sklearn.py: double inputs agree within 1e-5 relative
(1e-9 absolute near zero); float32 inputs and tree ensembles within 1e-4
relative and 1e-4 absolute. Labels agree exactly.

onnxruntime-node is found in ONNXFORGE_ORT_NODE_MODULES when set, else in
tests/bench/node/node_modules beside the real path of ort_run.js; tools/setup.sh
installs it there.
"""
import json
import os
import shutil
import subprocess
import warnings

import numpy as np
import pytest
from sklearn import datasets, ensemble, linear_model, pipeline, preprocessing

import onnxforge
from onnxforge.sklearn._types import tensor_type_class

warnings.filterwarnings("ignore")  # convergence warnings of the small fits

TARGET_OPSETS = [13, 17, 21]
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ort_run.js")
MODULES_ENV = "ONNXFORGE_ORT_NODE_MODULES"

REGRESSORS = {
    "LinearRegression": lambda: linear_model.LinearRegression(),
    "RandomForestRegressor": lambda: ensemble.RandomForestRegressor(
        n_estimators=8, max_depth=5, random_state=0),
}
CLASSIFIERS = {
    "LogisticRegression-multinomial": (lambda: linear_model.LogisticRegression(max_iter=2000),
                                       "iris"),
    "GradientBoostingClassifier-binary": (lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "cancer"),
    "GradientBoostingClassifier-multiclass": (lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "iris"),
    "Pipeline": (lambda: pipeline.make_pipeline(
        preprocessing.StandardScaler(), linear_model.LogisticRegression(max_iter=2000)), "iris"),
}
TRANSFORMERS = {
    "StandardScaler": lambda: preprocessing.StandardScaler(),
}
TREE_BASED = ("Tree", "Forest", "Boosting")

# Where onnxruntime 1.30 departs from the ai.onnx.ml spec on what the
# converter emits (our evaluator follows the spec; test_sklearn.py passes).
# Strict: a fixed onnxruntime, or a converter workaround, turns these into
# failures so the entries get removed.
ORT_DIVERGES = {
    # TreeEnsembleClassifier, two classes, weights on both classes and
    # post_transform LOGISTIC: onnxruntime swaps the labels and does not give
    # sigmoid(+/-z) (cf. microsoft/onnxruntime#27533, #28557).
    ("GradientBoostingClassifier-binary", opset): "binary LOGISTIC TreeEnsembleClassifier"
    for opset in TARGET_OPSETS
}
# TreeEnsemble (ai.onnx.ml 5, reached at opset 21) with post_transform
# SOFTMAX (1): onnxruntime returns per-class sigmoids instead of a softmax
# (cf. microsoft/onnxruntime#24862).
ORT_DIVERGES[("GradientBoostingClassifier-multiclass", 21)] = "TreeEnsemble-5 SOFTMAX"


def _classifier_params():
    for name in sorted(CLASSIFIERS):
        for opset in TARGET_OPSETS:
            reason = ORT_DIVERGES.get((name, opset))
            marks = [pytest.mark.xfail(strict=True, reason="onnxruntime: " + reason)] \
                if reason else []
            yield pytest.param(name, opset, marks=marks, id="%s-%d" % (name, opset))


def _node_modules():
    """The node_modules folder holding onnxruntime-node; fails the test with
    what to do when it is missing."""
    modules = os.environ.get(MODULES_ENV)
    if not modules:
        # The runfile links back to the workspace; node_modules sits beside
        # the benchmarks' node script there.
        workspace_tests = os.path.dirname(os.path.dirname(os.path.realpath(SCRIPT)))
        modules = os.path.join(workspace_tests, "bench", "node", "node_modules")
    if not os.path.isdir(os.path.join(modules, "onnxruntime-node")):
        pytest.fail("onnxruntime-node is not installed in %s: run tools/setup.sh (or "
                    "`cd tests/bench/node && npm install --ignore-scripts`), or point %s at "
                    "a node_modules folder that has it" % (modules, MODULES_ENV))
    return modules


def _node():
    node = shutil.which("node") or next(
        (p for p in ("/usr/bin/node", "/usr/local/bin/node") if os.path.exists(p)), None)
    if node is None:
        pytest.fail("node is not on PATH: install nodejs, then run tools/setup.sh")
    return node


def _run_ort(model, X, folder):
    """{output name: array} as onnxruntime computes them."""
    model_path = os.path.join(str(folder), "model.onnx")
    with open(model_path, "wb") as f:
        f.write(model.SerializeToString())
    input_path = os.path.join(str(folder), "X.npy")
    np.save(input_path, np.ascontiguousarray(X))
    env = dict(os.environ, NODE_PATH=_node_modules())
    done = subprocess.run([_node(), SCRIPT, model_path, "X=" + input_path],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, "ort_run.js failed (exit %d):\n%s" % (
        done.returncode, done.stderr.strip())
    return {o["name"]: np.array(o["data"], dtype=o["dtype"]).reshape(o["shape"])
            for o in json.loads(done.stdout)}


def _data(name):
    loader = {"iris": datasets.load_iris, "diabetes": datasets.load_diabetes,
              "cancer": datasets.load_breast_cancer}[name]
    return loader(return_X_y=True)


def _fit(make, data, supervised=True):
    X, y = _data(data)
    est = make()
    return (est.fit(X, y) if supervised else est.fit(X)), X


def _tolerance(name, dtype):
    if dtype == np.float32 or any(t in name for t in TREE_BASED):
        return dict(rtol=1e-4, atol=1e-4)
    return dict(rtol=1e-5, atol=1e-9)


def _convert(est, X, dtype, opset, options=None):
    kind = tensor_type_class("float" if dtype == np.float32 else "double")
    return onnxforge.convert_sklearn(est, initial_types=[("X", kind([None, X.shape[1]]))],
                                     target_opset=opset, options=options)


DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
OPSETS = pytest.mark.parametrize("opset", TARGET_OPSETS)


@OPSETS
@DTYPES
@pytest.mark.parametrize("name", sorted(REGRESSORS))
def test_regressor(name, dtype, opset, tmp_path):
    est, X = _fit(REGRESSORS[name], "diabetes")
    X = X.astype(dtype)
    got = _run_ort(_convert(est, X, dtype, opset), X, tmp_path)["variable"]
    assert got.dtype == dtype
    np.testing.assert_allclose(got.ravel(), est.predict(X), **_tolerance(name, dtype))


@DTYPES
@pytest.mark.parametrize("name,opset", list(_classifier_params()))
def test_classifier(name, dtype, opset, tmp_path):
    make, data = CLASSIFIERS[name]
    est, X = _fit(make, data)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset, options={type(est): {"zipmap": False}})
    got = _run_ort(model, X, tmp_path)
    np.testing.assert_array_equal(got["output_label"].ravel(), est.predict(X))
    final = est.steps[-1][1] if hasattr(est, "steps") else est
    assert got["output_probability"].shape == (len(X), len(final.classes_))
    np.testing.assert_allclose(got["output_probability"], est.predict_proba(X),
                               **_tolerance(name, dtype))


@OPSETS
@DTYPES
@pytest.mark.parametrize("name", sorted(TRANSFORMERS))
def test_transformer(name, dtype, opset, tmp_path):
    est, X = _fit(TRANSFORMERS[name], "diabetes", supervised=False)
    X = X.astype(dtype)
    got = _run_ort(_convert(est, X, dtype, opset), X, tmp_path)["variable"]
    assert got.dtype == dtype
    np.testing.assert_allclose(got, est.transform(X), **_tolerance(name, dtype))
