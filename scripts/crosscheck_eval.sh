#!/usr/bin/env bash
# Cross-check `deboil eval` against the reference scorers in ../shared/tools/.
#
# Runs the eval on both corpora with --dump and --json, scores the dumped texts (naive
# and cleaned) with snippet_score.py and word_score.py, shows both outputs, and checks
# that every figure agrees to the third decimal. Exit status 1 on any disagreement.
#
# usage: scripts/crosscheck_eval.sh [CORPUS_DIR] [extra eval flags, e.g. --mode html]
# (not --only or --limit: the scorers always score every annotated page)
set -euo pipefail

cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
shift || true
tools="$(dirname "$corpus")/tools"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export PYTHONUTF8=1

echo "== deboil eval (dumps in $out)"
cargo run --quiet --release -- eval --corpus "$corpus" --dump "$out" --json "$out/report.json" "$@"

score() { # corpus-name text-kind -> scorer output
    case "$1" in
        trafilatura) python3 "$tools/snippet_score.py" "$corpus/trafilatura-eval/annotations.json" "$out/$1-$2.json" ;;
        wcxb) python3 "$tools/word_score.py" "$corpus/wcxb-dev/annotations.json" "$out/$1-$2.json" --per-type ;;
    esac
}

echo
echo "== reference scorers"
for name in trafilatura wcxb; do
    for kind in naive cleaned; do
        echo "-- $name $kind"
        score "$name" "$kind" | tee "$out/$name-$kind.txt"
    done
done

echo
echo "== comparison (to the third decimal)"
python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
report = json.load(open(f"{out}/report.json"))
bad = 0

def check(label, mine, theirs):
    global bad
    for key in ("precision", "recall", "f1"):
        ok = abs(mine[key] - theirs[key]) < 0.0005
        bad += not ok
        print(f"{'ok  ' if ok else 'DIFF'} {label:28s} {key:9s} eval {mine[key]:.4f} scorer {theirs[key]:.4f}")

def parse(path):
    rows = {}
    for line in open(path):
        m = re.search(r"^(\S+)?\s*(?:n=\s*\d+\s+)?precision (\S+) recall (\S+) f1 (\S+)", line)
        if m:
            rows[m.group(1) if "n=" in line else "all"] = dict(zip(("precision", "recall", "f1"), map(float, m.groups()[1:])))
    return rows

for kind in ("naive", "cleaned"):
    check(f"trafilatura {kind}", report["trafilatura"][kind], parse(f"{out}/trafilatura-{kind}.txt")["all"])
    theirs = parse(f"{out}/wcxb-{kind}.txt")
    figures = report["wcxb"][kind]
    check(f"wcxb {kind} all", figures["all"], theirs["all"])
    for page_type, mine in figures["by_type"].items():
        check(f"wcxb {kind} {page_type}", mine, theirs[page_type])

print("AGREE" if not bad else f"DISAGREE on {bad} figures")
sys.exit(1 if bad else 0)
PY
