"""Organization and ASP delegation applications: staff keys read them and decide the former."""

import pytest
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import ApplicationStatus
from amicc.coalition.models import MemberOrganization
from amicc.coalition.services.privacy import person_erase
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import PersonFactory
from amicc.icc.tests.test_public import DelegationApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_staff_key_reads_organization_applications(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    body = api.get("/organization-applications").json()
    assert [item["organization_name"] for item in body["results"]] == ["Applicant Lawyers"]
    detail = api.get(f"/organization-applications/{coalition.application.pk}").json()
    assert detail["status"] == "pending" and detail["organization"] is None
    assert api.get("/organization-applications", status="approved").json()["count"] == 0


@pytest.mark.parametrize("role", ["coordinator", "representative"])
def test_only_staff_keys_reach_applications(coalition, make_key, key_api, role):
    api = key_api(make_key(getattr(coalition, role)))
    assert api.get("/organization-applications").status_code == 403
    assert api.get("/delegation-applications").status_code == 403
    approve = api.post(f"/organization-applications/{coalition.application.pk}/approve")
    assert approve.status_code == 403
    coalition.application.refresh_from_db()
    assert coalition.application.status == ApplicationStatus.PENDING


def test_approving_goes_through_the_review_service(
    coalition, make_key, key_api, django_capture_on_commit_callbacks
):
    api = key_api(make_key(coalition.staff))
    url = f"/organization-applications/{coalition.application.pk}/approve"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url)
    assert response.status_code == 200, response.content
    organization = MemberOrganization.objects.get(name="Applicant Lawyers")
    assert response.json()["status"] == "approved"
    assert response.json()["organization"] == {"id": organization.pk, "name": "Applicant Lawyers"}
    entry = ModelLogEntry.objects.for_instance(coalition.application).get()
    assert (entry.action, entry.user) == ("coalition.application_approve", coalition.staff)

    again = api.post(url)
    assert again.status_code == 409
    assert "already been approved" in again.json()["detail"]


def test_declining_needs_a_reason(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff))
    url = f"/organization-applications/{coalition.application.pk}/decline"
    blank = api.post(url, {"reason": "   "})
    assert blank.status_code == 422
    assert blank.json()["errors"][0]["loc"] == ["body", "payload", "reason"]
    assert api.post(url, {}).status_code == 422

    response = api.post(url, {"reason": "Not a US organization."})
    assert response.status_code == 200
    assert response.json()["decline_reason"] == "Not a US organization."
    entry = ModelLogEntry.objects.for_instance(coalition.application).get()
    assert (entry.action, entry.data["reason"]) == (
        "coalition.application_decline",
        "Not a US organization.",
    )


def test_a_read_only_key_cannot_decide(coalition, make_key, key_api):
    api = key_api(make_key(coalition.staff, scope="read"))
    assert (
        api.post(f"/organization-applications/{coalition.application.pk}/approve").status_code
        == 403
    )
    assert not MemberOrganization.objects.filter(name="Applicant Lawyers").exists()


def test_delegation_applications_for_staff_without_erased_people(coalition, make_key, key_api):
    kept = DelegationApplicationFactory(name="Dana Delegate", available_days=["2025-12-02"])
    erased = DelegationApplicationFactory(person=PersonFactory(), name="Gone Person")
    person_erase(person=erased.person, by=coalition.staff)
    api = key_api(make_key(coalition.staff, scope="read"))
    body = api.get("/delegation-applications").json()
    assert [item["name"] for item in body["results"]] == ["Dana Delegate"]
    detail = api.get(f"/delegation-applications/{kept.pk}").json()
    assert detail["session"] == kept.call.session.number
    assert detail["available_days"] == ["2025-12-02"]
    assert "cv" not in detail
    assert api.get(f"/delegation-applications/{erased.pk}").status_code == 404
    assert (
        api.get("/delegation-applications", session=kept.call.session.number).json()["count"] == 1
    )
