"""The engine examples (examples/) run end to end on small WARCs built here: datatrove's
local executor, and PySpark in local mode with two workers."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import deboil
import warcs
from conftest import java_available, require


def two_warcs(folder: Path, pages) -> list:
    """Two gzip WARC files of the fixture pages."""
    folder.mkdir()
    half = len(pages) // 2
    return [
        warcs.write(folder / "a.warc.gz", warcs.crawl(pages[:half])),
        warcs.write(folder / "b.warc.gz", warcs.crawl(pages[half:], first=1_000_000)),
    ]


def run(args, cwd: Path) -> subprocess.CompletedProcess:
    """Run an example with this interpreter; fail with its output when it fails."""
    done = subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return done


def test_datatrove_pipeline_example(repo, tmp_path, html_pages):
    require("datatrove")
    files = two_warcs(tmp_path / "crawl", html_pages)
    out = tmp_path / "out"
    run([repo / "examples/datatrove_pipeline.py", tmp_path / "crawl", out, "--tasks", "2", "--workers", "2"], tmp_path)
    docs = []
    for shard in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as lines:
            docs += [json.loads(line) for line in lines]
    assert len(list(out.glob("*.jsonl.gz"))) == 2, "one output per task"
    by_id = {doc["id"]: doc for doc in docs}
    records = [r for f in files for r in deboil.iter_warc(f)]
    assert records
    for record in records:
        doc = by_id[record["id"]]
        if not record.get("warnings"):
            # The same page, decoded by datatrove's reader instead of deboil: same text.
            assert doc["text"] == record["text"], record["id"]
            assert doc["metadata"]["title"] == record["title"]
        assert doc["metadata"]["lang"] == record["lang"]
    stats = json.loads((tmp_path / "logs-out" / "stats.json").read_text())
    extractor = [step for step in stats if "deboil" in step["name"]]
    assert extractor and extractor[0]["stats"]["forwarded"] == len(docs)


def test_spark_example_in_local_mode(repo, tmp_path, html_pages):
    require("pyspark")
    require("pyarrow")
    import pyarrow.parquet as pq

    if not java_available():
        assert os.environ.get("CI") != "true", "Spark needs Java 17 on PATH"
        pytest.skip("Spark needs Java 17 on PATH")
    files = two_warcs(tmp_path / "crawl", html_pages)
    out = tmp_path / "parquet"
    done = run([repo / "examples/spark_clean_warcs.py", out, *files, "--master", "local[2]"], tmp_path)
    table = pq.read_table(out).to_pylist()
    records = [r for f in files for r in deboil.iter_warc(f)]
    assert f"{len(records)} records from 2 WARC files" in done.stdout
    assert sorted(r["id"] for r in table) == sorted(r["id"] for r in records)
    by_id = {r["id"]: r for r in table}
    for record in records:
        row = by_id[record["id"]]
        assert row["text"] == record["text"]
        assert row["title"] == record["title"]
        assert row["warc_file"] == record["warc"]["file"] and row["warc_offset"] == record["warc"]["offset"]
        assert row["removed"] == len(record["removed"])
    assert len(list(out.glob("part-*.parquet"))) == 2, "one task per file"
