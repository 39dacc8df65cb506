"""Run time of the version converter against ONNX's, on one large model.

Builds a 20,000-node ai.onnx opset 11 model of 5,000 blocks
    p -> Unsqueeze(axes=[0]) -> Relu -> Squeeze(axes=[0]) -> Add(x) -> next p
(Unsqueeze and Squeeze take 'axes' as an input from opset 13, so every
block needs rewriting), converts it to opset 17 with onnxforge's
ConvertVersion (convert_bench_main, which also checks that the converted
model computes what the original does) and with Debian's python3-onnx
onnx.version_converter.convert_version, in a child process stopped after
--timeout seconds, and prints both times and their ratio.

    bazel run -c opt //tests/bench:convert_bench [-- --blocks=N --timeout=S]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import onnx
from onnx import TensorProto, helper

SOURCE_OPSET = 11
TARGET_OPSET = 17
# Where onnxforge should be: under this many seconds for the whole model.
TARGET_SECONDS = 1.0


def build_model(path, blocks):
    """`blocks` blocks of 4 nodes; each adds the graph input to the ReLU of
    the previous block's output, so the values stay bounded."""
    width = 8
    nodes = []
    prev = "x"
    for i in range(blocks):
        unsqueezed, relu, squeezed = "u%d" % i, "r%d" % i, "s%d" % i
        out = "y" if i == blocks - 1 else "p%d" % i
        nodes += [
            helper.make_node("Unsqueeze", [prev], [unsqueezed], name="unsqueeze%d" % i, axes=[0]),
            helper.make_node("Relu", [unsqueezed], [relu], name="relu%d" % i),
            helper.make_node("Squeeze", [relu], [squeezed], name="squeeze%d" % i, axes=[0]),
            helper.make_node("Add", [squeezed, "x"], [out], name="add%d" % i),
        ]
        prev = out
    graph = helper.make_graph(
        nodes, "unsqueeze_chain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [width])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [width])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", SOURCE_OPSET)])
    model.ir_version = 6
    onnx.save(model, path)
    return len(nodes)


# Run in a child process so that a converter still busy at the timeout can
# be stopped. Prints the conversion's wall-clock and processor seconds, then
# the node count.
ONNX_CHILD = """
import sys, time
import onnx, onnx.version_converter
model = onnx.load(sys.argv[1])
start, cpu_start = time.perf_counter(), time.process_time()
converted = onnx.version_converter.convert_version(model, int(sys.argv[2]))
print(time.perf_counter() - start, time.process_time() - cpu_start, len(converted.graph.node))
"""


def time_onnx(path, timeout):
    """((wall seconds, processor seconds), node count) or (None, reason)."""
    try:
        done = subprocess.run([sys.executable, "-c", ONNX_CHILD, path, str(TARGET_OPSET)],
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if done.returncode != 0:
        return None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    wall, cpu, nodes = done.stdout.split()
    return (float(wall), float(cpu)), int(nodes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bench_main", help="the convert_bench_main binary")
    parser.add_argument("--blocks", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds ONNX's converter may take before it is stopped")
    parser.add_argument("--skip-onnx", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.onnx")
        nodes = build_model(path, args.blocks)
        print("model: %d nodes, ai.onnx opset %d -> %d" % (nodes, SOURCE_OPSET, TARGET_OPSET))

        done = subprocess.run([args.bench_main, "--model=" + path, "--opset=%d" % TARGET_OPSET,
                               "--runs=%d" % args.runs],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit("convert_bench_main failed:\n" + done.stdout + done.stderr)
        ours = json.loads(done.stdout.strip().splitlines()[-1])
        print("onnxforge ConvertVersion: %.3f s (%.3f s processor time; best of %d, checker "
              "included; %.3f s without it), %d -> %d nodes, outputs equal: %s" % (
                  ours["convert_s"], ours["convert_cpu_s"], args.runs,
                  ours["convert_unchecked_s"], ours["nodes_in"], ours["nodes_out"],
                  ours["outputs_equal"]))
        verdict = "meets" if ours["convert_s"] < TARGET_SECONDS else "misses"
        print("onnxforge %s the %.0f s target" % (verdict, TARGET_SECONDS))

        if args.skip_onnx:
            return
        print("ONNX %s convert_version (stopped after %.0f s)..." % (onnx.__version__, args.timeout))
        sys.stdout.flush()
        start = time.time()
        theirs, detail = time_onnx(path, args.timeout)
        if theirs is None and detail == "timeout":
            print("ONNX %s convert_version: > %.0f s (stopped)" % (onnx.__version__, args.timeout))
            print("ratio: > %.0fx" % (args.timeout / ours["convert_s"]))
        elif theirs is None:
            print("ONNX %s convert_version failed after %.1f s: %s" % (
                onnx.__version__, time.time() - start, detail))
        else:
            print("ONNX %s convert_version: %.1f s (%.1f s processor time), %d nodes" % (
                onnx.__version__, theirs[0], theirs[1], detail))
            print("ratio: %.0fx (processor time: %.0fx)" % (
                theirs[0] / ours["convert_s"], theirs[1] / ours["convert_cpu_s"]))


if __name__ == "__main__":
    main()
