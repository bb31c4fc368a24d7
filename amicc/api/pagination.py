"""Every list answers `{count, next, previous, results}`, paged by `limit` and `offset`.

Lists must be ordered by something unique (ending in the primary key) so that paging
through a list that is not changing never skips or repeats an item.
"""

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


def _page_url(request: HttpRequest, *, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")


class Pagination(PaginationBase):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    class Output(Schema):
        count: int = Field(description="Items in the whole list.")
        next: str | None = Field(description="The next page, or null on the last.")
        previous: str | None = Field(description="The previous page, or null on the first.")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        limit, offset = pagination.limit, pagination.offset
        count = self._items_count(queryset)
        return {
            "count": count,
            "next": (
                _page_url(request, limit=limit, offset=offset + limit)
                if offset + limit < count
                else None
            ),
            "previous": (
                _page_url(request, limit=limit, offset=max(0, offset - limit)) if offset else None
            ),
            "results": list(queryset[offset : offset + limit]),
        }
