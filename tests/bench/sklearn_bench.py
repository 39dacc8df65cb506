"""Conversion time and converted-model latency of scikit-learn models.

For each model: the time onnxforge.convert_sklearn takes, then the median
latency of sklearn's own predict (or predict_proba), of the converted model in
the reference evaluator (onnxforge.reference.Evaluator) and in onnxruntime
(npm onnxruntime-node, driven by node/ort_bench.js) with one intra-op
thread, and the ratios to sklearn. Outputs are checked against sklearn's.

    bazel run -c opt //tests/bench:sklearn_bench [-- --runs=N]

onnxruntime comes from tests/bench/node/node_modules: tools/setup.sh
installs it, or `cd tests/bench/node && npm install --ignore-scripts`.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn import ensemble, linear_model, pipeline, preprocessing

import onnxforge
from onnxforge.data_types import FloatTensorType
from onnxforge.reference import Evaluator

FEATURES, TRAIN_ROWS, PREDICT_ROWS = 20, 5000, 10000
# Outputs agree within these (float32 inputs, as in test_sklearn.py).
RTOL = ATOL = 1e-4


def synthetic(rng, rows):
    X = rng.standard_normal((rows, FEATURES)).astype(np.float32)
    signal = X[:, 0] * 2 + np.sin(X[:, 1] * 3) + X[:, 2] * X[:, 3] - 0.5 * X[:, 4]
    return X, signal + 0.1 * rng.standard_normal(rows)


def build_cases(rng):
    """(title, fitted estimator, sklearn method, ONNX output name, X to predict)."""
    X, y = synthetic(rng, TRAIN_ROWS)
    X_test, _ = synthetic(rng, PREDICT_ROWS)
    forest = ensemble.RandomForestRegressor(n_estimators=500, max_depth=12, n_jobs=-1,
                                            random_state=0).fit(X, y)
    forest.set_params(n_jobs=1)  # timed single-threaded, as the others are
    labels = np.digitize(y, np.quantile(y, [1 / 3, 2 / 3]))
    logistic = pipeline.make_pipeline(
        preprocessing.StandardScaler(), linear_model.LogisticRegression(max_iter=2000)
    ).fit(X, labels)
    return [
        ("RandomForestRegressor 500 trees, depth 12", forest, "predict", "variable", X_test),
        ("Pipeline(StandardScaler, LogisticRegression)", logistic, "predict_proba",
         "output_probability", X_test),
    ]


def median_seconds(run, warmup, runs):
    for _ in range(warmup):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def find_node(script):
    node = shutil.which("node")
    modules = os.path.join(os.path.dirname(script), "node_modules", "onnxruntime-node")
    if node is None or not os.path.isdir(modules):
        sys.exit("sklearn_bench: onnxruntime-node is not installed; run tools/setup.sh or "
                 "`cd tests/bench/node && npm install --ignore-scripts`")
    return node


def run_ort(node, script, model, X, folder, args):
    """(median seconds, outputs by name) of onnxruntime with one thread."""
    inputs, outputs = os.path.join(folder, "in"), os.path.join(folder, "out")
    os.makedirs(inputs)
    os.makedirs(outputs)
    model_path = os.path.join(folder, "model.onnx")
    with open(model_path, "wb") as f:
        f.write(model.SerializeToString())
    np.ascontiguousarray(X, dtype="<f4").tofile(os.path.join(inputs, "X.bin"))
    with open(os.path.join(inputs, "inputs.json"), "w") as f:
        json.dump([{"name": "X", "dtype": "float32", "shape": list(X.shape),
                    "file": "X.bin"}], f)
    done = subprocess.run([node, script, model_path, inputs, outputs, str(args.warmup),
                           str(args.runs), "1"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("sklearn_bench: ort_bench.js failed (exit %d):\n%s" % (
            done.returncode, done.stderr.strip()))
    timing = json.loads(done.stdout.strip().splitlines()[-1])
    with open(os.path.join(outputs, "outputs.json")) as f:
        listed = json.load(f)
    got = {o["name"]: np.fromfile(os.path.join(outputs, o["file"]),
                                  dtype=np.dtype(o["dtype"]).newbyteorder("<")).reshape(o["shape"])
           for o in listed}
    return timing["median_ms"] / 1e3, got


def check(title, runner, got, expected):
    got = np.asarray(got, dtype=np.float64).reshape(expected.shape)
    if not np.allclose(got, expected, rtol=RTOL, atol=ATOL):
        return "%s, %s: max abs diff %.3g from sklearn" % (
            title, runner, float(np.max(np.abs(got - expected))))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", help="node/ort_bench.js")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # Through its real path the script finds node_modules beside it.
    script = os.path.realpath(args.script)
    node = find_node(script)

    rng = np.random.default_rng(20240611)
    print("training the models ...", flush=True)
    rows, problems = [], []
    with tempfile.TemporaryDirectory() as folder:
        for index, (title, est, method, output, X) in enumerate(build_cases(rng)):
            start = time.perf_counter()
            model = onnxforge.convert_sklearn(
                est, initial_types=[("X", FloatTensorType([None, FEATURES]))], target_opset=17,
                options={id(est): {"zipmap": False}} if method == "predict_proba" else None)
            convert_s = time.perf_counter() - start

            predict = getattr(est, method)
            expected = predict(X)
            sklearn_s = median_seconds(lambda: predict(X), args.warmup, args.runs)

            evaluator = Evaluator(model)
            ours = evaluator.run([output], {"X": X})[0]
            ours_s = median_seconds(lambda: evaluator.run([output], {"X": X}),
                                    args.warmup, args.runs)
            work = os.path.join(folder, "m%d" % index)
            ort_s, ort_out = run_ort(node, script, model, X, work, args)

            for runner, got in (("evaluator", ours), ("onnxruntime", ort_out[output])):
                problem = check(title, runner, got, expected)
                if problem:
                    problems.append(problem)
            rows.append((title, convert_s, sklearn_s, ours_s, ort_s))

    print("\n%d rows of %d float32 features; median of %d runs after %d warmup; all "
          "single-threaded.\nratios are latency / sklearn's (below 1: faster than sklearn).\n"
          % (PREDICT_ROWS, FEATURES, args.runs, args.warmup))
    print("%-46s %10s %11s %10s %11s %10s %10s" % (
        "model", "convert s", "sklearn ms", "ours ms", "ort(1t) ms", "ours/skl", "ort/skl"))
    for title, convert_s, sklearn_s, ours_s, ort_s in rows:
        print("%-46s %10.3f %11.2f %10.2f %11.2f %9.2fx %9.2fx" % (
            title, convert_s, sklearn_s * 1e3, ours_s * 1e3, ort_s * 1e3,
            ours_s / sklearn_s, ort_s / sklearn_s))
    if problems:
        print("\nFAILED: outputs differ from sklearn's beyond rtol %g, atol %g:" % (RTOL, ATOL),
              file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
