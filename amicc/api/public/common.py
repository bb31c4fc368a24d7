"""What the public routers share: error schemas, bounded input types, absolute URLs.

Every string that reaches a query is bounded and free of control characters (PostgreSQL
refuses NUL), every date lies in a range any time zone can convert, and every id fits
the database's integers, so bad input is a 422 from validation rather than a 500.
"""

import datetime
import unicodedata
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Path, Schema
from pydantic import AfterValidator

# Each text search word narrows the list; more than this many words add nothing useful.
SEARCH_MAX_WORDS = 8
SEARCH_MAX_LENGTH = 200
# A slug as the site's SlugFields take it: the same pattern as Django's `slug` converter.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
MAX_ID = 2_147_483_647
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2199, 12, 31)


class ErrorFieldOut(Schema):
    loc: list[str] = Field(description="Where the bad value is: location, then field name.")
    msg: str = Field(description="What is wrong with it.")


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")
    errors: list[ErrorFieldOut] | None = Field(
        None, description="For invalid input: each bad field and what is wrong with it."
    )


# The errors every public operation may answer besides its own 404s.
LIST_ERRORS = {422: ErrorOut, 429: ErrorOut}
DETAIL_ERRORS = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def _printable(value: str) -> str:
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(_printable)]
SearchText = Annotated[
    PlainText,
    Field(
        max_length=SEARCH_MAX_LENGTH,
        description="Words to look for (case-insensitive); every word must appear.",
    ),
]
SlugFilter = Annotated[str, Field(max_length=200, pattern=SLUG_PATTERN)]
DateFilter = Annotated[datetime.date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]


def slug_path(description: str):
    """A slug in the URL path; the route's `slug` converter refuses anything else with 404."""
    return Path(..., max_length=200, pattern=SLUG_PATTERN, description=description)


def id_path(description: str):
    return Path(..., ge=1, le=MAX_ID, description=description)


def search_words(text: str | None) -> list[str]:
    return (text or "").split()[:SEARCH_MAX_WORDS]


def absolute(request: HttpRequest, path: str | None) -> str | None:
    """The full URL of a site path, on the host the request came to; None for no path."""
    return request.build_absolute_uri(path) if path else None


class NamedRefOut(Schema):
    name: str = Field(description="Its name.")
    slug: str = Field(description="Its identifier in URLs of this API and of the website.")
