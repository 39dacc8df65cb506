#!/usr/bin/env bash
# The main job: regenerate the generated operator documentation from the
# registry, the example tests and the conformance report: docs/Operators*.md,
# docs/Changelog*.md, docs/TestCoverage*.md and the schema dump
# docs/schemas.json. `bazel test //docs:up_to_date` checks the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bazel run --ui_event_filters=-info --noshow_progress //tools/gen_doc:gen_doc
echo "main job: docs/ regenerated ($(grep -c '"since_version"' docs/schemas.json) schema versions)"
