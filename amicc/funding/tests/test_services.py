"""Funders and grants through the services: each workflow, and bad input refused whole."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.funding.choices import FunderKind, GrantStatus, ReportKind
from amicc.funding.models import Funder, Grant, GrantReport
from amicc.funding.services.grants import (
    ReportDue,
    funder_create,
    grant_create,
    grant_report_submit,
    grant_status_change,
)
from amicc.funding.tests.factories import FunderFactory, GrantFactory, GrantReportFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 1)


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_funder_is_credited_by_name_unless_told_otherwise():
    funder = funder_create(name="  Plain Foundation ", kind=FunderKind.INSTITUTION)
    assert (funder.name, funder.public_name, funder.agreed_to_be_listed) == (
        "Plain Foundation",
        "Plain Foundation",
        False,
    )
    person = funder_create(name="Jane Doe", kind=FunderKind.INDIVIDUAL, public_name="J. Doe")
    assert person.public_name == "J. Doe"
    assert ModelLogEntry.objects.for_instance(person).get().action == "wagtail.create"


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": ""}, "name"),
        ({"kind": "company"}, "kind"),
        ({"website": "not a url"}, "website"),
        ({"name": "Taken Foundation"}, "name"),
    ],
)
def test_bad_funder_is_refused_with_a_message(fields, field):
    FunderFactory(name="Taken Foundation")
    errors = errors_of(lambda: funder_create(**{"name": "New Fund", **fields}))
    assert field in errors and all(message.strip() for message in errors[field])
    assert Funder.objects.count() == 1


def test_grant_workflow_from_prospect_to_closed():
    funder = FunderFactory()
    grant = grant_create(funder=funder, title="Outreach", amount=Decimal("5000"), currency="eur")
    assert (grant.status, grant.currency) == (GrantStatus.PROSPECT, "EUR")
    grant = grant_status_change(grant=grant, status=GrantStatus.APPLIED)
    grant = grant_status_change(grant=grant, status=GrantStatus.AWARDED, on=DAY)
    assert (grant.status, grant.awarded_on, grant.was_awarded) == ("awarded", DAY, True)
    grant = grant_status_change(grant=grant, status=GrantStatus.CLOSED)
    assert (grant.status, grant.awarded_on, grant.was_awarded) == ("closed", DAY, True)
    actions = [entry.action for entry in ModelLogEntry.objects.for_instance(grant)]
    assert sorted(actions) == ["wagtail.create", *["wagtail.edit"] * 3]


def test_declining_clears_the_award_and_going_back_clears_both_dates():
    grant = GrantFactory(awarded=True)
    grant = grant_status_change(grant=grant, status=GrantStatus.DECLINED, on=DAY)
    assert (grant.awarded_on, grant.declined_on) == (None, DAY)
    grant = grant_status_change(grant=grant, status=GrantStatus.PROSPECT)
    assert (grant.awarded_on, grant.declined_on) == (None, None)


@pytest.mark.parametrize(
    "status, field", [(GrantStatus.AWARDED, "awarded_on"), (GrantStatus.DECLINED, "declined_on")]
)
def test_a_decision_needs_its_date(status, field):
    grant = GrantFactory()
    errors = errors_of(lambda: grant_status_change(grant=grant, status=status))
    assert field in errors
    grant.refresh_from_db()
    assert grant.status == GrantStatus.PROSPECT


def test_unknown_status_is_refused():
    grant = GrantFactory()
    assert "status" in errors_of(lambda: grant_status_change(grant=grant, status="won"))


GOOD = {"title": "Fellowships", "amount": Decimal("1000")}


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"amount": Decimal("-1")}, "amount"),
        ({"amount": Decimal("1234567890123456")}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "US"}, "currency"),
        ({"title": "  "}, "title"),
        ({"period_start": DAY, "period_end": DAY - datetime.timedelta(days=1)}, "period_end"),
        ({"status": GrantStatus.AWARDED}, "awarded_on"),
        ({"status": GrantStatus.DECLINED}, "declined_on"),
        ({"status": GrantStatus.APPLIED, "awarded_on": DAY}, "awarded_on"),
        ({"status": GrantStatus.DECLINED, "declined_on": DAY, "awarded_on": DAY}, "awarded_on"),
        ({"status": GrantStatus.CLOSED, "declined_on": DAY}, "declined_on"),
        ({"status": "won"}, "status"),
        ({"reference": "G-1"}, "__all__"),
    ],
)
def test_bad_grant_is_refused_with_a_message(fields, field):
    funder = FunderFactory()
    GrantFactory(funder=funder, reference="G-1")
    errors = errors_of(lambda: grant_create(funder=funder, **{**GOOD, **fields}))
    assert field in errors and all(message.strip() for message in errors[field])
    assert Grant.objects.count() == 1


def test_a_bad_report_keeps_the_whole_grant_out():
    funder = FunderFactory()
    errors = errors_of(
        lambda: grant_create(
            funder=funder,
            reports=[ReportDue(due_on=DAY), ReportDue(due_on=DAY, kind="annual")],
            **GOOD,
        )
    )
    assert "kind" in errors
    assert not Grant.objects.exists() and not GrantReport.objects.exists()


def test_grant_with_its_reports():
    grant = grant_create(
        funder=FunderFactory(),
        status=GrantStatus.AWARDED,
        awarded_on=DAY,
        period_start=DAY,
        period_end=DAY,
        reports=[
            ReportDue(due_on=DAY, title="Midterm"),
            ReportDue(due_on=DAY, kind=ReportKind.FINAL),
        ],
        **GOOD,
    )
    assert [(r.kind, r.title) for r in grant.reports.all()] == [
        ("interim", "Midterm"),
        ("final", ""),
    ]


def test_a_report_is_submitted_once_and_not_in_the_future():
    report = GrantReportFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "submitted_on" in errors_of(
        lambda: grant_report_submit(report=report, submitted_on=tomorrow)
    )
    report = grant_report_submit(report=report, submitted_on=DAY)
    assert report.submitted_on == DAY
    assert "submitted_on" in errors_of(lambda: grant_report_submit(report=report, submitted_on=DAY))


def test_moving_a_due_date_clears_the_reminder():
    report = GrantReportFactory(reminder_sent_at=timezone.now())
    report = GrantReport.objects.get(pk=report.pk)
    report.title = "Renamed"
    report.save()
    assert GrantReport.objects.get(pk=report.pk).reminder_sent_at is not None
    report.due_on += datetime.timedelta(days=30)
    report.save(update_fields=["due_on"])
    assert GrantReport.objects.get(pk=report.pk).reminder_sent_at is None


@pytest.mark.parametrize(
    "update",
    [
        {"amount": Decimal("-5")},
        {"period_start": DAY, "period_end": DAY - datetime.timedelta(days=1)},
        {"status": GrantStatus.AWARDED, "awarded_on": None},
        {"status": GrantStatus.DECLINED},
        {"status": GrantStatus.APPLIED, "awarded_on": DAY},
        {"status": GrantStatus.CLOSED, "declined_on": DAY},
        {"status": "won"},
    ],
)
def test_the_database_holds_the_grant_rules_too(update):
    grant = GrantFactory(awarded=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(**update)


def test_the_database_holds_the_funder_rules_too():
    funder = FunderFactory()
    for update in ({"public_name": ""}, {"kind": "company"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Funder.objects.filter(pk=funder.pk).update(**update)
