"""clean_many: order, thread counts, errors in place, and the GIL released."""

from __future__ import annotations

import time

import pytest

import deboil
from deboil import _deboil
from gil import progress_during

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"


def story(i: int) -> bytes:
    return f"Story {i}\n\nThe paragraph of story number {i}, long enough to be read as prose.\n".encode()


def test_results_keep_input_order_at_every_thread_count(html_pages):
    items = [story(i) for i in range(300)] + html_pages
    expected = [deboil.clean(item) for item in items]
    for threads in (1, 2, 3, 8, None):
        assert deboil.clean_many(items, threads=threads) == expected, threads
    assert [r["title"] for r in expected[:300]] == [f"Story {i}" for i in range(300)]


def test_items_may_be_bytes_str_or_data_url_pairs():
    url = "https://news.example/story/1"
    records = deboil.clean_many([story(1), story(2).decode(), (story(3), url), (story(4).decode(), None)])
    assert [r["title"] for r in records] == ["Story 1", "Story 2", "Story 3", "Story 4"]
    assert records[2]["url"] == url
    assert records[0]["url"] is None


def test_a_bad_item_gives_its_error_record_in_place_and_never_raises():
    items = [story(0), PNG, story(2), b"x" * 2000, 42, story(5)]
    records = deboil.clean_many(items, threads=2, max_bytes=1000)
    assert [r.get("title") for r in records] == ["Story 0", None, "Story 2", None, None, "Story 5"]
    assert records[1] == {"id": "stdin", "source": "-", "error": {"kind": "binary", "message": "binary content (PNG image), not text or HTML"}}
    assert records[3]["error"]["kind"] == "too_large"
    assert records[4]["error"]["kind"] == "type"
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(PNG)
    assert records[1] == caught.value.record


def test_options_apply_to_every_item():
    records = deboil.clean_many([story(1), story(2)], explain=False, input="html")
    assert all(r["input"] == "html" and r["removed"] == [] for r in records)


def test_empty_list_and_generators():
    assert deboil.clean_many([]) == []
    assert [r["title"] for r in deboil.clean_many(story(i) for i in range(3))] == ["Story 0", "Story 1", "Story 2"]


def test_the_gil_is_released_while_many_documents_are_cleaned(html_pages):
    # One call into the Rust half, which cleans for a good fraction of a second: if it
    # held the GIL, the counting thread could not run at all during it.
    items = [(page, None) for page in html_pages * 6]
    settings = deboil.Options()._settings()
    started = time.perf_counter()
    progress = progress_during(lambda: _deboil.clean_list(items, 1, settings))
    took = time.perf_counter() - started
    assert took > 0.05, took
    assert progress > 10_000, (progress, took)


def test_the_gil_is_released_while_one_document_is_cleaned(html_pages):
    big = b"".join(html_pages) * 3
    settings = deboil.Options()._settings()
    progress = progress_during(lambda: _deboil.clean_one(big, None, None, settings))
    assert progress > 1_000, progress
