"""Every scikit-learn estimator the converter covers, converted at target
opsets 9, 13, 17, 21 and 28 with float and double inputs, run in the
reference evaluator and in onnxruntime (npm onnxruntime-node, driven by
ort_run.js), compared with scikit-learn's own outputs and with each other.

onnxruntime-node 1.30 loads models of IR version 13 at most
(ORT_MAX_IR_VERSION) stamped with ai.onnx opset 26 at most (ORT_MAX_OPSET;
newer ones it calls under development) and ai.onnx.ml opset 5. So opset 28
(IR version 14) runs in the reference evaluator only, every estimator also
runs in onnxruntime at opset 26, its newest, and two tests check both
refusals word for word: an onnxruntime upgrade that moves a limit fails them.

Tolerances: labels agree exactly. With double inputs, predictions,
probabilities, decision values, transforms and IsolationForest scores agree
within 1e-5 relative (1e-9 absolute near zero). With float32 inputs, and for
tree ensembles (the ai.onnx.ml tree ops hold thresholds and leaf values in
float32), within 1e-4 relative and 1e-4 absolute. The reference evaluator
and onnxruntime agree with each other within the same bounds.

Every sklearn model is fitted once; onnxruntime runs all models of this file
in one node process. onnxruntime-node is found in ONNXFORGE_ORT_NODE_MODULES
when set, else in tests/bench/node/node_modules beside the real path of
ort_run.js; tools/setup.sh installs it there.
"""
import collections
import functools
import json
import os
import shutil
import subprocess

import numpy as np
import pytest
from sklearn import (compose, datasets, ensemble, linear_model, pipeline, preprocessing, svm,
                     tree)

import onnxforge
from onnxforge.data_types import DoubleTensorType, FloatTensorType
from onnxforge.reference import Evaluator

# The small fits do not all converge; what they learnt is what gets checked.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

TARGET_OPSETS = [9, 13, 17, 21, 28]
# The newest IR version and ai.onnx opset onnxruntime-node 1.30 loads. (Its
# ai.onnx.ml limit, 5, is also the newest ai.onnx.ml opset there is.)
ORT_MAX_IR_VERSION = 13
ORT_MAX_OPSET = 26
ORT_OPSETS = [o for o in TARGET_OPSETS if o <= ORT_MAX_OPSET] + [ORT_MAX_OPSET]
ABOVE_ORT = [o for o in TARGET_OPSETS if o > ORT_MAX_OPSET]
DTYPES = {"float": np.float32, "double": np.float64}
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ort_run.js")
MODULES_ENV = "ONNXFORGE_ORT_NODE_MODULES"

# make: builds the unfitted estimator; data: the sklearn toy set it is
# fitted on; kind: which outputs it has (see _expected).
Case = collections.namedtuple("Case", "make data kind")

CASES = {
    # Regressors, on diabetes.
    "LinearRegression": Case(linear_model.LinearRegression, "diabetes", "regressor"),
    "Ridge": Case(lambda: linear_model.Ridge(alpha=0.5), "diabetes", "regressor"),
    "Lasso": Case(lambda: linear_model.Lasso(alpha=0.1), "diabetes", "regressor"),
    "ElasticNet": Case(lambda: linear_model.ElasticNet(alpha=0.1), "diabetes", "regressor"),
    "SGDRegressor": Case(lambda: linear_model.SGDRegressor(random_state=0), "diabetes",
                         "regressor"),
    "LinearSVR": Case(lambda: svm.LinearSVR(random_state=0, max_iter=5000), "diabetes",
                      "regressor"),
    "DecisionTreeRegressor": Case(
        lambda: tree.DecisionTreeRegressor(max_depth=6, random_state=0), "diabetes",
        "regressor"),
    "RandomForestRegressor": Case(lambda: ensemble.RandomForestRegressor(
        n_estimators=8, max_depth=5, random_state=0), "diabetes", "regressor"),
    "ExtraTreesRegressor": Case(lambda: ensemble.ExtraTreesRegressor(
        n_estimators=8, max_depth=5, random_state=0), "diabetes", "regressor"),
    "GradientBoostingRegressor": Case(lambda: ensemble.GradientBoostingRegressor(
        n_estimators=10, random_state=0), "diabetes", "regressor"),
    # Classifiers: iris has three classes, breast cancer two.
    "LogisticRegression-binary": Case(
        lambda: linear_model.LogisticRegression(max_iter=5000), "cancer", "classifier"),
    "LogisticRegression-ovr": Case(lambda: linear_model.LogisticRegression(
        max_iter=2000, multi_class="ovr"), "iris", "classifier"),
    "LogisticRegression-multinomial": Case(lambda: linear_model.LogisticRegression(
        max_iter=2000, multi_class="multinomial"), "iris", "classifier"),
    "SGDClassifier-hinge": Case(lambda: linear_model.SGDClassifier(random_state=0), "iris",
                                "classifier"),
    "SGDClassifier-log_loss": Case(lambda: linear_model.SGDClassifier(
        loss="log_loss", random_state=0), "iris", "classifier"),
    "LinearSVC": Case(lambda: svm.LinearSVC(random_state=0, max_iter=5000), "cancer",
                      "classifier"),
    "DecisionTreeClassifier": Case(
        lambda: tree.DecisionTreeClassifier(max_depth=5, random_state=0), "iris",
        "classifier"),
    "RandomForestClassifier": Case(lambda: ensemble.RandomForestClassifier(
        n_estimators=8, max_depth=5, random_state=0), "iris", "classifier"),
    "ExtraTreesClassifier": Case(lambda: ensemble.ExtraTreesClassifier(
        n_estimators=8, max_depth=5, random_state=0), "cancer", "classifier"),
    "GradientBoostingClassifier-binary": Case(lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "cancer", "classifier"),
    "GradientBoostingClassifier-multiclass": Case(lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "iris", "classifier"),
    "Pipeline": Case(lambda: pipeline.make_pipeline(
        preprocessing.StandardScaler(), linear_model.LogisticRegression(max_iter=2000)),
        "iris", "classifier"),
    # Transformers, fitted without targets.
    "StandardScaler": Case(preprocessing.StandardScaler, "diabetes", "transformer"),
    "MinMaxScaler": Case(preprocessing.MinMaxScaler, "diabetes", "transformer"),
    "MaxAbsScaler": Case(preprocessing.MaxAbsScaler, "diabetes", "transformer"),
    "RobustScaler": Case(preprocessing.RobustScaler, "diabetes", "transformer"),
    "Normalizer-l1": Case(lambda: preprocessing.Normalizer(norm="l1"), "diabetes",
                          "transformer"),
    "Normalizer-l2": Case(lambda: preprocessing.Normalizer(norm="l2"), "diabetes",
                          "transformer"),
    "Normalizer-max": Case(lambda: preprocessing.Normalizer(norm="max"), "diabetes",
                           "transformer"),
    "Binarizer": Case(lambda: preprocessing.Binarizer(threshold=0.01), "diabetes",
                      "transformer"),
    "ColumnTransformer": Case(lambda: compose.ColumnTransformer(
        [("scaled", preprocessing.StandardScaler(), [0, 2, 4]),
         ("ranged", preprocessing.MinMaxScaler(), [1, 3])], remainder="passthrough"),
        "diabetes", "transformer"),
    "FeatureUnion": Case(lambda: pipeline.FeatureUnion(
        [("scaled", preprocessing.StandardScaler()), ("ranged", preprocessing.MaxAbsScaler())]),
        "diabetes", "transformer"),
    # Outlier detection: a label (1 inlier, -1 outlier) and a score.
    "IsolationForest": Case(lambda: ensemble.IsolationForest(n_estimators=8, random_state=0),
                            "diabetes", "outlier"),
}
TREE_BASED = ("Tree", "Forest", "Boosting", "Isolation")
LABELS = ("output_label", "label")

# Cells the converter cannot express, by (case, opset): the exact message it
# refuses them with, which test_evaluator asserts. None today: every case
# converts at every target opset.
CONVERTER_REFUSES = {}

# Where onnxruntime 1.30 departs from the spec on what the converter emits
# (the reference evaluator follows the spec and passes the same cells), by
# (case, dtype, opset). Strict: a fixed onnxruntime, or a converter change
# that avoids the construct, turns an entry into a failure so it gets removed.
#
# None today: the converter stays clear of the forms onnxruntime 1.30 reads
# differently from the spec. Tree classifiers with a LOGISTIC or SOFTMAX
# post_transform (gradient boosting writes raw TreeEnsemble scores, then
# Sigmoid or Softmax); ai.onnx.ml Binarizer on doubles (no kernel there);
# one-vs-rest sigmoids normalized by their sum (its Sigmoid flushes large
# negative inputs to 0; the converter takes a Softmax of log-sigmoids).
ORT_DIVERGES = {}


@functools.lru_cache(maxsize=None)
def _data(name):
    loader = {"iris": datasets.load_iris, "diabetes": datasets.load_diabetes,
              "cancer": datasets.load_breast_cancer}[name]
    return loader(return_X_y=True)


@functools.lru_cache(maxsize=None)
def _fitted(case):
    """The estimator of `case`, fitted once for the whole module."""
    make, data, kind = CASES[case]
    X, y = _data(data)
    return make().fit(X) if kind in ("transformer", "outlier") else make().fit(X, y)


def _inputs(case, dtype):
    return _data(CASES[case].data)[0].astype(DTYPES[dtype])


@functools.lru_cache(maxsize=None)
def _expected(case, dtype):
    """{output name: what sklearn computes}, shaped as the model gives it."""
    est, X, kind = _fitted(case), _inputs(case, dtype), CASES[case].kind
    n = len(X)
    if kind == "regressor":
        return {"variable": est.predict(X).reshape(n, 1)}
    if kind == "transformer":
        return {"variable": est.transform(X)}
    if kind == "outlier":
        return {"label": est.predict(X).reshape(n, 1),
                "scores": est.decision_function(X).reshape(n, 1)}
    if hasattr(est, "predict_proba"):
        scores = est.predict_proba(X)
    else:  # hinge losses: the model's scores are the decision function
        scores = est.decision_function(X)
        if scores.ndim == 1:
            scores = np.stack([-scores, scores], axis=1)
    return {"output_label": est.predict(X), "output_probability": scores}


@functools.lru_cache(maxsize=None)
def _model(case, dtype, opset):
    est, X = _fitted(case), _inputs(case, dtype)
    kind = FloatTensorType if dtype == "float" else DoubleTensorType
    options = {type(est): {"zipmap": False}} if CASES[case].kind == "classifier" else None
    return onnxforge.convert_sklearn(est, initial_types=[("X", kind([None, X.shape[1]]))],
                                     target_opset=opset, options=options)


@functools.lru_cache(maxsize=None)
def _evaluated(case, dtype, opset):
    """{output name: array} as the reference evaluator computes them."""
    model = _model(case, dtype, opset)
    names = [o.name for o in model.graph.output]
    return dict(zip(names, Evaluator(model).run(names, {"X": _inputs(case, dtype)})))


def _tolerance(case, dtype):
    if dtype == "float" or any(t in case for t in TREE_BASED):
        return dict(rtol=1e-4, atol=1e-4)
    return dict(rtol=1e-5, atol=1e-9)


def _assert_outputs(got, expected, case, dtype, what):
    assert sorted(got) == sorted(expected), what
    for name, want in expected.items():
        value = got[name]
        assert value.shape == want.shape, "%s: %s" % (what, name)
        if name in LABELS:
            assert value.dtype == np.int64, "%s: %s" % (what, name)
            np.testing.assert_array_equal(value, want, err_msg="%s: %s" % (what, name))
        else:
            assert value.dtype == DTYPES[dtype], "%s: %s" % (what, name)
            np.testing.assert_allclose(value, want, err_msg="%s: %s" % (what, name),
                                       **_tolerance(case, dtype))


def _cells(opsets, refused=False):
    """(case, dtype, opset) for `opsets`; those the converter refuses only
    when `refused`."""
    return [(case, dtype, opset) for case in sorted(CASES) for dtype in DTYPES
            for opset in opsets if refused or (case, opset) not in CONVERTER_REFUSES]


def _cell_id(cell):
    return "%s-%s-%d" % cell


# ---------------------------------------------------------------- onnxruntime

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


def _as_arrays(outputs):
    return {o["name"]: np.array(o["data"], dtype=o["dtype"]).reshape(o["shape"])
            for o in outputs}


def _ort_jobs():
    """(key, model) for all onnxruntime is given: every cell at the opsets
    it loads and above them (key: the cell), and each cell above them
    restamped with the newest IR version it loads (key: cell + ("ir",)),
    which gets past its IR check to its opset check."""
    for cell in _cells(ORT_OPSETS + ABOVE_ORT):
        try:
            model = _model(*cell)
        except Exception:  # pylint: disable=broad-except
            continue  # its test fails on the conversion, with the converter's message
        yield cell, model
        if cell[2] > ORT_MAX_OPSET:
            restamped = type(model)()
            restamped.CopyFrom(model)
            restamped.ir_version = ORT_MAX_IR_VERSION
            yield cell + ("ir",), restamped


@pytest.fixture(scope="module")
def ort_results(tmp_path_factory):
    """{key of _ort_jobs: {output name: array}, or onnxruntime's error
    message}, all run in one node process."""
    folder = str(tmp_path_factory.mktemp("ort"))
    manifest, outs = [], {}
    for key, model in _ort_jobs():
        case, dtype = key[:2]
        stem = os.path.join(folder, "-".join(map(str, key)))
        with open(stem + ".onnx", "wb") as f:
            f.write(model.SerializeToString())
        inputs = os.path.join(folder, "%s-%s.npy" % (CASES[case].data, dtype))
        if not os.path.exists(inputs):
            np.save(inputs, np.ascontiguousarray(_inputs(case, dtype)))
        manifest.append({"model": stem + ".onnx", "inputs": {"X": inputs}, "out": stem + ".json"})
        outs[key] = stem + ".json"
    manifest_path = os.path.join(folder, "manifest.json")
    with open(manifest_path, "w") as f:
        json.dump(manifest, f)
    env = dict(os.environ, NODE_PATH=_node_modules())
    done = subprocess.run([_node(), SCRIPT, "--batch", manifest_path],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, "ort_run.js failed (exit %d):\n%s" % (
        done.returncode, done.stderr.strip())
    results = {}
    for key, out in outs.items():
        with open(out) as f:
            result = json.load(f)
        results[key] = result["error"] if "error" in result else _as_arrays(result["outputs"])
    return results


def _assert_refused(got, expected, key):
    """onnxruntime's message reads "Load model from PATH failed:", the source
    location and C++ signature of the check, then `expected`."""
    assert isinstance(got, str), "%s: onnxruntime ran it" % (key,)
    assert got.startswith("Load model from "), got
    assert got.rstrip().endswith(expected), "%s: %s" % (key, got)


def _ort_params():
    for cell in _cells(ORT_OPSETS):
        reason = ORT_DIVERGES.get(cell)
        marks = [pytest.mark.xfail(strict=True, reason="onnxruntime: " + reason)] \
            if reason else []
        yield pytest.param(*cell, marks=marks, id=_cell_id(cell))


# ---------------------------------------------------------------------- tests

@pytest.mark.parametrize("case,dtype,opset", _cells(TARGET_OPSETS, refused=True),
                         ids=[_cell_id(c) for c in _cells(TARGET_OPSETS, refused=True)])
def test_evaluator(case, dtype, opset):
    refusal = CONVERTER_REFUSES.get((case, opset))
    if refusal is not None:
        with pytest.raises(Exception) as raised:
            _model(case, dtype, opset)
        assert str(raised.value) == refusal
        return
    model = _model(case, dtype, opset)
    assert next(o.version for o in model.opset_import if o.domain == "") == opset
    _assert_outputs(_evaluated(case, dtype, opset), _expected(case, dtype), case, dtype,
                    "reference evaluator vs sklearn")


@pytest.mark.parametrize("case,dtype,opset", list(_ort_params()))
def test_onnxruntime(case, dtype, opset, ort_results):
    _model(case, dtype, opset)  # a conversion error fails here, with its message
    got = ort_results[(case, dtype, opset)]
    assert not isinstance(got, str), "onnxruntime: " + got
    _assert_outputs(got, _expected(case, dtype), case, dtype, "onnxruntime vs sklearn")
    _assert_outputs(got, _evaluated(case, dtype, opset), case, dtype,
                    "onnxruntime vs reference evaluator")


@pytest.mark.parametrize("opset", ABOVE_ORT)
def test_onnxruntime_refuses_ir_versions_above_its_limit(opset, ort_results):
    cells = [cell for cell in _cells([opset]) if cell in ort_results]
    assert len(cells) == len(_cells([opset]))
    for cell in cells:
        ir_version = _model(*cell).ir_version
        assert ir_version > ORT_MAX_IR_VERSION, cell
        _assert_refused(ort_results[cell], "Unsupported model IR version: %d, max supported IR "
                        "version: %d" % (ir_version, ORT_MAX_IR_VERSION), cell)


@pytest.mark.parametrize("opset", ABOVE_ORT)
def test_onnxruntime_refuses_opsets_above_its_limit(opset, ort_results):
    expected = (
        "ONNX Runtime only *guarantees* support for models stamped with official released "
        "onnx opset versions. Opset %d is under development and support for this is limited. "
        "The operator schemas and or other functionality may change before next ONNX release "
        "and in this case ONNX Runtime will not guarantee backward compatibility. Current "
        "official support for domain ai.onnx is till opset %d." % (opset, ORT_MAX_OPSET))
    restamped = [cell + ("ir",) for cell in _cells([opset]) if cell + ("ir",) in ort_results]
    assert len(restamped) == len(_cells([opset]))
    for key in restamped:
        _assert_refused(ort_results[key], expected, key)
