"""Type stubs of the Rust half of deboil (records cross as JSON text)."""

from typing import Any, Dict, List, Optional, Tuple

Settings = Tuple[str, bool, int, int, int]

VERSION: str
DEFAULT_MAX_BYTES: int
DEFAULT_MAX_DEPTH: int
DEFAULT_MAX_BLOCKS: int
WARC_CHUNK: int

def clean_one(data: Any, url: Optional[str], name: Optional[str], settings: Settings) -> Tuple[bool, str]:
    """Clean one document: (cleaned, the record's JSON)."""

def clean_list(items: List[Tuple[Any, Optional[str]]], threads: int, settings: Settings) -> str:
    """Clean many documents on a thread pool: a JSON array of records in order."""

class WarcRecords:
    """A WARC file's records, cleaned a chunk at a time."""

    def __init__(self, path: str, threads: int, settings: Settings) -> None: ...
    def next_chunk(self) -> str:
        """The next records as a JSON array; [] at the end."""
    def skipped(self) -> Dict[str, int]:
        """Records without a page, by kind."""
