"""iter_warc: the records of `deboil clean FILE.warc.gz`, streamed, in file order."""

from __future__ import annotations

import gzip
import os

import pytest

import deboil
import warcs
from deboil import _deboil
from gil import progress_during


def test_records_equal_the_cli_records_for_a_gzip_warc(small_warc, cli, html_pages):
    want = cli(str(small_warc))
    records = deboil.iter_warc(small_warc)
    got = list(records)
    assert got == want
    assert len(got) == len(html_pages)
    assert all(r["warc"]["file"] == str(small_warc) and r["id"].startswith("<urn:uuid:") for r in got)
    fifths = len(html_pages) // 5
    assert records.skipped == {"request": len(html_pages), "status_404": fifths, "non_html": fifths, "warcinfo": 1}


def test_records_equal_the_cli_records_for_a_plain_warc_and_relative_path(tmp_path, cli, html_pages):
    warcs.write(tmp_path / "crawl.warc", warcs.crawl(html_pages), compress=False)
    want = cli("crawl.warc", cwd=tmp_path)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        got = list(deboil.iter_warc("crawl.warc"))
    finally:
        os.chdir(cwd)
    assert got == want
    assert got[0]["source"] == "crawl.warc"


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_order_across_chunks_is_the_file_order_at_every_thread_count(tmp_path, threads):
    count = _deboil.WARC_CHUNK * 3 + 7
    pages = [f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1><p>The paragraph of story {i}, long enough to read as prose and be kept.</p></article></body></html>".encode() for i in range(count)]
    path = warcs.write(tmp_path / "many.warc.gz", warcs.crawl(pages))
    titles = [r["title"] for r in deboil.iter_warc(path, threads=threads)]
    assert titles == [f"Story {i}" for i in range(count)]


def test_options_apply_and_failures_are_error_records_in_place(small_warc, cli, html_pages):
    want = cli("--max-bytes", "3000", "--no-explain", str(small_warc))
    got = list(deboil.iter_warc(small_warc, max_bytes=3000, explain=False))
    assert got == want
    kinds = {r["error"]["kind"] for r in got if "error" in r}
    assert kinds == {"too_large"}
    assert all(r["removed"] == [] for r in got if "error" not in r)


def test_a_damaged_member_gives_one_error_record_and_reading_goes_on(tmp_path, cli, html_pages):
    records = [gzip.compress(r) for r in warcs.crawl(html_pages[:6])]
    records[4] = records[4][: len(records[4]) // 2]
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(b"".join(records))
    got = list(deboil.iter_warc(path))
    assert got == cli(str(path))
    assert [r["error"]["kind"] for r in got if "error" in r] == ["warc"]
    assert len([r for r in got if "error" not in r]) >= 4


def test_an_unopenable_file_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        deboil.iter_warc(tmp_path / "missing.warc.gz")


def test_an_empty_file_has_no_records(tmp_path):
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert list(deboil.iter_warc(path)) == []


def test_records_are_streamed_a_chunk_at_a_time(tmp_path):
    count = _deboil.WARC_CHUNK * 4
    pages = [f"<html><body><article><p>Paragraph of page {i}, long enough to read as prose.</p></article></body></html>".encode() for i in range(count)]
    path = warcs.write(tmp_path / "stream.warc.gz", warcs.crawl(pages))
    raw = _deboil.WarcRecords(str(path), 2, deboil.Options()._settings())
    import json

    sizes = []
    while True:
        chunk = json.loads(raw.next_chunk())
        if not chunk:
            break
        sizes.append(len(chunk))
    assert sum(sizes) == count
    assert max(sizes) <= _deboil.WARC_CHUNK


def test_the_gil_is_released_while_a_chunk_is_cleaned(tmp_path, html_pages):
    path = warcs.write(tmp_path / "gil.warc.gz", warcs.crawl(html_pages * 2))
    settings = deboil.Options()._settings()
    # The reader is opened inside the measured call: it cleans records ahead in the
    # background from the moment it opens, so a reader opened before could have its
    # first chunk ready when the call starts, and the call would return at once (no
    # progress although the GIL is released).
    progress = progress_during(lambda: _deboil.WarcRecords(str(path), 1, settings).next_chunk())
    assert progress > 1_000, progress


def test_options_object_iterates_the_same_records(small_warc):
    options = deboil.Options(explain=False)
    assert list(options.iter_warc(small_warc, threads=2)) == list(deboil.iter_warc(small_warc, explain=False))
