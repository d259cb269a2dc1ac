#!/usr/bin/env bash
# Seed corpora for the fuzz targets (fuzz/corpus/<target>/, git-ignored): every fixture,
# plus every Nth page of the annotated corpora in ../shared/corpus, decompressed and
# truncated to MAX_BYTES. The gzip target's seeds carry a leading selector byte 0
# ("gzip-compress the rest"; see fuzz/fuzz_targets/gzip.rs).
#
# usage: scripts/fuzz_seed.sh [CORPUS_DIR]    (default ../shared/corpus)
# env:   PAGES (default 300) pages taken from the corpora, MAX_BYTES (default 32768)
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-../shared/corpus}"
pages="${PAGES:-300}"
max_bytes="${MAX_BYTES:-32768}"
targets=(clean_html clean_text clean_auto gzip)

for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
done

# add NAME < content: one seed file per target (the gzip target's with its selector byte).
add() {
  local name="$1" tmp
  tmp="$(mktemp)"
  head -c "$max_bytes" > "$tmp"
  for target in clean_html clean_text clean_auto; do
    cp "$tmp" "fuzz/corpus/$target/$name"
  done
  { printf '\0'; cat "$tmp"; } > "fuzz/corpus/gzip/$name"
  rm -f "$tmp"
}

count=0
while IFS= read -r -d '' file; do
  add "fixture-$(echo "$file" | tr '/' '_')" < "$file"
  count=$((count + 1))
done < <(find fixtures -type f \( -name '*.txt' -o -name '*.html' \) -print0 | sort -z)
echo "fuzz_seed.sh: $count fixtures"

if [ -d "$corpus" ]; then
  mapfile -t all < <(find "$corpus" -type f -name '*.html.gz' | sort)
  step=$(( ${#all[@]} / pages ))
  [ "$step" -ge 1 ] || step=1
  taken=0
  for ((i = 0; i < ${#all[@]} && taken < pages; i += step)); do
    file="${all[$i]}"
    name="page-$(basename "$(dirname "$(dirname "$file")")")-$(basename "$file" .html.gz)"
    gzip -dc "$file" 2>/dev/null | add "$name" || true
    taken=$((taken + 1))
  done
  echo "fuzz_seed.sh: $taken pages of $corpus (of ${#all[@]}), each cut to $max_bytes bytes"
else
  echo "fuzz_seed.sh: no $corpus; fixtures only" >&2
fi
du -sh fuzz/corpus/* | sed 's/^/fuzz_seed.sh: /'
