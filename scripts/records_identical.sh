#!/usr/bin/env bash
# Check that two deboil builds give byte-identical records: cleans the HTML pages of
# both corpora (../shared/corpus, or $CORPUS) and every fixture (HTML, text, seeds,
# site) with BASE_BIN and with NEW_BIN, to JSON Lines, and compares the outputs.
#
# usage: scripts/records_identical.sh BASE_BIN NEW_BIN
#
# Exit status 0 when every output is identical, 1 when one differs (its first lines of
# difference are printed), 2 on a usage error. Outputs are kept under $OUT (default a
# fresh temporary directory, removed on success).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
  echo "usage: scripts/records_identical.sh BASE_BIN NEW_BIN (two executables)" >&2
  exit 2
fi
base="$1"
new="$2"
corpus="${CORPUS:-../shared/corpus}"
[ -d "$corpus" ] || corpus=/work/shared/corpus
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"

# name, then the arguments of `deboil clean` for that set.
sets=(
  "traf-html|--input html $corpus/trafilatura-eval/pages"
  "wcxb-html|--input html $corpus/wcxb-dev/pages"
  "fixtures|fixtures"
)

status=0
for entry in "${sets[@]}"; do
  name="${entry%%|*}"
  args="${entry#*|}"
  # shellcheck disable=SC2086 # the arguments are split on purpose
  "$base" clean -q $args >"$out/$name.base.jsonl" || true
  # shellcheck disable=SC2086
  "$new" clean -q $args >"$out/$name.new.jsonl" || true
  records=$(wc -l <"$out/$name.base.jsonl")
  if cmp -s "$out/$name.base.jsonl" "$out/$name.new.jsonl"; then
    echo "$name: $records records identical"
  else
    echo "$name: records DIFFER (outputs in $out)"
    diff "$out/$name.base.jsonl" "$out/$name.new.jsonl" | head -c 4000 || true
    echo
    status=1
  fi
done
if [ "$status" -eq 0 ] && [ -z "${OUT:-}" ]; then
  rm -rf "$out"
fi
exit "$status"
