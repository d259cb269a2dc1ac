"""Shared fixtures: the repository, the deboil command line to compare with, test WARCs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import warcs  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def find_cli() -> Path:
    """The deboil binary: $DEBOIL_BIN, else the newest of target/{release,debug}/deboil,
    else one built now with cargo (debug)."""
    given = os.environ.get("DEBOIL_BIN")
    if given:
        return Path(given)
    built = [REPO / "target" / p / "deboil" for p in ("release", "debug")]
    built = [p for p in built if p.is_file()]
    if not built:
        subprocess.run(["cargo", "build", "--quiet", "--bin", "deboil"], cwd=REPO, check=True)
        return REPO / "target" / "debug" / "deboil"
    return max(built, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root."""
    return REPO


@pytest.fixture(scope="session")
def cli():
    """Run `deboil clean ARGS` (in the repository) and return its records."""
    binary = find_cli()

    def run(*args: str, cwd: Path = REPO) -> List[dict]:
        done = subprocess.run(
            [str(binary), "clean", *args], cwd=cwd, capture_output=True, timeout=600
        )
        assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    return run


@pytest.fixture(scope="session")
def html_pages() -> List[bytes]:
    """The HTML fixture pages."""
    return [page for _, page in warcs.html_fixtures(REPO)]


@pytest.fixture()
def small_warc(tmp_path: Path, html_pages: List[bytes]) -> Path:
    """A gzip WARC of the HTML fixtures (with requests, a 404, an image, a warcinfo)."""
    return warcs.write(tmp_path / "crawl.warc.gz", warcs.crawl(html_pages))


def have(module: str) -> bool:
    """Whether a module can be imported."""
    try:
        __import__(module)
    except Exception:
        return False
    return True


def java_available() -> bool:
    """Whether a Java runtime is on PATH (Spark needs one)."""
    return shutil.which("java") is not None


def require(module: str) -> None:
    """Skip the test when `module` is missing, except under CI (CI=true), where a
    missing prerequisite fails the test instead."""
    if have(module):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{module} is not installed (CI installs it: see .ci/run)")
    pytest.skip(f"{module} is not installed", allow_module_level=True)
