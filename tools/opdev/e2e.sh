#!/usr/bin/env bash
# opdev's walkthrough for real, on a scratch copy of the workspace: `opdev
# bump Relu` and `opdev new Softsign2 --function` (each regenerating the docs
# with gen_doc), the contributor's part, then in the copy a build, the lint
# over the rebuilt registry, the tests the change touches, and a look at the
# regenerated Changelog. The copy builds with its own Bazel output base, so
# the workspace and its Bazel server are left alone.
#
#   bazel run //tools/opdev:e2e            or   tools/opdev/e2e.sh
#
# E2E_SCRATCH=DIR picks the scratch folder (default: a new one under /tmp);
# E2E_KEEP=1 keeps it afterwards.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/e2e_lib.sh"
workspace=${BUILD_WORKSPACE_DIRECTORY:-$(cd "$here/../.." && pwd)}
scratch=${E2E_SCRATCH:-$(mktemp -d /tmp/opdev-e2e.XXXXXX)}
copy=$scratch/onnxforge
output_base=$scratch/output_base
bazel=(bazel "--output_base=$output_base")
start=$SECONDS

finish() {
  local status=$?
  "${bazel[@]}" shutdown >/dev/null 2>&1 || true
  if [ "${E2E_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    echo "e2e: the copy is in $copy"
  else
    rm -rf "$scratch"
  fi
  exit "$status"
}
trap finish EXIT

step() { printf '\n== %s (at %ds)\n' "$*" $((SECONDS - start)); }

step "copying $workspace to $copy"
mkdir -p "$copy"
for entry in WORKSPACE BUILD .bazelrc README.md third_party ir onnx_defs reference \
             version_converter tests tools docs python; do
  [ -e "$workspace/$entry" ] && cp -a "$workspace/$entry" "$copy/"
done
# The shared test data sits beside the workspace; put it beside the copy.
if [ -d "$workspace/../shared" ]; then
  ln -s "$(cd "$workspace/../shared" && pwd)" "$scratch/shared"
fi
cd "$copy"
export OPDEV_BAZEL="${bazel[*]}"
open=$(open_opset "$copy" kOnnxDomain)

step "building opdev"
"${bazel[@]}" build //tools/opdev:opdev
opdev=$copy/bazel-bin/tools/opdev/opdev

step "opdev bump Relu; opdev new Softsign2 --domain=math --function"
walkthrough_edits "$opdev" "$copy"

step "the lint lists what is left for a person"
if "${bazel[@]}" run //tools/opdev -- lint; then
  echo "e2e: expected findings (TODO(opdev) lines) before the contributor's part" >&2
  exit 1
fi

step "the contributor's part; docs once more"
finish_walkthrough "$copy" "$open"
"${bazel[@]}" run //tools/gen_doc:gen_doc

step "lint over the rebuilt registry"
"${bazel[@]}" run //tools/opdev -- lint

step "the tests the change touches"
"${bazel[@]}" test //onnx_defs:registry_test //tests/examples:examples_test \
  "//tests/opsets:opset_$open" //tools/opdev:lint_test //version_converter:adapter_lint_test \
  //docs:up_to_date

step "the Changelog shows the new versions"
for version in "Relu-$open" "Softsign2-$open"; do
  grep -q "<a name=\"$version\"></a>$version" docs/Changelog.md ||
    { echo "e2e: docs/Changelog.md has no section for $version" >&2; exit 1; }
  echo "docs/Changelog.md: $version"
done

printf '\ne2e: passed in %ds\n' $((SECONDS - start))
