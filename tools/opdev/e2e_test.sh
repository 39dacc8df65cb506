#!/usr/bin/env bash
# opdev end to end on a copy of the workspace's operator sources: the
# walkthrough of docs/AddNewOp.md (bump Relu, new Softsign2 with a function
# body, bump an ai.onnx.ml op into a new opset), each edit checked line by
# line, the lint's findings checked before and after the contributor's
# part, and failing commands checked to leave every file untouched.
# (e2e.sh does the same walkthrough and then builds and tests the copy.)
set -uo pipefail

source tools/opdev/e2e_lib.sh
opdev=$PWD/tools/opdev/opdev
ws=$TEST_TMPDIR/ws
copy_sources "$PWD" "$ws"

passed=0
failed=0
# check WHAT EXPECTED ACTUAL
check() {
  if [ "$2" == "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3"
  fi
}

# Findings with line numbers as N, the summary line left out.
lint_findings() {
  "$opdev" lint --sources_only --root="$ws" | grep -v '^opdev lint:' | sed -E 's/:[0-9]+: /:N: /'
}
# The findings in $1 not in $2 (both sorted files).
new_findings() { comm -13 <(sort "$2") <(sort "$1"); }
tree_sum() { (cd "$ws" && find . -type f -print0 | sort -z | xargs -0 md5sum); }

open=$(open_opset "$ws" kOnnxDomain)
released=$(sed -n 's/.*{kOnnxDomain, *[0-9]*, *[0-9]*, *\([0-9]*\)}.*/\1/p' "$ws/onnx_defs/schema.h")
relu_latest=$(sed -n 's/^ONNXFORGE_SCHEMA(Onnx, Relu, \([0-9]*\)).*/\1/p' "$ws/onnx_defs/math/defs.cc")
relu_line=$(grep -n "^ONNXFORGE_SCHEMA(Onnx, Relu, $relu_latest)" "$ws/onnx_defs/math/defs.cc" | cut -d: -f1)
released_line=$(grep -n '{kOnnxDomain,' "$ws/onnx_defs/schema.h" | cut -d: -f1)
lint_findings > "$TEST_TMPDIR/before.txt"

# ---- Commands that cannot run change nothing ----
sum_before=$(tree_sum)
check "bump of an unknown op" \
  'opdev bump: ai.onnx has no op NoSuchOp; `opdev new` adds one' \
  "$("$opdev" bump NoSuchOp --no_docs --root="$ws" 2>&1)"
check "bump into a released opset" \
  "opdev bump: opset $released of ai.onnx is released (last_release $released in onnx_defs/schema.h:$released_line); a change goes into a later opset" \
  "$("$opdev" bump Abs --to="$released" --no_docs --root="$ws" 2>&1)"
check "bump below the latest version" \
  "opdev bump: --to=$relu_latest: Relu is already at version $relu_latest; a new version must come after it" \
  "$("$opdev" bump Relu --to="$relu_latest" --no_docs --root="$ws" 2>&1)"
check "new op that exists" \
  "opdev new: Relu already exists in ai.onnx (onnx_defs/math/defs.cc:$relu_line); \`opdev bump Relu\` adds a version" \
  "$("$opdev" new Relu --domain=math --no_docs --root="$ws" 2>&1)"
check "new op without a folder" \
  "opdev new: ai.onnx has several folders ($(ls "$ws/onnx_defs" | grep -v -x -e tests -e pending -e traditionalml -e training -e preview | grep -v '\.' | paste -sd, | sed 's/,/, /g')): name one with --domain=<folder>" \
  "$("$opdev" new Softsign2 --domain=ai.onnx --no_docs --root="$ws" 2>&1)"
check "new op with a bad name" \
  "opdev new: 'softsign2' is not an op name: a capital letter, then letters, digits and '_'" \
  "$("$opdev" new softsign2 --domain=math --no_docs --root="$ws" 2>&1)"
check "unknown option" \
  "opdev bump: unknown option --too=3; this command takes --domain=..., --root=..., --to=..., --no_docs" \
  "$("$opdev" bump Relu --too=3 --root="$ws" 2>&1)"
check "failed commands leave the files" "$sum_before" "$(tree_sum)"

# ---- The walkthrough's edits ----
out=$(walkthrough_edits "$opdev" "$ws" --no_docs 2>&1)
check "walkthrough exit status" 0 $?
check "walkthrough output" \
"Added Relu-$open (ai.onnx); Relu-$relu_latest moved to onnx_defs/math/old.cc.
  edited onnx_defs/math/defs.cc
  edited onnx_defs/math/old.cc
  edited onnx_defs/operator_sets.h
  edited reference/ops/math_unary.cc
  edited tests/examples/ai.onnx/Relu.txt
  edited version_converter/convert.h
  kernel: reference/ops/math_unary.cc:N now covers 1 to $open
  example: '<example>_at_opset$open' in tests/examples/ai.onnx/Relu.txt
  adapters: Relu $relu_latest -> $open compatible both ways; change them if the change is not
Next: finish the lines marked TODO(opdev); \`bazel run //tools/opdev -- lint\` lists what is left.
Added Softsign2-$open (ai.onnx), defined by a function body.
  edited onnx_defs/math/defs.cc
  edited onnx_defs/operator_sets.h
  edited tests/examples/ai.onnx/Softsign2.txt
Next: finish the lines marked TODO(opdev); \`bazel run //tools/opdev -- lint\` lists what is left." \
  "$(sed -E -e 's/:[0-9]+ now/:N now/' -e "s/'[a-z0-9_]+_at_opset/'<example>_at_opset/" <<<"$out")"

defs=$ws/onnx_defs/math/defs.cc
old=$ws/onnx_defs/math/old.cc
sets=$ws/onnx_defs/operator_sets.h
check "defs.cc holds Relu-$open, not Relu-$relu_latest" "1 0" \
  "$(grep -c -x "ONNXFORGE_SCHEMA(Onnx, Relu, $open) {" "$defs") $(grep -c -x "ONNXFORGE_SCHEMA(Onnx, Relu, $relu_latest) {" "$defs")"
check "old.cc lists Relu-$relu_latest first" "ONNXFORGE_SCHEMA(Onnx, Relu, $relu_latest) {" \
  "$(grep -m1 '^ONNXFORGE_SCHEMA(Onnx, Relu,' "$old")"
# The registrations of opset $open: its declarations and its class body.
opset_lines=$(awk -v c="class OnnxOpset$open {" '
  /^ONNXFORGE_DECLARE_SCHEMA/ { decls = decls $0 "\n"; next }
  $0 == c { inside = 1; printf "%s", decls; next }
  inside && /ONNXFORGE_REGISTER/ { print }
  inside && $0 == "};" { exit }
  /^class / { decls = "" }' "$sets" | grep -E 'Relu|Softsign2')
check "opset $open registers the new versions" \
"ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, $open);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Softsign2, $open);
    ONNXFORGE_REGISTER(Onnx, Relu, $open);
    ONNXFORGE_REGISTER(Onnx, Softsign2, $open);" "$opset_lines"
check "the Relu kernel covers the new version" 1 \
  "$(grep -c -E "^ONNXFORGE_KERNEL\(Onnx, Relu, [0-9]+, $open\) \{" "$ws/reference/ops/math_unary.cc")"
check "Softsign2 has no kernel stub (its body serves)" 0 \
  "$(cat "$ws"/reference/ops/*.cc | grep -c 'Softsign2')"
check "convert.h has Relu's compatible adapters" 1 \
  "$(grep -c -E "^ +ONNXFORGE_ADAPTERS\(Onnx, Relu, +$relu_latest, $open, Compatible\(\), +Compatible\(\)\),$" "$ws/version_converter/convert.h")"
check "the Relu example stub runs at opset $open" "<ir_version: 8, opset_import: [\"\" : $open]>" \
  "$(sed -n "/_at_opset$open\$/,/^</p" "$ws/tests/examples/ai.onnx/Relu.txt" | tail -1 | sed -E 's/ir_version: [0-9]+/ir_version: 8/')"
check "the Softsign2 skeleton" \
"// TODO(opdev): add .Doc(...) in our own words; match inputs, attributes and types to the spec.
ONNXFORGE_SCHEMA(Onnx, Softsign2, $open) {
  return schema
      .Input(0, \"X\", \"The input.\", \"T\")
      .Output(0, \"Y\", \"The result, shaped like X.\", \"T\")
      .TypeConstraint(\"T\", types::Float(), \"Float tensors.\")
      .FunctionBody(\"TODO(opdev): the body, one node per line, such as Y = Abs (X)\")
      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);
}" "$(sed -n '/^\/\/ TODO(opdev): add .Doc/,/^}/p' "$defs")"

lint_findings > "$TEST_TMPDIR/walkthrough.txt"
check "lint: what the walkthrough leaves for a person" \
"onnx_defs/math/defs.cc:N: Softsign2-$open (ai.onnx) has no doc: describe it with .Doc(...) in our own words
onnx_defs/math/defs.cc:N: left for a person: add .Doc(...) in our own words; match inputs, attributes and types to the spec.
onnx_defs/math/defs.cc:N: left for a person: make opset $open's change, say it in the doc, and fit its adapters in convert.h.
onnx_defs/math/defs.cc:N: left for a person: the body, one node per line, such as Y = Abs (X)
tests/examples/ai.onnx/Relu.txt:N: left for a person: check this copy of '<example>' against Relu-$open.
tests/examples/ai.onnx/Softsign2.txt:N: left for a person: replace this section with '--- outputs' and the hand-checked Y
tests/examples/ai.onnx/Softsign2.txt:N: left for a person: say what Softsign2 computes, as its examples show it.
tests/examples/ai.onnx/Softsign2.txt:N: left for a person: say what this example shows." \
  "$(new_findings "$TEST_TMPDIR/walkthrough.txt" "$TEST_TMPDIR/before.txt" | sed -E "s/copy of '[a-z0-9_]+'/copy of '<example>'/" | LC_ALL=C sort)"

finish_walkthrough "$ws" "$open"
lint_findings > "$TEST_TMPDIR/finished.txt"
check "lint: nothing left after the contributor's part" "" \
  "$(new_findings "$TEST_TMPDIR/finished.txt" "$TEST_TMPDIR/before.txt")"

# ---- A bump that opens an opset ----
ml_latest=$(sed -n 's/^ONNXFORGE_SCHEMA(OnnxML, LabelEncoder, \([0-9]*\)).*/\1/p' "$ws/onnx_defs/traditionalml/defs.cc")
ml_max=$(sed -n 's/.*{kMlDomain, *[0-9]*, *\([0-9]*\),.*/\1/p' "$ws/onnx_defs/schema.h")
ml_target=$(open_opset "$ws" kMlDomain)
[ "$ml_target" -gt "$ml_latest" ] || ml_target=$((ml_latest + 1))
"$opdev" bump LabelEncoder --domain=ai.onnx.ml --no_docs --root="$ws" > /dev/null
check "ml bump exit status" 0 $?
check "schema.h's ml range reaches $ml_target" 1 \
  "$(grep -c -E "^ +\{kMlDomain, 1, $ml_target, [0-9]+\},$" "$ws/onnx_defs/schema.h")"
check "opset_range.bzl follows" 1 \
  "$(grep -c -x "    \"ai.onnx.ml\": (1, $ml_target)," "$ws/tests/opsets/opset_range.bzl")"
check "the ml opset class and list" "1 1" \
  "$(grep -c -x "class OnnxMlOpset$ml_target {" "$ws/onnx_defs/operator_sets_ml.h") $(grep -c -E "^using OnnxMlOpsetClasses = .*, OnnxMlOpset$ml_target>;$" "$ws/onnx_defs/operator_sets_ml.h")"
[ "$ml_target" -gt "$ml_max" ] && opened="opened" || opened="kept"
lint_findings > "$TEST_TMPDIR/ml.txt"
check "lint after the ml bump ($opened opset $ml_target)" \
"onnx_defs/traditionalml/defs.cc:N: left for a person: make opset $ml_target's change, say it in the doc, and fit its adapters in convert.h.
tests/examples/ai.onnx.ml/LabelEncoder.txt:N: left for a person: check this copy of '<example>' against LabelEncoder-$ml_target." \
  "$(new_findings "$TEST_TMPDIR/ml.txt" "$TEST_TMPDIR/before.txt" | sed -E "s/copy of '[a-z0-9_]+'/copy of '<example>'/" | LC_ALL=C sort)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
