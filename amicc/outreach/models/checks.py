"""Helpers for the database constraints of the outreach models."""

from django.db import models
from django.db.models import Q


def in_choices(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": list(choices.values)})
