"""Type stubs of the deboil package (see __init__.py for the documentation)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

__version__: str
DEFAULT_MAX_BYTES: int
DEFAULT_MAX_DEPTH: int
DEFAULT_MAX_BLOCKS: int

Data = Union[bytes, str]
Item = Union[bytes, str, Tuple[Union[bytes, str], Optional[str]]]
Record = Dict[str, Any]
PathLike = Union[str, os.PathLike[str]]

class CleanError(ValueError):
    """A document could not be cleaned; ``kind`` says why."""

    kind: str
    message: str
    record: Record
    def __init__(self, kind: str, message: str, record: Optional[Record] = ...) -> None: ...

class Options:
    """Cleaning settings (a frozen, picklable dataclass)."""

    input: str
    explain: bool
    max_bytes: int
    max_depth: int
    max_blocks: int
    def __init__(
        self,
        input: str = ...,
        explain: bool = ...,
        max_bytes: int = ...,
        max_depth: int = ...,
        max_blocks: int = ...,
    ) -> None: ...
    def clean(self, data: Data, *, url: Optional[str] = ..., name: Optional[str] = ...) -> Record: ...
    def clean_many(self, items: Iterable[Item], *, threads: Optional[int] = ...) -> List[Record]: ...
    def iter_warc(self, path: PathLike, *, threads: Optional[int] = ...) -> WarcRecords: ...

class WarcRecords(Iterator[Record]):
    """The records of a WARC file, in file order."""

    path: str
    def __init__(
        self, path: PathLike, *, threads: Optional[int] = ..., options: Optional[Options] = ...
    ) -> None: ...
    def __iter__(self) -> WarcRecords: ...
    def __next__(self) -> Record: ...
    @property
    def skipped(self) -> Dict[str, int]: ...

def clean(
    data: Data,
    *,
    url: Optional[str] = ...,
    name: Optional[str] = ...,
    input: str = ...,
    explain: bool = ...,
    max_bytes: int = ...,
    max_depth: int = ...,
    max_blocks: int = ...,
) -> Record: ...
def clean_file(
    path: PathLike,
    *,
    url: Optional[str] = ...,
    input: str = ...,
    explain: bool = ...,
    max_bytes: int = ...,
    max_depth: int = ...,
    max_blocks: int = ...,
) -> Record: ...
def clean_many(
    items: Iterable[Item],
    *,
    threads: Optional[int] = ...,
    input: str = ...,
    explain: bool = ...,
    max_bytes: int = ...,
    max_depth: int = ...,
    max_blocks: int = ...,
) -> List[Record]: ...
def iter_warc(
    path: PathLike,
    *,
    threads: Optional[int] = ...,
    input: str = ...,
    explain: bool = ...,
    max_bytes: int = ...,
    max_depth: int = ...,
    max_blocks: int = ...,
) -> WarcRecords: ...
