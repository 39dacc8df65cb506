"""verify: runs a converted model and compares it with the framework's own
predictions."""
import time

import numpy as np

from onnxforge.reference import Evaluator
from onnxforge.sklearn._parsers import column_names


class OutputDiscrepancy:
    def __init__(self, name, method, max_abs, max_rel):
        self.name, self.method, self.max_abs, self.max_rel = name, method, max_abs, max_rel

    def __repr__(self):
        return "%s vs %s: max abs %.3g, max rel %.3g" % (
            self.name, self.method, self.max_abs, self.max_rel)


class VerifyResult:
    """Per-output discrepancies and the latency of both runs (seconds)."""

    def __init__(self, outputs, onnx_seconds, framework_seconds, mismatched_labels=0):
        self.outputs = outputs
        self.onnx_seconds = onnx_seconds
        self.framework_seconds = framework_seconds
        self.mismatched_labels = mismatched_labels

    @property
    def max_abs(self):
        return max((o.max_abs for o in self.outputs), default=0.0)

    @property
    def max_rel(self):
        return max((o.max_rel for o in self.outputs), default=0.0)

    def __getitem__(self, name):
        return next(o for o in self.outputs if o.name == name)

    def __repr__(self):
        lines = ["VerifyResult("] + ["  %r," % o for o in self.outputs]
        lines.append("  mismatched labels: %d," % self.mismatched_labels)
        lines.append("  latency: onnx %.3f ms, framework %.3f ms)" % (
            self.onnx_seconds * 1e3, self.framework_seconds * 1e3))
        return "\n".join(lines)


def _as_matrix(value):
    if isinstance(value, list) and value and isinstance(value[0], dict):  # ZipMap
        keys = list(value[0].keys())
        return np.array([[row[k] for k in keys] for row in value], dtype=np.float64)
    return np.asarray(value)


def _discrepancy(name, method, got, expected):
    got = _as_matrix(got).astype(np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if expected.ndim == 1 and got.ndim == 2:
        if got.shape[1] == 1:
            got = got[:, 0]
        elif got.shape[1] == 2:  # binary decision_function: one column
            got = got[:, 1]
    got = got.reshape(expected.shape)
    diff = np.abs(got - expected)
    rel = diff / np.maximum(np.abs(expected), 1e-300)
    rel[diff == 0] = 0.0
    return OutputDiscrepancy(name, method, float(diff.max(initial=0)), float(rel.max(initial=0)))


def _class_scores(framework_model, X):
    """(method, scores): predict_proba, else the decision function."""
    if hasattr(framework_model, "predict_proba"):
        try:
            return "predict_proba", framework_model.predict_proba(X)
        except AttributeError:  # e.g. SGDClassifier with a hinge loss
            pass
    return "decision_function", framework_model.decision_function(X)


def _class_columns(framework_model, output_names):
    """{output name: class position} for the per-class outputs zipmap="columns"
    writes: named after the labels, or after the positions with nocl."""
    classes = getattr(framework_model, "classes_", None)
    if classes is None or np.asarray(classes).ndim != 1:
        return {}
    present = set(output_names)
    for keys in (np.asarray(classes), np.arange(len(classes))):
        names = column_names(keys)
        if present.issuperset(names):
            return {name: k for k, name in enumerate(names)}
    return {}


def _final_step(framework_model):
    steps = getattr(framework_model, "steps", None)
    return steps[-1][1] if steps else framework_model


def _asks_nocl(framework_model, options):
    """Whether `options` (as given to convert_sklearn) set nocl for the
    model or its final step: labels are then class positions."""
    for model in (framework_model, _final_step(framework_model)):
        for key in (type(model), id(model)):
            if (options or {}).get(key, {}).get("nocl"):
                return True
    return False


def _predicted_labels(framework_model, X, nocl):
    labels = framework_model.predict(X)
    if not nocl:
        return labels
    position = {c: k for k, c in enumerate(np.asarray(framework_model.classes_).tolist())}
    return np.array([position[c] for c in labels.tolist()], dtype=np.int64)


def _framework_outputs(framework_model, X, output_names, nocl=False):
    """(method, value) for each ONNX output, in order."""
    columns = _class_columns(framework_model, output_names)
    scores = []  # _class_scores' result, computed once

    def class_scores():
        if not scores:
            scores.append(_class_scores(framework_model, X))
        return scores[0]

    results = []
    for name in output_names:
        if name in ("output_label", "label"):
            results.append(("predict", _predicted_labels(framework_model, X, nocl)))
        elif name == "output_probability":
            results.append(class_scores())
        elif name in columns:
            method, matrix = class_scores()
            if matrix.ndim == 1:  # a binary decision function scores class 1
                matrix = np.stack([-matrix, matrix], axis=1)
            k = columns[name]
            results.append(("%s[:, %d]" % (method, k), matrix[:, k]))
        elif name == "scores":
            results.append(("decision_function", framework_model.decision_function(X)))
        elif hasattr(framework_model, "transform") and not hasattr(framework_model, "predict"):
            results.append(("transform", framework_model.transform(X)))
        else:
            results.append(("predict", framework_model.predict(X)))
    return results


def verify(onnx_model, framework_model, X, input_name=None, options=None):
    """Runs `onnx_model` on X in onnxforge's reference evaluator and compares
    every output with the matching method of `framework_model`. `options`:
    those the model was converted with (nocl makes labels class positions)."""
    evaluator = Evaluator(onnx_model)
    name = input_name or onnx_model.graph.input[0].name
    output_names = [o.name for o in onnx_model.graph.output]
    start = time.perf_counter()
    got = evaluator.run(output_names, {name: X})
    onnx_seconds = time.perf_counter() - start
    start = time.perf_counter()
    expected = _framework_outputs(framework_model, X, output_names,
                                  _asks_nocl(framework_model, options))
    framework_seconds = time.perf_counter() - start
    outputs, mismatched = [], 0
    for out_name, value, (method, reference) in zip(output_names, got, expected):
        reference = np.asarray(reference)
        if reference.dtype.kind in "OUSiub" or out_name in ("output_label", "label"):
            mismatched += int(np.sum(np.asarray(value).ravel().astype(reference.dtype)
                                     != reference.ravel()))
            continue
        outputs.append(_discrepancy(out_name, method, value, reference))
    return VerifyResult(outputs, onnx_seconds, framework_seconds, mismatched)
