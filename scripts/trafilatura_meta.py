#!/usr/bin/env python3
"""Trafilatura's metadata accuracy on the wcxb-dev article pages.

Same pages and comparison as the ignored test `wcxb_metadata_accuracy` in
src/meta/page/tests.rs: article pages whose reference value is non-empty; title and
author compared exactly after whitespace normalisation, dates on the calendar day.

    pip install trafilatura==2.3.0 lxml_html_clean
    python3 scripts/trafilatura_meta.py [CORPUS_DIR]
"""

import gzip
import json
import sys
from pathlib import Path

from trafilatura import extract_metadata


def norm(text):
    """Whitespace-normalised text ('' for None)."""
    return " ".join((text or "").split())


def day(text):
    """The calendar day (YYYY-MM-DD) at the start of a date string."""
    return norm(text)[:10]


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/wcxb-dev")
    annotations = json.loads((corpus / "annotations.json").read_text())
    counts = {"title": [0, 0], "author": [0, 0], "published": [0, 0]}
    for key in sorted(annotations):
        page = annotations[key]
        if page.get("page_type") != "article":
            continue
        raw = gzip.decompress((corpus / page["file"]).read_bytes())
        meta = extract_metadata(raw)  # bytes: trafilatura detects the encoding
        got = {
            "title": norm(meta.title) if meta else "",
            "author": norm(meta.author) if meta else "",
            "published": day(meta.date) if meta else "",
        }
        for field, (hits, total) in counts.items():
            want = norm(page.get(field))
            if not want:
                continue
            want = want[:10] if field == "published" else want
            counts[field] = [hits + (got[field] == want), total + 1]
    for field, (hits, total) in counts.items():
        print(f"{field:10} {hits:4}/{total:4} = {hits / max(total, 1):.3f}")


if __name__ == "__main__":
    main()
