"""Funding in the admin: staff only, the forms' rules, the dashboard per currency."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.funding.admin_dashboard import DASHBOARD_URL_NAME
from amicc.funding.choices import GrantStatus
from amicc.funding.models import Funder, Grant, GrantReport
from amicc.funding.tests.factories import FunderFactory, GrantFactory, GrantReportFactory

pytestmark = pytest.mark.django_db

LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"
ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]
DASHBOARD = "/admin/funding/dashboard/"


def url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED  # how Wagtail answers a permission the user lacks
    return {200: OK, 403: DENIED, 404: NOT_FOUND}.get(response.status_code, "other")


def login(client, coalition, role: str) -> None:
    if role != "anonymous":
        client.force_login(getattr(coalition, role))


@pytest.fixture
def records(db) -> dict:
    funder = FunderFactory(name="Secret Sponsor Fund", contact_notes="Call Dana on Tuesdays")
    grant = GrantFactory(funder=funder, title="Hidden grant", awarded=True)
    GrantReportFactory(grant=grant)
    return {"funder": funder, "grant": grant}


def admin_paths(records) -> list[str]:
    paths = [DASHBOARD]
    for model, key in ((Funder, "funder"), (Grant, "grant")):
        viewset = model.snippet_viewset
        for pattern in viewset.get_urlpatterns():
            args = [records[key].pk] if "pk" in pattern.pattern.converters else []
            paths.append(reverse(viewset.get_url_name(pattern.name), args=args))
    return paths


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_reach_any_funding_page(client, coalition, records, role):
    login(client, coalition, role)
    wrong = []
    for path in admin_paths(records):
        response = client.get(path)
        got = outcome(response)
        if role in ("anonymous", "supporter"):
            allowed = {LOGIN}
        elif role in ("staff", "administrator"):
            allowed = {OK}
        else:
            allowed = {DENIED, NOT_FOUND}
        if got not in allowed:
            wrong.append(f"{path}: {got}")
        elif got != OK:
            assert b"Secret Sponsor" not in response.content
    assert not wrong, "\n".join(wrong)


def test_a_stray_funding_permission_does_not_open_funding_to_a_coordinator(
    client, coalition, records
):
    coalition.coordinator.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="funding")
    )
    client.force_login(coalition.coordinator)
    for path in admin_paths(records):
        assert outcome(client.get(path)) in (DENIED, NOT_FOUND), path
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Funding"' not in html and DASHBOARD not in html


def test_staff_groups_hold_every_funding_permission_and_no_one_else_any():
    funding = Permission.objects.filter(content_type__app_label="funding")
    assert funding.count() == 12  # add, change, delete, view of three models
    for name in ("Coalition staff", "Administrators"):
        assert set(funding) <= set(Group.objects.get(name=name).permissions.all())
    for name in ("Alliance coordinators", "Organization representatives"):
        assert (
            not Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="funding")
            .exists()
        )


def test_the_funding_menu_shows_for_staff_only(client, coalition):
    client.force_login(coalition.staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Funding", "Dashboard", "Funders", "Grants"):
        assert f'"label": "{label}"' in html
    assert DASHBOARD in html
    for role in ("coordinator", "representative"):
        client.force_login(getattr(coalition, role))
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert '"label": "Funding"' not in html and '"label": "Grants"' not in html


NO_REPORTS = {
    "reports-TOTAL_FORMS": "0",
    "reports-INITIAL_FORMS": "0",
    "reports-MIN_NUM_FORMS": "0",
    "reports-MAX_NUM_FORMS": "1000",
}


def grant_data(funder, /, **overrides) -> dict:
    return {
        "funder": funder.pk,
        "title": "Assembly delegation",
        "reference": "",
        "amount": "25000.00",
        "currency": "USD",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "status": GrantStatus.AWARDED,
        "awarded_on": "2025-11-15",
        "declined_on": "",
        "purpose": "",
        "restrictions": "Travel only",
        "notes": "",
        **NO_REPORTS,
        **overrides,
    }


def test_staff_add_a_grant_with_its_report_dates(client, coalition):
    funder = FunderFactory()
    client.force_login(coalition.staff)
    reports = {
        "reports-TOTAL_FORMS": "2",
        "reports-0-kind": "interim",
        "reports-0-title": "Midyear",
        "reports-0-due_on": "2026-06-30",
        "reports-0-submitted_on": "",
        "reports-0-ORDER": "1",
        "reports-1-kind": "final",
        "reports-1-title": "",
        "reports-1-due_on": "2027-02-28",
        "reports-1-submitted_on": "",
        "reports-1-ORDER": "2",
    }
    response = client.post(url(Grant, "add"), grant_data(funder, **reports))
    assert response.status_code == 302, response.context["form"].errors
    grant = Grant.objects.get()
    assert (grant.amount, grant.restrictions) == (Decimal("25000.00"), "Travel only")
    assert [(r.kind, str(r.due_on)) for r in grant.reports.all()] == [
        ("interim", "2026-06-30"),
        ("final", "2027-02-28"),
    ]
    entry = ModelLogEntry.objects.for_instance(grant).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.staff)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"amount": "-10"}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"currency": "ZZZ"}, "currency"),
        ({"period_end": "2025-12-31"}, "period_end"),
        ({"period_start": "2026-02-30"}, "period_start"),
        ({"awarded_on": ""}, "awarded_on"),
        ({"status": GrantStatus.APPLIED}, "awarded_on"),
        ({"status": "won"}, "status"),
        ({"funder": "999999"}, "funder"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_grant_input_gives_form_errors_not_500s(client, coalition, overrides, field):
    client.force_login(coalition.staff)
    response = client.post(url(Grant, "add"), grant_data(FunderFactory(), **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert all(message.strip() for message in errors[field])
    assert not Grant.objects.exists()


def test_a_report_without_a_due_date_is_refused(client, coalition):
    client.force_login(coalition.staff)
    reports = {
        "reports-TOTAL_FORMS": "1",
        "reports-0-kind": "interim",
        "reports-0-title": "Final narrative",
        "reports-0-due_on": "",
        "reports-0-submitted_on": "",
    }
    response = client.post(url(Grant, "add"), grant_data(FunderFactory(), **reports))
    assert response.status_code == 200
    assert "due_on" in response.context["form"].formsets["reports"].forms[0].errors
    assert not Grant.objects.exists() and not GrantReport.objects.exists()


def test_staff_add_a_funder_credited_by_name(client, coalition):
    client.force_login(coalition.staff)
    data = {
        "name": "Open Door Fund",
        "kind": "institution",
        "public_name": "",
        "website": "",
        "agreed_to_be_listed": "on",
        "contact_notes": "",
    }
    assert client.post(url(Funder, "add"), data).status_code == 302
    assert Funder.objects.get().public_name == "Open Door Fund"
    response = client.post(url(Funder, "add"), {**data, "website": "nope"})
    assert response.status_code == 200
    assert {"name", "website"} <= set(response.context["form"].errors)


def test_a_funder_with_grants_cannot_be_deleted(client, coalition, records):
    client.force_login(coalition.staff)
    funder = records["funder"]
    response = client.post(url(Funder, "delete", funder.pk))
    assert response.status_code in (200, 302, 403)
    assert Funder.objects.filter(pk=funder.pk).exists()


def test_listings_filter_search_and_export(client, coalition, records):
    GrantFactory(title="Euro grant", currency="EUR")
    client.force_login(coalition.staff)

    def listed(**params) -> set[str]:
        response = client.get(url(Grant, "list"), params)
        assert response.status_code == 200
        return {grant.title for grant in response.context["object_list"]}

    assert listed(currency="EUR") == {"Euro grant"}
    assert listed(status="awarded") == {"Hidden grant"}
    assert listed(q="secret sponsor") == {"Hidden grant"}
    assert client.get(url(Grant, "list"), {"currency": "nope", "status": "x"}).status_code == 200
    export = client.get(url(Grant, "list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert {row["Title"] for row in rows} == {"Hidden grant", "Euro grant"}
    funders = client.get(url(Funder, "list"))
    assert funders.status_code == 200 and b"Secret Sponsor Fund" in funders.content


def test_dashboard_keeps_currencies_apart_and_lists_reports_due(client, coalition):
    usd = FunderFactory(name="Dollar Foundation")
    eur = FunderFactory(name="Euro Stiftung")
    GrantFactory(funder=usd, awarded=True, amount=Decimal("1000"))
    GrantFactory(funder=usd, awarded=True, amount=Decimal("500"), status=GrantStatus.CLOSED)
    GrantFactory(funder=eur, awarded=True, amount=Decimal("700"), currency="EUR")
    GrantFactory(funder=usd, amount=Decimal("99999"))  # a prospect: not awarded
    report = GrantReportFactory(
        grant=GrantFactory(
            funder=eur, awarded=True, amount=0, currency="EUR", title="Report owing"
        ),
        due_on=timezone.localdate(),
    )
    client.force_login(coalition.staff)
    response = client.get(reverse(DASHBOARD_URL_NAME))
    assert response.status_code == 200
    sections = {section.funds.currency: section.funds for section in response.context["sections"]}
    assert sections["USD"].total == Decimal("1500") and sections["EUR"].total == Decimal("700")
    assert [row.name for row in sections["USD"].by_funder] == ["Dollar Foundation"]
    html = response.content.decode()
    assert "Awarded in USD" in html and "Awarded in EUR" in html and "2200" not in html
    assert "<svg" in html and "Report owing" in html
    assert "Funds awarded in EUR each year" in html  # the chart's accessible title
    breadcrumbs = " ".join(
        html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0].split()
    )
    assert "Home" in breadcrumbs and "Funding" in breadcrumbs  # the header names the page
    assert [due.report for due in response.context["reports"]] == [report]
    assert [row.status for row in response.context["pipeline"]] == ["prospect"]


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_bulk_delete_and_choosers_name_no_funder_or_grant_to_other_roles(
    client, coalition, records, role
):
    login(client, coalition, role)
    for model, key in ((Funder, "funder"), (Grant, "grant")):
        record, meta = records[key], model._meta
        chooser = model.snippet_viewset.chooser_viewset
        for address in (
            f"/admin/bulk/{meta.app_label}/{meta.model_name}/delete/?id={record.pk}",
            reverse(chooser.get_url_name("choose")),
            reverse(chooser.get_url_name("chosen"), args=[record.pk]),
        ):
            response = client.get(address)
            assert response.status_code in (200, 404), address
            page = response.content.decode()
            assert "Secret Sponsor Fund" not in page and "Hidden grant" not in page, address
    login(client, coalition, "staff")
    response = client.get(f"/admin/bulk/funding/funder/delete/?id={records['funder'].pk}")
    assert response.status_code == 200 and "Secret Sponsor Fund" in response.content.decode()
