"""deboil: strip boilerplate and page noise from scraped articles.

Every function returns the record ``deboil clean`` prints, as a dict with the same keys
and values: ``title``, ``standfirst``, ``published``, ``byline``, ``lang``, ``text``,
``blocks``, ``removed`` (every piece taken out, with its reason) and the rest; see the
README of the repository for the record format.

>>> import deboil
>>> record = deboil.clean(b"A headline\\n\\nThe first paragraph of the story, long enough to read.\\n2 min read\\n")
>>> record["title"]
'A headline'

The work is done in Rust with the GIL released: :func:`clean_many` and
:func:`iter_warc` clean on a thread pool; all of them can run in Python threads
side by side.
"""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _deboil

__all__ = [
    "DEFAULT_MAX_BLOCKS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "CleanError",
    "Options",
    "WarcRecords",
    "__version__",
    "clean",
    "clean_file",
    "clean_many",
    "iter_warc",
]

#: The package's version (that of the deboil crate it was built from).
__version__: str = _deboil.VERSION

#: Default cap on a document's size, in bytes after decompression (64 MiB).
DEFAULT_MAX_BYTES: int = _deboil.DEFAULT_MAX_BYTES
#: Default deepest HTML nesting kept as structure (deeper elements are flattened).
DEFAULT_MAX_DEPTH: int = _deboil.DEFAULT_MAX_DEPTH
#: Default cap on the blocks (paragraphs, lines, cells) of one document.
DEFAULT_MAX_BLOCKS: int = _deboil.DEFAULT_MAX_BLOCKS

_INPUTS = ("auto", "html", "text")

Data = Union[bytes, str]
Item = Union[bytes, str, Tuple[Union[bytes, str], Optional[str]]]
Record = Dict[str, Any]


class CleanError(ValueError):
    """A document could not be cleaned.

    Attributes:
        kind: the error kind, as in the command line's error records: ``binary``,
            ``too_large``, ``too_many_blocks``, ``gzip``, ``internal``.
        message: the human-readable explanation.
        record: the error record the command line prints for this input
            (``{"id", "source", "error": {"kind", "message"}}``).
    """

    def __init__(self, kind: str, message: str, record: Optional[Record] = None):
        """An error of `kind` with its `message` and, when known, its error record."""
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.record = record if record is not None else {"error": {"kind": kind, "message": message}}

    def __reduce__(self):
        """Pickle support: rebuilt from kind, message and record."""
        return (type(self), (self.kind, self.message, self.record))


@dataclasses.dataclass(frozen=True)
class Options:
    """Cleaning settings, plain data: picklable, so a Spark, Ray or datatrove task can
    ship them to its workers.

    Attributes:
        input: ``"auto"`` (sniff the content, the default), ``"html"`` or ``"text"``.
        explain: keep the list of removed pieces in ``removed`` (default ``True``).
        max_bytes: largest document accepted, in bytes after decompression.
        max_depth: deepest HTML nesting kept as structure; deeper elements are
            flattened (text kept) and the record gets a warning.
        max_blocks: most blocks a document may have.

    >>> opts = Options(input="html", explain=False)
    >>> opts.clean(b"<p>Some text</p>")["input"]
    'html'
    """

    input: str = "auto"
    explain: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_blocks: int = DEFAULT_MAX_BLOCKS

    def __post_init__(self) -> None:
        """Check the settings: a bad value is a ``ValueError`` here, not at cleaning."""
        if self.input not in _INPUTS:
            raise ValueError(f'input must be "auto", "html" or "text", not {self.input!r}')
        for name in ("max_bytes", "max_depth", "max_blocks"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative int, not {value!r}")

    def _settings(self) -> Tuple[str, bool, int, int, int]:
        """The settings as the Rust half takes them."""
        return (self.input, bool(self.explain), self.max_bytes, self.max_depth, self.max_blocks)

    def clean(self, data: Data, *, url: Optional[str] = None, name: Optional[str] = None) -> Record:
        """:func:`deboil.clean` with these settings."""
        ok, text = _deboil.clean_one(data, url, name, self._settings())
        record = json.loads(text)
        if not ok:
            error = record["error"]
            raise CleanError(error["kind"], error["message"], record)
        return record

    def clean_many(self, items: Iterable[Item], *, threads: Optional[int] = None) -> List[Record]:
        """:func:`deboil.clean_many` with these settings."""
        pairs = [_pair(item) for item in items]
        return json.loads(_deboil.clean_list(pairs, _threads(threads), self._settings()))

    def iter_warc(self, path: Union[str, "os.PathLike[str]"], *, threads: Optional[int] = None) -> "WarcRecords":
        """:func:`deboil.iter_warc` with these settings."""
        return WarcRecords(path, threads=threads, options=self)


def _threads(threads: Optional[int]) -> int:
    """The thread count for the Rust half: 0 for one per CPU."""
    if threads is None:
        return 0
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    return threads


def _pair(item: Any) -> Tuple[Any, Optional[str]]:
    """A ``clean_many`` item as ``(data, url)``; anything else is passed on, and its
    record is an error record of kind ``type``."""
    if isinstance(item, tuple) and len(item) == 2 and (item[1] is None or isinstance(item[1], str)):
        return item
    return (item, None)


def clean(
    data: Data,
    *,
    url: Optional[str] = None,
    name: Optional[str] = None,
    input: str = "auto",
    explain: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_blocks: int = DEFAULT_MAX_BLOCKS,
) -> Record:
    """Clean one document and return its record.

    Args:
        data: the document: ``bytes`` as read from a file or the network (gzip is
            undone, the charset found as the command line does), or ``str`` text that is
            already decoded (a charset the page declares is then ignored).
        url: the address it was fetched from: the record's ``url``; relative canonical
            links are resolved against it.
        name: a file name: its extension breaks a tie between HTML and text, and it is
            the record's ``id`` and ``source``, as ``deboil clean NAME`` writes them.
            Without it they are ``"stdin"`` and ``"-"``, as for standard input.
        input: ``"auto"`` (sniff the content), ``"html"`` or ``"text"``.
        explain: keep the removed pieces in ``removed``.
        max_bytes, max_depth, max_blocks: the hard limits (see :class:`Options`).

    Returns:
        The record, the same dict (keys and values) as ``deboil clean`` prints for the
        same bytes.

    Raises:
        CleanError: the document cannot be cleaned (binary, too large, corrupt gzip, too
            many blocks); its ``kind`` says why.
        TypeError: ``data`` is neither ``bytes`` nor ``str``.
    """
    return Options(input, explain, max_bytes, max_depth, max_blocks).clean(data, url=url, name=name)


def clean_file(
    path: Union[str, "os.PathLike[str]"],
    *,
    url: Optional[str] = None,
    input: str = "auto",
    explain: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_blocks: int = DEFAULT_MAX_BLOCKS,
) -> Record:
    """Clean one file (text or HTML, gzip or not) and return the record that
    ``deboil clean PATH`` prints for it (``id`` and ``source`` are the path as given).

    Raises:
        OSError: the file cannot be read.
        CleanError: as for :func:`clean`; a file over ``max_bytes`` is refused without
            being read whole.
    """
    name = os.fspath(path)
    with open(name, "rb") as file:
        # One byte over the limit is enough for the cleaner to refuse the file.
        data = file.read(max_bytes + 1)
    return clean(
        data,
        url=url,
        name=name,
        input=input,
        explain=explain,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_blocks=max_blocks,
    )


def clean_many(
    items: Iterable[Item],
    *,
    threads: Optional[int] = None,
    input: str = "auto",
    explain: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_blocks: int = DEFAULT_MAX_BLOCKS,
) -> List[Record]:
    """Clean many documents on a thread pool, the GIL released, and return their
    records in input order.

    Args:
        items: ``bytes``, ``str`` or ``(data, url)`` pairs (see :func:`clean`).
        threads: worker threads (``None``: one per CPU, or ``RAYON_NUM_THREADS``).
        input, explain, max_bytes, max_depth, max_blocks: as for :func:`clean`.

    Returns:
        One record per item, in order: ``records[i]`` is what ``clean(items[i])``
        returns, or, where it would raise, the error record
        (``{"id", "source", "error": {"kind", "message"}}``) the command line writes.
        An item that is not bytes, str or such a pair gives an error record of kind
        ``type``. Never raises for a bad item.
    """
    options = Options(input, explain, max_bytes, max_depth, max_blocks)
    return options.clean_many(items, threads=threads)


class WarcRecords:
    """The records of a WARC file, from :func:`iter_warc`: an iterator of dicts.

    Records are read on a thread of their own and cleaned a chunk at a time (32
    records) on a thread pool, the GIL released, so memory stays bounded whatever the
    file's size. ``skipped`` counts the records without a page by kind.
    """

    def __init__(
        self,
        path: Union[str, "os.PathLike[str]"],
        *,
        threads: Optional[int] = None,
        options: Optional[Options] = None,
    ):
        """Open the WARC file (``OSError`` when it cannot be opened)."""
        options = options if options is not None else Options()
        self.path = os.fspath(path)
        self._records = _deboil.WarcRecords(self.path, _threads(threads), options._settings())
        self._ready: List[Record] = []
        self._done = False

    def __iter__(self) -> "WarcRecords":
        """The iterator itself."""
        return self

    def __next__(self) -> Record:
        """The next record, in file order."""
        if not self._ready and not self._done:
            self._ready = json.loads(self._records.next_chunk())
            self._ready.reverse()
            self._done = not self._ready
        if not self._ready:
            raise StopIteration
        return self._ready.pop()

    @property
    def skipped(self) -> Dict[str, int]:
        """Records without a page seen so far, by kind (``request``, ``status_404``,
        ``non_html``, ...), as the command line's summary counts them."""
        return dict(self._records.skipped())


def iter_warc(
    path: Union[str, "os.PathLike[str]"],
    *,
    threads: Optional[int] = None,
    input: str = "auto",
    explain: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_blocks: int = DEFAULT_MAX_BLOCKS,
) -> WarcRecords:
    """Iterate over the records of a WARC file (plain or gzip), streaming.

    The records are those ``deboil clean PATH`` prints for the file, in file order:
    one per page (2xx HTML response, HTML resource, WET text conversion) with a ``warc``
    object (file, offset, record id, date), ``id`` the WARC-Record-ID and ``source``
    the path as given; a damaged or undecodable record gives its error record in
    place. Records that hold no page are counted in the iterator's ``skipped``.

    Args:
        path: the WARC file.
        threads: worker threads (``None``: one per CPU).
        input, explain, max_bytes, max_depth, max_blocks: as for :func:`clean`.

    Raises:
        OSError: the file cannot be opened.
    """
    options = Options(input, explain, max_bytes, max_depth, max_blocks)
    return WarcRecords(path, threads=threads, options=options)
