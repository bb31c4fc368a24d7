"""Writes of funders, grants and their reports. Each write is checked whole and logged.

The admin's forms check the same model rules (`Funder.clean`, `Grant.clean`, constraints)
and Wagtail logs their saves; these services are what the demo, commands and tests use.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from amicc.funding.choices import FunderKind, GrantStatus, ReportKind
from amicc.funding.models import Funder, Grant, GrantReport


@dataclass(frozen=True, kw_only=True)
class ReportDue:
    due_on: datetime.date
    kind: str = ReportKind.INTERIM
    title: str = ""


@transaction.atomic
def funder_create(
    *,
    name: str,
    kind: str = FunderKind.INSTITUTION,
    public_name: str = "",
    website: str = "",
    agreed_to_be_listed: bool = False,
    contact_notes: str = "",
    by: AbstractBaseUser | None = None,
) -> Funder:
    funder = Funder(
        name=name,
        kind=kind,
        public_name=public_name,
        website=website,
        agreed_to_be_listed=agreed_to_be_listed,
        contact_notes=contact_notes,
    )
    funder.full_clean()
    funder.save()
    log(instance=funder, action="wagtail.create", user=by)
    return funder


@transaction.atomic
def grant_create(
    *,
    funder: Funder,
    title: str,
    amount: Decimal,
    currency: str = "USD",
    status: str = GrantStatus.PROSPECT,
    reference: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    purpose: str = "",
    restrictions: str = "",
    awarded_on: datetime.date | None = None,
    declined_on: datetime.date | None = None,
    notes: str = "",
    reports: Sequence[ReportDue] = (),
    by: AbstractBaseUser | None = None,
) -> Grant:
    """Record a grant and the reports it owes; nothing is kept if any part is invalid."""
    grant = Grant(
        funder=funder,
        title=title.strip(),
        reference=reference.strip(),
        amount=amount,
        currency=currency,
        status=status,
        period_start=period_start,
        period_end=period_end,
        purpose=purpose,
        restrictions=restrictions,
        awarded_on=awarded_on,
        declined_on=declined_on,
        notes=notes,
    )
    grant.full_clean()
    grant.save()
    for due in reports:
        report = GrantReport(grant=grant, kind=due.kind, title=due.title, due_on=due.due_on)
        report.full_clean()
        report.save()
    log(instance=grant, action="wagtail.create", user=by)
    return grant


@transaction.atomic
def grant_status_change(
    *,
    grant: Grant,
    status: str,
    on: datetime.date | None = None,
    by: AbstractBaseUser | None = None,
) -> Grant:
    """Move a grant to `status`; `on` is the decision date an award or a decline needs.

    Closing keeps the award date, so a closed grant still counts as awarded; going back to
    prospect or applied clears the decision dates.
    """
    if status not in GrantStatus.values:
        raise ValidationError({"status": f"“{status}” is not a grant status."})
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    grant.status = status
    if status == GrantStatus.AWARDED:
        grant.awarded_on, grant.declined_on = on, None
    elif status == GrantStatus.DECLINED:
        grant.awarded_on, grant.declined_on = None, on
    elif status in (GrantStatus.PROSPECT, GrantStatus.APPLIED):
        grant.awarded_on = grant.declined_on = None
    else:
        grant.declined_on = None
    grant.full_clean()
    grant.save(update_fields=["status", "awarded_on", "declined_on", "updated_at"])
    log(instance=grant, action="wagtail.edit", user=by)
    return grant


@transaction.atomic
def grant_report_submit(
    *, report: GrantReport, submitted_on: datetime.date, by: AbstractBaseUser | None = None
) -> GrantReport:
    report = GrantReport.objects.select_for_update().get(pk=report.pk)
    if report.submitted_on is not None:
        raise ValidationError(
            {
                "submitted_on": ValidationError(
                    _("This report was already submitted on %(date)s."),
                    params={"date": report.submitted_on},
                )
            }
        )
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("A report cannot be submitted in the future.")})
    report.submitted_on = submitted_on
    report.full_clean()
    report.save(update_fields=["submitted_on"])
    log(instance=report.grant, action="wagtail.edit", user=by)
    return report
