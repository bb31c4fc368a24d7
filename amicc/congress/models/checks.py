"""Helpers for the database constraints of the congress models."""

from django.db import models
from django.db.models import Q


def in_choices(field: str, choices: type[models.TextChoices], *, blank: bool = False) -> Q:
    """A check that `field` holds one of the choices (or is blank, when allowed)."""
    values = [*choices.values, ""] if blank else list(choices.values)
    return Q(**{f"{field}__in": values})
