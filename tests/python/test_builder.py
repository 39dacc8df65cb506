"""The Python graph builder, the generated ops module, the data types and
the converter registry."""
import numpy as np
import pytest

from onnxforge import _core, defs, onnx_pb2, ops, printer
from onnxforge.builder import (BuildError, FinalizeError, GraphBuilder, finalize_model,
                               ir_version_for_opset, make_attribute)
from onnxforge.data_types import (DictionaryType, DoubleTensorType, FloatTensorType,
                                  Int64TensorType, SequenceType, StringTensorType,
                                  from_onnx_type, guess_tensor_type)
from onnxforge.reference import Evaluator
from onnxforge import registration
from onnxforge.registration import RegistrationError, update_registered_converter
from onnxforge.topology import convert_model

_T = onnx_pb2.TensorProto


def node_lines(model):
    return [printer.to_text(n) for n in model.graph.node]


def imports(model):
    return {o.domain: o.version for o in model.opset_import}


def run(model, **feeds):
    return Evaluator(model).run(None, feeds)


# ---- A two-layer perceptron --------------------------------------------------------------

W1 = np.array([[1, 0, 1, -1], [0, 1, 1, 0], [-1, 0, 1, 2]], np.float32)  # (units, features)
B1 = np.array([0.5, -1, 0], np.float32)
W2 = np.array([[1, -1], [0.5, 0], [0, 0.25]], np.float32)
B2 = np.array([0, 1], np.float32)
X = np.array([[1, 2, 3, 4], [-1, 0, 1, -2]], np.float32)


def perceptron():
    b = GraphBuilder({"": 21, "ai.onnx.ml": 5})
    x = b.add_input("X", FloatTensorType([None, 4]))
    hidden = ops.Relu(b, ops.Gemm(b, x, b.add_initializer("W1", W1), b.add_initializer("B1", B1),
                                  transB=1))
    y = ops.Gemm(b, hidden, b.add_initializer("W2", W2), b.add_initializer("B2", B2),
                 outputs=["Y"])
    b.add_output(y, FloatTensorType([None, 2]))
    return b.build()


def test_perceptron_nodes_and_imports():
    model = perceptron()
    nodes = ["Gemm = Gemm <transB = 1> (X, W1, B1)", "Relu = Relu(Gemm)",
             "Y = Gemm(Relu, W2, B2)"]
    assert node_lines(model) == nodes
    assert imports(model) == {"": 21}
    assert model.ir_version == 10
    assert model.producer_name == "onnxforge"
    assert node_lines(finalize_model(model, 13)) == nodes
    assert node_lines(finalize_model(model, 6)) == [
        "Gemm = Gemm <transB = 1, broadcast = 1> (X, W1, B1)", "Relu = Relu(Gemm)",
        "Y = Gemm <broadcast = 1> (Relu, W2, B2)"]


@pytest.mark.parametrize("target", [None, 21, 13, 9, 7, 6])
def test_perceptron_values(target):
    model = finalize_model(perceptron(), target)
    expected = np.maximum(X @ W1.T + B1, 0) @ W2 + B2
    (y,) = run(model, X=X)
    np.testing.assert_array_equal(y, expected)
    assert y.tolist() == [[2.5, 3.0], [2.5, -1.5]]


# ---- ReduceSum: axes an input from opset 13, an attribute before ------------------------

M = np.array([[1, 2, 3], [4, 5, 6]], np.float32)


def test_reduce_sum_written_at_18_reaches_11():
    b = GraphBuilder(18)
    x = b.add_input("X", FloatTensorType([2, 3]))
    b.add_output(ops.ReduceSum(b, x, b.add_initializer("axes", np.array([1], np.int64)),
                               keepdims=0))
    model = b.build()
    assert node_lines(model) == ["ReduceSum = ReduceSum <keepdims = 0> (X, axes)"]
    at11 = b.finalize(11)
    assert node_lines(at11) == ["ReduceSum = ReduceSum <keepdims = 0, axes = [1]> (X)"]
    assert [t.name for t in at11.graph.initializer] == []
    assert imports(at11) == {"": 11} and at11.ir_version == 6
    assert run(at11, X=M)[0].tolist() == [6, 15]


def test_reduce_sum_written_at_11_reaches_18():
    b = GraphBuilder(11)
    x = b.add_input("X", FloatTensorType([2, 3]))
    b.add_output(b.add_node("ReduceSum", [x], attributes={"axes": [1], "keepdims": 0})[0])
    assert node_lines(b.build()) == ["ReduceSum = ReduceSum <axes = [1], keepdims = 0> (X)"]
    at18 = b.finalize(18)
    assert node_lines(at18) == ["ReduceSum = ReduceSum <keepdims = 0> (X, ReduceSum_axes)"]
    assert [t.name for t in at18.graph.initializer] == ["ReduceSum_axes"]
    assert run(at18, X=M)[0].tolist() == [6, 15]


# ---- Errors ------------------------------------------------------------------------------


def hard_swish_model():
    b = GraphBuilder(21)
    x = b.add_input("X", FloatTensorType([None, 3]))
    b.add_output(ops.Relu(b, ops.HardSwish(b, x)))
    return b.build()


def test_target_too_low_names_op_versions_and_lowest_opset():
    with pytest.raises(FinalizeError) as e:
        finalize_model(hard_swish_model(), 13)
    assert str(e.value) == (
        'cannot convert the model to ai.onnx opset 13: node 0 ("", HardSwish): cannot convert '
        "HardSwish-14 to an earlier opset (ai.onnx opset 21 to 13): HardSwish first appears in "
        "ai.onnx opset 14; HardSwish has versions 14, 22; the lowest ai.onnx opset that can "
        "express this model is 14")
    assert isinstance(e.value, ValueError)
    assert imports(finalize_model(hard_swish_model(), 14)) == {"": 14}


def test_model_broken_as_written():
    b = GraphBuilder(11)
    x = b.add_input("X", FloatTensorType([2, 3]))
    b.add_output(ops.ReduceSum(b, x, b.add_initializer("axes", np.array([1], np.int64))))
    with pytest.raises(FinalizeError, match=r'^the model as written \(ai.onnx opset 11\) fails '
                                            r'the checker: node 0 \("", ReduceSum\)'):
        b.finalize(11)


def test_build_errors():
    b = GraphBuilder(13)
    x = b.add_input("X", FloatTensorType([2]))
    with pytest.raises(BuildError) as e:
        ops.HardSwish(b, x)
    assert str(e.value) == ("HardSwish does not exist at the authoring opset 13 of ai.onnx: its "
                            "first version is 14")
    with pytest.raises(BuildError) as e:
        ops.ml.Binarizer(b, x)
    assert str(e.value) == ("Binarizer: the builder has no authoring opset for domain "
                            "ai.onnx.ml; name one when creating the builder")
    with pytest.raises(BuildError) as e:
        b.add_node("Frobnicate", [x])
    assert str(e.value) == "Frobnicate is not an op of ai.onnx"
    with pytest.raises(BuildError) as e:
        b.add_input("X", FloatTensorType([2]))
    assert str(e.value) == "graph input 'X': the name is already used"
    with pytest.raises(BuildError) as e:
        ops.Relu(b, x, outputs=["X"])
    assert str(e.value) == "Relu output 'X': the name is already used"
    with pytest.raises(BuildError) as e:
        ops.TopK(b, x, x, outputs=3)
    assert str(e.value) == "TopK writes 2 outputs, not 3"
    b.add_output("nothing")
    with pytest.raises(BuildError) as e:
        b.build()
    assert str(e.value) == "graph output 'nothing' is not a value of graph 'graph'"
    assert [n.op_type for n in b.graph.node] == []


# ---- Names and parameter forms -----------------------------------------------------------


def test_names_are_unique_and_follow_the_hint():
    b = GraphBuilder({"": 21})
    x = b.add_input("X", FloatTensorType([6]))
    assert b.add_initializer("X", np.float32(2)) == "X_1"
    y = b.unique_name("Y")
    assert y == "Y" and b.unique_name("Y") == "Y_1"
    assert ops.Relu(b, x, outputs=[y]) == "Y"
    with pytest.raises(BuildError):
        ops.Relu(b, x, outputs=[y])
    assert ops.Relu(b, x) == "Relu"
    assert ops.Relu(b, x, name="relu_node") == "Relu_1"
    assert b.graph.node[-1].name == "relu_node"


def test_outputs_inputs_and_attributes():
    b = GraphBuilder(21)
    x = b.add_input("X", FloatTensorType([6]))
    k = b.add_initializer("k", np.array([2], np.int64))
    values, indices = ops.TopK(b, x, k, axis=0, largest=0)
    assert (values, indices) == ("TopK_Values", "TopK_Indices")
    parts = ops.Split(b, x, outputs=3, num_outputs=3)
    assert parts == ["Split_outputs", "Split_outputs_1", "Split_outputs_2"]
    assert ops.Dropout(b, x) == ["Dropout"]
    assert ops.Dropout(b, x, outputs=2) == ["Dropout_output", "Dropout_mask"]
    joined = ops.Concat(b, [values, parts[0], parts[2]], axis=0)
    shape = ops.Constant(b, value_ints=[3, 2])
    hi = b.add_initializer("hi", np.float32(5))
    b.add_output(ops.Clip(b, ops.Reshape(b, joined, shape), None, hi))
    assert node_lines(b.build()) == [
        "TopK_Values, TopK_Indices = TopK <axis = 0, largest = 0> (X, k)",
        "Split_outputs, Split_outputs_1, Split_outputs_2 = Split <num_outputs = 3> (X)",
        "Dropout = Dropout(X)",
        "Dropout_output, Dropout_mask = Dropout(X)",
        "Concat = Concat <axis = 0> (TopK_Values, Split_outputs, Split_outputs_2)",
        "Constant = Constant <value_ints = [3, 2]> ()",
        "Reshape = Reshape(Concat, Constant)",
        "Clip = Clip(Reshape, , hi)",
    ]
    (y,) = run(b.finalize(18), X=np.array([5, 1, 4, 2, 6, 3], np.float32))
    assert y.tolist() == [[1, 2], [5, 1], [5, 3]]


def test_ml_ops_and_subgraphs():
    b = GraphBuilder({"": 21, "ai.onnx.ml": 5})
    cond = b.add_input("cond", onnx_pb2.TypeProto(tensor_type={"elem_type": _T.BOOL}))
    x = b.add_input("X", FloatTensorType([2]))
    then_branch = b.subgraph("then")
    then_branch.add_output(ops.Relu(then_branch, x), FloatTensorType([2]))
    else_branch = b.subgraph("else")
    else_branch.add_output(ops.ml.Binarizer(else_branch, x, threshold=0.5), FloatTensorType([2]))
    (y,) = ops.If(b, cond, then_branch=then_branch.build_graph(),
                  else_branch=else_branch.build_graph())
    assert y == "If" and b.unique_name("Relu") == "Relu_1"
    b.add_output(y)
    model = b.build()
    assert imports(model) == {"": 21, "ai.onnx.ml": 5}
    at13 = finalize_model(model, {"": 13, "ai.onnx.ml": 3})
    assert imports(at13) == {"": 13, "ai.onnx.ml": 3}
    x_value = np.array([-1, 0.75], np.float32)
    assert run(at13, cond=np.array(True), X=x_value)[0].tolist() == [0, 0.75]
    assert run(at13, cond=np.array(False), X=x_value)[0].tolist() == [0, 1]


def test_make_attribute_guesses_types():
    kinds = {name: make_attribute(name, value).type for name, value in [
        ("i", 3), ("b", True), ("f", 0.5), ("s", "text"), ("ints", [1, 2]),
        ("floats", [1, 2.5]), ("strings", ["a", "b"]), ("t", np.zeros(2, np.float32)),
        ("g", onnx_pb2.GraphProto()), ("tp", FloatTensorType([1]))]}
    A = onnx_pb2.AttributeProto
    assert kinds == {"i": A.INT, "b": A.INT, "f": A.FLOAT, "s": A.STRING, "ints": A.INTS,
                     "floats": A.FLOATS, "strings": A.STRINGS, "t": A.TENSOR, "g": A.GRAPH,
                     "tp": A.TYPE_PROTO}
    assert make_attribute("alpha", 2, "FLOAT").f == 2.0
    with pytest.raises(BuildError, match="attribute 'empty': cannot tell the type of"):
        make_attribute("empty", [])


def test_ops_module_matches_the_registry():
    newest = {(s.domain, s.name) for s in defs.get_all_schemas()}
    generated = {("", n) for n in dir(ops) if n[0].isupper()}
    generated |= {("ai.onnx.ml", n) for n in dir(ops.ml) if n[0].isupper()}
    assert generated == {k for k in newest if k[0] in ("", "ai.onnx.ml")}
    assert "Deprecated from ai.onnx.ml opset 5" in ops.ml.TreeEnsembleRegressor.__doc__


def test_ir_version_for_opset():
    assert [ir_version_for_opset("", v) for v in (8, 9, 13, 18, 21)] == [3, 4, 7, 8, 10]
    assert ir_version_for_opset("ai.onnx.ml", 3) == 8
    assert ir_version_for_opset("com.example", 1) == 0


# ---- Data types --------------------------------------------------------------------------


def test_tensor_types():
    t = FloatTensorType([None, 4, "N"])
    proto = t.to_onnx_type()
    assert proto.tensor_type.elem_type == _T.FLOAT
    dims = proto.tensor_type.shape.dim
    assert [d.WhichOneof("value") for d in dims] == [None, "dim_value", "dim_param"]
    assert (dims[1].dim_value, dims[2].dim_param) == (4, "N")
    assert repr(t) == "FloatTensorType(shape=[None, 4, 'N'])"
    assert StringTensorType([None]).to_onnx_type().tensor_type.elem_type == _T.STRING
    assert not Int64TensorType().to_onnx_type().tensor_type.HasField("shape")
    assert from_onnx_type(proto) == t
    assert guess_tensor_type(np.zeros((5, 3))) == DoubleTensorType([None, 3])
    assert guess_tensor_type(np.array(["a"])) == StringTensorType([None])
    with pytest.raises(ValueError, match="a dimension is an int >= 0, a str or None, not -1"):
        FloatTensorType([-1])
    zipmap = SequenceType(DictionaryType(Int64TensorType([]), FloatTensorType([])))
    assert from_onnx_type(zipmap.to_onnx_type()) == zipmap
    assert _core.print_model  # the core is loaded alongside


# ---- The converter registry --------------------------------------------------------------


class ScaleShift:
    """A toy estimator: predicts x * scale + shift. Its converter's option
    `activation` adds a Relu or a HardSwish after."""

    def __init__(self, scale, shift):
        self.scale = np.asarray(scale, np.float32)
        self.shift = np.asarray(shift, np.float32)

    def predict(self, x):
        return x * self.scale + self.shift


def scale_shift_shape(operator):
    operator.outputs[0].type = FloatTensorType(operator.inputs[0].type.shape)


def scale_shift_convert(scope, operator, container):
    model = operator.raw_operator
    scale = container.add_initializer("scale", model.scale)
    shift = container.add_initializer("shift", model.shift)
    y = operator.outputs[0].onnx_name
    scaled = ops.Mul(container, operator.inputs[0].onnx_name, scale)
    activation = {"relu": ops.Relu, "hard_swish": ops.HardSwish}.get(
        operator.get_option("activation"))
    if activation is not None:
        activation(container, ops.Add(container, scaled, shift), outputs=[y])
    else:
        ops.Add(container, scaled, shift, outputs=[y])


@pytest.fixture
def registered_scale_shift():
    update_registered_converter(ScaleShift, "ToyScaleShift", scale_shift_shape,
                                scale_shift_convert,
                                options={"activation": [None, "relu", "hard_swish"]})
    yield
    registration.unregister_converter(ScaleShift)


def test_user_registered_converter(registered_scale_shift):
    model = ScaleShift([1, 2, 3], [0.5, -10, 0])
    onnx_model = convert_model(model, [("X", FloatTensorType([None, 3]))], target_opset=13)
    assert node_lines(onnx_model) == ["Mul = Mul(X, scale)", "variable = Add(Mul, shift)"]
    assert onnx_model.graph.name == "ToyScaleShift"
    assert imports(onnx_model) == {"": 13}
    assert from_onnx_type(onnx_model.graph.output[0].type) == FloatTensorType([None, 3])
    x = np.array([[1, 2, 3], [4, 5, 6]], np.float32)
    np.testing.assert_array_equal(run(onnx_model, X=x)[0], model.predict(x))


def test_converter_options(registered_scale_shift):
    model = ScaleShift([1, 2, 3], [0.5, -10, 0])
    onnx_model = convert_model(model, [("X", FloatTensorType([None, 3]))],
                               options={ScaleShift: {"activation": "relu"}})
    assert node_lines(onnx_model) == ["Mul = Mul(X, scale)", "Add = Add(Mul, shift)",
                                      "variable = Relu(Add)"]
    assert imports(onnx_model) == {"": 21}
    x = np.array([[1, 2, 3]], np.float32)
    np.testing.assert_array_equal(run(onnx_model, X=x)[0], np.maximum(model.predict(x), 0))
    with pytest.raises(RegistrationError) as e:
        convert_model(model, [("X", FloatTensorType([None, 3]))],
                      options={id(model): {"activation": "tanh"}})
    assert str(e.value) == ("option 'activation' of ToyScaleShift is 'tanh'; allowed: None, "
                            "'relu', 'hard_swish'")
    with pytest.raises(RegistrationError) as e:
        convert_model(model, [("X", FloatTensorType([None, 3]))], options={ScaleShift: {"z": 1}})
    assert str(e.value) == ("the converter of ToyScaleShift has no option 'z' (options: "
                            "activation)")


def test_custom_parser_and_target_too_low(registered_scale_shift):
    def parser(scope, model, inputs, custom_parsers=None):
        op = scope.declare_local_operator("ToyScaleShift", model)
        op.inputs = inputs
        op.outputs.append(scope.declare_local_variable("scaled"))
        return op.outputs

    update_registered_converter(ScaleShift, "ToyScaleShift", scale_shift_shape,
                                scale_shift_convert, parser=parser,
                                options={"activation": [None, "hard_swish"]})
    onnx_model = convert_model(ScaleShift(2, 1), [("X", FloatTensorType([None]))],
                               target_opset={"": 7})
    assert [o.name for o in onnx_model.graph.output] == ["scaled"]
    assert node_lines(onnx_model) == ["Mul = Mul(X, scale)", "scaled = Add(Mul, shift)"]
    model = ScaleShift(2, 1)
    with pytest.raises(FinalizeError) as e:
        convert_model(model, [("X", FloatTensorType([None]))], target_opset=13,
                      options={id(model): {"activation": "hard_swish"}})
    assert str(e.value).endswith("HardSwish has versions 14, 22; the lowest ai.onnx opset that "
                                 "can express this model is 14")


def test_registry_errors(registered_scale_shift):
    class Unknown:
        pass

    with pytest.raises(RegistrationError) as e:
        convert_model(Unknown(), [("X", FloatTensorType([None]))])
    assert str(e.value) == ("no converter is registered for %s.Unknown; register one with "
                            "update_registered_converter" % __name__)
    with pytest.raises(RegistrationError, match="ScaleShift is registered already"):
        update_registered_converter(ScaleShift, "Other", scale_shift_shape, scale_shift_convert,
                                    overwrite=False)
    with pytest.raises(RegistrationError, match="alias ToyScaleShift names ScaleShift already"):
        update_registered_converter(Unknown, "ToyScaleShift", scale_shift_shape,
                                    scale_shift_convert)

    class Subclass(ScaleShift):
        pass

    assert registration.get_registration(Subclass(1, 0)).alias == "ToyScaleShift"
    assert ScaleShift in registration.registered_classes()
