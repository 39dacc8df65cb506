#!/usr/bin/env bash
# Runs gen_doc into a scratch folder and compares every file it writes with
# the committed copy under docs/. Fails, naming the stale files, when any
# differs or is missing.
#
#   up_to_date_test.sh <gen_doc binary>
set -euo pipefail

gen_doc="$1"
fresh="${TEST_TMPDIR:-$(mktemp -d)}/docs"
regenerate="bazel run //tools/gen_doc:gen_doc"

"$gen_doc" --out_dir="$fresh"

stale=()
for file in "$fresh"/*; do
  name="$(basename "$file")"
  if ! cmp -s "$file" "docs/$name"; then
    stale+=("docs/$name")
  fi
done

if ((${#stale[@]} == 0)); then
  echo "docs/ is up to date ($(ls "$fresh" | wc -l) generated files)."
  exit 0
fi

echo "These generated files are stale or missing:"
printf '  %s\n' "${stale[@]}"
echo
for path in "${stale[@]}"; do
  if [[ -f "$path" ]]; then
    echo "--- first differences in $path:"
    diff "$path" "$fresh/$(basename "$path")" | head -n 20 || true
  else
    echo "--- $path is not in the source tree"
  fi
done
echo
echo "Regenerate them with:"
echo "  $regenerate"
exit 1
