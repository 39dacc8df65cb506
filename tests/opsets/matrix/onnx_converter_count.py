"""Counts what ONNX's own version converter does with the cross-opset matrix.

For the tests of tests/opsets/matrix.md (every backend node test whose ops
are all in the slice) and the same ai.onnx targets:

- targets Debian's python3-onnx knows (1.12: opsets up to 17): runs
  onnx.version_converter.convert_version on each model and counts the
  conversions that return, those whose result also passes onnx.checker, and
  those whose result also gives the test's expected outputs (run with
  onnxforge's reference evaluator, compared as the conformance suite does);
- every target: counts the conversions ONNX's current converter could make
  by its adapter list (onnx/version_converter/convert.h of an ONNX checkout):
  ONNX steps one opset at a time, and at each step every node whose op
  changes there needs an adapter registered for exactly that (op, opset,
  next opset); an op first defined above the target has none. The count
  says how many cells have every adapter the walk needs, not whether the
  adapters succeed.

ONNX's converter moves the ai.onnx domain only, so the ai.onnx.ml rows have
no ONNX counterpart. onnxforge's counts are read from tests/opsets/matrix.md.
The result goes to tests/opsets/converter_comparison.md:

    bazel run //tests/opsets/matrix:onnx_converter_count -- --onnx-checkout=/path/to/onnx

(--onnx-checkout: a git checkout, or bare repository, of ONNX; its HEAD's
convert.h is read. Without it the adapter-list column is left out.)
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

import numpy as np
import onnx
import onnx.checker
import onnx.defs
import onnx.version_converter

import data_paths

try:
    from onnxforge import onnx_data_pb2, onnx_pb2
    from onnxforge import reference as onnxforge_reference
except ImportError:  # the numerical check is optional
    onnxforge_reference = None

MATRIX_MD = "tests/opsets/matrix.md"
OUTPUT_MD = "tests/opsets/converter_comparison.md"
COMMAND = "bazel run //tests/opsets/matrix:onnx_converter_count -- --onnx-checkout=PATH"
# As the conformance suite compares floating outputs.
RTOL = 1e-3
ATOL = 1e-7


# ---- The tests -------------------------------------------------------------


def read_slice(path):
    ops = set()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            domain, op = line.split()
            ops.add(("" if domain == "ai.onnx" else domain, op))
    return ops


def graph_ops(graph, out):
    for node in graph.node:
        out.add(("" if node.domain == "ai.onnx" else node.domain, node.op_type))
        for attr in node.attribute:
            if attr.HasField("g"):
                graph_ops(attr.g, out)
            for g in attr.graphs:
                graph_ops(g, out)


def model_ops(model):
    """The ops of the main graph, its subgraphs and the model-local functions'
    bodies; calls of model-local functions count through their bodies."""
    ops = set()
    graph_ops(model.graph, ops)
    for function in model.functions:
        for node in function.node:
            ops.add(("" if node.domain == "ai.onnx" else node.domain, node.op_type))
    local = {(f.domain, f.name) for f in model.functions}
    return {op for op in ops if op not in local}


def imported_opset(model, domain):
    for imp in model.opset_import:
        if (imp.domain or "") == domain or (domain == "" and imp.domain == "ai.onnx"):
            return imp.version
    return 0


def slice_tests(root, slice_ops):
    """(name, folder, model) of each test whose ops are all in the slice."""
    tests = []
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        path = os.path.join(folder, "model.onnx")
        if not os.path.isfile(path):
            continue
        try:
            model = onnx.load(path)
        except Exception:  # pylint: disable=broad-except
            continue
        if model_ops(model) <= slice_ops:
            tests.append((name, folder, model))
    return tests


# ---- ONNX's adapter list ---------------------------------------------------

# registerAdapter("Concat", 3, 4, ...)
_PLAIN = re.compile(r'registerAdapter\(\s*"(\w+)"\s*,\s*(\d+)\s*,\s*(\d+)')
# registerAdapter(std::make_unique<Kind>(args))
_MADE = re.compile(r"registerAdapter\(\s*std::make_unique<(\w+)>\(([^;]*?)\)\s*\)\s*;", re.S)
_CLASS_VERSIONS = re.compile(r"^(\w+?)_(\d+)_(\d+)$")
_OPSET_ID = re.compile(r"OpSetID\(\s*(\d+)\s*\)")
_FIRST_STRING = re.compile(r'^\s*"(\w+)"')


def parse_adapters(text):
    """The (op, from, to) triples convert.h registers. An adapter class named
    Op_from_to gives the op and versions its arguments do not."""
    adapters = set()
    for m in _PLAIN.finditer(text):
        adapters.add((m.group(1), int(m.group(2)), int(m.group(3))))
    for m in _MADE.finditer(text):
        kind, args = m.group(1), m.group(2)
        op, versions = None, None
        named = _CLASS_VERSIONS.match(kind)
        if named:
            op, versions = named.group(1), (int(named.group(2)), int(named.group(3)))
        string = _FIRST_STRING.match(args)
        if string:
            op = string.group(1)
        ids = _OPSET_ID.findall(args)
        if len(ids) >= 2:
            versions = (int(ids[0]), int(ids[1]))
        if op is not None and versions is not None:
            adapters.add((op, versions[0], versions[1]))
    return adapters


def read_convert_h(checkout):
    git_dir = checkout
    if os.path.isdir(os.path.join(checkout, ".git")):
        git_dir = os.path.join(checkout, ".git")
    text = subprocess.run(
        ["git", "--git-dir", git_dir, "show", "HEAD:onnx/version_converter/convert.h"],
        check=True, capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "--git-dir", git_dir, "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    return text, commit


def schema_versions(spec_json):
    """ai.onnx op -> its since_versions, from the shared schema facts."""
    with open(spec_json) as f:
        spec = json.load(f)
    versions = {}
    for schema in spec["schemas"]:
        if schema["domain"] == "":
            versions.setdefault(schema["name"], set()).add(schema["since_version"])
    return versions


def adapters_cover(ops, source, target, versions, adapters):
    """Whether ONNX's opset-by-opset walk finds an adapter at every step."""
    step = 1 if target > source else -1
    opset = source
    while opset != target:
        for op in ops:
            known = versions.get(op, set())
            # Going up, an op changes at opset + 1 when a version starts
            # there; going down, when its version in force starts at opset.
            changed = (opset + 1 in known) if step == 1 else (opset in known)
            if changed and (op, opset, opset + step) not in adapters:
                return False
        opset += step
    return True


# ---- Running ONNX 1.12's converter -----------------------------------------


class _Raw:
    """Bytes the evaluator takes as an already serialized value."""

    def __init__(self, data):
        self._data = data

    def SerializeToString(self):  # pylint: disable=invalid-name
        return self._data


def _decode_expected(data, value_type):
    kind = value_type.WhichOneof("value")
    if kind == "sequence_type":
        message = onnx_data_pb2.SequenceProto()
        message.ParseFromString(data)
        return [onnxforge_reference.array_from_tensor(t) for t in message.tensor_values]
    if kind == "optional_type":
        message = onnx_data_pb2.OptionalProto()
        message.ParseFromString(data)
        if message.HasField("tensor_value"):
            return onnxforge_reference.array_from_tensor(message.tensor_value)
        if message.HasField("sequence_value"):
            return [onnxforge_reference.array_from_tensor(t)
                    for t in message.sequence_value.tensor_values]
        return None
    tensor = onnx_pb2.TensorProto()
    tensor.ParseFromString(data)
    return onnxforge_reference.array_from_tensor(tensor)


def _same(expected, got):
    if isinstance(expected, list):
        return (isinstance(got, list) and len(got) == len(expected) and
                all(_same(e, g) for e, g in zip(expected, got)))
    if expected is None or got is None:
        return expected is None and got is None
    expected, got = np.asarray(expected), np.asarray(got)
    if expected.shape != got.shape:
        return False
    if expected.dtype.kind in "fc":
        return bool(np.allclose(got, expected, rtol=RTOL, atol=ATOL, equal_nan=True))
    return bool(np.array_equal(got, expected))


def outputs_match(model, folder):
    """Whether `model` gives every data set's expected outputs."""
    graph = model.graph
    evaluator = onnxforge_reference.Evaluator(model)
    sets = sorted(d for d in os.listdir(folder) if d.startswith("test_data_set_"))
    for name in sets:
        data_dir = os.path.join(folder, name)
        feeds, expected = {}, []
        k = 0
        while os.path.exists(os.path.join(data_dir, "input_%d.pb" % k)):
            with open(os.path.join(data_dir, "input_%d.pb" % k), "rb") as f:
                feeds[graph.input[k].name] = _Raw(f.read())
            k += 1
        k = 0
        while os.path.exists(os.path.join(data_dir, "output_%d.pb" % k)):
            with open(os.path.join(data_dir, "output_%d.pb" % k), "rb") as f:
                expected.append(_decode_expected(f.read(), graph.output[k].type))
            k += 1
        got = evaluator.run([o.name for o in graph.output[:len(expected)]], feeds)
        if not all(_same(e, g) for e, g in zip(expected, got)):
            return False
    return True


def run_onnx_converter(model, folder, target, evaluate):
    """(converted, checked, outputs match) for one cell."""
    try:
        converted = onnx.version_converter.convert_version(model, target)
    except Exception:  # pylint: disable=broad-except
        return False, False, False
    try:
        onnx.checker.check_model(converted)
    except Exception:  # pylint: disable=broad-except
        return True, False, False
    if not evaluate:
        return True, True, False
    try:
        return True, True, outputs_match(converted, folder)
    except Exception:  # pylint: disable=broad-except
        return True, True, False


def run_test_isolated(model, folder, targets, evaluate):
    """{target: (converted, checked, outputs match)}, and the targets at which
    ONNX's converter crashed the process. Each test runs in a forked child
    that reports cell by cell; after a crash the next child resumes past the
    crashing cell."""
    results, crashed = {}, []
    remaining = list(targets)
    while remaining:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            with os.fdopen(write_end, "w") as out:
                for target in remaining:
                    cell = run_onnx_converter(model, folder, target, evaluate)
                    out.write("%d %d %d %d\n" % ((target,) + tuple(int(x) for x in cell)))
                    out.flush()
            os._exit(0)  # pylint: disable=protected-access
        os.close(write_end)
        with os.fdopen(read_end) as inp:
            lines = inp.read().splitlines()
        os.waitpid(pid, 0)
        for line in lines:
            target, converted, checked, matched = (int(x) for x in line.split())
            results[target] = (bool(converted), bool(checked), bool(matched))
        remaining = [t for t in remaining if t not in results]
        if remaining:
            crashed.append(remaining[0])
            results[remaining.pop(0)] = (False, False, False)
    return results, crashed


# ---- Our counts and the report ----------------------------------------------


def our_counts(matrix_md):
    """target ai.onnx opset -> (cells, passed, refused, failed), from the
    summary table of matrix.md."""
    counts = {}
    in_table = False
    with open(matrix_md, encoding="utf-8") as f:
        for line in f:
            if line.startswith("| target ai.onnx opset"):
                in_table = True
                continue
            if in_table:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if not line.startswith("|"):
                    break
                if cells[0].isdigit():
                    counts[int(cells[0])] = tuple(int(c) for c in cells[1:5])
    return counts


def our_cells(matrix_md):
    """test -> its row of marks ("✓", "R", "✗") for ai.onnx 1, 2, ..., from
    the per-test table of matrix.md."""
    rows = {}
    in_table = False
    with open(matrix_md, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                in_table = line.startswith("## ai.onnx:")
                continue
            if in_table and line.startswith("| test_"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                rows[cells[0]] = cells[2:]
    return rows


def table_lines(rows, totals, evaluated):
    header = ["target opset", "cells", "onnxforge passed", "onnxforge refused",
              "onnxforge failed", "ONNX 1.12 returns", "ONNX 1.12 checked"]
    if evaluated:
        header.append("ONNX 1.12 outputs")
    header.append("ONNX main adapter list")
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    for row in rows + [totals]:
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    return lines


def write_report(path, table, last_112, onnx_commit, evaluated, tests, elapsed, crashes):
    lines = [
        "# Version converter: onnxforge and ONNX",
        "",
        "Generated by `%s` (run by hand; it takes about %d s)." % (COMMAND, round(elapsed, -1)),
        "",
        "The cells of `matrix.md` (%d backend node tests with ai.onnx nodes, each converted to "
        "every ai.onnx opset), counted for three converters:" % tests,
        "",
        "- **onnxforge**: `version_converter::ConvertVersion`, from `matrix.md`: a pass is a "
        "converted model that passes the checker and strict shape inference and gives the "
        "expected outputs.",
        "- **ONNX 1.12** (Debian's python3-onnx, opsets up to %d): "
        "`onnx.version_converter.convert_version` run on each model: *returns* counts the "
        "conversions that raise no error, *checked* those whose result also passes "
        "`onnx.checker.check_model`%s." % (
            last_112, ", *outputs* those whose result also gives the expected outputs "
            "(run with onnxforge's reference evaluator, compared as `matrix.md` compares)"
            if evaluated else ""),
        "- **ONNX main, adapter list**: the cells ONNX's current converter has an adapter for "
        "at every step of its opset-by-opset walk (`onnx/version_converter/convert.h` at ONNX "
        "commit `%s`): at each step, every node whose op gets a new version there needs an "
        "adapter registered for that op and pair of opsets. This bounds what it could convert; "
        "it does not run the adapters." % (onnx_commit or "(not read)"),
        "",
        "ONNX's converter moves ai.onnx only; the ai.onnx.ml rows of `matrix.md` have no "
        "counterpart here.",
        "",
    ] + table + [
        "",
        "The ONNX 1.12 columns cover targets 1 to %d only; their totals count those targets." %
        last_112,
        "",
        "ONNX 1.12's converter crashed (the process died) on %d models%s" % (
            len(crashes), ":" if crashes else "."),
        "",
    ] + ["- " + crash for crash in crashes] + [""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


class OnnxCounts:
    """What ONNX's converter does with the cells, per target opset."""

    def __init__(self, last_opset):
        self.returns = [0] * (last_opset + 1)
        self.checked = [0] * (last_opset + 1)
        self.matched = [0] * (last_opset + 1)
        self.covered = [0] * (last_opset + 1)
        self.crashes = []
        # The cells ONNX 1.12 can read (models at most at its last opset, to
        # targets up to it): [onnxforge ✓, R, ✗, ONNX 1.12 returns, checked,
        # outputs].
        self.readable = [0] * 6
        self.readable_tests = 0
        self.readable_crashes = 0


def count_onnx(tests, last_opset, last_112, versions, adapters, evaluate, marks, start):
    counts = OnnxCounts(last_opset)
    for i, (name, folder, model) in enumerate(tests):
        own = imported_opset(model, "")
        ops = {op for domain, op in model_ops(model) if domain == ""}
        for target in range(1, last_opset + 1):
            if adapters is not None and adapters_cover(ops, own, target, versions, adapters):
                counts.covered[target] += 1
        cells, crashed = run_test_isolated(model, folder, range(1, last_112 + 1), evaluate)
        if crashed:
            counts.crashes.append("%s, to opsets %s" % (name, ", ".join(str(t) for t in crashed)))
        for target, (r, c, m) in cells.items():
            counts.returns[target] += r
            counts.checked[target] += c
            counts.matched[target] += m
        if own <= last_112:
            counts.readable_tests += 1
            counts.readable_crashes += len(crashed)
            for target, (r, c, m) in cells.items():
                mark = marks.get(name, [])[target - 1:target]
                for k, symbol in enumerate(("✓", "R", "✗")):
                    counts.readable[k] += mark == [symbol]
                counts.readable[3] += r
                counts.readable[4] += c
                counts.readable[5] += m
        if (i + 1) % 100 == 0:
            print("%d/%d tests, %.0f s" % (i + 1, len(tests), time.time() - start),
                  file=sys.stderr)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onnx-checkout", default=os.environ.get("ONNX_CHECKOUT"),
                        help="an ONNX git checkout or bare repository")
    parser.add_argument("--no-evaluate", action="store_true",
                        help="skip running the models ONNX 1.12 converted")
    parser.add_argument("--output", help="where to write the report (default: %s)" % OUTPUT_MD)
    args = parser.parse_args()

    workspace = os.environ.get("BUILD_WORKSPACE_DIRECTORY", os.getcwd())
    output = args.output or os.path.join(workspace, OUTPUT_MD)
    ours = our_counts(os.path.join(workspace, MATRIX_MD))
    if not ours:
        sys.exit("no ai.onnx summary table in %s; run //tests/opsets/matrix:matrix_report"
                 % os.path.join(workspace, MATRIX_MD))

    adapters, onnx_commit = None, None
    if args.onnx_checkout:
        text, onnx_commit = read_convert_h(args.onnx_checkout)
        adapters = parse_adapters(text)
        print("%d adapters in ONNX's convert.h at %s" % (len(adapters), onnx_commit),
              file=sys.stderr)
    versions = schema_versions(data_paths.SPEC_JSON)
    last_opset = max(ours)
    last_112 = onnx.defs.onnx_opset_version()
    evaluate = onnxforge_reference is not None and not args.no_evaluate

    start = time.time()
    tests = [t for t in slice_tests(data_paths.BACKEND_NODE_DIR, read_slice(data_paths.SLICE_TXT))
             if imported_opset(t[2], "")]
    counts = count_onnx(tests, last_opset, last_112, versions, adapters, evaluate,
                        our_cells(os.path.join(workspace, MATRIX_MD)), start)
    elapsed = time.time() - start
    returns, checked, matched, covered = (counts.returns, counts.checked, counts.matched,
                                          counts.covered)
    readable, readable_tests, crashes = counts.readable, counts.readable_tests, counts.crashes
    onnx_passed = readable[5] if evaluate else readable[4]

    rows = []
    width = 8 if evaluate else 7
    totals = ["all"] + [0] * width
    for target in range(1, last_opset + 1):
        cells, passed, refused, failed = ours.get(target, (0, 0, 0, 0))
        ran = target <= last_112
        row = [target, cells, passed, refused, failed,
               returns[target] if ran else "-", checked[target] if ran else "-"]
        if evaluate:
            row.append(matched[target] if ran else "-")
        row.append(covered[target] if adapters is not None else "-")
        for k in range(1, len(row)):
            if isinstance(row[k], int):
                totals[k] += row[k]
        rows.append(row)
    if adapters is None:
        totals[-1] = "-"
    table = table_lines(rows, totals, evaluate)
    table += [
        "",
        "Of these, the %d models importing ai.onnx %d or lower (ONNX 1.12 knows no later "
        "opset, and so converts none of the other %d models), converted to opsets 1 to %d: "
        "%d cells." % (readable_tests, last_112, len(tests) - readable_tests, last_112,
                       readable_tests * last_112),
        "",
        "| converter | passed | declined with an error | failed |",
        "|---|---:|---:|---:|",
        "| onnxforge | %d | %d | %d |" % tuple(readable[:3]),
        "| ONNX 1.12 | %d | %d | %d |" % (
            onnx_passed, readable_tests * last_112 - readable[3] - counts.readable_crashes,
            readable[3] - onnx_passed + counts.readable_crashes),
        "",
        "For ONNX 1.12 a pass is a returned model that passes its checker%s; a failure, a "
        "returned model that does not, or a crash." % (
            " and gives the expected outputs" if evaluate else ""),
    ]
    write_report(output, table, last_112, onnx_commit, evaluate, len(tests), elapsed, crashes)
    print("\n".join(table))
    print("%d tests in %.1f s; wrote %s" % (len(tests), elapsed, output), file=sys.stderr)


if __name__ == "__main__":
    main()
