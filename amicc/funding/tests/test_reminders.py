"""Staff are reminded of each grant report due within two weeks, once, however often it runs."""

import datetime
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from amicc.funding.choices import GrantStatus
from amicc.funding.models import GrantReport
from amicc.funding.selectors import reports_due_for_reminder
from amicc.funding.services import reminders
from amicc.funding.services.reminders import NoReminderRecipients, grant_report_reminders_send
from amicc.funding.tasks import send_grant_report_reminders
from amicc.funding.tests.factories import GrantFactory, GrantReportFactory

STAFF = ["grants@example.org", "convener@example.org"]


@pytest.fixture
def staff_emails(settings):
    settings.AMICC_STAFF_EMAILS = STAFF


def due_in(days: int, **fields) -> GrantReport:
    return GrantReportFactory(due_on=timezone.localdate() + datetime.timedelta(days=days), **fields)


@pytest.mark.django_db
def test_reports_due_within_two_weeks_are_reminded_once(staff_emails, mailoutbox):
    soon = due_in(14, title="Year 1 narrative", grant__title="Teach-ins")
    overdue = due_in(-3)
    later = due_in(15)
    submitted = due_in(5, submitted_on=timezone.localdate())
    undecided = due_in(5, grant=GrantFactory(status=GrantStatus.APPLIED))
    closed = due_in(5, grant=GrantFactory(awarded=True, status=GrantStatus.CLOSED))

    run = grant_report_reminders_send()
    assert {report.pk for report in run.reminded} == {soon.pk, overdue.pk}
    assert len(mailoutbox) == len(STAFF)  # one message per address
    message = mailoutbox[0]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(STAFF)
    assert message.subject == "Grant reports due soon: 2 reports"
    assert "Teach-ins" in message.body and "Year 1 narrative" in message.body
    assert "in 14 days" in message.body and "3 days overdue" in message.body
    assert f"/admin/snippets/funding/grant/edit/{soon.grant_id}/" in message.body
    html = message.alternatives[0][0]
    assert "Teach-ins" in html

    assert grant_report_reminders_send().reminded == []
    call_command("send_grant_reminders")
    assert len(mailoutbox) == len(STAFF)
    untouched = (later, submitted, undecided, closed)
    assert not GrantReport.objects.filter(
        pk__in=[r.pk for r in untouched], reminder_sent_at__isnull=False
    ).exists()


@pytest.mark.django_db
def test_a_run_that_lost_the_race_sends_nothing(staff_emails, mailoutbox, monkeypatch):
    """Two runs select the same reports; only the one whose UPDATE claims a report sends it."""
    due_in(3)
    due_in(7)
    stale = reports_due_for_reminder(today=timezone.localdate())
    assert len(grant_report_reminders_send().reminded) == 2
    monkeypatch.setattr(reminders, "reports_due_for_reminder", lambda today: stale)
    assert grant_report_reminders_send().reminded == []
    assert len(mailoutbox) == len(STAFF)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_once(staff_emails, mailoutbox, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database; the stale-list test covers SQLite")
    for days in (1, 2, 3):
        due_in(days)
    both_selected = threading.Barrier(2, timeout=10)
    select = reminders.reports_due_for_reminder

    def select_then_wait(today):
        selected = select(today=today)
        both_selected.wait()  # neither claims before both have read the candidates
        return selected

    monkeypatch.setattr(reminders, "reports_due_for_reminder", select_then_wait)
    results = []

    def run():
        try:
            results.append(len(grant_report_reminders_send().reminded))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3  # each report claimed by exactly one of the runs
    assert len(mailoutbox) == len(STAFF) * len([count for count in results if count])
    assert not GrantReport.objects.filter(reminder_sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_moved_due_date_brings_a_new_reminder(staff_emails, mailoutbox):
    report = due_in(10)
    grant_report_reminders_send()
    report = GrantReport.objects.get(pk=report.pk)
    report.due_on += datetime.timedelta(days=2)
    report.save()
    assert [r.pk for r in grant_report_reminders_send().reminded] == [report.pk]
    assert len(mailoutbox) == 2 * len(STAFF)


@pytest.mark.django_db
def test_without_a_staff_address_the_command_fails_and_claims_nothing(settings, mailoutbox):
    settings.AMICC_STAFF_EMAILS = []
    report = due_in(5)
    with pytest.raises(CommandError, match="AMICC_STAFF_EMAILS"):
        call_command("send_grant_reminders")
    with pytest.raises(NoReminderRecipients):
        send_grant_report_reminders.call()
    report.refresh_from_db()
    assert report.reminder_sent_at is None and mailoutbox == []


@pytest.mark.django_db
def test_nothing_due_needs_no_address(settings, capsys, mailoutbox):
    settings.AMICC_STAFF_EMAILS = []
    due_in(30)
    call_command("send_grant_reminders")
    assert "No grant report needs a reminder." in capsys.readouterr().out
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_command_and_the_task_report_what_they_did(staff_emails, capsys, mailoutbox):
    due_in(1)
    call_command("send_grant_reminders")
    assert "Reminded 2 staff address(es) of 1 grant report due soon." in capsys.readouterr().out
    due_in(2)
    result = send_grant_report_reminders.enqueue()
    assert result.return_value == 1
    assert len(mailoutbox) == 2 * len(STAFF)
