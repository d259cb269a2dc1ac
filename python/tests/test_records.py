"""Records from Python are the command line's records, key for key and value for value."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

import deboil
from conftest import find_cli

PICKED = (".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz")


def fixture_files(repo: Path):
    """Every page the CLI would pick under fixtures/, as paths relative to the repo."""
    files = [
        p.relative_to(repo)
        for p in sorted((repo / "fixtures").rglob("*"))
        if p.is_file() and p.name.endswith(PICKED)
    ]
    assert len(files) > 50, files
    return files


def test_every_fixture_record_equals_the_cli_record(repo, cli):
    files = fixture_files(repo)
    expected = cli(*map(str, files))
    assert len(expected) == len(files)
    for path, want in zip(files, expected):
        got = deboil.clean((repo / path).read_bytes(), name=str(path))
        assert got == want, path
        assert deboil.clean_file(repo / path) == dict(want, id=str(repo / path), source=str(repo / path))


def test_record_keys_and_types_are_the_cli_ones(repo, cli):
    path = "fixtures/html/01_registration-wall_arc.html"
    [want] = cli(path)
    got = deboil.clean((repo / path).read_bytes(), name=path)
    assert list(got) == list(want)
    assert isinstance(got["stats"]["input_bytes"], int)
    assert got["title"]
    assert got["removed"], "explain is on by default"


def test_standard_input_naming_and_options_match_the_cli(repo, cli, tmp_path):
    page = (repo / "fixtures/html/03_cookie-banner_wordpress.html").read_bytes()
    source = tmp_path / "page.bin"
    source.write_bytes(page)
    url = "https://news.example/a/b?x=1"
    with open(source, "rb") as stdin:
        done = subprocess.run(
            [str(find_cli()), "clean", "--url", url, "--input", "html", "--no-explain", "-"],
            stdin=stdin,
            capture_output=True,
            check=True,
        )
    want = json.loads(done.stdout)
    got = deboil.clean(page, url=url, input="html", explain=False)
    assert got == want
    assert got["id"] == "stdin" and got["source"] == "-" and got["url"] == url
    assert got["removed"] == []


def test_gzip_bytes_are_undone_as_by_the_cli(repo):
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_bytes()
    assert deboil.clean(gzip.compress(page)) == deboil.clean(page)


def test_str_is_taken_as_decoded_text(repo):
    page = (repo / "fixtures/html/01_registration-wall_arc.html").read_bytes()
    assert deboil.clean(page.decode("utf-8"))["text"] == deboil.clean(page)["text"]
    # A declared charset does not re-decode text that is already a str.
    latin = '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9</title></head><body><article><p>Un caf\u00e9 cr\u00e8me, long enough to be kept as the body of this article.</p></article></body></html>'
    assert "caf\u00e9 cr\u00e8me" in deboil.clean(latin)["text"]


def test_input_mode_is_obeyed_and_checked():
    text = b"<p>A headline</p>\n\nThe body of the article, long enough to be prose for the cleaner.\n"
    assert deboil.clean(text, input="text")["input"] == "text"
    assert deboil.clean(text, input="html")["input"] == "html"
    with pytest.raises(ValueError):
        deboil.clean(text, input="pdf")


def test_version_and_limits_are_exposed():
    assert deboil.__version__.count(".") == 2
    assert deboil.DEFAULT_MAX_BYTES == 64 * 1024 * 1024
    assert deboil.Options().max_blocks == deboil.DEFAULT_MAX_BLOCKS
