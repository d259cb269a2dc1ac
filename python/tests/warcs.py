"""WARC files built at test time: plain, or gzip with one member per record (as Common
Crawl writes them), from pages given as bytes."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path
from typing import Iterable, List, Optional, Tuple


def record(kind: str, number: int, content_type: str, block: bytes, url: Optional[str]) -> bytes:
    """One WARC/1.0 record of `kind` holding `block`."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=number)}>",
        f"WARC-Date: 2026-12-01T00:{number // 60 % 60:02d}:{number % 60:02d}Z",
    ]
    if url is not None:
        headers.append(f"WARC-Target-URI: {url}")
    headers += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def response(number: int, body: bytes, url: str, status: str = "200 OK", media: str = "text/html; charset=utf-8") -> bytes:
    """An HTTP response record."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return record("response", number, "application/http; msgtype=response", http + body, url)


def request(number: int, url: str) -> bytes:
    """An HTTP request record (no page: skipped)."""
    host = url.split("/")[2]
    http = f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    return record("request", number, "application/http; msgtype=request", http, url)


def crawl(pages: Iterable[bytes], first: int = 10) -> List[bytes]:
    """The records of a small crawl of `pages`: a warcinfo record, then a request and a
    200 response per page, a 404 and an image response after every fifth page; record
    ids are numbered from `first` (give each file of a set its own range)."""
    records = [record("warcinfo", first - 1, "application/warc-fields", b"software: deboil tests\r\n", None)]
    number = first
    for index, page in enumerate(pages):
        url = f"https://news{index % 3}.example/story/{index}"
        records.append(request(number, url))
        # No charset in the HTTP header: each page's own declaration decides.
        records.append(response(number + 1, page, url, media="text/html"))
        number += 2
        if index % 5 == 4:
            records.append(response(number, b"<html><body>Not found</body></html>", url + "/x", status="404 Not Found"))
            records.append(response(number + 1, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", url + ".png", media="image/png"))
            number += 2
    return records


def write(path: Path, records: Iterable[bytes], compress: bool = True) -> Path:
    """Write `records` to `path`: one gzip member per record, or plain."""
    with open(path, "wb") as out:
        for rec in records:
            out.write(gzip.compress(rec) if compress else rec)
    return path


def html_fixtures(repo: Path) -> List[Tuple[str, bytes]]:
    """The HTML fixture pages of the repository, by name."""
    return [(p.name, p.read_bytes()) for p in sorted((repo / "fixtures" / "html").glob("*.html"))]
