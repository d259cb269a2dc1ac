#!/usr/bin/env bash
# The screenshots of the seed report shown in the README:
#   docs/report-seeds.png           the Independent seed (004): kept paragraphs plain, then
#                                   the registration wall struck through under its codes
#   docs/report-seeds-overview.png  the top of the report: totals, legend, contents
# Needs /usr/bin/chromium (apt-get install chromium), node and `npm ci` in tests/browser;
# pngquant (apt-get install pngquant), when present, shrinks the images about threefold.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/debug/deboil report fixtures/seeds -o "$work/report.html" -q
(cd tests/browser && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)

mkdir -p docs
shoot() { # OUT [SELECTOR]
  local profile
  profile=$(mktemp -d -p "$work")
  node tests/browser/screenshot.mjs "$work/report.html" "$1" "$profile" ${2:+"$2"}
  if command -v pngquant >/dev/null; then
    pngquant --quality 70-90 --speed 1 --force --output "$1" "$1"
  fi
  echo "$1: $(wc -c <"$1") bytes"
}
shoot docs/report-seeds.png 'section.doc:has(h2 small:text-is("004_3fd48a2bf4d62dac.txt"))'
shoot docs/report-seeds-overview.png
