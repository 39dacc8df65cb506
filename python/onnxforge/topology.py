"""Converting a model through the registry (onnxforge.registration).

    from onnxforge.topology import convert_model
    onnx_model = convert_model(estimator, [("X", FloatTensorType([None, 4]))],
                               target_opset=13)

A parser turns the model into operators joined by variables; each
operator's shape calculator sets the types of its outputs, and its
converter writes its nodes into a GraphBuilder at the authoring opsets;
the builder's finalize() reaches the target opset and checks the result.

    Variable   a value: onnx_name and type (onnxforge.data_types)
    Operator   one registered conversion: type (the alias), raw_operator
               (the model object), inputs, outputs, options
    Scope      hands out unique variable and operator names and keeps the
               operators in the order they were declared
"""
from onnxforge.builder import GraphBuilder
from onnxforge.registration import get_registration, get_registration_by_alias

# The opsets converters write at; finalize() moves the model to the target.
AUTHORING_OPSETS = {"": 21, "ai.onnx.ml": 5}


class Variable:
    def __init__(self, onnx_name, type=None):  # noqa: A002 (the sklearn-style name)
        self.onnx_name = onnx_name
        self.type = type

    @property
    def full_name(self):
        return self.onnx_name

    def __repr__(self):
        return "Variable(%r, %r)" % (self.onnx_name, self.type)


class Operator:
    def __init__(self, onnx_name, alias, raw_operator, options):
        self.onnx_name = onnx_name
        self.type = alias
        self.raw_operator = raw_operator
        self.options = options
        self.inputs = []
        self.outputs = []

    def get_option(self, name, default=None):
        return self.options.get(name, default)

    def __repr__(self):
        return "Operator(%r, %s)" % (self.onnx_name, self.type)


class Scope:
    """Names and operators of one conversion. `options` maps a class or an
    id(model) to that model's converter options."""

    def __init__(self, builder, options=None):
        self.builder = builder
        self.options = dict(options or {})
        self.operators = []
        self._operator_names = set()

    def get_unique_variable_name(self, hint):
        return self.builder.unique_name(hint)

    def get_unique_operator_name(self, hint):
        name, i = hint, 0
        while name in self._operator_names:
            i += 1
            name = "%s_%d" % (hint, i)
        self._operator_names.add(name)
        return name

    def declare_local_variable(self, hint, type=None):  # noqa: A002
        return Variable(self.get_unique_variable_name(hint), type)

    def declare_local_operator(self, alias, raw_model=None):
        registration = get_registration_by_alias(alias)
        given = {}
        if raw_model is not None:
            given.update(self.options.get(type(raw_model), {}))
            given.update(self.options.get(id(raw_model), {}))
        operator = Operator(self.get_unique_operator_name(alias), alias, raw_model,
                            registration.check_options(given))
        self.operators.append(operator)
        return operator


def default_parser(scope, model, inputs, custom_parsers=None):
    """One operator for the model, reading every input, writing one output."""
    operator = scope.declare_local_operator(get_registration(model).alias, model)
    operator.inputs = list(inputs)
    operator.outputs.append(scope.declare_local_variable("variable"))
    return operator.outputs


def parse_model(scope, model, inputs, custom_parsers=None):
    """Declares the operators of `model` reading `inputs` (Variables) and
    returns its output Variables: through the custom parser given for its
    class, else its registered parser, else default_parser. Parsers of
    composite models call it for their parts."""
    custom_parsers = custom_parsers or {}
    parser = custom_parsers.get(type(model))
    if parser is None:
        parser = get_registration(model).parser or default_parser
    return parser(scope, model, inputs, custom_parsers=custom_parsers)


def convert_model(model, initial_types, target_opset=None, options=None, custom_parsers=None,
                  authoring_opsets=None, name=None):
    """The ONNX model of `model`, through the converters registered for it.

    `initial_types`: [(input name, data type)]. `target_opset`: an int for
    ai.onnx or {domain: opset}; None keeps the authoring opsets.
    `options`: {class or id(model): {option: value}}."""
    builder = GraphBuilder(authoring_opsets or AUTHORING_OPSETS,
                           graph_name=name or get_registration(model).alias)
    scope = Scope(builder, options)
    inputs = [Variable(builder.add_input(n, t), t) for n, t in initial_types]
    outputs = parse_model(scope, model, inputs, custom_parsers)
    for operator in scope.operators:
        registration = get_registration_by_alias(operator.type)
        registration.shape_calculator(operator)
        registration.converter(scope, operator, builder)
    for variable in outputs:
        builder.add_output(variable.onnx_name, variable.type)
    return builder.finalize(target_opset)
