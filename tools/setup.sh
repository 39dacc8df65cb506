#!/usr/bin/env bash
# Installs what onnxforge needs on Debian 12, builds it, and makes the
# `onnxforge` command and Python package available. Safe to run again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(
  # build
  bazel-bootstrap bazel-rules-cc bazel-rules-java bazel-platforms
  g++ libprotobuf-dev protobuf-compiler libabsl-dev libgtest-dev libgmock-dev
  pybind11-dev python3-dev libeigen3-dev
  # python package and tests
  python3-numpy python3-protobuf python3-pytest
  # framework converters and their tests
  python3-sklearn python3-pandas
  # interop tests and benchmarks against the real ONNX
  python3-onnx libonnx-testdata
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# onnxruntime (from npm, driven by node) for the evaluator benchmark.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: installing nodejs npm"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
if [ ! -d "$here/tests/bench/node/node_modules/onnxruntime-node" ]; then
  (cd "$here/tests/bench/node" && npm install --ignore-scripts --no-audit --no-fund)
fi

cd "$here"
# Bazel leaves files a genrule no longer declares in bazel-bin; start the
# package folder afresh so only what the rule writes today gets installed.
rm -rf bazel-bin/python/onnxforge_package
bazel build //tools:onnxforge //python:onnxforge_package

# The command line on PATH, and the package visible to Debian's python3.
prefix=/usr/local/lib/onnxforge
sudo_if_needed mkdir -p "$prefix"
sudo_if_needed rm -rf "$prefix/python.new"
sudo_if_needed cp -rL bazel-bin/python/onnxforge_package "$prefix/python.new"
sudo_if_needed rm -rf "$prefix/python"
sudo_if_needed mv "$prefix/python.new" "$prefix/python"
sudo_if_needed install -m 0755 bazel-bin/tools/onnxforge /usr/local/bin/onnxforge
site="$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')"
sudo_if_needed mkdir -p "$site"
echo "$prefix/python" | sudo_if_needed tee "$site/onnxforge.pth" >/dev/null
/usr/bin/python3 -c "import onnxforge" && echo "setup: onnxforge is ready"
