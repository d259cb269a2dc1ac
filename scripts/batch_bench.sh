#!/usr/bin/env bash
# Batch throughput and memory of `deboil clean` on whole directories: the wcxb-dev pages
# as they are (1,497 documents), and the same pages repeated to at least 10,000
# documents, each with 1 and 2 threads, under GNU time for the peak resident memory.
# Records go to /dev/null (the cost of writing them is included).
#
# usage: scripts/batch_bench.sh [CORPUS_PAGES_DIR] [COPIES]
#   defaults: ../shared/corpus/wcxb-dev/pages, 7 copies (10,479 documents)
# Needs GNU time at /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-../shared/corpus/wcxb-dev/pages}"
copies="${2:-7}"
[ -x /usr/bin/time ] || { echo "batch_bench.sh: install GNU time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/deboil

big="$(mktemp -d)"
trap 'rm -rf "$big"' EXIT
for i in $(seq 1 "$copies"); do
  mkdir -p "$big/copy$i"
  cp "$pages"/*.gz "$big/copy$i/"
done

run() { # label dir threads
  local report; report="$(mktemp)"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v "$bin" clean -q -j "$3" "$2" > /dev/null 2> "$report" || true
  end=$(date +%s.%N)
  local docs bytes rss
  docs=$(find "$2" -name '*.gz' | wc -l)
  bytes=$(find "$2" -name '*.gz' -exec zcat {} + | wc -c)
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report")
  awk -v l="$1" -v t="$3" -v d="$docs" -v b="$bytes" -v s="$start" -v e="$end" -v r="$rss" 'BEGIN {
    secs = e - s
    printf "%-22s threads %d  docs %6d  %7.1f MB  %6.2f s  %7.1f docs/s  %6.1f MB/s  peak RSS %6.1f MB\n",
      l, t, d, b / 1e6, secs, d / secs, b / 1e6 / secs, r / 1024
  }'
  rm -f "$report"
}

run "wcxb-dev" "$pages" 1
run "wcxb-dev" "$pages" 2
run "wcxb-dev x$copies" "$big" 1
run "wcxb-dev x$copies" "$big" 2
