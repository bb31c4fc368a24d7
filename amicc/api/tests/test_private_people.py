"""GET /api/v1/people: the people a key's owner reaches in the admin, and no one else."""

import pytest

from amicc.coalition.services.privacy import person_erase
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def names(body) -> list[str]:
    return [person["name"] for person in body["results"]]


def test_a_staff_key_lists_everyone_by_name(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    body = api.get("/people").json()
    assert body["count"] == len(body["results"]) >= 8
    assert names(body) == sorted(names(body))
    amy = next(person for person in body["results"] if person["name"] == "Amy Member")
    assert amy["email"] == coalition.member_a.email
    assert amy["memberships"] == [
        {
            "alliance": {"id": coalition.alliance_a.pk, "name": "Alliance Able"},
            "status": "active",
            "confirmed_at": amy["memberships"][0]["confirmed_at"],
        }
    ]
    assert set(amy) == {
        "id", "name", "email", "phone", "zip_code", "state", "wants_newsletter",
        "wants_alliance_updates", "wants_action_alerts", "created_at", "memberships",
    }  # fmt: skip


def test_a_coordinator_key_sees_only_their_alliances_active_members(coalition, make_key, key_api):
    api = key_api(make_key(coalition.coordinator, scope="read"))
    body = api.get("/people").json()
    assert names(body) == ["Amy Member", "Cora Coordinator"]
    assert body["count"] == 2

    other = api.get(f"/people/{coalition.member_b.pk}")
    assert other.status_code == 404
    assert other.json() == {"detail": f"No person with id {coalition.member_b.pk} for this key."}
    assert api.get(f"/people/{coalition.pending_a.pk}").status_code == 404
    assert api.get(f"/people/{coalition.member_a.pk}").json()["name"] == "Amy Member"


def test_a_coordinator_sees_only_the_memberships_of_their_alliances(coalition, make_key, key_api):
    from amicc.coalition.tests.factories import AllianceMembershipFactory

    AllianceMembershipFactory(alliance=coalition.alliance_b, person=coalition.member_a, active=True)
    api = key_api(make_key(coalition.coordinator, scope="read"))
    amy = api.get(f"/people/{coalition.member_a.pk}").json()
    assert [m["alliance"]["name"] for m in amy["memberships"]] == ["Alliance Able"]
    # Filtering by another alliance tells nothing about who belongs to it.
    assert api.get("/people", alliance=coalition.alliance_b.pk).json()["count"] == 0
    assert names(api.get("/people", alliance=coalition.alliance_a.pk).json()) == [
        "Amy Member",
        "Cora Coordinator",
    ]


def test_erased_people_never_appear(coalition, make_key, key_api):
    person_erase(person=coalition.member_a, by=coalition.staff)
    api = key_api(make_key(coalition.staff, scope="read"))
    body = api.get("/people", limit=100).json()
    assert coalition.member_a.pk not in [person["id"] for person in body["results"]]
    assert "Erased person" not in names(body)
    assert api.get(f"/people/{coalition.member_a.pk}").status_code == 404


def test_filters_and_pages(coalition, make_key, key_api):
    PersonFactory(name="Zed Ohio", email="zed@example.org", state="OH")
    api = key_api(make_key(coalition.staff, scope="read"))
    assert names(api.get("/people", state="OH").json()) == ["Zed Ohio"]
    assert names(api.get("/people", search="ZED@EXAMPLE").json()) == ["Zed Ohio"]

    first = api.get("/people", limit=2).json()
    second = api.get("/people", limit=2, offset=2).json()
    assert len(first["results"]) == 2 and first["previous"] is None
    assert "offset=2" in first["next"]
    everyone = names(api.get("/people", limit=100).json())
    assert names(first) + names(second) == everyone[:4]


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"alliance": "x"}, {"state": "ZZ"},
     {"search": "a\x00b"}, {"search": ""}, {"alliance": 2**63}],
)  # fmt: skip
def test_bad_query_parameters_answer_422(coalition, make_key, key_api, params):
    response = key_api(make_key(coalition.staff, scope="read")).get("/people", **params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid input")


@pytest.mark.parametrize("person_id", ["x", "0", str(2**63)])
def test_a_bad_id_answers_422(coalition, make_key, key_api, person_id):
    response = key_api(make_key(coalition.staff, scope="read")).get(f"/people/{person_id}")
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["representative", "supporter"])
def test_owners_without_the_people_permission_get_403(coalition, make_key, key_api, role):
    api = key_api(make_key(getattr(coalition, role), scope="read"))
    response = api.get("/people")
    assert response.status_code == 403
    assert response.json() == {"detail": "This key's owner may not read people."}
    assert api.get(f"/people/{coalition.member_a.pk}").status_code == 403
