"""The converter registry: how each estimator class becomes ONNX.

A class is registered with an alias, a shape calculator, a converter, and
optionally a parser and the options its converter accepts:

    from onnxforge.registration import update_registered_converter

    update_registered_converter(MyScaler, "MyScaler", my_shape, my_convert,
                                options={"clip": [False, True]})

    shape_fct(operator)                   sets operator.outputs[i].type
    convert_fct(scope, operator, container)
                                          writes the nodes; `container` is
                                          the GraphBuilder (onnxforge.builder)
    parser(scope, model, inputs, custom_parsers=None)
                                          declares the operators and returns
                                          the output variables (by default:
                                          one operator, one output)

onnxforge.topology.convert_model drives them. The scikit-learn converter
registers its estimators here, and users add their own classes the same
way, in the style of scikit-learn's ONNX converters.
"""


class RegistrationError(ValueError):
    """A class registered twice without overwrite, or none registered."""


class Registration:
    """What the registry knows of one estimator class."""

    def __init__(self, model_class, alias, shape_calculator, converter, parser=None,
                 options=None):
        self.model_class = model_class
        self.alias = alias
        self.shape_calculator = shape_calculator
        self.converter = converter
        self.parser = parser
        # option name -> allowed values (None: any value).
        self.options = dict(options or {})

    def check_options(self, given):
        """`given` ({name: value}) against the options declared; returns it
        as a dict. Raises RegistrationError naming the option at fault."""
        given = dict(given or {})
        for name, value in given.items():
            if name not in self.options:
                known = ", ".join(sorted(self.options)) or "none"
                raise RegistrationError("the converter of %s has no option '%s' (options: %s)"
                                        % (self.alias, name, known))
            allowed = self.options[name]
            if allowed is not None and value not in allowed:
                raise RegistrationError("option '%s' of %s is %r; allowed: %s"
                                        % (name, self.alias, value,
                                           ", ".join(repr(a) for a in allowed)))
        return given

    def __repr__(self):
        return "Registration(%s, %r)" % (self.model_class.__name__, self.alias)


# Registrations by class and by alias.
_BY_CLASS = {}
_BY_ALIAS = {}


def update_registered_converter(model, alias, shape_fct, convert_fct, overwrite=True,
                                parser=None, options=None):
    """Registers how instances of the class `model` convert.

    `alias` names the operator in the topology (unique across classes);
    `shape_fct` and `convert_fct` are the shape calculator and converter;
    `parser` replaces the default one-operator parser; `options` maps each
    option name the converter reads to its allowed values (a list, or None
    for any value). A class registered before is replaced unless
    `overwrite` is False."""
    if not isinstance(model, type):
        raise TypeError("register a class, not an instance of %s" % type(model).__name__)
    if not callable(shape_fct) or not callable(convert_fct):
        raise TypeError("the shape calculator and the converter of %s must be callable" % alias)
    if parser is not None and not callable(parser):
        raise TypeError("the parser of %s must be callable" % alias)
    if model in _BY_CLASS and not overwrite:
        raise RegistrationError("%s is registered already (as %s); pass overwrite=True to "
                                "replace it" % (model.__name__, _BY_CLASS[model].alias))
    other = _BY_ALIAS.get(alias)
    if other is not None and other.model_class is not model:
        raise RegistrationError("alias %s names %s already" % (alias, other.model_class.__name__))
    old = _BY_CLASS.get(model)
    if old is not None:
        _BY_ALIAS.pop(old.alias, None)
    registration = Registration(model, alias, shape_fct, convert_fct, parser, options)
    _BY_CLASS[model] = registration
    _BY_ALIAS[alias] = registration
    return registration


def unregister_converter(model):
    """Forgets the class `model`; returns whether it was registered."""
    registration = _BY_CLASS.pop(model, None)
    if registration is None:
        return False
    _BY_ALIAS.pop(registration.alias, None)
    return True


def find_registration(model):
    """The registration of an estimator or class: its own class first, then
    the closest registered base class; None when there is none."""
    cls = model if isinstance(model, type) else type(model)
    for klass in cls.__mro__:
        if klass in _BY_CLASS:
            return _BY_CLASS[klass]
    return None


def require_registration(model, registration):
    """`registration`, found for `model`; raises RegistrationError naming
    the model's class when it is None."""
    if registration is None:
        cls = model if isinstance(model, type) else type(model)
        raise RegistrationError(
            "no converter is registered for %s.%s; register one with "
            "update_registered_converter" % (cls.__module__, cls.__name__))
    return registration


def get_registration(model):
    """As find_registration, but raises RegistrationError when there is none."""
    return require_registration(model, find_registration(model))


def get_registration_by_alias(alias):
    if alias not in _BY_ALIAS:
        raise RegistrationError("no converter is registered under the alias %s" % alias)
    return _BY_ALIAS[alias]


def get_shape_calculator(alias):
    return get_registration_by_alias(alias).shape_calculator


def get_converter(alias):
    return get_registration_by_alias(alias).converter


def registered_classes():
    """Every registered class, in registration order."""
    return list(_BY_CLASS)
