#!/usr/bin/env bash
# Clean a list of inputs (WARC files, pages, directories) on a Slurm cluster: one job
# array, each array task cleaning one shard of the list with every CPU Slurm gave it.
#
#   sbatch --array=0-15 --cpus-per-task=8 examples/slurm-array.sh LIST OUT_DIR
#
# Task I of an array of N tasks runs
#   deboil clean --files-from LIST --shard I/N --output OUT_DIR/shard-I.jsonl.gz
# so the N tasks together clean every listed input exactly once (see --shard). The
# array must be one contiguous range (0-15 or 1-16; a %limit is fine); task ids are
# counted from the range's first id. LIST and OUT_DIR must be on storage every node
# reads (paths in LIST are relative to the directory sbatch was run from). DEBOIL names
# the deboil to run (default: `deboil` on PATH).
#
# A task whose output already exists does nothing, so after a failure the same sbatch
# line redoes only the missing shards (outputs are written under a temporary name and
# renamed when complete: a killed task leaves none). Delete OUT_DIR to start over.
# Each task also writes its summary to OUT_DIR/shard-I.stats.json (and its summary
# line to the task's log).
#
#SBATCH --job-name=deboil
#SBATCH --array=0-15
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=24:00:00
#SBATCH --output=deboil-%A_%a.log
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: sbatch --array=0-(N-1) $0 LIST OUT_DIR" >&2
  exit 2
fi
list=$1
out=$2
deboil=${DEBOIL:-deboil}

task=${SLURM_ARRAY_TASK_ID:?not a Slurm array task: submit with sbatch --array=0-(N-1)}
first=${SLURM_ARRAY_TASK_MIN:-0}
count=${SLURM_ARRAY_TASK_COUNT:?not a Slurm array task: submit with sbatch --array=0-(N-1)}
shard=$((task - first))

mkdir -p "$out"
target="$out/shard-$shard.jsonl.gz"
if [ -e "$target" ]; then
  echo "deboil: $target exists; shard $shard/$count already done" >&2
  exit 0
fi
exec "$deboil" clean --files-from "$list" --shard "$shard/$count" \
  --threads "${SLURM_CPUS_PER_TASK:-0}" \
  --output "$target" --stats-json "$out/shard-$shard.stats.json"
