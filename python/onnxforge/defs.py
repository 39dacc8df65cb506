"""Operator schemas from the registry, with the fields of ONNX's Python API."""
import enum

from onnxforge import _core, onnx_pb2

ONNX_DOMAIN = ""
ONNX_ML_DOMAIN = "ai.onnx.ml"


class SchemaError(Exception):
    pass


class FormalParameterOption(enum.IntEnum):
    Single = 0
    Optional = 1
    Variadic = 2


class DifferentiationCategory(enum.IntEnum):
    Unknown = 0
    Differentiable = 1
    NonDifferentiable = 2


class Attribute:
    def __init__(self, core):
        self.name = core.name
        self.description = core.description
        self.type = onnx_pb2.AttributeProto.AttributeType.Value(core.type_name)
        self.required = core.required
        self.default_value = onnx_pb2.AttributeProto()
        if core.default_value is not None:
            self.default_value.ParseFromString(core.default_value)
            self.default_value.name = core.name

    def __repr__(self):
        return "Attribute(%r)" % self.name


class FormalParameter:
    def __init__(self, core):
        self.name = core.name
        self.type_str = core.type_str
        self.description = core.description
        self.option = FormalParameterOption(core.option)
        self.is_homogeneous = core.is_homogeneous
        self.min_arity = core.min_arity
        self.differentiation_category = DifferentiationCategory(core.differentiability)

    def __repr__(self):
        return "FormalParameter(%r)" % self.name


class TypeConstraintParam:
    def __init__(self, core):
        self.type_param_str = core.type_param_str
        self.allowed_type_strs = list(core.allowed_type_strs)
        self.description = core.description


class OpSchema:
    """One version of one operator."""

    def __init__(self, core):
        self.name = core.name
        self.domain = core.domain
        self.since_version = core.since_version
        self.deprecated = core.deprecated
        self.doc = core.doc
        self.file = core.file
        self.line = core.line
        self.attributes = {a.name: Attribute(a) for a in core.attributes}
        self.inputs = [FormalParameter(p) for p in core.inputs]
        self.outputs = [FormalParameter(p) for p in core.outputs]
        self.type_constraints = [TypeConstraintParam(c) for c in core.type_constraints]
        self.min_input = core.min_input
        self.max_input = core.max_input
        self.min_output = core.min_output
        self.max_output = core.max_output
        self.has_type_and_shape_inference_function = core.has_inference_function
        self.has_data_propagation_function = core.has_data_propagation_function
        self.has_function = core.has_function
        self.function_opset_versions = list(core.function_opset_versions)
        self.has_context_dependent_function = core.has_context_dependent_function
        self.context_dependent_function_opset_versions = list(
            core.context_dependent_function_opset_versions)

    def __repr__(self):
        return "OpSchema(%s-%d, domain=%r)" % (self.name, self.since_version, self.domain)


def get_schema(op_type, max_inclusive_version=None, domain=ONNX_DOMAIN):
    """The version of op_type in force at max_inclusive_version (the newest
    when None). Raises SchemaError when there is none."""
    core = _core.get_schema(op_type, -1 if max_inclusive_version is None
                            else int(max_inclusive_version), domain)
    if core is None:
        raise SchemaError("no schema for %s in domain %r at opset %s"
                          % (op_type, domain or "ai.onnx", max_inclusive_version))
    return OpSchema(core)


def has_schema(op_type, max_inclusive_version=None, domain=ONNX_DOMAIN):
    try:
        get_schema(op_type, max_inclusive_version, domain)
        return True
    except SchemaError:
        return False


def get_all_schemas_with_history():
    """Every version of every registered operator."""
    return [OpSchema(c) for c in _core.all_schemas()]


def get_all_schemas():
    """The newest version of every registered operator."""
    newest = {}
    for s in get_all_schemas_with_history():
        key = (s.domain, s.name)
        if key not in newest or newest[key].since_version < s.since_version:
            newest[key] = s
    return list(newest.values())


def domain_opset_ranges():
    """{domain: (min, max)} for every domain."""
    return {d: (lo, hi) for d, lo, hi in _core.domain_opset_ranges()}
