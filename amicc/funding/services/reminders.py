"""Reminding staff of grant reports due within two weeks, once per report.

Run daily (`amicc send-grant-reminders` from cron, or the `send_grant_report_reminders`
task). Each report is claimed with a conditional UPDATE (`… WHERE reminder_sent_at IS
NULL`) before it goes in the email, so runs that overlap, or a run repeated the same day,
remind about each report once. The claims and the queued email commit together.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from amicc.coalition.services.applications import staff_email_addresses
from amicc.core.email import email_send
from amicc.funding.models import GrantReport
from amicc.funding.selectors import REMINDER_DAYS, reports_due_for_reminder

GRANT_EDIT_URL_NAME = "wagtailsnippets_funding_grant:edit"


class NoReminderRecipients(Exception):
    """Reports are due but there is nobody to tell: no staff address is configured."""


@dataclass(frozen=True)
class ReminderLine:
    report: GrantReport
    days_left: int  # negative when overdue
    edit_path: str

    @property
    def when(self) -> str:
        if self.days_left == 0:
            return gettext("today")
        days = abs(self.days_left)
        if self.days_left > 0:
            return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
        return ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}


@dataclass(frozen=True)
class ReminderRun:
    reminded: list[GrantReport]
    recipients: list[str]


def _claim(reports: list[GrantReport], *, at: datetime.datetime) -> list[GrantReport]:
    """The reports this run is first to mark as reminded; another run has the others."""
    return [
        report
        for report in reports
        if GrantReport.objects.filter(pk=report.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=at
        )
        == 1
    ]


def grant_report_reminders_send(*, today: datetime.date | None = None) -> ReminderRun:
    """Email staff one list of the reports due in 14 days or less not yet reminded about."""
    today = today or timezone.localdate()
    candidates = reports_due_for_reminder(today=today)
    if not candidates:
        return ReminderRun(reminded=[], recipients=[])
    recipients = staff_email_addresses()
    if not recipients:
        raise NoReminderRecipients(
            f"{len(candidates)} grant report(s) are due soon but no staff address is "
            "configured: set AMICC_STAFF_EMAILS or give an active superuser an email address."
        )
    with transaction.atomic():
        claimed = _claim(candidates, at=timezone.now())
        if claimed:
            lines = [
                ReminderLine(
                    report=report,
                    days_left=(report.due_on - today).days,
                    edit_path=reverse(GRANT_EDIT_URL_NAME, args=[report.grant_id]),
                )
                for report in claimed
            ]
            email_send(
                to=recipients,
                template="funding_report_reminder",
                context={"lines": lines, "today": today, "window_days": REMINDER_DAYS},
            )
    return ReminderRun(reminded=claimed, recipients=recipients)
