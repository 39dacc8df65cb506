"""scikit-learn models converted at several target opsets, run in the
reference evaluator, compared with sklearn's own outputs; the converters'
options and the forms of their outputs.

Tolerances: double inputs agree within 1e-5 relative (1e-7 absolute near
zero), tree ensembles included (they compare float32 features as sklearn
does, and sum float32 leaf values); float32 inputs within 1e-4 relative and
1e-4 absolute. Labels agree exactly.
"""
import warnings

import numpy as np
import pytest
from sklearn import (compose, datasets, ensemble, linear_model, pipeline, preprocessing, svm,
                     tree)

import onnxforge
from onnxforge import printer
from onnxforge.builder import FinalizeError
from onnxforge.data_types import (DictionaryType, DoubleTensorType, FloatTensorType,
                                  Int64TensorType, SequenceType, StringTensorType,
                                  from_onnx_type)
from onnxforge.reference import Evaluator
from onnxforge.registration import RegistrationError
from onnxforge.sklearn import to_onnx
from onnxforge.sklearn._parsers import column_names

warnings.filterwarnings("ignore")  # convergence warnings of the small fits

TARGET_OPSETS = [9, 13, 17, 21, 28]


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


def _tolerance(dtype):
    if dtype == np.float32:
        return dict(rtol=1e-4, atol=1e-4)
    return dict(rtol=1e-5, atol=1e-7)


def _input_type(dtype, columns):
    return (FloatTensorType if dtype == np.float32 else DoubleTensorType)([None, columns])


def _convert(est, X, dtype, opset, **kwargs):
    return onnxforge.convert_sklearn(
        est, initial_types=[("X", _input_type(dtype, X.shape[1]))], target_opset=opset,
        **kwargs)


def _opset_of(model, domain=""):
    return next(o.version for o in model.opset_import if o.domain == domain)


def _run(model, X, name="X"):
    names = [o.name for o in model.graph.output]
    return dict(zip(names, Evaluator(model).run(names, {name: X})))


def _outputs(model):
    """{name: data type} of the graph outputs."""
    return {o.name: from_onnx_type(o.type) for o in model.graph.output}


def _node_types(model):
    return [n.op_type for n in model.graph.node]


# ---- Every estimator x opset x element type --------------------------------------------


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(REGRESSORS))
def test_regressor(name, dtype, opset):
    est, X = _fit(REGRESSORS[name], "diabetes")
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    assert _opset_of(model) == opset
    assert _outputs(model) == {"variable": _input_type(dtype, 1)}
    got = _run(model, X)["variable"]
    assert got.dtype == dtype and got.shape == (len(X), 1)
    np.testing.assert_allclose(got.ravel(), est.predict(X), **_tolerance(dtype))


def _expected_scores(est, X):
    try:
        return est.predict_proba(X)
    except AttributeError:  # hinge losses: the scores are the decision function
        expected = est.decision_function(X)
        return np.stack([-expected, expected], axis=1) if expected.ndim == 1 else expected


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_classifier(name, dtype, opset):
    make, data = CLASSIFIERS[name]
    est, X = _fit(make, data)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset, options={type(est): {"zipmap": False}})
    n_classes = len(est.classes_)
    assert _outputs(model) == {"output_label": Int64TensorType([None]),
                               "output_probability": _input_type(dtype, n_classes)}
    got = _run(model, X)
    np.testing.assert_array_equal(got["output_label"], est.predict(X))
    assert got["output_probability"].shape == (len(X), n_classes)
    assert got["output_probability"].dtype == dtype
    np.testing.assert_allclose(got["output_probability"], _expected_scores(est, X),
                               **_tolerance(dtype))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(TRANSFORMERS))
def test_transformer(name, dtype, opset):
    est, X = _fit(TRANSFORMERS[name], "diabetes", supervised=False)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    expected = est.transform(X)
    assert _outputs(model) == {"variable": _input_type(dtype, expected.shape[1])}
    got = _run(model, X)["variable"]
    assert got.dtype == dtype
    np.testing.assert_allclose(got, expected, **_tolerance(dtype))


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
def test_isolation_forest(dtype, opset):
    est, X = _fit(lambda: ensemble.IsolationForest(n_estimators=8, random_state=0),
                  "diabetes", supervised=False)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    assert _outputs(model) == {"label": Int64TensorType([None, 1]),
                               "scores": _input_type(dtype, 1)}
    got = _run(model, X)
    np.testing.assert_array_equal(got["label"].ravel(), est.predict(X))
    np.testing.assert_allclose(got["scores"].ravel(), est.decision_function(X),
                               **_tolerance(dtype))


# ---- Classifier outputs and options ------------------------------------------------------


def _iris_logistic():
    return _fit(lambda: linear_model.LogisticRegression(max_iter=2000), "iris")


@pytest.mark.parametrize("opset", [9, 17, 21])
def test_zipmap_gives_one_dict_per_row(opset):
    est, X = _iris_logistic()
    X = X.astype(np.float32)
    model = _convert(est, X, np.float32, opset)
    assert _outputs(model) == {
        "output_label": Int64TensorType([None]),
        "output_probability": SequenceType(DictionaryType(Int64TensorType([]),
                                                          FloatTensorType([])))}
    assert _node_types(model) == ["LinearClassifier", "ArgMax", "Softmax", "ZipMap"]
    rows = _run(model, X)["output_probability"]
    assert len(rows) == len(X)
    assert sorted(rows[0]) == [0, 1, 2]
    np.testing.assert_allclose([[r[k] for k in (0, 1, 2)] for r in rows], est.predict_proba(X),
                               rtol=1e-4, atol=1e-6)


def test_string_labels_and_nocl():
    X, y = _data("iris")
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    est = tree.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, names)
    X = X.astype(np.float32)
    model = _convert(est, X, np.float32, 13)
    assert _outputs(model) == {
        "output_label": StringTensorType([None]),
        "output_probability": SequenceType(DictionaryType(StringTensorType([]),
                                                          FloatTensorType([])))}
    got = _run(model, X)
    assert list(got["output_label"]) == list(est.predict(X))
    assert sorted(got["output_probability"][0]) == ["setosa", "versicolor", "virginica"]
    nocl = _convert(est, X, np.float32, 13, options={id(est): {"nocl": True, "zipmap": False}})
    assert _outputs(nocl)["output_label"] == Int64TensorType([None])
    np.testing.assert_array_equal(_run(nocl, X)["output_label"],
                                  np.searchsorted(est.classes_, est.predict(X)))
    nocl_map = _convert(est, X, np.float32, 13, options={id(est): {"nocl": True}})
    assert sorted(_run(nocl_map, X)["output_probability"][0]) == [0, 1, 2]


def test_integer_labels_map_through_the_classes():
    X, y = _data("iris")
    est = linear_model.LogisticRegression(max_iter=2000).fit(X, y * 10 + 5)
    model = _convert(est, X, np.float64, 17, options={id(est): {"zipmap": False}})
    assert _node_types(model)[-3:] == ["ArgMax", "Gather", "Softmax"]
    np.testing.assert_array_equal(_run(model, X)["output_label"], est.predict(X))


def test_raw_scores_give_the_decision_function():
    est, X = _iris_logistic()
    got = _run(_convert(est, X, np.float64, 13,
                        options={type(est): {"zipmap": False, "raw_scores": True}}), X)
    np.testing.assert_allclose(got["output_probability"], est.decision_function(X), rtol=1e-9)


def test_pipeline_passes_its_options_to_the_last_step():
    est, X = _fit(CLASSIFIERS["Pipeline"][0], "iris")
    model = _convert(est, X, np.float64, 17, options={id(est): {"zipmap": False,
                                                               "raw_scores": True}})
    got = _run(model, X)["output_probability"]
    np.testing.assert_allclose(got, est.decision_function(X), rtol=1e-9)
    # The step's own options win over the pipeline's.
    final = est.steps[-1][1]
    model = _convert(est, X, np.float64, 17, options={id(est): {"zipmap": False},
                                                     id(final): {"zipmap": True}})
    assert isinstance(_outputs(model)["output_probability"], SequenceType)


def test_unknown_and_bad_options_fail_with_the_registry_message():
    est, X = _iris_logistic()
    with pytest.raises(RegistrationError) as e:
        _convert(est, X, np.float32, 17, options={id(est): {"zipmap": "rows"}})
    assert str(e.value) == ("option 'zipmap' of SklearnLogisticRegression is 'rows'; "
                            "allowed: True, False, 'columns'")
    with pytest.raises(RegistrationError) as e:
        _convert(est, X, np.float32, 17, options={type(est): {"zip_map": False}})
    assert str(e.value) == ("the converter of SklearnLogisticRegression has no option "
                            "'zip_map' (options: nocl, raw_scores, zipmap)")
    forest, _ = _fit(CLASSIFIERS["RandomForestClassifier"][0], "iris")
    with pytest.raises(RegistrationError) as e:
        _convert(forest, X, np.float32, 17, options={id(forest): {"raw_scores": True}})
    assert str(e.value) == ("the converter of SklearnRandomForestClassifier has no option "
                            "'raw_scores' (options: nocl, zipmap)")


# ---- zipmap="columns": one output per class ------------------------------------------------


COLUMNS = {"zipmap": "columns"}


def _column_outputs(model):
    """The names of the per-class outputs, in graph order."""
    return [o.name for o in model.graph.output][1:]


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
def test_zipmap_columns_names_integer_labels(dtype):
    X, y = _data("iris")
    est = linear_model.LogisticRegression(max_iter=2000).fit(X, y * 10 - 5)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, 21, options={id(est): COLUMNS})
    column = (FloatTensorType if dtype == np.float32 else DoubleTensorType)([None])
    assert [(o.name, from_onnx_type(o.type)) for o in model.graph.output] == [
        ("output_label", Int64TensorType([None])),
        ("output_probability__5", column),
        ("output_probability_5", column),
        ("output_probability_15", column)]
    scores = ["LinearClassifier"] if dtype == np.float32 else ["MatMul", "Add"]
    assert _node_types(model) == scores + ["ArgMax", "Gather", "Softmax",
                                           "Gather", "Gather", "Gather"]


def test_zipmap_columns_names_string_labels_with_spaces_and_collisions():
    X, y = _data("iris")
    # "a b" and "a_b" both read a_b once sanitized: the label spelled a_b keeps it.
    labels = np.array(["a b", "a_b", "Iris virginica/2"])[y]
    est = tree.DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, labels)
    X = X.astype(np.float32)
    model = _convert(est, X, np.float32, 17, options={id(est): COLUMNS})
    assert [(o.name, from_onnx_type(o.type)) for o in model.graph.output] == [
        ("output_label", StringTensorType([None])),
        ("output_probability_Iris_virginica_2", FloatTensorType([None])),
        ("output_probability_a_b_2", FloatTensorType([None])),
        ("output_probability_a_b", FloatTensorType([None]))]
    assert list(est.classes_) == ["Iris virginica/2", "a b", "a_b"]
    got = _run(model, X)
    assert list(got["output_label"]) == list(est.predict(X))
    expected = est.predict_proba(X)
    for k, name in enumerate(_column_outputs(model)):
        assert got[name].shape == (len(X),) and got[name].dtype == np.float32
        np.testing.assert_allclose(got[name], expected[:, k], rtol=1e-6, atol=1e-7)


def test_zipmap_columns_labels_spelled_as_names_keep_them_before_others_take_suffixes():
    assert column_names(np.array(["a b", "a_b", "a_b_2", "a-b", "", "\u00e9"])) == [
        "output_probability_a_b_3", "output_probability_a_b", "output_probability_a_b_2",
        "output_probability_a_b_4", "output_probability_", "output_probability__"]
    assert column_names(np.array([True, False])) == ["output_probability_1",
                                                     "output_probability_0"]


def test_zipmap_columns_with_nocl_are_named_by_class_index():
    X, y = _data("iris")
    labels = np.array(["setosa", "versicolor", "virginica"])[y]
    est = linear_model.LogisticRegression(max_iter=2000).fit(X, labels)
    model = _convert(est, X, np.float64, 13, options={id(est): {"zipmap": "columns",
                                                               "nocl": True}})
    assert [(o.name, from_onnx_type(o.type)) for o in model.graph.output] == [
        ("output_label", Int64TensorType([None])),
        ("output_probability_0", DoubleTensorType([None])),
        ("output_probability_1", DoubleTensorType([None])),
        ("output_probability_2", DoubleTensorType([None]))]
    got = _run(model, X)
    np.testing.assert_array_equal(got["output_label"],
                                  np.searchsorted(est.classes_, est.predict(X)))
    for k in range(3):
        np.testing.assert_allclose(got["output_probability_%d" % k], est.predict_proba(X)[:, k],
                                   rtol=1e-9)


@pytest.mark.parametrize("opset", TARGET_OPSETS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_zipmap_columns_equal_the_probability_columns(name, dtype, opset):
    make, data = CLASSIFIERS[name]
    est, X = _fit(make, data)
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset, options={id(est): COLUMNS})
    assert _opset_of(model) == opset
    names = ["output_probability_%d" % c for c in est.classes_]
    assert _column_outputs(model) == names
    got = _run(model, X)
    np.testing.assert_array_equal(got["output_label"], est.predict(X))
    expected = _expected_scores(est, X)
    for k, column in enumerate(names):
        assert got[column].shape == (len(X),) and got[column].dtype == dtype
        np.testing.assert_allclose(got[column], expected[:, k], **_tolerance(dtype))


def test_zipmap_columns_of_a_pipeline_ending_in_a_classifier():
    X, y = _data("iris")
    labels = np.array(["setosa", "versi color", "virginica"])[y]
    est = pipeline.make_pipeline(preprocessing.StandardScaler(),
                                 ensemble.RandomForestClassifier(n_estimators=5, max_depth=4,
                                                                 random_state=0)).fit(X, labels)
    model = _convert(est, X, np.float64, 17, options={id(est): COLUMNS})
    assert _column_outputs(model) == ["output_probability_setosa",
                                      "output_probability_versi_color",
                                      "output_probability_virginica"]
    assert _node_types(model)[-3:] == ["Gather", "Gather", "Gather"]
    result = onnxforge.verify(model, est, X)
    assert [(o.name, o.method) for o in result.outputs] == [
        ("output_probability_setosa", "predict_proba[:, 0]"),
        ("output_probability_versi_color", "predict_proba[:, 1]"),
        ("output_probability_virginica", "predict_proba[:, 2]")]
    assert result.mismatched_labels == 0
    assert result.max_rel < 1e-5


def test_verify_compares_columns_of_a_binary_decision_function():
    est, X = _fit(CLASSIFIERS["LinearSVC"][0], "cancer")
    model = _convert(est, X, np.float64, 13, options={id(est): COLUMNS})
    result = onnxforge.verify(model, est, X)
    assert [(o.name, o.method) for o in result.outputs] == [
        ("output_probability_0", "decision_function[:, 0]"),
        ("output_probability_1", "decision_function[:, 1]")]
    assert result.max_rel < 1e-9
    assert result.mismatched_labels == 0


# ---- Trees -----------------------------------------------------------------------------


def test_trees_are_a_tree_ensemble_or_its_ml3_form():
    est, X = _fit(lambda: tree.DecisionTreeRegressor(max_depth=3), "diabetes")
    old = _convert(est, X, np.float32, 17)
    assert _node_types(old) == ["TreeEnsembleRegressor"]
    assert _opset_of(old, "ai.onnx.ml") == 3
    new = _convert(est, X, np.float32, 21)
    assert _node_types(new) == ["TreeEnsemble"]
    assert _opset_of(new, "ai.onnx.ml") == 5
    double = _convert(est, X, np.float64, 21)
    assert _node_types(double) == ["Cast", "TreeEnsemble", "Cast"]


def _attribute(node, name):
    return next(a for a in node.attribute if a.name == name)


def test_forest_classifier_writes_each_tree_once_per_class_it_scores():
    X, y = _data("iris")
    est = ensemble.RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    model = _convert(est, X, np.float32, 21, options={id(est): {"zipmap": False}})
    (ensemble_node,) = [n for n in model.graph.node if n.op_type == "TreeEnsemble"]
    copies = sum(int(np.any(t.tree_.value[t.tree_.children_left == -1, 0, k] > 0))
                 for t in est.estimators_ for k in range(3))
    assert len(_attribute(ensemble_node, "tree_roots").ints) == copies
    assert _node_types(model) == ["TreeEnsemble", "ArgMax"]


@pytest.mark.parametrize("value", [2.5, 0.0])
def test_single_leaf_tree_converts(value):
    X = np.arange(8, dtype=np.float64).reshape(4, 2)
    est = tree.DecisionTreeRegressor().fit(X, np.full(4, value))
    assert est.tree_.node_count == 1
    for opset in (13, 21):
        got = _run(_convert(est, X, np.float64, opset), X)["variable"]
        assert got.ravel().tolist() == [value] * 4


def test_multi_output_regressor_and_classifier():
    X, y = _data("diabetes")
    targets = np.stack([y, -2 * y], axis=1)
    forest = ensemble.RandomForestRegressor(n_estimators=4, max_depth=4,
                                            random_state=0).fit(X, targets)
    got = _run(_convert(forest, X, np.float64, 17), X)["variable"]
    assert got.shape == (len(X), 2)
    np.testing.assert_allclose(got, forest.predict(X), rtol=1e-5)
    labels = np.stack([y > 150, y > 100], axis=1).astype(np.int64)
    classifier = tree.DecisionTreeClassifier(max_depth=3).fit(X, labels)
    with pytest.raises(NotImplementedError,
                       match="^DecisionTreeClassifier with several outputs is not supported$"):
        _convert(classifier, X, np.float64, 17)


@pytest.mark.parametrize("data, n_classes", [("cancer", 2), ("iris", 3)])
def test_gradient_boosting_classifier_form(data, n_classes):
    est, X = _fit(lambda: ensemble.GradientBoostingClassifier(n_estimators=5, random_state=0),
                  data)
    model = _convert(est, X, np.float32, 17, options={id(est): {"zipmap": False}})
    if n_classes == 2:
        assert _node_types(model) == ["TreeEnsembleRegressor", "Add", "Neg", "Concat", "ArgMax",
                                      "Sigmoid"]
    else:
        assert _node_types(model) == ["TreeEnsembleRegressor", "Add", "ArgMax", "Softmax"]
    (trees,) = [n for n in model.graph.node if n.op_type == "TreeEnsembleRegressor"]
    assert _attribute(trees, "post_transform").s == b"NONE"
    assert _attribute(trees, "n_targets").i == (1 if n_classes == 2 else n_classes)
    raw = _run(_convert(est, X, np.float64, 17,
                        options={id(est): {"zipmap": False, "raw_scores": True}}), X)
    decision = est.decision_function(X)
    if n_classes == 2:
        decision = np.stack([-decision, decision], axis=1)
    np.testing.assert_allclose(raw["output_probability"], decision, rtol=1e-5, atol=1e-6)


def test_gradient_boosting_exponential_loss():
    est, X = _fit(lambda: ensemble.GradientBoostingClassifier(
        loss="exponential", n_estimators=5, random_state=0), "cancer")
    got = _run(_convert(est, X, np.float64, 17, options={id(est): {"zipmap": False}}), X)
    np.testing.assert_array_equal(got["output_label"], est.predict(X))
    np.testing.assert_allclose(got["output_probability"], est.predict_proba(X), rtol=1e-5)


def test_gradient_boosting_with_an_init_estimator_is_refused():
    X, y = _data("diabetes")
    est = ensemble.GradientBoostingRegressor(init=linear_model.LinearRegression(),
                                             n_estimators=3).fit(X, y)
    with pytest.raises(NotImplementedError,
                       match="^GradientBoostingRegressor with init=LinearRegression: only the "
                             "default init or 'zero' converts$"):
        _convert(est, X, np.float64, 17)


# ---- Scalers and composites --------------------------------------------------------------


@pytest.mark.parametrize("opset", [9, 13, 21])
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float", "double"])
def test_minmax_scaler_clip(opset, dtype):
    X, _ = _data("diabetes")
    est = preprocessing.MinMaxScaler(feature_range=(-1, 2), clip=True).fit(X[:200])
    X = X.astype(dtype)
    model = _convert(est, X, dtype, opset)
    assert _node_types(model)[-1] == "Clip"
    got = _run(model, X)["variable"]
    expected = est.transform(X)
    assert expected.min() == -1 and expected.max() == 2  # rows outside the fit are clipped
    np.testing.assert_allclose(got, expected, **_tolerance(dtype))


def test_feature_union_transformer_weights():
    X, _ = _data("diabetes")
    est = pipeline.FeatureUnion(
        [("scaled", preprocessing.StandardScaler()), ("ranged", preprocessing.MinMaxScaler()),
         ("raw", "passthrough"), ("gone", "drop")],
        transformer_weights={"scaled": 2.0, "raw": -0.5}).fit(X)
    model = _convert(est, X, np.float64, 17)
    assert _node_types(model) == ["Sub", "Mul", "Sub", "Mul", "Mul", "Mul", "Concat"]
    np.testing.assert_allclose(_run(model, X)["variable"], est.transform(X), rtol=1e-12)


def test_column_transformer_weights_and_masks():
    X, _ = _data("diabetes")
    est = compose.ColumnTransformer(
        [("a", preprocessing.StandardScaler(), np.arange(10) < 3),
         ("b", "passthrough", slice(5, 7)), ("c", "drop", [9])],
        transformer_weights={"a": 3.0, "b": 0.5}).fit(X)
    got = _run(_convert(est, X, np.float64, 13), X)["variable"]
    np.testing.assert_allclose(got, est.transform(X), rtol=1e-12)


def _pandas():
    """pandas, or a skip: tools/setup.sh installs python3-pandas."""
    return pytest.importorskip("pandas", reason="python3-pandas is not installed")


def _frame_and_transformer():
    pd = _pandas()
    X, _ = _data("diabetes")
    frame = pd.DataFrame(X[:, :4], columns=["age", "sex", "bmi", "bp"])
    est = compose.ColumnTransformer(
        [("scaled", preprocessing.StandardScaler(), ["age", "bmi"]),
         ("kept", "passthrough", ["bp"])], remainder="drop").fit(frame)
    return frame, est


def test_column_transformer_by_name_with_one_input_per_column():
    frame, est = _frame_and_transformer()
    initial = [(c, DoubleTensorType([None, 1])) for c in frame.columns]
    model = onnxforge.convert_sklearn(est, initial_types=initial, target_opset=17)
    assert [i.name for i in model.graph.input] == ["age", "sex", "bmi", "bp"]
    feeds = {c: frame[[c]].to_numpy() for c in frame.columns}
    names = [o.name for o in model.graph.output]
    (got,) = Evaluator(model).run(names, feeds)
    np.testing.assert_allclose(got, est.transform(frame), rtol=1e-12)


def test_to_onnx_reads_a_dataframe_as_one_input_per_column():
    frame, est = _frame_and_transformer()
    model = to_onnx(est, frame, target_opset=17)
    assert [(i.name, from_onnx_type(i.type)) for i in model.graph.input] == [
        (c, DoubleTensorType([None, 1])) for c in ("age", "sex", "bmi", "bp")]


def test_column_transformer_by_name_with_one_input():
    frame, est = _frame_and_transformer()
    model = _convert(est, frame.to_numpy(), np.float64, 17)
    assert "Gather" in _node_types(model)
    got = _run(model, frame.to_numpy())["variable"]
    np.testing.assert_allclose(got, est.transform(frame), rtol=1e-12)


def test_column_transformer_by_name_needs_feature_names():
    X, _ = _data("diabetes")
    est = compose.ColumnTransformer([("s", preprocessing.StandardScaler(), [0, 1])]).fit(X)
    est.transformers_[0] = ("s", est.transformers_[0][1], ["age"])
    with pytest.raises(ValueError) as e:
        _convert(est, X, np.float64, 17)
    assert str(e.value) == ("ColumnTransformer selects column 'age' by name, but it was not "
                            "fitted on a DataFrame (it has no feature_names_in_)")


def test_pipeline_of_passthrough_steps_copies_its_input():
    X, _ = _data("diabetes")
    est = pipeline.Pipeline([("a", "passthrough"), ("b", None)]).fit(X)
    model = _convert(est, X, np.float64, 17, name="copy")
    assert printer.to_text(model.graph).splitlines()[1:] == [
        "{", "    variable = Identity(X)", "}"]
    np.testing.assert_array_equal(_run(model, X)["variable"], X)


# ---- Errors -----------------------------------------------------------------------------


def test_unsupported_estimator_is_named():
    est, X = _fit(lambda: svm.SVR(), "diabetes")
    with pytest.raises(RegistrationError) as e:
        _convert(est, X, np.float32, 13)
    assert str(e.value) == ("no converter is registered for sklearn.svm._classes.SVR; "
                            "register one with update_registered_converter")


def test_input_columns_must_match_the_fit():
    est, X = _fit(lambda: preprocessing.StandardScaler(), "diabetes", supervised=False)
    with pytest.raises(ValueError) as e:
        onnxforge.convert_sklearn(est, initial_types=[("X", FloatTensorType([None, 4]))])
    assert str(e.value) == ("StandardScaler was fitted on 10 features; its inputs give 4 "
                            "(X: FloatTensorType(shape=[None, 4]))")


def test_string_input_to_a_numeric_estimator():
    est, X = _fit(lambda: linear_model.Ridge(), "diabetes")
    with pytest.raises(TypeError) as e:
        onnxforge.convert_sklearn(est, initial_types=[("X", StringTensorType([None, 10]))])
    assert str(e.value) == "Ridge reads numbers; input 'X' holds strings"


def test_opset_too_low_is_refused_naming_op_and_lowest_opset():
    est, X = _fit(lambda: ensemble.IsolationForest(n_estimators=2, random_state=0),
                  "diabetes", supervised=False)
    with pytest.raises(FinalizeError) as e:
        _convert(est, X, np.float32, 8)
    message = str(e.value)
    assert message.startswith("cannot convert the model to ai.onnx opset 8, ai.onnx.ml opset 1: "
                              'node 9 ("", Where): cannot convert Where-9 to an earlier opset')
    # Only the domain that fails gets a note: ai.onnx.ml 1 works with ai.onnx 9.
    assert message.endswith("; Where has versions 9, 16; the lowest ai.onnx opset that can "
                            "express this model is 9")
    assert "lowest ai.onnx.ml" not in message


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


def test_verify_compares_nocl_labels_with_class_positions():
    X, y = _data("iris")
    est = linear_model.LogisticRegression(max_iter=2000).fit(X, y + 10)  # labels 10, 11, 12
    options = {type(est): {"nocl": True, "zipmap": False}}
    model = _convert(est, X, np.float64, 17, options=options)
    assert onnxforge.verify(model, est, X, options=options).mismatched_labels == 0
    # Without the options, verify expects the labels themselves: every row differs.
    assert onnxforge.verify(model, est, X).mismatched_labels == len(X)
