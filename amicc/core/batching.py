"""Splitting long lists of ids for `IN (...)` queries."""

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
# Ids per IN (...) list: well under SQLite's limit on query parameters.
CHUNK_SIZE = 5000


def chunks(items: Sequence[T], size: int = CHUNK_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
