"""Pipeline, ColumnTransformer and FeatureUnion: they wire their members'
graphs together."""
import numpy as np
from sklearn import compose, pipeline

from onnxforge.sklearn._convert import register
from onnxforge.sklearn._graph import DOUBLE, FLOAT, Var


@register(pipeline.Pipeline)
def convert_pipeline(ctx, est, inputs):
    values = inputs
    for _, step in est.steps:
        if step is None or step == "passthrough":
            continue
        values = ctx.convert(step, values)
    return values


def _concat(ctx, parts):
    """Joins [N, k] blocks along the columns, in one element type."""
    if len(parts) == 1:
        return parts[0]
    elem = DOUBLE if any(p.elem_type == DOUBLE for p in parts) else FLOAT
    parts = [ctx.graph.cast(ctx.numeric(p), elem) for p in parts]
    cols = sum(p.columns for p in parts) if all(p.columns for p in parts) else None
    return Var(ctx.graph.op("Concat", parts, axis=1), elem, cols)


def _column_indices(columns, n_features, feature_names):
    if isinstance(columns, slice):
        return list(range(n_features))[columns]
    columns = np.atleast_1d(np.asarray(columns))
    if columns.dtype == bool:
        return [int(i) for i in np.flatnonzero(columns)]
    if columns.dtype.kind in "OUS":
        if feature_names is None:
            raise NotImplementedError("ColumnTransformer selects columns by name; "
                                      "fit it on an array to select by index")
        names = list(feature_names)
        return [names.index(str(c)) for c in columns]
    return [int(i) for i in columns]


def _select(ctx, x, indices):
    if x.columns is not None and indices == list(range(x.columns)):
        return x
    picked = ctx.graph.op("Gather", [x, ctx.graph.const(np.array(indices, np.int64), "columns")],
                          axis=1)
    return Var(picked, x.elem_type, len(indices))


@register(compose.ColumnTransformer)
def convert_column_transformer(ctx, est, inputs):
    x = ctx.one_input(inputs)
    names = getattr(est, "feature_names_in_", None)
    parts = []
    for _, member, columns in est.transformers_:
        if member == "drop":
            continue
        indices = _column_indices(columns, est.n_features_in_, names)
        if not indices:
            continue
        selected = _select(ctx, x, indices)
        parts.extend([selected] if member == "passthrough" else ctx.convert(member, [selected]))
    return [_concat(ctx, parts)]


@register(pipeline.FeatureUnion)
def convert_feature_union(ctx, est, inputs):
    parts = []
    for _, member in est.transformer_list:
        if member == "drop":
            continue
        parts.extend(inputs if member == "passthrough" else ctx.convert(member, inputs))
    return [_concat(ctx, parts)]
