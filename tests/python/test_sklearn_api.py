"""convert_sklearn's arguments: user estimators through the registry and the
per-call replacements, naming, white_op/black_op, final_types,
intermediate, dtype, model_optim, verbose, name and doc_string; to_onnx."""
import warnings

import numpy as np
import pytest
from sklearn import datasets, ensemble, linear_model, pipeline, preprocessing
from sklearn.base import BaseEstimator, TransformerMixin

import onnxforge
from onnxforge import ops, printer, registration
from onnxforge.data_types import (DoubleTensorType, FloatTensorType, Int64TensorType,
                                  from_onnx_type)
from onnxforge.reference import Evaluator
from onnxforge.registration import RegistrationError, update_registered_converter
from onnxforge.sklearn import ForbiddenOpError, convert_sklearn, to_onnx
from onnxforge.topology import Topology

warnings.filterwarnings("ignore")

X_IRIS, Y_IRIS = datasets.load_iris(return_X_y=True)
X32 = X_IRIS.astype(np.float32)
INPUT = [("X", FloatTensorType([None, 4]))]


def node_lines(model):
    return [printer.to_text(n) for n in model.graph.node]


def outputs(model):
    return {o.name: from_onnx_type(o.type) for o in model.graph.output}


def run(model, X, name="X"):
    names = [o.name for o in model.graph.output]
    return dict(zip(names, Evaluator(model).run(names, {name: X})))


# ---- A user's own estimator ---------------------------------------------------------------


class ClippedScaler(BaseEstimator, TransformerMixin):
    """Scales by the largest absolute value per column; `bound` clips the
    result. Not an sklearn class: it converts through
    update_registered_converter."""

    def __init__(self, bound=None):
        self.bound = bound

    def fit(self, X, y=None):
        self.scale_ = np.abs(X).max(axis=0)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        out = X / self.scale_
        return out if self.bound is None else np.clip(out, -self.bound, self.bound)


def clipped_scaler_shape(operator):
    x = operator.inputs[0].type
    operator.outputs[0].type = type(x)([None, operator.raw_operator.n_features_in_])


def clipped_scaler_convert(scope, operator, container):
    model = operator.raw_operator
    x = operator.inputs[0]
    dtype = np.float64 if isinstance(x.type, DoubleTensorType) else np.float32
    out = operator.outputs[0].onnx_name
    scaled = ops.Div(container, x.onnx_name,
                     container.add_initializer("scale", model.scale_.astype(dtype)),
                     outputs=None if model.bound is not None else [out])
    if model.bound is not None:
        as_tensor = operator.get_option("clip_op", "Clip") == "Clip"
        low = container.add_initializer("low", np.array(-model.bound, dtype))
        high = container.add_initializer("high", np.array(model.bound, dtype))
        if as_tensor:
            ops.Clip(container, scaled, low, high, outputs=[out])
        else:
            raised = ops.Where(container, ops.Less(container, scaled, low), low, scaled)
            ops.Where(container, ops.Greater(container, raised, high), high, raised,
                      outputs=[out])


def clipped_scaler_parser(scope, model, inputs, custom_parsers=None):
    operator = scope.declare_local_operator("UserClippedScaler", model)
    operator.inputs = list(inputs)
    operator.outputs.append(scope.declare_local_variable("scaled"))
    return operator.outputs


@pytest.fixture
def registered_scaler():
    update_registered_converter(ClippedScaler, "UserClippedScaler", clipped_scaler_shape,
                                clipped_scaler_convert, parser=clipped_scaler_parser,
                                options={"clip_op": ["Clip", "Where"]})
    yield
    registration.unregister_converter(ClippedScaler)


def test_user_estimator_alone(registered_scaler):
    est = ClippedScaler(bound=0.5).fit(X_IRIS)
    model = convert_sklearn(est, initial_types=INPUT, target_opset=13)
    assert node_lines(model) == ["Div = Div(X, scale)", "scaled = Clip(Div, low, high)"]
    assert outputs(model) == {"scaled": FloatTensorType([None, 4])}
    np.testing.assert_allclose(run(model, X32)["scaled"], est.transform(X32), rtol=1e-6)


def test_user_estimator_in_a_pipeline_with_an_option(registered_scaler):
    est = pipeline.make_pipeline(ClippedScaler(bound=0.75),
                                 linear_model.LogisticRegression(max_iter=2000)).fit(X_IRIS,
                                                                                     Y_IRIS)
    scaler = est.steps[0][1]
    model = convert_sklearn(est, initial_types=INPUT, target_opset=11,
                            options={ClippedScaler: {"clip_op": "Where"},
                                     id(est): {"zipmap": False}})
    assert [n.op_type for n in model.graph.node] == [
        "Div", "Less", "Where", "Greater", "Where", "LinearClassifier", "ArgMax", "Softmax"]
    got = run(model, X32)
    np.testing.assert_array_equal(got["output_label"], est.predict(X32))
    np.testing.assert_allclose(got["output_probability"], est.predict_proba(X32), rtol=1e-4,
                               atol=1e-6)
    with pytest.raises(RegistrationError) as e:
        convert_sklearn(est, initial_types=INPUT, options={id(scaler): {"clip_op": "Relu"}})
    assert str(e.value) == ("option 'clip_op' of UserClippedScaler is 'Relu'; allowed: 'Clip', "
                            "'Where'")


def test_custom_functions_replace_the_registered_ones_for_one_call():
    est = preprocessing.StandardScaler().fit(X_IRIS)
    calls = []

    def doubled_shape(operator):
        calls.append("shape")
        operator.outputs[0].type = FloatTensorType([None, 8])

    def doubled(scope, operator, container):
        x = operator.inputs[0].onnx_name
        ops.Concat(container, [x, x], axis=1, outputs=[operator.outputs[0].onnx_name])

    def parser(scope, model, inputs, custom_parsers=None):
        calls.append("parser")
        operator = scope.declare_local_operator(scope.get_registration(model).alias, model)
        operator.inputs = list(inputs)
        operator.outputs.append(scope.declare_local_variable("twice"))
        return operator.outputs

    model = convert_sklearn(est, initial_types=INPUT, target_opset=13,
                            custom_conversion_functions={preprocessing.StandardScaler: doubled},
                            custom_shape_calculators={preprocessing.StandardScaler:
                                                      doubled_shape},
                            custom_parsers={preprocessing.StandardScaler: parser})
    assert calls == ["parser", "shape"]
    assert node_lines(model) == ["twice = Concat <axis = 1> (X, X)"]
    assert outputs(model) == {"twice": FloatTensorType([None, 8])}
    # The registry is unchanged afterwards.
    again = convert_sklearn(est, initial_types=INPUT, target_opset=13)
    assert [n.op_type for n in again.graph.node] == ["Scaler"]


def test_custom_converter_for_an_unregistered_class():
    class Negate(BaseEstimator, TransformerMixin):
        def fit(self, X, y=None):
            return self

        def transform(self, X):
            return -X

    def shape(operator):
        operator.outputs[0].type = operator.inputs[0].type

    def convert(scope, operator, container):
        ops.Neg(container, operator.inputs[0].onnx_name, outputs=[operator.outputs[0].onnx_name])

    est = pipeline.make_pipeline(Negate(), preprocessing.MaxAbsScaler()).fit(X_IRIS)
    model = convert_sklearn(est, initial_types=INPUT, target_opset=13,
                            custom_conversion_functions={Negate: convert},
                            custom_shape_calculators={Negate: shape})
    np.testing.assert_allclose(run(model, X32)["variable"], est.transform(X32), rtol=1e-6)
    with pytest.raises(RegistrationError) as e:
        convert_sklearn(est, initial_types=INPUT, custom_conversion_functions={Negate: convert})
    assert str(e.value) == ("Negate is not registered: give it both a converter and a shape "
                            "calculator (it has none in custom_shape_calculators)")


# ---- naming -----------------------------------------------------------------------------


def _scaled_regression():
    return pipeline.make_pipeline(preprocessing.StandardScaler(),
                                  linear_model.LinearRegression()).fit(X_IRIS, Y_IRIS)


def test_naming_prefix_shapes_intermediate_names_only():
    model = convert_sklearn(_scaled_regression(), initial_types=INPUT, target_opset=13,
                            naming="pipe_")
    names = [(list(n.input), list(n.output)) for n in model.graph.node]
    assert names == [(["X"], ["pipe_variable"]), (["pipe_variable"], ["variable"])]


def test_naming_callable():
    seen = []

    def naming(name, existing):
        seen.append(name)
        assert isinstance(existing, (set, frozenset))
        return "n%d_%s" % (len(seen), name)

    model = convert_sklearn(_scaled_regression(), initial_types=[("X", DoubleTensorType([None,
                                                                                        4]))],
                            target_opset=13, naming=naming)
    # The outputs of both operators are declared first; the last one's
    # becomes the graph output "variable", which naming does not touch.
    assert seen == ["variable", "variable", "offset", "Sub", "scale", "coef", "MatMul",
                    "intercept"]
    assert [i.name for i in model.graph.initializer] == [
        "n3_offset", "n5_scale", "n6_coef", "n8_intercept"]
    assert [list(n.output) for n in model.graph.node] == [
        ["n4_Sub"], ["n1_variable"], ["n7_MatMul"], ["variable"]]
    with pytest.raises(TypeError, match="^naming is a prefix"):
        convert_sklearn(_scaled_regression(), initial_types=INPUT, naming=3)


# ---- white_op / black_op ----------------------------------------------------------------


def test_white_op_and_black_op_name_the_op_and_the_estimator():
    est = _scaled_regression()
    with pytest.raises(ForbiddenOpError) as e:
        convert_sklearn(est, initial_types=INPUT, white_op={"Scaler", "MatMul", "Add"})
    assert str(e.value) == ("LinearRegression (operator SklearnLinearRegression) writes "
                            "LinearRegressor (ai.onnx.ml), which white_op does not list "
                            "(white_op: Add, MatMul, Scaler)")
    with pytest.raises(ForbiddenOpError) as e:
        convert_sklearn(est, initial_types=INPUT, black_op={"Scaler"})
    assert str(e.value) == ("StandardScaler (operator SklearnStandardScaler) writes Scaler "
                            "(ai.onnx.ml), which black_op excludes")
    fine = convert_sklearn(est, initial_types=INPUT, white_op={"Scaler", "LinearRegressor"},
                           black_op={"MatMul"})
    assert [n.op_type for n in fine.graph.node] == ["Scaler", "LinearRegressor"]


def test_white_op_applies_to_what_the_version_converter_writes():
    est = ensemble.RandomForestRegressor(n_estimators=2, max_depth=2,
                                         random_state=0).fit(X_IRIS, Y_IRIS)
    assert [n.op_type for n in convert_sklearn(est, initial_types=INPUT, target_opset=21,
                                               white_op={"TreeEnsemble"}).graph.node] == [
        "TreeEnsemble"]
    with pytest.raises(ForbiddenOpError) as e:
        convert_sklearn(est, initial_types=INPUT, target_opset=17, white_op={"TreeEnsemble"})
    assert str(e.value) == (
        "the version converter wrote TreeEnsembleRegressor (ai.onnx.ml) for "
        "RandomForestRegressor (operator SklearnRandomForestRegressor) at ai.onnx.ml opset 3, "
        "which white_op does not list (white_op: TreeEnsemble)")
    with pytest.raises(TypeError, match="^white_op is a collection of op types"):
        convert_sklearn(est, initial_types=INPUT, white_op="TreeEnsemble")


# ---- final_types, intermediate, dtype, model_optim, verbose -----------------------------


def test_final_types_rename_and_retype_outputs():
    est = linear_model.LogisticRegression(max_iter=2000).fit(X_IRIS, Y_IRIS)
    model = convert_sklearn(est, initial_types=INPUT, target_opset=15,
                            options={id(est): {"zipmap": False}},
                            final_types=[("label", Int64TensorType([None])),
                                         ("proba", DoubleTensorType([None, 3]))])
    assert outputs(model) == {"label": Int64TensorType([None]),
                              "proba": DoubleTensorType([None, 3])}
    assert [n.op_type for n in model.graph.node][-1] == "Cast"
    got = run(model, X32)
    assert got["proba"].dtype == np.float64
    np.testing.assert_allclose(got["proba"], est.predict_proba(X32), rtol=1e-4, atol=1e-6)
    # Only the first output renamed.
    model = convert_sklearn(est, initial_types=INPUT, final_types=[("y", Int64TensorType([None]))])
    assert [o.name for o in model.graph.output] == ["y", "output_probability"]


def test_final_types_errors():
    est = linear_model.LinearRegression().fit(X_IRIS, Y_IRIS)
    cases = [
        ([("a", FloatTensorType([None, 1])), ("b", FloatTensorType([None, 1]))],
         ValueError, "final_types declares 2 outputs; the model has 1 (variable)"),
        ([("X", FloatTensorType([None, 1]))], ValueError,
         "final_types names output 0 'X', which is the name of an input"),
        (["y"], TypeError, "final_types holds (name, type) pairs, e.g. ('X', "
                           "FloatTensorType([None, 4])); got 'y'"),
    ]
    for final_types, error, message in cases:
        with pytest.raises(error) as e:
            convert_sklearn(est, initial_types=INPUT, final_types=final_types)
        assert str(e.value) == message
    classifier = linear_model.LogisticRegression(max_iter=2000).fit(X_IRIS, Y_IRIS)
    with pytest.raises(ValueError) as e:
        convert_sklearn(classifier, initial_types=INPUT,
                        final_types=[("l", Int64TensorType([None])),
                                     ("p", FloatTensorType([None, 3]))])
    assert str(e.value).startswith("final_types declares output 'p' as FloatTensorType(shape="
                                   "[None, 3]); the converter writes SequenceType(")


def test_intermediate_returns_the_topology():
    est = _scaled_regression()
    model, topology = convert_sklearn(est, initial_types=INPUT, target_opset=13,
                                      intermediate=True)
    assert isinstance(topology, Topology)
    assert [(o.type, o.onnx_name) for o in topology.operators] == [
        ("SklearnStandardScaler", "SklearnStandardScaler"),
        ("SklearnLinearRegression", "SklearnLinearRegression")]
    scaler, regression = topology.operators
    assert scaler.raw_operator is est.steps[0][1]
    assert [v.onnx_name for v in regression.inputs] == [v.onnx_name for v in scaler.outputs]
    assert [v.onnx_name for v in topology.outputs] == ["variable"]
    assert topology.outputs[0].type == FloatTensorType([None, 1])
    assert [n.op_type for n in model.graph.node] == ["Scaler", "LinearRegressor"]


def test_dtype_declares_or_checks_the_input():
    est = linear_model.LinearRegression().fit(X_IRIS, Y_IRIS)
    model = convert_sklearn(est, dtype=np.float64, target_opset=13)
    assert [(i.name, from_onnx_type(i.type)) for i in model.graph.input] == [
        ("X", DoubleTensorType([None, 4]))]
    np.testing.assert_allclose(run(model, X_IRIS)["variable"].ravel(), est.predict(X_IRIS),
                               rtol=1e-12)
    with pytest.raises(ValueError) as e:
        convert_sklearn(est, initial_types=INPUT, dtype=np.float64)
    assert str(e.value) == ("dtype float64 contradicts input 'X' declared as "
                            "FloatTensorType(shape=[None, 4])")
    with pytest.raises(ValueError, match=r"^initial_types is required"):
        convert_sklearn(est)


def test_model_optim_drops_identities():
    est = pipeline.FeatureUnion([("a", "passthrough")]).fit(X_IRIS)
    kept = convert_sklearn(est, initial_types=INPUT, target_opset=13, model_optim=False)
    assert node_lines(kept) == ["variable_2 = Identity(X)", "variable = Identity(variable_2)"]
    optimized = convert_sklearn(est, initial_types=INPUT, target_opset=13)
    assert node_lines(optimized) == ["variable = Identity(X)"]


def test_verbose_prints_the_steps(capsys):
    convert_sklearn(_scaled_regression(), initial_types=INPUT, target_opset=13, verbose=2)
    assert capsys.readouterr().out.splitlines() == [
        "[convert_sklearn] parsed Pipeline into 2 operators: SklearnStandardScaler, "
        "SklearnLinearRegression",
        "[convert_sklearn] StandardScaler (operator SklearnStandardScaler) wrote Scaler",
        "[convert_sklearn] LinearRegression (operator SklearnLinearRegression) wrote "
        "LinearRegressor",
        "[convert_sklearn] finalizing from {'ai.onnx': 21, 'ai.onnx.ml': 5} to "
        "{'ai.onnx': 13, 'ai.onnx.ml': 2}",
    ]
    convert_sklearn(_scaled_regression(), initial_types=INPUT, target_opset=13)
    assert capsys.readouterr().out == ""


def test_name_doc_string_and_metadata():
    model = convert_sklearn(_scaled_regression(), name="scaled", doc_string="a pipeline",
                            initial_types=INPUT, target_opset=13)
    assert model.graph.name == "scaled"
    assert model.doc_string == "a pipeline"
    assert (model.producer_name, model.producer_version, model.domain) == (
        "onnxforge", "0.1", "ai.onnx")
    assert model.ir_version == 7
    assert convert_sklearn(_scaled_regression(), initial_types=INPUT).graph.name == "Pipeline"


def test_to_onnx_guesses_the_inputs():
    est = _scaled_regression()
    model = to_onnx(est, X_IRIS[:5], target_opset=13)
    assert [(i.name, from_onnx_type(i.type)) for i in model.graph.input] == [
        ("X", DoubleTensorType([None, 4]))]
    assert onnxforge.sklearn.to_onnx is to_onnx
    assert onnxforge.convert_sklearn is convert_sklearn
