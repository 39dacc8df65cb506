"""Load + check + infer shapes: onnxforge against ONNX (Debian's python3-onnx).

Generates two models in a temporary folder: a 20,000-node chain of
elementwise ops and a 420 MB model of 100 MatMul layers with 1024x1024
float weights. Times each phase in both (best of N runs, in this one run),
prints the times and the ratio ONNX / onnxforge.

    bazel run -c opt //tests/bench:ir_bench
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

REPEATS = 3


def chain_model(path, n=20000):
    ops = ["Relu", "Neg", "Abs", "Sigmoid"]
    nodes = []
    prev = "x"
    for i in range(n):
        out = "t%d" % i if i < n - 1 else "y"
        nodes.append(helper.make_node(ops[i % len(ops)], [prev], [out], name="n%d" % i))
        prev = out
    graph = helper.make_graph(
        nodes, "chain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 64])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 64])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)


def matmul_model(path, layers=100, width=1024):
    rng = np.random.default_rng(0)
    nodes, inits = [], []
    prev = "x"
    for i in range(layers):
        w = "w%d" % i
        inits.append(numpy_helper.from_array(
            rng.standard_normal((width, width), dtype=np.float32), w))
        out = "h%d" % i if i < layers - 1 else "y"
        nodes.append(helper.make_node("MatMul", [prev, w], [out], name="mm%d" % i))
        prev = out
    graph = helper.make_graph(
        nodes, "matmuls",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", width])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", width])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, path)


def time_onnx(path):
    best = {"load": 1e30, "check": 1e30, "infer": 1e30}
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        model = onnx.load(path)
        t1 = time.perf_counter()
        onnx.checker.check_model(model)
        t2 = time.perf_counter()
        onnx.shape_inference.infer_shapes(model, strict_mode=True)
        t3 = time.perf_counter()
        for key, value in (("load", t1 - t0), ("check", t2 - t1), ("infer", t3 - t2)):
            best[key] = min(best[key], value)
    return best


def time_ours(binary, path):
    out = subprocess.run([binary, "--repeats=%d" % REPEATS, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        models = [("20,000-node chain", os.path.join(folder, "chain.onnx"), chain_model),
                  ("100 x MatMul 1024x1024 (420 MB)", os.path.join(folder, "matmul.onnx"), matmul_model)]
        print("%-34s %-6s %12s %12s %8s" % ("model", "phase", "onnx (s)", "ours (s)", "ratio"))
        for title, path, build in models:
            build(path)
            theirs = time_onnx(path)
            ours = time_ours(binary, path)
            total_theirs = sum(theirs.values())
            total_ours = sum(ours[k] for k in ("load", "check", "infer"))
            for phase in ("load", "check", "infer"):
                print("%-34s %-6s %12.4f %12.4f %7.1fx" % (
                    title, phase, theirs[phase], ours[phase], theirs[phase] / max(ours[phase], 1e-9)))
            print("%-34s %-6s %12.4f %12.4f %7.1fx" % (
                title, "total", total_theirs, total_ours, total_theirs / max(total_ours, 1e-9)))


if __name__ == "__main__":
    main()
