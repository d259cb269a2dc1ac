"""Print an extractor's recall-mode output for pages, for `deboil eval --kinds extractor`.

Reads a JSON list of page paths (gzipped or plain HTML) on standard input and prints a
JSON object: path -> the text trafilatura extracts with favor_recall=True and
include_comments=True (what a pipeline that wants everything keeps), or null when it
gives nothing or fails. deboil runs this with `python -c` from the virtual environment
scripts/install-eval-tools.sh makes; it is not run otherwise.
"""
import gzip
import json
import sys
from multiprocessing import get_context


def extract(path):
    import trafilatura

    try:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as handle:
            page = handle.read()
        text = trafilatura.extract(
            page, favor_recall=True, include_comments=True, include_tables=True
        )
    except Exception:  # a page the extractor cannot read scores as no output
        text = None
    return path, text


def main():
    paths = json.load(sys.stdin)
    with get_context("fork").Pool(2) as pool:
        texts = dict(pool.map(extract, paths, chunksize=16))
    json.dump(texts, sys.stdout)


if __name__ == "__main__":
    main()
