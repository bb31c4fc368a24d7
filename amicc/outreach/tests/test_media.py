"""Media coverage by role, the featured rule, media contacts, and the coverage dashboard."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amicc.outreach.models import MediaContact, MediaCoverage
from amicc.outreach.selectors import coverage_dashboard
from amicc.outreach.services.media import media_coverage_log, media_coverage_update
from amicc.outreach.tests.factories import MediaContactFactory, MediaCoverageFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/outreach/media/dashboard/"


def url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def form_data(**overrides) -> dict:
    return {
        "headline": "Teach-in draws a crowd",
        "outlet": "The Sample Tribune",
        "published_on": str(timezone.localdate() - datetime.timedelta(days=2)),
        "url": "https://tribune.example/teach-in",
        "kind": "news",
        "alliance": "",
        "estimated_reach": "5000",
        **overrides,
    }


@pytest.fixture
def items(coalition):
    return {
        "a": MediaCoverageFactory(headline="Able story", alliance=coalition.alliance_a),
        "b": MediaCoverageFactory(headline="Baker story", alliance=coalition.alliance_b),
        "staff": MediaCoverageFactory(headline="Staff story", alliance=None),
    }


def test_the_groups_hold_the_outreach_permissions():
    coordinators = set(
        Group.objects.get(name="Alliance coordinators")
        .permissions.filter(content_type__app_label="outreach")
        .values_list("codename", flat=True)
    )
    assert coordinators == {f"{a}_mediacoverage" for a in ("add", "change", "view", "delete")}
    staff = Group.objects.get(name="Coalition staff").permissions.filter(
        content_type__app_label="outreach"
    )
    assert {"change_presentationrequest", "add_speaker", "view_mediacontact"} <= set(
        staff.values_list("codename", flat=True)
    )


def test_coordinators_reach_only_their_alliances_coverage(client, coalition, items):
    client.force_login(coalition.coordinator)
    listing = client.get(url(MediaCoverage, "list")).content.decode()
    assert "Able story" in listing
    assert "Baker story" not in listing and "Staff story" not in listing
    for other in (items["b"], items["staff"]):
        for view in ("edit", "inspect", "delete"):
            assert client.get(url(MediaCoverage, view, other.pk)).status_code == 404
    assert client.get(url(MediaCoverage, "edit", items["a"].pk)).status_code == 200


def test_a_coordinator_logs_coverage_for_their_alliance_and_cannot_feature_it(client, coalition):
    client.force_login(coalition.coordinator)
    form = client.get(url(MediaCoverage, "add")).content.decode()
    assert 'name="featured"' not in form
    assert "Alliance Baker" not in form
    data = form_data(alliance=coalition.alliance_a.pk, featured="on")
    response = client.post(url(MediaCoverage, "add"), data)
    assert response.status_code == 302
    item = MediaCoverage.objects.get()
    assert item.alliance == coalition.alliance_a and item.logged_by == coalition.coordinator
    assert item.featured is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"alliance": "other"}, "alliance"),
        ({"alliance": ""}, "alliance"),
        ({"published_on": "2999-01-01"}, "published_on"),
        ({"estimated_reach": "-5"}, "estimated_reach"),
        ({"kind": "rumour"}, "kind"),
        ({"url": "javascript:alert(1)"}, "url"),
    ],
)
def test_a_coordinators_bad_input_is_refused(client, coalition, overrides, field):
    client.force_login(coalition.coordinator)
    if overrides.get("alliance") == "other":
        overrides["alliance"] = coalition.alliance_b.pk
    data = form_data(alliance=coalition.alliance_a.pk, **{"headline": "Kept headline"})
    response = client.post(url(MediaCoverage, "add"), {**data, **overrides})
    assert response.status_code == 200  # Wagtail shows the form again with its errors
    assert field in response.context["form"].errors
    assert "Kept headline" in response.content.decode()
    assert not MediaCoverage.objects.exists()


def test_a_coordinator_edit_keeps_what_staff_featured(client, coalition):
    item = MediaCoverageFactory(alliance=coalition.alliance_a, featured=True)
    client.force_login(coalition.coordinator)
    data = form_data(alliance=coalition.alliance_a.pk, headline="Corrected headline")
    assert client.post(url(MediaCoverage, "edit", item.pk), data).status_code == 302
    item.refresh_from_db()
    assert item.headline == "Corrected headline" and item.featured is True
    with pytest.raises(ValidationError):
        media_coverage_update(
            item=item, by=coalition.coordinator, data={"alliance": coalition.alliance_b}
        )
    media_coverage_update(item=item, by=coalition.coordinator, data={"featured": False})
    item.refresh_from_db()
    assert item.featured is True


def test_staff_log_coverage_for_anyone_and_choose_what_is_featured(client, coalition, topics):
    client.force_login(coalition.staff)
    data = form_data(featured="on", topics=[topics["us"].pk])
    assert client.post(url(MediaCoverage, "add"), data).status_code == 302
    item = MediaCoverage.objects.get()
    assert item.alliance is None and item.featured is True
    assert list(item.topics.all()) == [topics["us"]]
    with pytest.raises(ValidationError):
        media_coverage_log(
            by=coalition.staff, outlet="X", headline="Y", kind="news",
            published_on=timezone.localdate() + datetime.timedelta(days=1),
        )  # fmt: skip


def test_media_contacts_are_staff_only(client, coalition):
    contact = MediaContactFactory(name="Jo Journalist")
    for user in (coalition.coordinator, coalition.representative):
        client.force_login(user)
        for view, args in (("list", ()), ("edit", (contact.pk,)), ("add", ())):
            response = client.get(url(MediaContact, view, *args))
            assert response.status_code in (302, 403, 404)
            assert "Jo Journalist" not in response.content.decode()
    client.force_login(coalition.staff)
    assert "Jo Journalist" in client.get(url(MediaContact, "list")).content.decode()
    assert "Jo Journalist" not in client.get("/in-the-news/").content.decode()


def test_the_dashboard_counts_by_month_alliance_and_kind(coalition):
    today = datetime.date(2026, 3, 15)
    MediaCoverageFactory(published_on=datetime.date(2026, 3, 1), alliance=coalition.alliance_a)
    MediaCoverageFactory(published_on=datetime.date(2026, 1, 9), kind="op_ed", estimated_reach=None)
    MediaCoverageFactory(published_on=datetime.date(2025, 4, 30), alliance=coalition.alliance_a)
    MediaCoverageFactory(published_on=datetime.date(2025, 3, 31))  # over 12 months ago
    dashboard = coverage_dashboard(MediaCoverage.objects.all(), today=today)
    assert dashboard.since == datetime.date(2025, 4, 1)
    assert [m.label for m in dashboard.months][0] == "Apr 2025"
    assert [m.items for m in dashboard.months] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]
    assert dashboard.total == 3
    assert [(line.label, line.items, line.reach) for line in dashboard.by_alliance] == [
        ("Alliance Able", 2, 2000),
        ("Coalition staff", 1, 0),
    ]
    assert {line.label: line.items for line in dashboard.by_kind} == {"News story": 2, "Op-ed": 1}


def test_the_dashboard_shows_staff_everything_and_a_coordinator_their_own(client, coalition, items):
    client.force_login(coalition.staff)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["dashboard"].total == 3
    assert "<svg" in response.content.decode()
    client.force_login(coalition.coordinator)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert [line.label for line in response.context["dashboard"].by_alliance] == ["Alliance Able"]
    client.force_login(coalition.representative)
    assert client.get(DASHBOARD).status_code in (302, 403)
