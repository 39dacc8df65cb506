"""Every slice-op schema version equals the ONNX schema facts in shared/spec.

Compares attributes (type, required, default), inputs and outputs (name,
type string, option, homogeneity, arity, differentiability), type
constraints, arities, and the function flags. Fails listing every difference.
"""
import json
import os
import subprocess
import sys
import unittest

import data_paths

COMPARED_KEYS = [
    "deprecated", "min_input", "max_input", "min_output", "max_output",
    "attributes", "inputs", "outputs", "type_constraints", "has_function",
    "function_opset_versions", "has_context_dependent_function",
    "context_dependent_function_opset_versions",
]


def slice_ops(path):
    ops = set()
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        domain, name = line.split()
        ops.add(("" if domain == "ai.onnx" else domain, name))
    return ops


def normalized(schema, key):
    value = schema[key]
    if key == "type_constraints":
        return [(c["type_param_str"], sorted(c["allowed_type_strs"])) for c in value]
    return value


def differences(ours, theirs):
    found = []
    for key in COMPARED_KEYS:
        a, b = normalized(ours, key), normalized(theirs, key)
        if a != b:
            found.append("  %s:\n    ours:   %s\n    theirs: %s" % (key, a, b))
    return found


class SpecParityTest(unittest.TestCase):
    def test_slice_schemas_match_the_spec(self):
        if not data_paths.SPEC_JSON:
            self.skipTest("shared/spec is not beside the workspace")
        dump = subprocess.run([sys.argv[1] if len(sys.argv) > 1 else os.environ["SCHEMA_DUMP"]],
                              check=True, capture_output=True, text=True).stdout
        ours = {(s["domain"], s["name"], s["since_version"]): s for s in json.loads(dump)["schemas"]}
        spec = json.load(open(data_paths.SPEC_JSON))
        wanted = slice_ops(data_paths.SLICE_TXT)
        only = os.environ.get("PARITY_OP")
        report = []
        for theirs in spec["schemas"]:
            key = (theirs["domain"], theirs["name"], theirs["since_version"])
            if key[:2] not in wanted or (only and key[1] != only):
                continue
            label = "%s-%d (%s)" % (key[1], key[2], key[0] or "ai.onnx")
            if key not in ours:
                report.append(label + ": not registered")
                continue
            diff = differences(ours[key], theirs)
            if diff:
                report.append(label + ":\n" + "\n".join(diff))
        self.assertEqual(report, [], "\n" + "\n".join(report))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
