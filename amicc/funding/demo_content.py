"""Load the funding demo: the funders the coalition's own pages name, with sample grants.

The funders are those AMICC credits publicly (../shared/seeds); every amount, date and
purpose of their grants is an illustrative sample, and each grant's notes say so. Dates
are set from today, so a report is always due within the reminder window. Loads only into
empty funding tables; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from amicc.core.page_cache import invalidate_page_cache
from amicc.funding.choices import FunderKind, GrantStatus, ReportKind
from amicc.funding.models import Funder, Grant
from amicc.funding.selectors import REMINDER_DAYS, reports_due_for_reminder
from amicc.funding.services.grants import (
    ReportDue,
    funder_create,
    grant_create,
    grant_report_submit,
)

SAMPLE_NOTE = (
    "Demo record: the amount, dates and purpose are illustrative sample figures, not the "
    "terms of a real grant."
)


@dataclass(frozen=True)
class SeedFunder:
    name: str
    website: str
    amount: int  # an illustrative sample, in US dollars
    years_ago: int  # when the sample grant was awarded
    purpose: str


# The funders named on AMICC's "About us" page, in its order; the grants are samples.
SEED_FUNDERS = (
    SeedFunder(
        "American Bar Association Section of International Law",
        "https://www.americanbar.org/groups/international_law/",
        15_000,
        4,
        "Sample: briefings for bar associations on the Rome Statute.",
    ),
    SeedFunder(
        "American Jewish Committee/Jacob Blaustein Institute for the Advancement of Human Rights",
        "https://www.ajc.org/",
        20_000,
        3,
        "Sample: educational materials on accountability for atrocity crimes.",
    ),
    SeedFunder("The Connect U.S. Fund", "", 35_000, 4, "Sample: general operating support."),
    SeedFunder(
        "Ford Foundation",
        "https://www.fordfoundation.org/",
        60_000,
        2,
        "Sample: the coalition's advocacy with Congress and the executive branch.",
    ),
    SeedFunder("Planethood Foundation", "", 25_000, 1, "Sample: the delegation to the Assembly."),
    SeedFunder(
        "United Nations Association of the USA",
        "https://unausa.org/",
        10_000,
        3,
        "Sample: presentations to local chapters and alliances.",
    ),
    SeedFunder("Van Evera Family Foundation", "", 12_000, 2, "Sample: local alliance outreach."),
    SeedFunder("Whitehead Foundation", "", 18_000, 0, "Sample: the website and action guides."),
)


def _award_date(today: datetime.date, years_ago: int) -> datetime.date:
    # Two months back for this year's grant, so its period is running and its report is due.
    if years_ago == 0:
        return today - datetime.timedelta(days=60)
    return datetime.date(today.year - years_ago, 3, 15)


def _awarded_grant(seed: SeedFunder, funder: Funder, today: datetime.date) -> Grant:
    awarded_on = _award_date(today, seed.years_ago)
    start = awarded_on + datetime.timedelta(days=14)
    end = start + datetime.timedelta(days=364)  # a year-long period
    final_due = end + datetime.timedelta(days=60)
    reports = [ReportDue(kind=ReportKind.FINAL, due_on=final_due)]
    interim_due = today + datetime.timedelta(days=10)
    if start < interim_due < end:
        reports.insert(
            0,
            ReportDue(
                kind=ReportKind.INTERIM, title="Narrative and budget update", due_on=interim_due
            ),
        )
    grant = grant_create(
        funder=funder,
        title=f"{awarded_on.year} grant (sample)",
        amount=Decimal(seed.amount),
        status=GrantStatus.AWARDED if final_due >= today else GrantStatus.CLOSED,
        period_start=start,
        period_end=end,
        purpose=seed.purpose,
        awarded_on=awarded_on,
        notes=SAMPLE_NOTE,
        reports=reports,
    )
    for report in grant.reports.filter(due_on__lt=today):
        grant_report_submit(report=report, submitted_on=report.due_on)
    return grant


def _open_grants(funders: dict[str, Funder], today: datetime.date) -> None:
    grant_create(
        funder=funders["Ford Foundation"],
        title="Renewal proposal (sample)",
        amount=Decimal(75_000),
        status=GrantStatus.PROSPECT,
        purpose="Sample: a two-year renewal of advocacy support, not yet submitted.",
        notes=SAMPLE_NOTE,
    )
    grant_create(
        funder=funders["Planethood Foundation"],
        title="Student delegation fellowships (sample)",
        amount=Decimal(15_000),
        status=GrantStatus.APPLIED,
        period_start=today + datetime.timedelta(days=90),
        period_end=today + datetime.timedelta(days=455),
        purpose="Sample: places for students in the delegation, application under review.",
        notes=SAMPLE_NOTE,
    )


@transaction.atomic
def funding_demo_load() -> str:
    if Funder.objects.exists() or Grant.objects.exists():
        return "Funding: funders already recorded, nothing loaded."
    today = timezone.localdate()
    funders: dict[str, Funder] = {}
    for seed in SEED_FUNDERS:
        funder = funder_create(
            name=seed.name,
            kind=FunderKind.INSTITUTION,
            website=seed.website,
            agreed_to_be_listed=True,
            contact_notes="Demo funder, named on AMICC's own site; no contact details.",
        )
        funders[seed.name] = funder
        _awarded_grant(seed, funder, today)
    _open_grants(funders, today)
    transaction.on_commit(invalidate_page_cache)
    due = len(reports_due_for_reminder(today=today))
    return (
        f"Funding: {len(funders)} listed funders, {Grant.objects.count()} sample grants "
        f"(1 prospect, 1 applied), {due} report(s) due within {REMINDER_DAYS} days."
    )
