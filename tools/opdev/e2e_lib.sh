# Shared by e2e_test.sh (under `bazel test`) and e2e.sh (by hand or in CI):
# copying the operator sources, the edits opdev makes in the walkthrough of
# docs/AddNewOp.md, and the edits a contributor then makes by hand.

# The folders the walkthrough reads and edits.
E2E_SOURCE_DIRS="onnx_defs reference version_converter tests/examples tests/opsets"

# copy_sources SRC DEST: the source files (not binaries) of E2E_SOURCE_DIRS,
# symlinks resolved, so that the copy can be edited freely.
copy_sources() {
  local src=$1 dest=$2 dir file
  for dir in $E2E_SOURCE_DIRS; do
    [ -d "$src/$dir" ] || continue
    (cd "$src" && find -L "$dir" -type f \( -name '*.cc' -o -name '*.h' -o -name '*.txt' \
        -o -name '*.bzl' -o -name BUILD \) -print) | while read -r file; do
      mkdir -p "$dest/$(dirname "$file")"
      cp -L "$src/$file" "$dest/$file"
    done
  done
}

# walkthrough_edits OPDEV ROOT [OPTIONS...]: what the walkthrough asks opdev
# for: a new version of Relu, and Softsign2, an op defined by a function
# body.
walkthrough_edits() {
  local opdev=$1 root=$2
  shift 2
  "$opdev" bump Relu --root="$root" "$@" &&
    "$opdev" new Softsign2 --domain=math --function --root="$root" "$@"
}

# open_opset ROOT DOMAIN_CONSTANT: the opset a change of the domain goes
# into, from schema.h: its newest opset while unreleased, else the next.
open_opset() {
  sed -n "s/.*{$2, *\([0-9]*\), *\([0-9]*\), *\([0-9]*\)}.*/\2 \3/p" \
      "$1/onnx_defs/schema.h" | { read -r max released; \
        if [ "$max" -gt "$released" ]; then echo "$max"; else echo $((max + 1)); fi; }
}

# finish_walkthrough ROOT OPSET: the contributor's part, OPSET being the one
# the walkthrough's versions went into. Relu's new version changes nothing
# (its TODO lines go); Softsign2 gets a doc, a float type, its body and a
# hand-checked example.
finish_walkthrough() {
  local root=$1 opset=$2
  local defs=$root/onnx_defs/math/defs.cc
  sed -i "/TODO(opdev): make opset $opset's change/d" "$defs"
  sed -i '/TODO(opdev): add .Doc(...)/d' "$defs"
  sed -i '/ONNXFORGE_SCHEMA(Onnx, Softsign2, [0-9]*)/,/^}/{
s#types::Float(), "Float tensors."#types::Tensors({"float"}), "float tensors."#
s#\.FunctionBody("TODO(opdev)[^"]*")#.Doc("Y = X / (1 + |X|), elementwise: a smooth step from -1 to 1.")\
      .FunctionBody("One = Constant <value_float = 1.0> ()\\nAbsX = Abs (X)\\nDenom = Add (One, AbsX)\\nY = Div (X, Denom)")#
}' "$defs"
  sed -i "/TODO(opdev): check this copy of/d" "$root/tests/examples/ai.onnx/Relu.txt"
  cat > "$root/tests/examples/ai.onnx/Softsign2.txt" <<TXT
# Softsign2: Y = X / (1 + |X|), computed by its body of Abs, Add and Div.

=== softsign2_v${opset}_basic
# -1 maps to -1/2, 0 to 0 and 2 to 2/3.
<ir_version: 10, opset_import: ["" : $opset]>
softsign2_v${opset}_basic (float[3] X) => (float[3] Y) {
    Y = Softsign2(X)
}
--- inputs
float[3] X = {-1.0, 0.0, 2.0}
--- outputs
float[3] Y = {-0.5, 0.0, 0.6666667}
TXT
}
