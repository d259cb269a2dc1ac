#!/usr/bin/env python3
"""Run trafilatura (fast mode) on both development corpora, dump its output, score it.

usage:
  scripts/trafilatura_eval.py [--corpus DIR] [--out DIR] [--jobs N] [--limit N]
  scripts/trafilatura_eval.py score-meta ANNOTATIONS.json META.json

The first form extracts every page of DIR/trafilatura-eval and DIR/wcxb-dev (default
../shared/corpus) with trafilatura 2.3.0 (`pip install trafilatura==2.3.0`) and writes,
in OUT (default target/trafilatura):

  trafilatura-trafilatura.json       page id -> body text (null when trafilatura gave none)
  wcxb-trafilatura.json              the same for wcxb-dev
  trafilatura-trafilatura-meta.json  page id -> {"title", "byline", "published"}
  wcxb-trafilatura-meta.json         the same for wcxb-dev
  run.json                           trafilatura version, settings, runtime per corpus

(the file names of `deboil eval --dump`, with "trafilatura" as the system), then scores
the texts with ../shared/tools/snippet_score.py and word_score.py and the metadata with
the comparison of `deboil eval` (below). `deboil eval --compare OUT` prints the same
figures next to deboil's.

Settings: body text is `trafilatura.extract(html, url=..., fast=True,
include_comments=False)` (fast = no fallback extractors; comments are not main text,
as in trafilatura's own evaluation); metadata is `trafilatura.extract_metadata(html,
default_url=url)`, which is what `extract(..., with_metadata=True)` runs (its date
search is the configured extensive one even in fast mode). Pages are passed as raw
bytes; trafilatura decodes them.

Metadata comparison (the same as `deboil eval`, on wcxb-dev article pages whose
reference has a value): title and byline (vs `author`) hit when equal after white-space
normalisation. Dates: the reference's ISO prefix is compared with the start of the
predicted value: YYYY-MM-DD (first 10 characters) for a full date, YYYY-MM for the two
references that only give a month, YYYY for a year; a reference that is none of these
is skipped and counted as such (wcxb-dev has none).

The second form (`score-meta`) prints the metadata accuracy of any META.json of that
shape (e.g. the `wcxb-html-meta.json` of `deboil eval --dump`), for cross-checks.
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import time
from multiprocessing import Pool

CORPORA = (("trafilatura", "trafilatura-eval"), ("wcxb", "wcxb-dev"))
FIELDS = (("title", "title"), ("byline", "author"), ("published", "published"))


def norm(text):
    """Python's white-space normalisation of the metrics."""
    return re.sub(r"\s+", " ", text).strip()


def date_key(reference):
    """The ISO prefix of a reference date that a prediction must start with, or None."""
    value = reference.strip()
    full = re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    if full:
        return full.group()
    if re.fullmatch(r"[0-9]{4}(-[0-9]{2})?", value):
        return value
    return None


def meta_hit(field, predicted, reference):
    """Whether a predicted value matches a reference value (None: reference skipped)."""
    if field == "published":
        key = date_key(reference)
        if key is None:
            return None
        return isinstance(predicted, str) and predicted.strip().startswith(key)
    return isinstance(predicted, str) and norm(predicted) == norm(reference)


def meta_accuracy(annotations, meta):
    """{field: (count, hits, skipped)} over article pages whose reference has a value."""
    result = {}
    for field, ref_field in FIELDS:
        count = hits = skipped = 0
        for pid, page in annotations.items():
            reference = page.get(ref_field)
            if page.get("page_type", "article") != "article":
                continue
            if not isinstance(reference, str) or not norm(reference):
                continue
            predicted = (meta.get(pid) or {}).get(field)
            hit = meta_hit(field, predicted, reference)
            if hit is None:
                skipped += 1
                continue
            count += 1
            hits += bool(hit)
        result[field] = (count, hits, skipped)
    return result


def print_meta(accuracy):
    for field, (count, hits, skipped) in accuracy.items():
        share = hits / count if count else 0.0
        note = f" ({skipped} non-ISO references skipped)" if skipped else ""
        print(f"{field:10s} count {count:4d} hits {hits:4d} accuracy {share:.4f}{note}")


def extract_page(job):
    """(page id, text, metadata dict, error) of one page."""
    import trafilatura

    pid, path, url = job
    try:
        with gzip.open(path, "rb") as handle:
            html = handle.read()
        text = trafilatura.extract(html, url=url, fast=True, include_comments=False)
        doc = trafilatura.extract_metadata(html, default_url=url)
        meta = {"title": doc.title, "byline": doc.author, "published": doc.date}
        return pid, text, meta, None
    except Exception as error:  # a failed page scores as extracting nothing
        return pid, None, {"title": None, "byline": None, "published": None}, repr(error)


def run_corpus(corpus_dir, limit, jobs):
    """Extract every page of one corpus; returns texts, metadata, errors, seconds."""
    annotations = json.load(open(os.path.join(corpus_dir, "annotations.json")))
    ids = sorted(annotations)[:limit] if limit else sorted(annotations)
    work = [(pid, os.path.join(corpus_dir, annotations[pid]["file"]), annotations[pid].get("url")) for pid in ids]
    start = time.time()
    with Pool(jobs) as pool:
        results = pool.map(extract_page, work, chunksize=4)
    seconds = time.time() - start
    texts = {pid: text for pid, text, _, _ in results}
    meta = {pid: m for pid, _, m, _ in results}
    errors = {pid: e for pid, _, _, e in results if e}
    return texts, meta, errors, seconds


def dump(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=1, sort_keys=True)


def score(tools, corpus_dir, name, predictions):
    """Run the reference scorer of a corpus on a predictions file."""
    annotations = os.path.join(corpus_dir, "annotations.json")
    if name == "trafilatura":
        cmd = [sys.executable, os.path.join(tools, "snippet_score.py"), annotations, predictions]
    else:
        cmd = [sys.executable, os.path.join(tools, "word_score.py"), annotations, predictions, "--per-type"]
    print(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout, end="")


def extract_all(args):
    import trafilatura

    os.makedirs(args.out, exist_ok=True)
    tools = os.path.join(os.path.dirname(os.path.abspath(args.corpus)), "tools")
    run = {"trafilatura_version": trafilatura.__version__, "limit": args.limit, "jobs": args.jobs,
           "settings": "extract(html, url=url, fast=True, include_comments=False); extract_metadata(html, default_url=url)",
           "seconds": {}, "errors": {}}
    for name, directory in CORPORA:
        corpus_dir = os.path.join(args.corpus, directory)
        texts, meta, errors, seconds = run_corpus(corpus_dir, args.limit, args.jobs)
        run["seconds"][name] = round(seconds, 1)
        run["errors"][name] = errors
        dump(os.path.join(args.out, f"{name}-trafilatura.json"), texts)
        dump(os.path.join(args.out, f"{name}-trafilatura-meta.json"), meta)
        print(f"== {directory}: {len(texts)} pages, {len(errors)} errors, {seconds:.1f} s with {args.jobs} processes")
        score(tools, corpus_dir, name, os.path.join(args.out, f"{name}-trafilatura.json"))
        if name == "wcxb":
            print("metadata (wcxb-dev articles with a reference value):")
            print_meta(meta_accuracy(json.load(open(os.path.join(corpus_dir, "annotations.json"))), meta))
    dump(os.path.join(args.out, "run.json"), run)
    print(f"dumps in {args.out}; compare with: deboil eval --compare {args.out}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "score-meta":
        if len(sys.argv) != 4:
            sys.exit("usage: trafilatura_eval.py score-meta ANNOTATIONS.json META.json")
        print_meta(meta_accuracy(json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="../shared/corpus")
    parser.add_argument("--out", default="target/trafilatura")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=None)
    extract_all(parser.parse_args())


if __name__ == "__main__":
    main()
