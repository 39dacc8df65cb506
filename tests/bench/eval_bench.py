"""Run time of the reference evaluator against onnxruntime.

Builds the models in a temporary folder (an MLP, a tree forest in both
ai.onnx.ml encodings, a small CNN), writes the same seeded random inputs for
both, runs each model with eval_bench_main and with onnxruntime (npm
onnxruntime-node, driven by node/ort_bench.js) single-threaded and with its
default thread count, checks that the outputs agree and prints the median
latencies. The reference evaluator runs on one thread, so onnxruntime with
one intra-op thread is the fair comparison; the default is shown for scale.

    bazel run -c opt //tests/bench:eval_bench [-- --runs=N --profile]

onnxruntime comes from tests/bench/node/node_modules: tools/setup.sh
installs it, or `cd tests/bench/node && npm install --ignore-scripts`.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# Outputs agree when |ours - ort| <= ATOL * max|ort| + RTOL * |ort|.
RTOL = 1e-4
ATOL = 1e-5
# Where the evaluator should be: at most this many times onnxruntime's
# single-threaded latency.
TARGET_RATIO = 3.0


def save(graph, path, opsets, ir_version):
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets])
    model.ir_version = ir_version
    onnx.save(model, path)


# ---- Models ---------------------------------------------------------------------


def mlp_model(path, rng):
    """4 x (Gemm + Relu), 512 wide, batch 64."""
    width, batch, layers = 512, 64, 4
    nodes, inits = [], []
    prev = "x"
    for i in range(layers):
        weight = rng.standard_normal((width, width), dtype=np.float32) * np.float32(
            np.sqrt(2.0 / width))
        bias = rng.standard_normal(width, dtype=np.float32) * np.float32(0.1)
        inits += [numpy_helper.from_array(weight, "w%d" % i), numpy_helper.from_array(bias, "b%d" % i)]
        hidden = "g%d" % i
        out = "h%d" % i if i < layers - 1 else "y"
        nodes.append(helper.make_node("Gemm", [prev, "w%d" % i, "b%d" % i], [hidden],
                                      name="gemm%d" % i, transB=1))
        nodes.append(helper.make_node("Relu", [hidden], [out], name="relu%d" % i))
        prev = out
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, width])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, width])], inits)
    save(graph, path, [("", 13)], 7)
    return {"x": rng.standard_normal((batch, width), dtype=np.float32)}


TREES, DEPTH, ROWS, FEATURES = 100, 10, 10000, 20


def random_forest(rng):
    """Full binary trees of depth DEPTH, nodes in breadth-first order: node i
    has children 2i+1 and 2i+2; the last 2**DEPTH nodes are the leaves."""
    interior = 2 ** DEPTH - 1
    features = rng.integers(0, FEATURES, size=(TREES, interior))
    thresholds = rng.standard_normal((TREES, interior)).astype(np.float32)
    weights = (rng.standard_normal((TREES, interior + 1)) * 0.1).astype(np.float32)
    return features, thresholds, weights


def forest_ml3_model(path, forest):
    """TreeEnsembleRegressor (ai.onnx.ml 3): every node, leaves too, by
    (tree id, node id)."""
    features, thresholds, weights = forest
    interior = 2 ** DEPTH - 1
    total = 2 * interior + 1
    ids = np.arange(total)
    is_leaf = ids >= interior
    attrs = {
        "nodes_treeids": [], "nodes_nodeids": [], "nodes_featureids": [], "nodes_values": [],
        "nodes_modes": [], "nodes_truenodeids": [], "nodes_falsenodeids": [],
        "target_treeids": [], "target_nodeids": [], "target_ids": [], "target_weights": [],
    }
    for t in range(TREES):
        attrs["nodes_treeids"] += [t] * total
        attrs["nodes_nodeids"] += ids.tolist()
        attrs["nodes_featureids"] += features[t].tolist() + [0] * (interior + 1)
        attrs["nodes_values"] += thresholds[t].tolist() + [0.0] * (interior + 1)
        attrs["nodes_modes"] += ["BRANCH_LEQ"] * interior + ["LEAF"] * (interior + 1)
        attrs["nodes_truenodeids"] += np.where(is_leaf, 0, 2 * ids + 1).tolist()
        attrs["nodes_falsenodeids"] += np.where(is_leaf, 0, 2 * ids + 2).tolist()
        attrs["target_treeids"] += [t] * (interior + 1)
        attrs["target_nodeids"] += ids[is_leaf].tolist()
        attrs["target_ids"] += [0] * (interior + 1)
        attrs["target_weights"] += weights[t].tolist()
    node = helper.make_node("TreeEnsembleRegressor", ["x"], ["y"], domain="ai.onnx.ml",
                            name="forest", n_targets=1, aggregate_function="SUM",
                            post_transform="NONE", **attrs)
    graph = helper.make_graph(
        [node], "forest_ml3",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [ROWS, FEATURES])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [ROWS, 1])])
    save(graph, path, [("", 17), ("ai.onnx.ml", 3)], 8)


def forest_ml5_model(path, forest):
    """TreeEnsemble (ai.onnx.ml 5): interior nodes and leaves as two
    position-indexed lists; thresholds, modes and weights as tensors."""
    features, thresholds, weights = forest
    interior = 2 ** DEPTH - 1
    ids = np.arange(interior)
    last_level = ids >= interior // 2  # their children are leaves
    true_ids, false_ids, true_leafs, false_leafs, roots = [], [], [], [], []
    for t in range(TREES):
        node_base, leaf_base = t * interior, t * (interior + 1)
        roots.append(node_base)
        true_child, false_child = 2 * ids + 1, 2 * ids + 2
        true_ids += np.where(last_level, leaf_base + true_child - interior,
                             node_base + true_child).tolist()
        false_ids += np.where(last_level, leaf_base + false_child - interior,
                              node_base + false_child).tolist()
        true_leafs += last_level.astype(int).tolist()
        false_leafs += last_level.astype(int).tolist()
    count = TREES * interior
    node = helper.make_node(
        "TreeEnsemble", ["x"], ["y"], domain="ai.onnx.ml", name="forest",
        n_targets=1, aggregate_function=1, post_transform=0, tree_roots=roots,
        nodes_featureids=features.reshape(-1).tolist(),
        nodes_splits=numpy_helper.from_array(thresholds.reshape(-1), "nodes_splits"),
        nodes_modes=numpy_helper.from_array(np.zeros(count, dtype=np.uint8), "nodes_modes"),
        nodes_truenodeids=true_ids, nodes_falsenodeids=false_ids,
        nodes_trueleafs=true_leafs, nodes_falseleafs=false_leafs,
        leaf_targetids=[0] * (TREES * (interior + 1)),
        leaf_weights=numpy_helper.from_array(weights.reshape(-1), "leaf_weights"))
    graph = helper.make_graph(
        [node], "forest_ml5",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [ROWS, FEATURES])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [ROWS, 1])])
    save(graph, path, [("", 21), ("ai.onnx.ml", 5)], 10)


def cnn_model(path, rng):
    """3 x (Conv 3x3 pad 1 + Relu + MaxPool 2x2) on 1x3x64x64, 16/32/64 channels."""
    nodes, inits = [], []
    prev, channels = "x", 3
    for i, out_channels in enumerate((16, 32, 64)):
        weight = rng.standard_normal((out_channels, channels, 3, 3), dtype=np.float32) * np.float32(
            np.sqrt(2.0 / (channels * 9)))
        bias = rng.standard_normal(out_channels, dtype=np.float32) * np.float32(0.1)
        inits += [numpy_helper.from_array(weight, "w%d" % i), numpy_helper.from_array(bias, "b%d" % i)]
        out = "p%d" % i if i < 2 else "y"
        nodes += [
            helper.make_node("Conv", [prev, "w%d" % i, "b%d" % i], ["c%d" % i], name="conv%d" % i,
                             kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
            helper.make_node("Relu", ["c%d" % i], ["r%d" % i], name="relu%d" % i),
            helper.make_node("MaxPool", ["r%d" % i], [out], name="pool%d" % i,
                             kernel_shape=[2, 2], strides=[2, 2]),
        ]
        prev, channels = out, out_channels
    graph = helper.make_graph(
        nodes, "cnn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 64, 64])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 64, 8, 8])], inits)
    save(graph, path, [("", 13)], 7)
    return {"x": rng.standard_normal((1, 3, 64, 64), dtype=np.float32)}


def build_models(folder):
    """(title, model path, feeds) per benchmark model."""
    rng = np.random.default_rng(20240611)
    models = []
    path = os.path.join(folder, "mlp.onnx")
    models.append(("MLP 4x512 Gemm+Relu, batch 64", path, mlp_model(path, rng)))
    forest = random_forest(rng)
    rows = {"x": rng.standard_normal((ROWS, FEATURES), dtype=np.float32)}
    path = os.path.join(folder, "forest_ml5.onnx")
    forest_ml5_model(path, forest)
    models.append(("forest 100x depth 10, TreeEnsemble-5", path, rows))
    path = os.path.join(folder, "forest_ml3.onnx")
    forest_ml3_model(path, forest)
    models.append(("forest 100x depth 10, TreeEnsembleRegressor-3", path, rows))
    path = os.path.join(folder, "cnn.onnx")
    models.append(("CNN 3x(Conv3x3+Relu+MaxPool) 64x64", path, cnn_model(path, rng)))
    return models


# ---- Inputs and outputs ---------------------------------------------------------


def write_inputs(folder, feeds):
    """input_<k>.pb for the evaluator, raw files plus inputs.json for node."""
    os.makedirs(folder, exist_ok=True)
    listed = []
    for k, (name, array) in enumerate(feeds.items()):
        with open(os.path.join(folder, "input_%d.pb" % k), "wb") as f:
            f.write(numpy_helper.from_array(array, name).SerializeToString())
        raw = "input_%d.bin" % k
        np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tofile(
            os.path.join(folder, raw))
        listed.append({"name": name, "dtype": str(array.dtype), "shape": list(array.shape),
                       "file": raw})
    with open(os.path.join(folder, "inputs.json"), "w") as f:
        json.dump(listed, f)


def read_our_outputs(folder, count):
    outputs = []
    for k in range(count):
        proto = TensorProto()
        with open(os.path.join(folder, "output_%d.pb" % k), "rb") as f:
            proto.ParseFromString(f.read())
        outputs.append(numpy_helper.to_array(proto))
    return outputs


def read_ort_outputs(folder):
    with open(os.path.join(folder, "outputs.json")) as f:
        listed = json.load(f)
    return [np.fromfile(os.path.join(folder, o["file"]), dtype=np.dtype(o["dtype"]).newbyteorder("<"))
            .reshape(o["shape"]) for o in listed]


def compare(ours, theirs):
    """(max abs diff, max rel diff, problem or None)."""
    if len(ours) != len(theirs):
        return 0.0, 0.0, "%d outputs against onnxruntime's %d" % (len(ours), len(theirs))
    max_abs = max_rel = 0.0
    for k, (a, b) in enumerate(zip(ours, theirs)):
        if a.shape != b.shape:
            return 0.0, 0.0, "output %d has shape %s, onnxruntime's %s" % (k, a.shape, b.shape)
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        diff = np.abs(a64 - b64)
        scale = float(np.max(np.abs(b64))) if b64.size else 0.0
        max_abs = max(max_abs, float(diff.max()) if diff.size else 0.0)
        rel = diff / np.maximum(np.abs(b64), 1e-30)
        max_rel = max(max_rel, float(rel.max()) if rel.size else 0.0)
        bad = (diff > ATOL * scale + RTOL * np.abs(b64)) | (np.isnan(a64) != np.isnan(b64))
        if bad.any():
            where = np.unravel_index(int(np.argmax(bad)), bad.shape)
            return max_abs, max_rel, "output %d differs at %s: ours %r, onnxruntime %r" % (
                k, list(where), a64[where], b64[where])
    return max_abs, max_rel, None


# ---- Runners --------------------------------------------------------------------


def run_json(command):
    """Runs `command`; its stdout, whose last line is JSON. Exits with its
    stderr when it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("eval_bench: %s failed (exit %d):\n%s" % (
            " ".join(command), done.returncode, done.stderr.strip()))
    return done.stdout, json.loads(done.stdout.strip().splitlines()[-1])


def run_ours(binary, model, inputs, outputs, args):
    os.makedirs(outputs, exist_ok=True)
    command = [binary, "--model=" + model, "--inputs=" + inputs, "--outputs=" + outputs,
               "--warmup=%d" % args.warmup, "--runs=%d" % args.runs]
    if args.profile:
        command.append("--profile")
    out, result = run_json(command)
    if args.profile:
        print("\n".join(out.strip().splitlines()[:-1]))
    return result


def run_ort(node, script, model, inputs, outputs, args, threads):
    os.makedirs(outputs, exist_ok=True)
    return run_json(
        [node, script, model, inputs, outputs, str(args.warmup), str(args.runs), str(threads)])[1]


def find_node(script):
    node = shutil.which("node")
    modules = os.path.join(os.path.dirname(script), "node_modules", "onnxruntime-node")
    if node is None or not os.path.isdir(modules):
        sys.exit("eval_bench: onnxruntime-node is not installed; run tools/setup.sh or "
                 "`cd tests/bench/node && npm install --ignore-scripts`")
    return node


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", help="eval_bench_main")
    parser.add_argument("script", help="node/ort_bench.js")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true",
                        help="print the evaluator's time per op type for each model")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    # Through its real path the script finds node_modules beside it.
    script = os.path.realpath(args.script)
    node = find_node(script)

    rows, problems = [], []
    with tempfile.TemporaryDirectory() as folder:
        for index, (title, model, feeds) in enumerate(build_models(folder)):
            work = os.path.join(folder, "m%d" % index)
            inputs = os.path.join(work, "inputs")
            write_inputs(inputs, feeds)
            if args.profile:
                print("\n== %s: evaluator time per op type" % title)
            ours = run_ours(binary, model, inputs, os.path.join(work, "ours"), args)
            ort1 = run_ort(node, script, model, inputs, os.path.join(work, "ort1"), args, 1)
            ort_default = run_ort(node, script, model, inputs, os.path.join(work, "ort"), args, 0)
            count = len(onnx.load(model, load_external_data=False).graph.output)
            max_abs, max_rel, problem = compare(read_our_outputs(os.path.join(work, "ours"), count),
                                                read_ort_outputs(os.path.join(work, "ort1")))
            if problem:
                problems.append("%s: %s" % (title, problem))
            rows.append((title, ours, ort1, ort_default, max_abs, max_rel, problem))

    print("\nmedian of %d runs after %d warmup. The evaluator is single-threaded, so "
          "ort(1t), onnxruntime with one intra-op thread,\nis the fair comparison; "
          "ort(def) uses its default thread count. 'best' compares the fastest runs, "
          "which\nother load on the machine disturbs least.\n" % (args.runs, args.warmup))
    print("%-46s %9s %11s %12s %10s %10s %9s %9s" % (
        "model", "ours ms", "ort(1t) ms", "ort(def) ms", "ours/ort1", "(best)", "max abs",
        "max rel"))
    for title, ours, ort1, ort_default, max_abs, max_rel, problem in rows:
        ratio = ours["median_ms"] / ort1["median_ms"]
        flag = "" if ratio <= TARGET_RATIO else "  > %gx" % TARGET_RATIO
        if problem:
            flag += "  OUTPUTS DIFFER"
        print("%-46s %9.3f %11.3f %12.3f %9.2fx %9.2fx %9.1e %9.1e%s" % (
            title, ours["median_ms"], ort1["median_ms"], ort_default["median_ms"], ratio,
            ours["min_ms"] / ort1["min_ms"], max_abs, max_rel, flag))
    if problems:
        print("\nFAILED: outputs differ from onnxruntime's beyond rtol %g, atol %g x max|y|:"
              % (RTOL, ATOL), file=sys.stderr)
        for problem in problems:
            print("  " + problem, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
