"""Type stubs of deboil.datatrove."""

from typing import Any, Dict, Optional

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor

from . import Options

METADATA_FIELDS: tuple[str, ...]

class DeboilExtractor(BaseExtractor):
    """A datatrove extractor step cleaning documents with deboil, in-process."""

    options: Options
    keep_record: bool
    def __init__(
        self,
        *,
        input: str = ...,
        explain: bool = ...,
        max_bytes: int = ...,
        max_depth: int = ...,
        max_blocks: int = ...,
        keep_record: bool = ...,
        timeout: Optional[float] = ...,
    ) -> None: ...
    def extract(self, text: str) -> str: ...
    def clean_document(self, text: str, url: Optional[str]) -> Dict[str, Any]: ...
    def run(self, data: DocumentsPipeline, rank: int = ..., world_size: int = ...) -> DocumentsPipeline: ...
