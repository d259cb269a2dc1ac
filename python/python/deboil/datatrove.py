"""deboil as a datatrove extractor step: :class:`DeboilExtractor`.

Put it where datatrove's ``Trafilatura`` step would go::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from deboil.datatrove import DeboilExtractor

    LocalPipelineExecutor(pipeline=[
        WarcReader("crawl/"),
        DeboilExtractor(),
        JsonlWriter("clean/"),
    ], tasks=4).run()

Unlike datatrove's own extractors, which run each document in a subprocess under a
timeout, deboil cleans in-process: its hard limits (``max_bytes``, ``max_depth``,
``max_blocks``) bound the work a document can cause, and a failure of one document is
an error value, never a crash of the worker.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from . import DEFAULT_MAX_BLOCKS, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, CleanError, Options

__all__ = ["DeboilExtractor"]

#: The record fields copied into a document's metadata.
METADATA_FIELDS = ("title", "byline", "published", "lang")


class DeboilExtractor(BaseExtractor):
    """A datatrove extractor step that cleans each document's HTML (or extractor text)
    with deboil, in-process.

    For every document the step replaces ``text`` with deboil's clean body text and
    adds to its ``metadata``: ``title``, ``byline``, ``published``, ``lang`` (``None``
    when the page has none), ``removed`` (how many pieces deboil took out; 0 with
    ``explain=False``) and ``removed_chars``. With ``keep_record=True`` the whole
    record goes in ``metadata["deboil"]`` too.

    A document with no article text is dropped (stat ``dropped`` and
    ``no_article_text``); one that cannot be cleaned (binary, too large, ...) is dropped
    and counted as ``clean_error`` and ``clean_error_<kind>``. Kept documents count as
    ``extracted`` and ``forwarded``.

    Args:
        input: ``"auto"`` (the default: HTML pages and WET text alike), ``"html"`` or
            ``"text"``.
        explain: let deboil list the removed pieces (needed for the ``removed`` count).
        max_bytes, max_depth, max_blocks: deboil's hard limits per document.
        keep_record: also store the whole deboil record in ``metadata["deboil"]``.
        timeout: accepted for compatibility with datatrove's extractors and unused:
            deboil runs in-process, bounded by its limits, not by a timer.
    """

    name = "🧽 deboil"
    _requires_dependencies = []

    def __init__(
        self,
        *,
        input: str = "auto",
        explain: bool = True,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_blocks: int = DEFAULT_MAX_BLOCKS,
        keep_record: bool = False,
        timeout: Optional[float] = None,
    ):
        """Set up the step with deboil's options (see the class documentation)."""
        super().__init__(timeout=timeout if timeout is not None else 0.0)
        self.options = Options(input, explain, max_bytes, max_depth, max_blocks)
        self.keep_record = keep_record

    def extract(self, text: str) -> str:
        """deboil's clean text of one document (``""`` when it cannot be cleaned)."""
        try:
            return self.options.clean(text)["text"]
        except CleanError:
            return ""

    def clean_document(self, text: str, url: Optional[str]) -> Dict[str, Any]:
        """The deboil record of one document's text, with its address when known."""
        return self.options.clean(text, url=url)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean every document in-process and yield those with article text."""
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    record = self.clean_document(doc.text, _url(doc.metadata))
                except CleanError as error:
                    self.stat_update("clean_error", f"clean_error_{error.kind}")
                    continue
            self.stat_update("extracted")
            if not record["text"].strip():
                self.stat_update(StatHints.dropped, "no_article_text")
                continue
            doc.text = record["text"]
            doc.metadata.update(_metadata(record))
            if self.keep_record:
                doc.metadata["deboil"] = record
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc


def _url(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The document's address from its metadata (datatrove's readers store ``url``)."""
    url = (metadata or {}).get("url")
    return url if isinstance(url, str) and url else None


def _metadata(record: Dict[str, Any]) -> Dict[str, Any]:
    """The metadata a cleaned document gets from its record."""
    metadata = {field: record.get(field) for field in METADATA_FIELDS}
    metadata["removed"] = len(record.get("removed") or [])
    metadata["removed_chars"] = record["stats"]["removed_chars"]
    return metadata
