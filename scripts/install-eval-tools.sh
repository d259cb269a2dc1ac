#!/usr/bin/env bash
# Install the tools `deboil eval --kinds extractor` runs (trafilatura, in recall mode)
# into a virtual environment, by default target/eval-tools (the eval's --tools default).
# CI does not need this: without it the eval skips the extractor kind and says so.
set -euo pipefail
dir="${1:-target/eval-tools}"
python3 -m venv "$dir"
"$dir/bin/pip" install --quiet --upgrade pip
"$dir/bin/pip" install --quiet "trafilatura==2.3.0"
"$dir/bin/python" -c 'import trafilatura; print("trafilatura", trafilatura.__version__, "in", "'"$dir"'")'
