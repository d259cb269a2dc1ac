#!/usr/bin/env bash
# Peak memory of the throughput benchmark: builds `cargo bench --bench throughput` in
# release mode, runs the bench binary under `/usr/bin/time -v`, and prints its figures
# followed by the "Maximum resident set size" that GNU time reports.
#
# usage: scripts/bench.sh [bench flags, e.g. --corpus DIR --min-kb 100 --repeat 2 --threads 1,2 --json FILE]
#
# --min-kb 100 keeps the big-page subset (pages over 100 kB decompressed); every run
# also times the whole command (the release binary on the same .html.gz files) against
# the bare parse floor.
#
# Needs GNU time at /usr/bin/time (Debian/Ubuntu package `time`: apt-get install time).
# Note that the peak includes the whole corpus, which the bench holds in memory
# decompressed; the bench itself prints its RSS right after loading for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
  echo "bench.sh: /usr/bin/time not found; install GNU time (Debian package 'time': apt-get install time)" >&2
  exit 2
fi

# Build, and find the bench executable in cargo's JSON messages.
bench_bin="$(cargo bench --bench throughput --no-run --message-format=json 2>/dev/null \
  | grep '"name":"throughput"' | grep -o '"executable":"[^"]*"' | tail -n 1 | cut -d'"' -f4 || true)"
if [ -z "$bench_bin" ] || [ ! -x "$bench_bin" ]; then
  echo "bench.sh: could not build or locate the throughput bench binary" >&2
  cargo bench --bench throughput --no-run >&2
  exit 1
fi

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
echo "== $bench_bin $*"
/usr/bin/time -v -o "$report" "$bench_bin" "$@"
echo
grep -E 'Maximum resident set size|Elapsed \(wall clock\)|User time|System time' "$report" \
  | sed 's/^[[:space:]]*//'
