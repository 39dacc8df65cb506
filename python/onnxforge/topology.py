"""Converting a model through the registry (onnxforge.registration).

    from onnxforge.topology import convert_model
    onnx_model = convert_model(estimator, [("X", FloatTensorType([None, 4]))],
                               target_opset=13)

A parser turns the model into operators joined by variables; each
operator's shape calculator sets the types of its outputs, and its
converter writes its nodes into a GraphBuilder at the authoring opsets;
the builder's finalize() reaches the target opset and checks the result.

    Variable   a value: onnx_name, raw_name (the name it was asked for)
               and type (onnx.data_types)
    Operator   one registered conversion: type (the alias), raw_operator
               (the model object), inputs, outputs, options
    Scope      hands out unique variable and operator names, keeps the
               operators in the order they were declared, and resolves
               each model's registration with the replacements given for
               one conversion (custom converters, shape calculators,
               parsers)
    Topology   the parsed model: its operators, inputs and outputs; it
               runs the shape calculators and the converters

parse_topology() and convert_topology() are the two halves of
convert_model(), for callers that act in between (renaming outputs,
checking the ops each operator wrote).
"""
from onnxforge.builder import GraphBuilder
from onnxforge.registration import (Registration, RegistrationError, find_registration,
                                    get_registration_by_alias, require_registration)

# The opsets converters write at; finalize() moves the model to the target.
AUTHORING_OPSETS = {"": 21, "ai.onnx.ml": 5}


class Variable:
    def __init__(self, onnx_name, type=None, raw_name=None):  # noqa: A002 (the sklearn-style name)
        self.onnx_name = onnx_name
        self.type = type
        self.raw_name = raw_name or onnx_name

    @property
    def full_name(self):
        return self.onnx_name

    def __repr__(self):
        return "Variable(%r, %r)" % (self.onnx_name, self.type)


class Operator:
    def __init__(self, onnx_name, registration, raw_operator, options):
        self.onnx_name = onnx_name
        self.type = registration.alias
        self.registration = registration
        self.raw_operator = raw_operator
        self.options = options
        self.inputs = []
        self.outputs = []
        # The positions of the nodes its converter wrote in the graph (a range).
        self.node_range = range(0)

    def get_option(self, name, default=None):
        return self.options.get(name, default)

    @property
    def model_name(self):
        """The class name of the model it converts (or its alias)."""
        if self.raw_operator is None:
            return self.type
        return type(self.raw_operator).__name__

    def __repr__(self):
        return "Operator(%r, %s)" % (self.onnx_name, self.type)


def _lookup(table, model):
    """The entry of `table` ({class: value}) for `model`'s class or its
    closest base class, else None."""
    if not table:
        return None
    cls = model if isinstance(model, type) else type(model)
    for klass in cls.__mro__:
        if klass in table:
            return table[klass]
    return None


class Scope:
    """Names and operators of one conversion.

    `options` maps a class or an id(model) to that model's converter
    options. `custom_conversion_functions`, `custom_shape_calculators` and
    `custom_parsers` ({class: function}) replace the registered ones for
    this conversion only; a class registered nowhere converts when it gets
    a converter and a shape calculator here (its alias is its class name).
    """

    def __init__(self, builder, options=None, custom_conversion_functions=None,
                 custom_shape_calculators=None, custom_parsers=None):
        self.builder = builder
        self.options = dict(options or {})
        self.custom_conversion_functions = dict(custom_conversion_functions or {})
        self.custom_shape_calculators = dict(custom_shape_calculators or {})
        self.custom_parsers = dict(custom_parsers or {})
        self.operators = []
        self._operator_names = set()
        self._variables = {}  # declared (not input) variables by name
        self._inherited = {}  # id(model) -> options a composite passed on
        self._local = {}  # alias -> registration made for this conversion
        self._by_class = {}  # class -> registration made for this conversion

    # ---- Registrations ----

    def find_registration(self, model):
        """The registration `model` (an object or a class) converts with in
        this conversion, or None."""
        registered = find_registration(model)
        converter = _lookup(self.custom_conversion_functions, model)
        shape = _lookup(self.custom_shape_calculators, model)
        if converter is None and shape is None:
            return registered
        cls = model if isinstance(model, type) else type(model)
        if cls in self._by_class:
            return self._by_class[cls]
        if registered is None:
            if converter is None or shape is None:
                missing = "custom_shape_calculators" if shape is None else \
                    "custom_conversion_functions"
                raise RegistrationError(
                    "%s is not registered: give it both a converter and a shape calculator "
                    "(it has none in %s)" % (cls.__name__, missing))
            alias, parser, options = cls.__name__, None, None
        else:
            # A subclass replaced apart from its registered base gets its own alias.
            alias = registered.alias if registered.model_class is cls else cls.__name__
            parser, options = registered.parser, registered.options
        local = Registration(cls, alias, shape or registered.shape_calculator,
                             converter or registered.converter, parser, options)
        self._by_class[cls] = local
        self._local[alias] = local
        return local

    def get_registration(self, model):
        return require_registration(model, self.find_registration(model))

    def registration_by_alias(self, alias):
        if alias in self._local:
            return self._local[alias]
        registration = get_registration_by_alias(alias)
        # A replacement given for the registered class applies here too.
        return self.find_registration(registration.model_class)

    def parser_for(self, model):
        parser = _lookup(self.custom_parsers, model)
        if parser is None:
            parser = self.get_registration(model).parser or default_parser
        return parser

    # ---- Names ----

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
        variable = Variable(self.get_unique_variable_name(hint), type, raw_name=hint)
        self._variables[variable.onnx_name] = variable
        return variable

    def rename_variable(self, variable, name):
        """Gives a declared variable the exact name `name`. A declared
        variable holding `name` moves to a new name; a name taken otherwise
        (an input, an initializer) raises BuildError. Only before the
        converters run."""
        if variable.onnx_name == name:
            return
        other = self._variables.get(name)
        if other is not None:
            other.onnx_name = self.builder.unique_name(other.raw_name)
            self._variables[other.onnx_name] = other
        else:
            self.builder.reserve_name(name)
        if self._variables.get(variable.onnx_name) is variable:
            del self._variables[variable.onnx_name]
            self.builder.release_name(variable.onnx_name)
        variable.onnx_name = name
        self._variables[name] = variable

    # ---- Operators ----

    def inherit_options(self, model, options):
        """Options a composite model passes on to one of its parts; the
        part's own options (by class or id) take precedence."""
        self._inherited[id(model)] = dict(options)

    def options_for(self, model):
        given = dict(self._inherited.get(id(model), {}))
        given.update(self.options.get(type(model), {}))
        given.update(self.options.get(id(model), {}))
        return given

    def declare_local_operator(self, alias, raw_model=None):
        registration = self.registration_by_alias(alias)
        given = self.options_for(raw_model) if raw_model is not None else {}
        operator = Operator(self.get_unique_operator_name(alias), registration, raw_model,
                            registration.check_options(given))
        self.operators.append(operator)
        return operator


def default_parser(scope, model, inputs, custom_parsers=None):
    """One operator for the model, reading every input, writing one output."""
    operator = scope.declare_local_operator(scope.get_registration(model).alias, model)
    operator.inputs = list(inputs)
    operator.outputs.append(scope.declare_local_variable("variable"))
    return operator.outputs


def parse_model(scope, model, inputs, custom_parsers=None):
    """Declares the operators of `model` reading `inputs` (Variables) and
    returns its output Variables: through the custom parser given for its
    class, else its registered parser, else default_parser. Parsers of
    composite models call it for their parts."""
    parser = _lookup(custom_parsers, model) or scope.parser_for(model)
    return parser(scope, model, inputs, custom_parsers=custom_parsers)


class Topology:
    """A parsed model: the scope (names, operators), the input and output
    Variables, and the builder the converters write into."""

    def __init__(self, scope, inputs, outputs):
        self.scope = scope
        self.inputs = list(inputs)
        self.outputs = list(outputs)

    @property
    def builder(self):
        return self.scope.builder

    @property
    def operators(self):
        return list(self.scope.operators)

    def infer_types(self):
        """Runs each operator's shape calculator, in the order declared."""
        for operator in self.scope.operators:
            operator.registration.shape_calculator(operator)

    def convert_operators(self, after_each=None):
        """Runs each operator's converter, recording the nodes it wrote;
        `after_each(operator)` runs after each one."""
        graph = self.builder.graph
        for operator in self.scope.operators:
            start = len(graph.node)
            operator.registration.converter(self.scope, operator, self.builder)
            operator.node_range = range(start, len(graph.node))
            if after_each is not None:
                after_each(operator)

    def declare_outputs(self):
        for variable in self.outputs:
            self.builder.add_output(variable.onnx_name, variable.type)


def parse_topology(model, initial_types, options=None, custom_parsers=None,
                   custom_conversion_functions=None, custom_shape_calculators=None,
                   authoring_opsets=None, name=None, naming=None):
    """Declares the inputs and parses `model` into operators (see Scope for
    the arguments); nothing is converted yet."""
    scope = Scope(None, options, custom_conversion_functions, custom_shape_calculators,
                  custom_parsers)
    scope.builder = GraphBuilder(authoring_opsets or AUTHORING_OPSETS,
                                 graph_name=name or scope.get_registration(model).alias,
                                 naming=naming)
    inputs = [Variable(scope.builder.add_input(n, t), t) for n, t in initial_types]
    outputs = parse_model(scope, model, inputs)
    return Topology(scope, inputs, outputs)


def convert_topology(topology, target_opset=None):
    """Runs the shape calculators and converters of `topology`, declares its
    outputs, and finalizes the model to `target_opset`."""
    topology.infer_types()
    topology.convert_operators()
    topology.declare_outputs()
    return topology.builder.finalize(target_opset)


def convert_model(model, initial_types, target_opset=None, options=None, custom_parsers=None,
                  authoring_opsets=None, name=None, custom_conversion_functions=None,
                  custom_shape_calculators=None, naming=None):
    """The ONNX model of `model`, through the converters registered for it.

    `initial_types`: [(input name, data type)]. `target_opset`: an int for
    ai.onnx or {domain: opset}; None keeps the authoring opsets.
    `options`: {class or id(model): {option: value}}. The custom_*
    arguments ({class: function}) replace the registered parts for this
    conversion; `naming` shapes the names of intermediate values (a prefix
    or a callable(name, existing names))."""
    topology = parse_topology(model, initial_types, options, custom_parsers,
                              custom_conversion_functions, custom_shape_calculators,
                              authoring_opsets, name, naming)
    return convert_topology(topology, target_opset)
