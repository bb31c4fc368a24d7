"""Reads of funders and grants: the public Funders page, the staff dashboard, reminders."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import ExtractYear, Lower
from django.utils.translation import gettext_lazy as _

from amicc.funding.choices import FunderKind, GrantStatus
from amicc.funding.models import AWARDED_STATUSES, Funder, Grant, GrantReport

REMINDER_DAYS = 14


def grants_awarded() -> QuerySet[Grant]:
    """Grants whose money was awarded: awarded ones, and closed ones that had been."""
    return Grant.objects.filter(status__in=AWARDED_STATUSES, awarded_on__isnull=False)


@dataclass(frozen=True)
class FunderGroup:
    kind: str
    label: str
    funders: list[Funder]


def funders_for_public_page() -> list[FunderGroup]:
    """Listed funders with an awarded grant, by credited name, institutions first. One query."""
    awarded = grants_awarded().filter(funder=OuterRef("pk"))
    funders = (
        Funder.objects.filter(Exists(awarded), agreed_to_be_listed=True)
        .only("kind", "public_name", "website")
        .order_by(Lower("public_name"), "pk")
    )
    by_kind: dict[str, list[Funder]] = {kind: [] for kind in FunderKind.values}
    for funder in funders:
        by_kind[funder.kind].append(funder)
    labels = {FunderKind.INSTITUTION: _("Institutions"), FunderKind.INDIVIDUAL: _("Individuals")}
    return [
        FunderGroup(kind=kind, label=labels[kind], funders=listed)
        for kind, listed in by_kind.items()
        if listed
    ]


@dataclass(frozen=True)
class YearTotal:
    year: int
    total: Decimal
    grants: int


@dataclass(frozen=True)
class FunderTotal:
    funder_id: int
    name: str
    total: Decimal
    grants: int


@dataclass(frozen=True)
class CurrencyFunds:
    """Awarded funds in one currency: never added to another currency's."""

    currency: str
    total: Decimal
    by_year: list[YearTotal]
    by_funder: list[FunderTotal]


def awarded_funds_by_currency() -> list[CurrencyFunds]:
    """Awarded funds per currency, by the year of the award and by funder. Two queries.

    A grant counts in full in the year it was awarded (`awarded_on`), not spread over its
    period: the dashboard answers "what did we win each year".
    """
    awarded = grants_awarded().order_by()
    years = (
        awarded.annotate(year=ExtractYear("awarded_on"))
        .values("currency", "year")
        .annotate(total=Sum("amount"), grants=Count("pk"))
        .order_by("currency", "year")
    )
    funders = (
        awarded.values("currency", "funder_id", "funder__name")
        .annotate(total=Sum("amount"), grants=Count("pk"))
        .order_by("currency", "-total", "funder__name")
    )
    by_year: dict[str, list[YearTotal]] = {}
    for row in years:
        by_year.setdefault(row["currency"], []).append(
            YearTotal(row["year"], row["total"], row["grants"])
        )
    by_funder: dict[str, list[FunderTotal]] = {}
    for row in funders:
        by_funder.setdefault(row["currency"], []).append(
            FunderTotal(row["funder_id"], row["funder__name"], row["total"], row["grants"])
        )
    return [
        CurrencyFunds(
            currency=currency,
            total=sum((row.total for row in rows), Decimal(0)),
            by_year=_with_empty_years(rows),
            by_funder=by_funder.get(currency, []),
        )
        for currency, rows in sorted(by_year.items())
    ]


def _with_empty_years(rows: list[YearTotal]) -> list[YearTotal]:
    """Every year from the first to the last, so a year without awards shows as zero."""
    present = {row.year: row for row in rows}
    first, last = min(present), max(present)
    return [present.get(year, YearTotal(year, Decimal(0), 0)) for year in range(first, last + 1)]


@dataclass(frozen=True)
class PipelineRow:
    status: str
    label: str
    currency: str
    total: Decimal
    grants: int


def grants_in_pipeline() -> list[PipelineRow]:
    """Prospects and applications, summed per status and currency."""
    rows = (
        Grant.objects.filter(status__in=(GrantStatus.PROSPECT, GrantStatus.APPLIED))
        .values("status", "currency")
        .annotate(total=Sum("amount"), grants=Count("pk"))
        .order_by("status", "currency")
    )
    labels = dict(GrantStatus.choices)
    return [
        PipelineRow(
            row["status"], labels[row["status"]], row["currency"], row["total"], row["grants"]
        )
        for row in rows
    ]


def reports_outstanding(*, until: datetime.date) -> QuerySet[GrantReport]:
    """Reports not yet submitted on grants still running, due on or before `until`.

    Overdue ones are included: an unsubmitted report stays a staff task until it is sent.
    """
    return (
        GrantReport.objects.filter(
            submitted_on__isnull=True, due_on__lte=until, grant__status=GrantStatus.AWARDED
        )
        .select_related("grant__funder")
        .order_by("due_on", "pk")
    )


def reports_due_for_reminder(*, today: datetime.date) -> list[GrantReport]:
    until = today + datetime.timedelta(days=REMINDER_DAYS)
    return list(reports_outstanding(until=until).filter(reminder_sent_at__isnull=True))
