"""Everything a Spark, Ray or datatrove task ships to its workers pickles."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

import deboil

ARTICLE = b"A headline\n\nThe first paragraph of the story, long enough to read as prose here.\n2 min read\n"


def test_options_pickle_and_keep_their_settings():
    options = deboil.Options(input="text", explain=False, max_bytes=1000, max_depth=20, max_blocks=500)
    again = pickle.loads(pickle.dumps(options))
    assert again == options
    assert again.clean(ARTICLE) == options.clean(ARTICLE)
    assert again.clean(ARTICLE)["removed"] == []


def test_options_are_checked_and_frozen():
    with pytest.raises(ValueError):
        deboil.Options(input="pdf")
    with pytest.raises(ValueError):
        deboil.Options(max_blocks=-5)
    with pytest.raises(Exception):
        deboil.Options().explain = False  # type: ignore[misc]


def clean_in_child(options: deboil.Options) -> dict:
    """Runs in another process: the options and the record cross by pickle."""
    return options.clean(ARTICLE)


def test_options_and_records_cross_process_boundaries():
    options = deboil.Options(explain=False)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        [record] = pool.map(clean_in_child, [options])
    assert record == options.clean(ARTICLE)


def test_module_functions_pickle_by_reference():
    for function in (deboil.clean, deboil.clean_many, deboil.iter_warc, deboil.clean_file):
        assert pickle.loads(pickle.dumps(function)) is function
