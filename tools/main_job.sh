#!/usr/bin/env bash
# The main job: regenerate the generated operator documentation from the
# registry (today the schema dump, docs/schemas.json).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p docs
bazel run --ui_event_filters=-info --noshow_progress //tools:onnxforge -- schemas --json > docs/schemas.json.tmp
mv docs/schemas.json.tmp docs/schemas.json
echo "main job: wrote docs/schemas.json ($(grep -c '"since_version"' docs/schemas.json) schema versions)"
