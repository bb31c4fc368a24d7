"""/api/v1/office-visits: read within reach; logged and changed by the visits service."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.congress.models import OfficeVisit
from amicc.congress.services.visits import office_visit_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(make_member):
    return make_member("R000012", "Representative", state="NY", district=12)


@pytest.fixture
def visits(coalition, member):
    def visit(by, alliance, asks):
        return office_visit_log(
            by=by,
            alliance=alliance,
            visited_on=timezone.localdate() - datetime.timedelta(days=5),
            office_kind="congress_district",
            legislator=member,
            people_met="Jo Aide",
            attendees=2,
            asks=asks,
        )

    return {
        "a": visit(coalition.coordinator, coalition.alliance_a, "Able asks"),
        "b": visit(coalition.staff, coalition.alliance_b, "Baker asks"),
        "staff": visit(coalition.staff, None, "Staff asks"),
    }


def new_visit(alliance, member, **fields) -> dict:
    return {
        "alliance": alliance.pk if alliance else None,
        "visited_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "office_kind": "congress_district",
        "legislator": member.pk,
        "people_met": "Sam Staffer, district director",
        "attendees": 3,
        "asks": "Support the Court",
        **fields,
    }


def field_errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {".".join(error["loc"][2:]): error["msg"] for error in response.json()["errors"]}


def test_a_coordinator_key_reads_only_their_alliances_visits(coalition, visits, make_key, key_api):
    api = key_api(make_key(coalition.coordinator, scope="read"))
    body = api.get("/office-visits").json()
    assert [visit["asks"] for visit in body["results"]] == ["Able asks"]
    visit = body["results"][0]
    assert visit["people_met"] == "Jo Aide"
    assert (visit["state"], visit["district"]) == ("NY", 12)
    assert visit["legislator"]["bioguide_id"] == "R000012"
    for other in (visits["b"], visits["staff"]):
        assert api.get(f"/office-visits/{other.pk}").status_code == 404


def test_a_staff_key_reads_every_visit(coalition, visits, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    assert api.get("/office-visits").json()["count"] == 3
    staff_visit = api.get(f"/office-visits/{visits['staff'].pk}").json()
    assert staff_visit["alliance"] is None
    only_a = api.get("/office-visits", alliance=coalition.alliance_a.pk).json()
    assert only_a["count"] == 1


def test_a_coordinator_logs_a_visit_through_the_service(coalition, member, make_key, key_api):
    api = key_api(make_key(coalition.coordinator))
    response = api.post("/office-visits", new_visit(coalition.alliance_a, member, state="CA"))
    assert response.status_code == 201, response.content
    visit = OfficeVisit.objects.get(pk=response.json()["id"])
    # The service copies the member's seat, whatever state was sent.
    assert (visit.state, visit.district, visit.logged_by) == ("NY", 12, coalition.coordinator)
    entry = ModelLogEntry.objects.for_instance(visit).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.coordinator)


def test_the_admins_rules_answer_422_naming_the_field(coalition, member, make_key, key_api):
    api = key_api(make_key(coalition.coordinator))
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    cases = [
        (new_visit(coalition.alliance_b, member), "alliance"),
        (new_visit(None, member), "alliance"),
        (new_visit(coalition.alliance_a, member, visited_on=tomorrow), "visited_on"),
        (new_visit(coalition.alliance_a, member, office_kind="state_legislature"), "legislator"),
        (
            new_visit(coalition.alliance_a, member, follow_up_on="2001-01-01"),
            "follow_up_on",
        ),
        (new_visit(coalition.alliance_a, member, attendees=0), "attendees"),
    ]
    for body, field in cases:
        assert field in field_errors(api.post("/office-visits", body)), field
    assert not OfficeVisit.objects.exists()


def test_staff_may_log_a_visit_of_their_own(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff))
    body = {
        "visited_on": timezone.localdate().isoformat(),
        "office_kind": "state_legislature",
        "state_office": "Sen. Jane Doe, Ohio Senate district 5",
        "state": "OH",
        "people_met": "Jane Doe",
        "attendees": 1,
        "asks": "A resolution of support",
    }
    response = api.post("/office-visits", body)
    assert response.status_code == 201, response.content
    assert response.json()["alliance"] is None
    assert response.json()["state"] == "OH"


def test_changing_a_visit_is_logged_and_stays_in_reach(coalition, visits, make_key, key_api):
    api = key_api(make_key(coalition.coordinator))
    visit = visits["a"]
    today = timezone.localdate().isoformat()
    response = api.patch(
        f"/office-visits/{visit.pk}", {"outcome": "Agreed", "followed_up_on": today}
    )
    assert response.status_code == 200, response.content
    visit.refresh_from_db()
    assert (visit.outcome, visit.asks) == ("Agreed", "Able asks")
    entry = ModelLogEntry.objects.for_instance(visit).latest("timestamp")
    assert (entry.action, entry.user) == ("wagtail.edit", coalition.coordinator)

    moved = api.patch(f"/office-visits/{visit.pk}", {"alliance": coalition.alliance_b.pk})
    assert "alliance" in field_errors(moved)
    assert api.patch(f"/office-visits/{visits['b'].pk}", {"outcome": "x"}).status_code == 404
    read_only = key_api(make_key(coalition.coordinator, scope="read"))
    assert read_only.patch(f"/office-visits/{visit.pk}", {"outcome": "x"}).status_code == 403
