"""Plain text out of rich content, for search passages and feed descriptions."""

import html
from collections.abc import Iterable
from typing import Any

from django.utils.html import strip_tags

# Keys of block values that hold choices or identifiers rather than prose.
_SKIP_KEYS = {"level", "id", "type", "url", "page", "image", "document"}


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def streamfield_text(stream) -> str:
    """All the prose in a StreamField value, tags stripped, whitespace folded."""
    raw = [block.get("value") for block in stream.raw_data] if stream else []
    return html_to_text(" ".join(_strings(raw)))


def html_to_text(markup: str) -> str:
    return " ".join(html.unescape(strip_tags(markup)).split())
