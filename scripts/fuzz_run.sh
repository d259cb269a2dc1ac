#!/usr/bin/env bash
# Run the fuzz targets one after another, each for SECONDS (default 900), under
# `nice -n 10`, with a log per run in fuzz/logs/ and one summary line per run appended
# to fuzz/logs/runs.tsv (start, target, seconds, execs, result).
#
# usage: scripts/fuzz_run.sh [TARGET...]   (default: clean_html clean_text clean_auto gzip)
# env:   SECONDS_PER_TARGET (900), MAX_LEN (262144), TIMEOUT (10), RSS_MB (2048),
#        NO_BUILD=1 to reuse the last build
# Needs: cargo install cargo-fuzz; a nightly toolchain; seeds from scripts/fuzz_seed.sh.
# Crashes, timeouts and out-of-memory inputs land in fuzz/artifacts/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${SECONDS_PER_TARGET:-900}"
max_len="${MAX_LEN:-262144}"
timeout="${TIMEOUT:-10}"
rss_mb="${RSS_MB:-2048}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(clean_html clean_text clean_auto gzip)

if [ -z "${NO_BUILD:-}" ]; then
  (cd fuzz && nice -n 10 cargo +nightly fuzz build -O) || exit 1
fi
bin_dir="fuzz/target/x86_64-unknown-linux-gnu/release"
mkdir -p fuzz/logs

for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  start="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  log="fuzz/logs/$target-$start.log"
  nice -n 10 "$bin_dir/$target" "fuzz/corpus/$target" \
    -artifact_prefix="fuzz/artifacts/$target/" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
    -rss_limit_mb="$rss_mb" -print_final_stats=1 > "$log" 2>&1
  status=$?
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
  elapsed="$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' || true)"
  if [ "$status" -eq 0 ]; then
    result="ok"
  else
    result="$(grep -oE 'ERROR: libFuzzer: [a-z-]+|ERROR: AddressSanitizer: [a-z-]+|panicked at [^ ]*' "$log" | head -n 1)"
    result="${result:-exit $status}"
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$start" "$target" "${elapsed:-?}" "${execs:-?}" "$result" \
    | tee -a fuzz/logs/runs.tsv
done
