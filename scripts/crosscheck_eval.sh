#!/usr/bin/env bash
# Cross-check `deboil eval` against the reference scorers in ../shared/tools/.
#
# Runs the eval on both corpora with --dump and --json, scores every dumped system
# (naive, and each front end of --mode: text and html by default; trafilatura too when
# --compare DIR is given) with snippet_score.py and word_score.py, re-computes the
# metadata accuracy from the dumped `wcxb-<system>-meta.json` with
# `scripts/trafilatura_eval.py score-meta` (an independent Python implementation of the
# comparison), shows the outputs, and checks that every figure agrees to the third
# decimal. Exit status 1 on any disagreement.
#
# usage: scripts/crosscheck_eval.sh [CORPUS_DIR] [extra eval flags, e.g. --mode html,
#        --compare target/trafilatura]
# (not --only or --limit: the scorers always score every annotated page)
set -euo pipefail

cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
shift || true
tools="$(dirname "$corpus")/tools"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export PYTHONUTF8=1

compare=""
args=("$@")
for i in "${!args[@]}"; do
    if [ "${args[$i]}" = "--compare" ]; then compare="${args[$((i + 1))]}"; fi
done

echo "== deboil eval (dumps in $out)"
cargo run --quiet --release -- eval --corpus "$corpus" --dump "$out" --json "$out/report.json" "$@"

systems=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["systems"]))' "$out/report.json")

dump() { # corpus-name system [suffix] -> dumped file
    if [ "$2" = trafilatura ]; then echo "$compare/$1-$2${3:-}.json"; else echo "$out/$1-$2${3:-}.json"; fi
}

echo
echo "== reference scorers"
for system in $systems; do
    echo "-- trafilatura-eval $system"
    python3 "$tools/snippet_score.py" "$corpus/trafilatura-eval/annotations.json" "$(dump trafilatura "$system")" \
        | tee "$out/score-trafilatura-$system.txt"
    echo "-- wcxb-dev $system"
    python3 "$tools/word_score.py" "$corpus/wcxb-dev/annotations.json" "$(dump wcxb "$system")" --per-type \
        | tee "$out/score-wcxb-$system.txt"
    if [ "$system" != naive ]; then
        echo "-- wcxb-dev $system metadata"
        python3 scripts/trafilatura_eval.py score-meta "$corpus/wcxb-dev/annotations.json" "$(dump wcxb "$system" -meta)" \
            | tee "$out/meta-$system.txt"
    fi
done

echo
echo "== comparison (to the third decimal)"
python3 - "$out" $systems <<'PY'
import json, re, sys
out, systems = sys.argv[1], sys.argv[2:]
report = json.load(open(f"{out}/report.json"))
bad = 0

def check(label, mine, theirs, keys=("precision", "recall", "f1")):
    global bad
    for key in keys:
        ok = abs(mine[key] - theirs[key]) < 0.0005
        bad += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {label:34s} {key:9s} eval {mine[key]:.4f} scorer {theirs[key]:.4f}")

def parse(path):
    rows = {}
    for line in open(path):
        m = re.search(r"^(\S+)?\s*(?:n=\s*\d+\s+)?precision (\S+) recall (\S+) f1 (\S+)", line)
        if m:
            rows[m.group(1) if "n=" in line else "all"] = dict(zip(("precision", "recall", "f1"), map(float, m.groups()[1:])))
    return rows

def parse_meta(path):
    rows = {}
    for line in open(path):
        m = re.search(r"^(\S+)\s+count\s+(\d+) hits\s+(\d+) accuracy (\S+)", line)
        if m:
            rows[m.group(1)] = {"count": int(m.group(2)), "hits": int(m.group(3)), "accuracy": float(m.group(4))}
    return rows

for system in systems:
    check(f"trafilatura {system}", report["trafilatura"]["systems"][system], parse(f"{out}/score-trafilatura-{system}.txt")["all"])
    theirs = parse(f"{out}/score-wcxb-{system}.txt")
    figures = report["wcxb"]["systems"][system]
    check(f"wcxb {system} all", figures["all"], theirs["all"])
    for page_type, mine in figures["by_type"].items():
        check(f"wcxb {system} {page_type}", mine, theirs[page_type])
    if system != "naive":
        theirs = parse_meta(f"{out}/meta-{system}.txt")
        for field, mine in report["wcxb"]["metadata"][system].items():
            check(f"wcxb {system} metadata {field}", mine, theirs[field], ("count", "hits", "accuracy"))

print("AGREE" if not bad else f"DISAGREE on {bad} figures")
sys.exit(1 if bad else 0)
PY
