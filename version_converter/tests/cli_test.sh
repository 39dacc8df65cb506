#!/bin/bash
# `onnxforge convert`: writes the converted model, and on failure prints the
# converter's message and exits 1 (2 for usage errors).
set -u
cli="$1"
dir="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then
    echo "FAIL $1"
    echo "  expected: $2"
    echo "  actual:   $3"
    failures=$((failures + 1))
  fi
}

cat > "$dir/m.txt" <<'MODEL'
<ir_version: 8, opset_import: ["" : 11, "ai.onnx.ml" : 1]>
g (float[1,3] X, string[2] S) => (float[3] Y, int64[2] L) {
    Y = Squeeze <axes = [0]> (X)
    L = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b"]> (S)
}
MODEL
"$cli" parse "$dir/m.txt" -o "$dir/m.onnx"

"$cli" convert "$dir/m.onnx" --to 13 --ml-to 2 -o "$dir/out.onnx"
check "exit code" 0 $?
check "converted model" '<
  ir_version: 8,
  opset_import: ["" : 13, "ai.onnx.ml" : 2]
>
g (float[1, 3] X, string[2] S) => (float[3] Y, int64[2] L)
  <int64[1] Y_axes = {0}>
{
    Y = Squeeze(X, Y_axes)
    L = ai.onnx.ml.LabelEncoder <keys_strings = ["a", "b"], values_int64s = [0, 1]> (S)
}' "$("$cli" print "$dir/out.onnx")"

message="$("$cli" convert "$dir/out.onnx" --to 13 --ml-to 9 -o "$dir/bad.onnx" 2>&1)"
check "exit code of a bad target" 1 $?
check "message of a bad target" \
  "onnxforge: target opset 9 of ai.onnx.ml is outside the known range 1 to 5" "$message"
check "no file for a failed conversion" "no" "$([[ -e "$dir/bad.onnx" ]] && echo yes || echo no)"

message="$("$cli" convert "$dir/m.onnx" -o "$dir/x.onnx" 2>&1)"
check "exit code without a target" 2 $?
check "usage" "usage: onnxforge convert MODEL --to OPSET [--ml-to OPSET] -o OUT" "$message"

exit $((failures > 0))
