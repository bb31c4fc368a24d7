"""/api/v1/initiatives: read within reach; create and change through the admin's form and log."""

import pytest
from wagtail.models import ModelLogEntry

from amicc.coalition.models import Initiative
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import MemberOrganizationFactory

pytestmark = pytest.mark.django_db


def new_initiative(alliance, **fields) -> dict:
    return {
        "alliance": alliance.pk,
        "initiative_type": "public_discussion",
        "date": "2025-03-01",
        "title": "Town hall on the ICC",
        "reach": 30,
        **fields,
    }


def field_errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {".".join(error["loc"][2:]): error["msg"] for error in response.json()["errors"]}


def test_a_coordinator_key_reads_only_their_alliances_initiatives(coalition, make_key, key_api):
    api = key_api(make_key(coalition.coordinator, scope="read"))
    body = api.get("/initiatives").json()
    assert [item["title"] for item in body["results"]] == ["Able teach-in"]
    assert body["results"][0]["alliance"] == {
        "id": coalition.alliance_a.pk,
        "name": "Alliance Able",
    }
    assert api.get(f"/initiatives/{coalition.initiative_b.pk}").status_code == 404
    assert api.get(f"/initiatives/{coalition.initiative_a.pk}").json()["title"] == "Able teach-in"
    assert api.get("/initiatives", alliance=coalition.alliance_b.pk).json()["count"] == 0


def test_a_staff_key_reads_every_initiative_with_filters(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    assert api.get("/initiatives").json()["count"] == 2
    only_b = api.get("/initiatives", alliance=coalition.alliance_b.pk).json()["results"]
    assert [item["title"] for item in only_b] == ["Baker teach-in"]
    assert api.get("/initiatives", search="baker").json()["count"] == 1
    assert api.get("/initiatives", is_public="true").json()["count"] == 0


def test_a_coordinator_reports_an_initiative_as_in_the_admin(coalition, make_key, key_api):
    partner = MemberOrganizationFactory(name="Partner Bar")
    api = key_api(make_key(coalition.coordinator))
    response = api.post(
        "/initiatives",
        new_initiative(
            coalition.alliance_a,
            partner_organizations=[partner.pk],
            links=[{"url": "https://example.org/report", "label": "Report"}],
        ),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["partner_organizations"] == [{"id": partner.pk, "name": "Partner Bar"}]
    assert body["links"] == [{"url": "https://example.org/report", "label": "Report"}]
    initiative = Initiative.objects.get(pk=body["id"])
    assert initiative.alliance == coalition.alliance_a and initiative.reach == 30
    entry = ModelLogEntry.objects.for_instance(initiative).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.coordinator)


def test_a_coordinator_cannot_file_under_another_alliance(coalition, make_key, key_api):
    api = key_api(make_key(coalition.coordinator))
    response = api.post("/initiatives", new_initiative(coalition.alliance_b))
    assert "alliance" in field_errors(response)
    assert not Initiative.objects.filter(title="Town hall on the ICC").exists()


def test_the_admins_rules_answer_422_naming_the_field(coalition, make_key, key_api):
    lapsed = MemberOrganizationFactory(status="lapsed")
    api = key_api(make_key(coalition.staff))
    lapsed_partner = new_initiative(coalition.alliance_a, partner_organizations=[lapsed.pk])
    errors = field_errors(api.post("/initiatives", lapsed_partner))
    assert list(errors) == ["partner_organizations"]
    assert "not one of the available choices" in errors["partner_organizations"]
    bad_link = new_initiative(coalition.alliance_a, links=[{"url": "not an address"}])
    assert list(field_errors(api.post("/initiatives", bad_link))) == ["links.0.url"]
    errors = field_errors(api.post("/initiatives", {"title": "x\x00y", "date": "soon"}))
    assert {"alliance", "initiative_type", "date", "title"} <= set(errors)
    assert not Initiative.objects.filter(title="Town hall on the ICC").exists()


def test_a_malformed_body_answers_400(coalition, make_key, client):
    key = make_key(coalition.staff)
    response = client.post(
        "/api/v1/initiatives",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"


def test_changing_an_initiative_changes_only_what_is_sent(coalition, make_key, key_api):
    initiative = coalition.initiative_a
    api = key_api(make_key(coalition.coordinator))
    response = api.patch(
        f"/initiatives/{initiative.pk}", {"title": "Renamed", "links": [{"url": "https://a.org"}]}
    )
    assert response.status_code == 200, response.content
    initiative.refresh_from_db()
    assert initiative.title == "Renamed"
    assert initiative.alliance == coalition.alliance_a
    assert [link.url for link in initiative.links.all()] == ["https://a.org"]
    entry = ModelLogEntry.objects.for_instance(initiative).get()
    assert (entry.action, entry.user) == ("wagtail.edit", coalition.coordinator)

    response = api.patch(f"/initiatives/{initiative.pk}", {"outcome": "Two new members."})
    assert response.json()["links"] == [{"url": "https://a.org", "label": ""}]
    response = api.patch(f"/initiatives/{initiative.pk}", {"links": []})
    assert response.json()["links"] == []


def test_a_coordinator_cannot_move_or_change_another_alliances_initiative(
    coalition, make_key, key_api
):
    api = key_api(make_key(coalition.coordinator))
    moved = api.patch(
        f"/initiatives/{coalition.initiative_a.pk}", {"alliance": coalition.alliance_b.pk}
    )
    assert "alliance" in field_errors(moved)
    other = api.patch(f"/initiatives/{coalition.initiative_b.pk}", {"title": "Mine now"})
    assert other.status_code == 404
    coalition.initiative_b.refresh_from_db()
    assert coalition.initiative_b.title == "Baker teach-in"


def test_writes_need_a_read_write_key_and_the_permission(coalition, make_key, key_api):
    read_only = key_api(make_key(coalition.coordinator, scope="read"))
    assert read_only.post("/initiatives", new_initiative(coalition.alliance_a)).status_code == 403
    patch = read_only.patch(f"/initiatives/{coalition.initiative_a.pk}", {"title": "No"})
    assert patch.status_code == 403
    representative = key_api(make_key(coalition.representative))
    response = representative.post("/initiatives", new_initiative(coalition.alliance_a))
    assert response.status_code == 403
    assert response.json() == {"detail": "This key's owner may not add initiatives."}
    assert Initiative.objects.count() == 2
