"""deboil.datatrove.DeboilExtractor: a datatrove step cleaning in-process."""

from __future__ import annotations

import pickle

import pytest

from conftest import require

require("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.pipeline.extractors.base import BaseExtractor  # noqa: E402

import deboil  # noqa: E402
from deboil.datatrove import DeboilExtractor  # noqa: E402

PNG = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"


def stats(step) -> dict:
    """The step's counters."""
    return {key: value for key, value in step.stats.to_dict()["stats"].items() if isinstance(value, int)}


def test_documents_get_clean_text_and_metadata_and_empty_ones_are_dropped(repo):
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_text(encoding="utf-8")
    url = "https://news.example/bridge"
    docs = [
        Document(text=page, id="page", metadata={"url": url, "date": "2026-12-01"}),
        Document(text="<html><body><nav><a href=/>Home</a></nav></body></html>", id="empty"),
        Document(text=PNG, id="binary"),
    ]
    step = DeboilExtractor()
    assert isinstance(step, BaseExtractor)
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["page"]
    record = deboil.clean(page, url=url)
    doc = kept[0]
    assert doc.text == record["text"] and doc.text
    assert "<" not in doc.text
    for field in ("title", "byline", "published", "lang"):
        assert doc.metadata[field] == record[field], field
    assert doc.metadata["removed"] == len(record["removed"]) > 0
    assert doc.metadata["url"] == url and doc.metadata["date"] == "2026-12-01"
    counts = stats(step)
    assert counts["total"] == 3
    assert counts["forwarded"] == 1
    assert counts["dropped"] == 1 and counts["no_article_text"] == 1
    assert counts["clean_error"] == 1 and counts["clean_error_binary"] == 1


def test_options_reach_the_cleaner(repo):
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_text(encoding="utf-8")
    step = DeboilExtractor(explain=False, keep_record=True)
    [doc] = step.run(iter([Document(text=page, id="p")]))
    assert doc.metadata["removed"] == 0
    assert doc.metadata["deboil"]["removed"] == []
    assert doc.metadata["deboil"]["title"] == doc.metadata["title"]
    small = DeboilExtractor(max_bytes=100)
    assert list(small.run(iter([Document(text=page, id="p")]))) == []
    assert stats(small)["clean_error_too_large"] == 1
    with pytest.raises(ValueError):
        DeboilExtractor(input="pdf")


def test_extract_gives_the_clean_text(repo):
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_text(encoding="utf-8")
    step = DeboilExtractor()
    assert step.extract(page) == deboil.clean(page)["text"]
    assert step.extract(PNG) == ""


def test_the_step_pickles_for_datatrove_workers(repo):
    step = pickle.loads(pickle.dumps(DeboilExtractor(explain=False, max_bytes=1 << 20)))
    assert step.options == deboil.Options(explain=False, max_bytes=1 << 20)
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_text(encoding="utf-8")
    assert list(step.run(iter([Document(text=page, id="p")])))[0].metadata["title"]
