#!/usr/bin/env bash
# Clean a list of inputs (WARC files, pages, directories) on one machine with GNU
# parallel: one deboil job per listed input, JOBS jobs at a time, each writing
# OUT_DIR/NAME.jsonl.gz where NAME is the input's file name less its last extension
# (crawl-00001.warc.gz -> crawl-00001.warc.jsonl.gz).
#
#   examples/gnu-parallel.sh LIST OUT_DIR [JOBS]
#
# LIST holds one path a line, as `deboil clean --files-from` reads it (blank lines and
# lines starting with # are skipped). JOBS defaults to the number of CPUs. DEBOIL names
# the deboil to run (default: `deboil` on PATH).
#
# Why one job per input rather than `--shard {}/JOBS` per job: GNU parallel hands the
# next input to whichever job finishes first, so inputs of very different sizes (1 GB
# WARCs next to small ones) keep every CPU busy to the end, where fixed shards wait for
# the slowest; and each output is complete or absent (written under a temporary name,
# renamed when done), so a stopped run is restarted by running the same command again:
# the joblog (OUT_DIR/joblog) makes GNU parallel skip the inputs already done and redo
# the failed ones. Each job runs deboil with one thread (-j 1): the parallelism is
# across inputs.
#
# Exit status: 0 when every input was cleaned; otherwise GNU parallel's (the number of
# failed jobs, at most 101; a failed job still wrote its error records); 2 on misuse.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 LIST OUT_DIR [JOBS]" >&2
  exit 2
fi
list=$1
out=$2
jobs=${3:-$(nproc)}
deboil=${DEBOIL:-deboil}

if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "$0: needs GNU parallel (Debian: apt-get install parallel)" >&2
  exit 2
fi

# The listed paths, as deboil's --files-from reads them: final CR dropped, blank and
# comment lines skipped.
inputs=$(sed -e 's/\r$//' -e '/^#/d' -e '/^[[:space:]]*$/d' "$list")

if [ -z "$inputs" ]; then
  echo "$0: $list lists no path to clean" >&2
  exit 1
fi

# Two inputs with one output name would overwrite each other's records: refuse.
duplicates=$(printf '%s\n' "$inputs" | sed -e 's|.*/||' -e 's|\.[^.]*$||' | sort | uniq -d)
if [ -n "$duplicates" ]; then
  echo "$0: these output names would be shared by several inputs:" >&2
  printf '%s\n' "$duplicates" | sed 's/.*/  &.jsonl.gz/' >&2
  exit 2
fi

mkdir -p "$out"
printf '%s\n' "$inputs" | parallel --quote --jobs "$jobs" --joblog "$out/joblog" --resume-failed \
  "$deboil" clean --quiet --threads 1 --output "$out/{/.}.jsonl.gz" {}
