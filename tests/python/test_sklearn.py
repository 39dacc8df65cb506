"""scikit-learn models converted at several target opsets, run in the
reference evaluator, compared with sklearn's own outputs.

Tolerances: double inputs agree within 1e-5 relative (1e-9 absolute near
zero); float32 inputs, and tree ensembles (their ml ops compute in float32),
within 1e-4 relative and 1e-4 absolute. Labels agree exactly.
"""
import warnings

import numpy as np
import pytest
from sklearn import (compose, datasets, ensemble, linear_model, pipeline, preprocessing, svm,
                     tree)

import onnxforge
from onnxforge.reference import Evaluator
from onnxforge.sklearn import ConversionError, _finalize
from onnxforge.sklearn._types import tensor_type_class

warnings.filterwarnings("ignore")  # convergence warnings of the small fits

FloatTensorType = tensor_type_class("float")
DoubleTensorType = tensor_type_class("double")
TARGET_OPSETS = [9, 13, 17, 21, 28]
HAS_CONVERTER = _finalize._converter()[1] is not None


def _data(name):
    loader = {"iris": datasets.load_iris, "diabetes": datasets.load_diabetes,
              "cancer": datasets.load_breast_cancer}[name]
    return loader(return_X_y=True)


def _fit(make, data, supervised=True):
    X, y = _data(data)
    est = make()
    return (est.fit(X, y) if supervised else est.fit(X)), X


REGRESSORS = {
    "LinearRegression": lambda: linear_model.LinearRegression(),
    "Ridge": lambda: linear_model.Ridge(alpha=0.5),
    "Lasso": lambda: linear_model.Lasso(alpha=0.1),
    "ElasticNet": lambda: linear_model.ElasticNet(alpha=0.1),
    "SGDRegressor": lambda: linear_model.SGDRegressor(random_state=0),
    "LinearSVR": lambda: svm.LinearSVR(random_state=0, max_iter=5000),
    "DecisionTreeRegressor": lambda: tree.DecisionTreeRegressor(max_depth=6, random_state=0),
    "RandomForestRegressor": lambda: ensemble.RandomForestRegressor(
        n_estimators=8, max_depth=5, random_state=0),
    "ExtraTreesRegressor": lambda: ensemble.ExtraTreesRegressor(
        n_estimators=8, max_depth=5, random_state=0),
    "GradientBoostingRegressor": lambda: ensemble.GradientBoostingRegressor(
        n_estimators=10, random_state=0),
}
CLASSIFIERS = {
    "LogisticRegression-multinomial": (lambda: linear_model.LogisticRegression(max_iter=2000),
                                       "iris"),
    "LogisticRegression-ovr": (lambda: linear_model.LogisticRegression(
        max_iter=2000, multi_class="ovr"), "iris"),
    "LogisticRegression-binary": (lambda: linear_model.LogisticRegression(max_iter=5000),
                                  "cancer"),
    "SGDClassifier": (lambda: linear_model.SGDClassifier(random_state=0), "iris"),
    "SGDClassifier-log": (lambda: linear_model.SGDClassifier(loss="log_loss", random_state=0),
                          "iris"),
    "LinearSVC": (lambda: svm.LinearSVC(random_state=0, max_iter=5000), "cancer"),
    "DecisionTreeClassifier": (lambda: tree.DecisionTreeClassifier(max_depth=5, random_state=0),
                               "iris"),
    "RandomForestClassifier": (lambda: ensemble.RandomForestClassifier(
        n_estimators=8, max_depth=5, random_state=0), "iris"),
    "ExtraTreesClassifier": (lambda: ensemble.ExtraTreesClassifier(
        n_estimators=8, max_depth=5, random_state=0), "cancer"),
    "GradientBoostingClassifier-binary": (lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "cancer"),
    "GradientBoostingClassifier-multiclass": (lambda: ensemble.GradientBoostingClassifier(
        n_estimators=10, random_state=0), "iris"),
    "Pipeline": (lambda: pipeline.make_pipeline(
        preprocessing.StandardScaler(), linear_model.LogisticRegression(max_iter=2000)), "iris"),
}
TRANSFORMERS = {
    "StandardScaler": lambda: preprocessing.StandardScaler(),
    "MinMaxScaler": lambda: preprocessing.MinMaxScaler(),
    "MaxAbsScaler": lambda: preprocessing.MaxAbsScaler(),
    "RobustScaler": lambda: preprocessing.RobustScaler(),
    "Normalizer-l1": lambda: preprocessing.Normalizer(norm="l1"),
    "Normalizer-l2": lambda: preprocessing.Normalizer(norm="l2"),
    "Normalizer-max": lambda: preprocessing.Normalizer(norm="max"),
    "Binarizer": lambda: preprocessing.Binarizer(threshold=0.01),
    "ColumnTransformer": lambda: compose.ColumnTransformer(
        [("scaled", preprocessing.StandardScaler(), [0, 2, 4]),
         ("ranged", preprocessing.MinMaxScaler(), [1, 3])], remainder="passthrough"),
    "FeatureUnion": lambda: pipeline.FeatureUnion(
        [("scaled", preprocessing.StandardScaler()), ("ranged", preprocessing.MaxAbsScaler())]),
}
TREE_BASED = ("Tree", "Forest", "Boosting", "Isolation")


def _tolerance(name, dtype):
    if dtype == np.float32 or any(t in name for t in TREE_BASED):
        return dict(rtol=1e-4, atol=1e-4)
    return dict(rtol=1e-5, atol=1e-9)


def _convert(est, X, dtype, opset, options=None):
    kind = FloatTensorType if dtype == np.float32 else DoubleTensorType
    try:
        return onnxforge.convert_sklearn(est, initial_types=[("X", kind([None, X.shape[1]]))],
                                         target_opset=opset, options=options)
    except ConversionError as e:
        if not HAS_CONVERTER and "lacks" in str(e):
            pytest.skip("this build has no version converter binding: %s" % e)
        raise


def _opset_of(model, domain=""):
    return next(o.version for o in model.opset_import if o.domain == domain)


def _run(model, X):
    names = [o.name for o in model.graph.output]
    return dict(zip(names, Evaluator(model).run(names, {"X": X})))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(REGRESSORS))
def test_regressor(name, dtype, opset):
    est, X = _fit(REGRESSORS[name], "diabetes")
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    assert _opset_of(model) == opset
    got = _run(model, X)["variable"]
    assert got.dtype == dtype
    np.testing.assert_allclose(got.ravel(), est.predict(X), **_tolerance(name, dtype))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_classifier(name, dtype, opset):
    make, data = CLASSIFIERS[name]
    est, X = _fit(make, data)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset, options={type(est): {"zipmap": False}})
    got = _run(model, X)
    np.testing.assert_array_equal(got["output_label"], est.predict(X))
    final = est.steps[-1][1] if hasattr(est, "steps") else est
    try:
        expected = est.predict_proba(X)
    except AttributeError:  # hinge losses: the scores are the decision function
        expected = est.decision_function(X)
        if expected.ndim == 1:
            expected = np.stack([-expected, expected], axis=1)
    assert got["output_probability"].shape == (len(X), len(final.classes_))
    np.testing.assert_allclose(got["output_probability"], expected, **_tolerance(name, dtype))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(TRANSFORMERS))
def test_transformer(name, dtype, opset):
    est, X = _fit(TRANSFORMERS[name], "diabetes", supervised=False)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    got = _run(model, X)["variable"]
    assert got.dtype == dtype
    np.testing.assert_allclose(got, est.transform(X), **_tolerance(name, dtype))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
def test_isolation_forest(opset):
    est, X = _fit(lambda: ensemble.IsolationForest(n_estimators=8, random_state=0),
                  "diabetes", supervised=False)
    X = X.astype(np.float32)
    got = _run(_convert(est, X, np.float32, opset), X)
    np.testing.assert_array_equal(got["label"].ravel(), est.predict(X))
    np.testing.assert_allclose(got["scores"].ravel(), est.decision_function(X),
                               rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("opset", [9, 17])
def test_zipmap_gives_one_dict_per_row(opset):
    est, X = _fit(lambda: linear_model.LogisticRegression(max_iter=2000), "iris")
    X = X.astype(np.float32)
    got = _run(_convert(est, X, np.float32, opset), X)
    rows = got["output_probability"]
    assert len(rows) == len(X)
    assert sorted(rows[0]) == [0, 1, 2]
    expected = est.predict_proba(X)
    np.testing.assert_allclose([[r[k] for k in (0, 1, 2)] for r in rows], expected,
                               rtol=1e-4, atol=1e-6)


def test_string_labels_and_nocl():
    X, y = _data("iris")
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    est = tree.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, names)
    X = X.astype(np.float32)
    got = _run(_convert(est, X, np.float32, {"": 13, "ai.onnx.ml": 3}), X)
    assert list(got["output_label"]) == list(est.predict(X))
    assert sorted(got["output_probability"][0]) == ["setosa", "versicolor", "virginica"]
    nocl = _run(_convert(est, X, np.float32, {"": 13, "ai.onnx.ml": 3},
                         options={id(est): {"nocl": True, "zipmap": False}}), X)
    np.testing.assert_array_equal(nocl["output_label"], np.searchsorted(est.classes_,
                                                                        est.predict(X)))


def test_raw_scores_give_the_decision_function():
    est, X = _fit(lambda: linear_model.LogisticRegression(max_iter=2000), "iris")
    got = _run(_convert(est, X, np.float64, 13,
                        options={type(est): {"zipmap": False, "raw_scores": True}}), X)
    np.testing.assert_allclose(got["output_probability"], est.decision_function(X), rtol=1e-9)


def test_verify_reports_discrepancies_and_latency():
    est, X = _fit(lambda: linear_model.Ridge(), "diabetes")
    model = _convert(est, X, np.float64, 13)
    result = onnxforge.verify(model, est, X)
    assert result.max_rel < 1e-12
    assert result["variable"].method == "predict"
    assert result.onnx_seconds > 0 and result.framework_seconds > 0
    text = repr(result)
    assert text.startswith("VerifyResult(\n  variable vs predict: max abs ")
    assert "latency: onnx " in text


def test_tree_targets_pick_the_ml_op_of_the_opset():
    est, X = _fit(lambda: tree.DecisionTreeRegressor(max_depth=3), "diabetes")
    old = _convert(est, X, np.float32, {"": 13, "ai.onnx.ml": 3})
    assert [n.op_type for n in old.graph.node] == ["TreeEnsembleRegressor"]
    if HAS_CONVERTER:
        new = _convert(est, X, np.float32, 21)
        assert _opset_of(new, "ai.onnx.ml") == 5
        assert "TreeEnsemble" in [n.op_type for n in new.graph.node]


def test_unsupported_estimator_is_named():
    est, X = _fit(lambda: svm.SVR(), "diabetes")
    with pytest.raises(NotImplementedError, match="no converter for SVR"):
        _convert(est, X, np.float32, 13)


@pytest.mark.skipif(not HAS_CONVERTER, reason="needs the version converter binding")
def test_opset_too_low_is_refused_naming_op_and_lowest_opset():
    est, X = _fit(lambda: ensemble.IsolationForest(n_estimators=2, random_state=0),
                  "diabetes", supervised=False)
    with pytest.raises(ConversionError) as info:
        _convert(est, X, np.float32, 8)
    assert "Where" in str(info.value)
    assert "is 9" in str(info.value)
