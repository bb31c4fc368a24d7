"""One spreadsheet cell read into a field's value, or a `CellError` saying what is wrong."""

import datetime
import functools
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models

from amicc.coalition.geography import state_from_text

TRUE_WORDS = frozenset({"yes", "true", "1"})
FALSE_WORDS = frozenset({"no", "false", "0"})
ZIP_PATTERN = re.compile(r"\d{5}(-\d{4})?")
# Spreadsheets store a ZIP code typed as 02139 as the number 2139.
ZIP_WITHOUT_LEADING_ZEROS = re.compile(r"\d{3,4}")
US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class CellError(ValueError):
    """A value that cannot be imported; the message is shown to staff as it is."""


def text(raw: str, *, max_length: int) -> str:
    if len(raw) > max_length:
        raise CellError(f"longer than {max_length} characters ({len(raw)})")
    return raw


def yes_no(raw: str) -> bool | None:
    """True or False from yes/no, true/false or 1/0 in any case; None when blank."""
    if not raw:
        return None
    word = raw.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"“{raw}” is not yes or no")


def date(raw: str) -> datetime.date | None:
    """A date written as 2024-03-31 (what export writes) or 3/31/2024; None when blank."""
    if not raw:
        return None
    try:
        if match := US_DATE.fullmatch(raw):
            month, day, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"“{raw}” is not a date (write it as YYYY-MM-DD)") from None


def choice(raw: str, choices: type[models.TextChoices]) -> str | None:
    """The stored value of a choice given by its value or its label, in any case."""
    if not raw:
        return None
    wanted = raw.lower()
    for value, label in choices.choices:
        if wanted in (value.lower(), str(label).lower()):
            return value
    known = ", ".join(str(label) for label in choices.labels)
    raise CellError(f"“{raw}” is not one of: {known}")


@functools.lru_cache(maxsize=512)
def state(raw: str) -> str:
    """A state's two-letter code from its code or name; blank stays blank."""
    if not raw:
        return ""
    code = state_from_text(raw)
    if code is None:
        raise CellError(f"“{raw}” is not a US state, territory or DC (use e.g. NY or New York)")
    return code


def email(raw: str) -> str:
    """An email address in lower case, as people are stored; blank stays blank."""
    if not raw:
        return ""
    try:
        validate_email(raw)
    except ValidationError:
        raise CellError(f"“{raw}” is not an email address") from None
    if len(raw) > 254:
        raise CellError("longer than 254 characters")
    return raw.lower()


def zip_code(raw: str) -> str:
    """A five-digit ZIP code or ZIP+4; leading zeros a spreadsheet dropped are put back."""
    if ZIP_WITHOUT_LEADING_ZEROS.fullmatch(raw):
        raw = raw.zfill(5)
    if raw and not ZIP_PATTERN.fullmatch(raw):
        raise CellError(f"“{raw}” is not a ZIP code (five digits, or ZIP+4 as 12345-6789)")
    return raw


def website(raw: str) -> str:
    """A web address; one typed without https:// gets it."""
    if not raw:
        return ""
    address = raw if "://" in raw else f"https://{raw}"
    try:
        URLValidator(schemes=["http", "https"])(address)
    except ValidationError:
        raise CellError(f"“{raw}” is not a web address") from None
    return text(address, max_length=200)
