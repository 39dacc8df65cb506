"""Pipeline, ColumnTransformer and FeatureUnion: parsers that wire their
parts' operators together.

A Pipeline chains its steps (its options go to the last step). A
FeatureUnion feeds the inputs to every member; a ColumnTransformer feeds
each member the columns it selects. Both end in one operator joining the
members' outputs side by side, each scaled by its transformer_weights
entry.

A ColumnTransformer selects columns by index, by mask, by slice or by name:
with several inputs named like the columns it was fitted on (a DataFrame's
column names), a named column selects its input; else names map to
positions through feature_names_in_ and the inputs are read as one matrix.
"""
import numpy as np
from sklearn import compose, pipeline

from onnxforge import ops
from onnxforge.sklearn._common import (STRING, alias_of, cast, columns, common_elem, constant,
                                       elem_type, numeric_elem, numeric_input, register,
                                       tensor_type, total_columns, write_side_by_side)
from onnxforge.topology import parse_model


def _not_an_operator(*args):
    raise RuntimeError("composite models are parsed into their parts; they have no "
                       "converter of their own")


def _active(part):
    return part is not None and not (isinstance(part, str) and part in ("drop", "passthrough"))


# ---- Pipeline ---------------------------------------------------------------------------


def parse_pipeline(scope, model, inputs, custom_parsers=None):
    steps = [step for _, step in model.steps if _active(step)]
    if steps:
        scope.inherit_options(steps[-1], scope.options_for(model))
    values = list(inputs)
    for step in steps:
        values = parse_model(scope, step, values, custom_parsers)
    return values


register([pipeline.Pipeline], _not_an_operator, _not_an_operator, parser=parse_pipeline)


# ---- Joining parts side by side ---------------------------------------------------------


def _declare_join(scope, model, parts, weights):
    operator = scope.declare_local_operator(alias_of(scope, model), model)
    operator.inputs = list(parts)
    operator.weights = list(weights)
    operator.outputs.append(scope.declare_local_variable("variable"))
    return operator.outputs


def _join_shape(operator):
    kinds = {elem_type(v) for v in operator.inputs}
    weighted = any(w is not None for w in operator.weights)
    if STRING in kinds and (len(kinds) > 1 or weighted):
        described = ", ".join("%s: %r" % (v.onnx_name, v.type) for v in operator.inputs)
        raise TypeError("%s joins strings with numbers or weights them (%s)"
                        % (operator.model_name, described))
    elem = numeric_elem(operator.inputs) if weighted else common_elem(operator.inputs)
    operator.outputs[0].type = tensor_type(elem, total_columns(operator.inputs))


def _convert_join(scope, operator, container):
    output = operator.outputs[0]
    elem = output.type.elem_type
    parts = []
    for variable, weight in zip(operator.inputs, operator.weights):
        part = cast(container, variable.onnx_name, elem_type(variable), elem)
        if weight is not None:
            part = ops.Mul(container, part, constant(container, "weight", weight, elem))
        parts.append(part)
    write_side_by_side(container, parts, output.onnx_name)


# ---- FeatureUnion -----------------------------------------------------------------------


def parse_feature_union(scope, model, inputs, custom_parsers=None):
    weights = model.transformer_weights or {}
    parts, part_weights = [], []
    for name, member in model.transformer_list:
        if member is None or (isinstance(member, str) and member == "drop"):
            continue
        if isinstance(member, str) and member == "passthrough":
            outputs = list(inputs)
        else:
            outputs = parse_model(scope, member, inputs, custom_parsers)
        parts.extend(outputs)
        part_weights.extend([weights.get(name)] * len(outputs))
    return _declare_join(scope, model, parts, part_weights)


register([pipeline.FeatureUnion], _join_shape, _convert_join, parser=parse_feature_union)


# ---- ColumnTransformer ------------------------------------------------------------------


class ColumnSelection:
    """The model of an operator picking columns of its inputs (read as one
    matrix)."""

    def __init__(self, indices):
        self.indices = [int(i) for i in indices]


def _selection_shape(operator):
    operator.outputs[0].type = tensor_type(common_elem(operator.inputs),
                                           len(operator.raw_operator.indices))


def _convert_selection(scope, operator, container):
    output = operator.outputs[0]
    x = numeric_input(container, operator, output.type.elem_type)
    indices = constant(container, "columns", np.array(operator.raw_operator.indices, np.int64))
    ops.Gather(container, x, indices, axis=1, outputs=[output.onnx_name])


register([ColumnSelection], _selection_shape, _convert_selection)


def _feature_names(model):
    names = getattr(model, "feature_names_in_", None)
    return None if names is None else [str(n) for n in names]


def _by_name(model, names, column):
    if names is None:
        raise ValueError("%s selects column '%s' by name, but it was not fitted on a DataFrame "
                         "(it has no feature_names_in_)" % (type(model).__name__, column))
    if column not in names:
        raise ValueError("%s selects column '%s', which is not among the columns it was fitted "
                         "on (%s)" % (type(model).__name__, column, ", ".join(names)))
    return names.index(column)


def _column_indices(model, selection):
    """The positions (in feature_names_in_ order) a transformer's column
    selection picks."""
    n = int(model.n_features_in_)
    names = _feature_names(model)
    if isinstance(selection, slice):
        if isinstance(selection.start, str) or isinstance(selection.stop, str):
            # Label slices include their end, as pandas' .loc does.
            start = 0 if selection.start is None else _by_name(model, names, selection.start)
            stop = n - 1 if selection.stop is None else _by_name(model, names, selection.stop)
            return list(range(start, stop + 1))[::selection.step or 1]
        return list(range(n))[selection]
    values = np.atleast_1d(np.asarray(selection))
    if values.size == 0:
        return []
    if values.dtype == bool:
        return [int(i) for i in np.flatnonzero(values)]
    if values.dtype.kind in "OUS":
        return [_by_name(model, names, str(c)) for c in values]
    return [int(i) % n for i in values]


def _select(scope, model, inputs, indices):
    """The Variables holding the columns `indices` of the model's features."""
    names = _feature_names(model)
    by_input = {v.onnx_name: v for v in inputs}
    if len(inputs) > 1 and names is not None:
        wanted = [names[i] for i in indices]
        if all(w in by_input for w in wanted):
            return [by_input[w] for w in wanted]
    if len(inputs) == 1 and columns(inputs[0]) == len(indices) == int(model.n_features_in_) \
            and indices == list(range(len(indices))):
        return list(inputs)
    operator = scope.declare_local_operator(alias_of(scope, ColumnSelection),
                                            ColumnSelection(indices))
    operator.inputs = list(inputs)
    operator.outputs.append(scope.declare_local_variable("columns"))
    return list(operator.outputs)


def parse_column_transformer(scope, model, inputs, custom_parsers=None):
    weights = model.transformer_weights or {}
    parts, part_weights = [], []
    for name, member, selection in model.transformers_:
        if isinstance(member, str) and member == "drop":
            continue
        indices = _column_indices(model, selection)
        if not indices:
            continue
        selected = _select(scope, model, inputs, indices)
        if isinstance(member, str) and member == "passthrough":
            outputs = selected
        else:
            outputs = parse_model(scope, member, selected, custom_parsers)
        parts.extend(outputs)
        part_weights.extend([weights.get(name)] * len(outputs))
    return _declare_join(scope, model, parts, part_weights)


register([compose.ColumnTransformer], _join_shape, _convert_join,
         parser=parse_column_transformer)
