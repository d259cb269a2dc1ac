"""Inputs that cannot be cleaned: CleanError with its kind (clean), error records in
place (clean_many), never a crash."""

from __future__ import annotations

import gzip
import pickle

import pytest

import deboil

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"
ARTICLE = b"A headline\n\nThe first paragraph of the story, long enough to read as prose here.\n"


def test_binary_input_raises_with_kind_binary(cli, tmp_path):
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(PNG)
    error = caught.value
    assert error.kind == "binary"
    assert "PNG" in error.message
    path = tmp_path / "image.html"
    path.write_bytes(PNG)
    [want] = cli(str(path))
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean_file(path)
    assert caught.value.record == want


def test_too_large_input_raises_with_the_limit(cli, tmp_path):
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(ARTICLE, max_bytes=10)
    assert caught.value.kind == "too_large"
    assert "10 bytes" in caught.value.message
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE)
    [want] = cli("--max-bytes", "10", str(path))
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean_file(path, max_bytes=10)
    assert caught.value.record == want


def test_a_gzip_bomb_is_refused_by_size_after_decompression():
    bomb = gzip.compress(b"a" * 2_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(bomb, max_bytes=1_000_000)
    assert caught.value.kind == "too_large"


def test_corrupt_gzip_raises_with_kind_gzip():
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(gzip.compress(ARTICLE)[:-12])
    assert caught.value.kind == "gzip"


def test_too_many_blocks_raises():
    text = "\n\n".join(f"Paragraph number {i} of the text." for i in range(50)).encode()
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(text, max_blocks=10)
    assert caught.value.kind == "too_many_blocks"


def test_empty_input_is_an_empty_record_as_on_the_command_line(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    [want] = cli(str(path))
    assert deboil.clean(b"", name=str(path)) == want
    assert deboil.clean("")["text"] == ""
    assert deboil.clean(b"")["blocks"] == []


def test_deep_nesting_is_flattened_with_a_warning_not_an_error():
    page = ("<div>" * 3000) + "<p>The only paragraph of this deep page, long enough to keep.</p>" + ("</div>" * 3000)
    record = deboil.clean(page.encode(), input="html", max_depth=64)
    assert record["warnings"], record
    assert "only paragraph" in record["text"]


def test_wrong_types_and_settings_raise_python_errors():
    with pytest.raises(TypeError):
        deboil.clean(12)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        deboil.clean(ARTICLE, max_bytes=-1)
    with pytest.raises(ValueError):
        deboil.clean_many([ARTICLE], threads=0)


def test_clean_error_pickles_with_its_kind_and_record():
    with pytest.raises(deboil.CleanError) as caught:
        deboil.clean(PNG)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.kind, again.message, again.record) == (caught.value.kind, caught.value.message, caught.value.record)
    assert isinstance(again, ValueError)


def test_random_bytes_never_crash():
    import random

    rng = random.Random(14)
    for size in (1, 7, 100, 5000):
        for _ in range(20):
            data = bytes(rng.randrange(256) for _ in range(size))
            try:
                record = deboil.clean(data)
            except deboil.CleanError as error:
                assert error.kind in {"binary", "gzip", "too_large", "too_many_blocks"}
            else:
                assert isinstance(record["text"], str)
