"""A person's data on request: a full export, or erasure that keeps the counts right."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import AllianceMembership, ConsentRecord, Person, StateInterest
from amicc.coalition.services.people import consent_record
from amicc.coalition.services.privacy import person_erase
from amicc.coalition.tests.admin_fixtures import coalition_fixture, user_in  # noqa: F401
from amicc.coalition.tests.factories import (
    AllianceMembershipFactory,
    OrganizationApplicationFactory,
    StateInterestFactory,
)

pytestmark = pytest.mark.django_db
WORDING = "Send me the coalition's newsletter."


@pytest.fixture
def held(coalition):
    """Amy, with something of every kind the coalition holds about a person."""
    amy = coalition.member_a
    amy.phone = "+1 212 555 0100"
    amy.user = user_in("Alliance coordinators", username="amy", email="amy@example.org")
    amy.save()
    coalition.alliance_b.coordinators.add(amy)
    coalition.organization.representatives.add(amy)
    membership = AllianceMembershipFactory(alliance=coalition.alliance_b, person=amy)
    log(instance=amy, action="wagtail.edit", user=coalition.staff)
    log(instance=membership, action="wagtail.create", user=coalition.coordinator)
    StateInterestFactory(person=amy, state="WY")
    consent_record(
        person=amy, purpose=ConsentPurpose.NEWSLETTER, wording=WORDING, source=ConsentSource.STAFF
    )
    OrganizationApplicationFactory(
        contact_person=amy, contact_name=amy.name, contact_email=amy.email, contact_phone="555"
    )
    return amy


def test_export_gives_staff_everything_held_as_json(client, coalition, held):
    client.force_login(coalition.staff)
    response = client.get(reverse("coalition_admin:person-export", args=[held.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="person-{held.pk}.json"'
    data = json.loads(response.content)

    assert data["person"] | {"created_at": None, "updated_at": None} == {
        "id": held.pk,
        "name": "Amy Member",
        "email": held.email,
        "phone": "+1 212 555 0100",
        "zip_code": "10017",
        "state": "NY",
        "wants_newsletter": True,
        "wants_alliance_updates": False,
        "wants_action_alerts": False,
        "created_at": None,
        "updated_at": None,
        "erased_at": None,
    }
    assert data["account"]["username"] == "amy" and data["account"]["is_active"] is True
    assert sorted(
        (membership["alliance"], membership["status"])
        for membership in data["alliance_memberships"]
    ) == [("Alliance Able", "active"), ("Alliance Baker", "pending")]
    [consent] = data["consents"]
    assert (consent["purpose"], consent["granted"], consent["wording"]) == (
        "newsletter",
        True,
        WORDING,
    )
    assert [interest["state"] for interest in data["state_interests"]] == ["WY"]
    [application] = data["organization_applications"]
    assert (application["contact_phone"], application["status"]) == ("555", "pending")
    assert data["represented_organizations"] == ["Rita's Bar Association"]
    assert data["coordinated_alliances"] == ["Alliance Baker"]

    entry = ModelLogEntry.objects.for_instance(held).get(action="coalition.person_export")
    assert entry.user == coalition.staff


def test_export_queries_do_not_grow_with_what_is_held(client, coalition, held):
    client.force_login(coalition.staff)
    url = reverse("coalition_admin:person-export", args=[held.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    queries()  # the first request also fills Django's content type cache
    before = queries()
    for state in ("MT", "ID", "UT", "NV", "OR"):
        StateInterestFactory(person=held, state=state)
        AllianceMembershipFactory(person=held)
    assert queries() == before


def test_erase_removes_personal_details_and_keeps_the_counts(client, coalition, held):
    account = held.user
    client.force_login(coalition.staff)
    url = reverse("coalition_admin:person-erase", args=[held.pk])
    page = client.get(url)
    assert page.status_code == 200 and "This cannot be undone." in page.content.decode()
    assert ModelLogEntry.objects.filter(label__contains="Amy Member").count() == 2

    response = client.post(url)
    assert response.status_code == 302
    person = Person.objects.get(pk=held.pk)
    assert (person.name, person.email, person.phone, person.zip_code) == (
        "Erased person",
        None,
        "",
        "",
    )
    assert person.erased_at is not None and person.user is None
    assert not (person.wants_newsletter or person.wants_alliance_updates)
    assert AllianceMembership.objects.filter(person=person).count() == 2
    assert StateInterest.objects.filter(person=person).count() == 1
    assert ConsentRecord.objects.get(person=person).wording == WORDING
    assert not person.represented_organizations.exists()
    assert not person.coordinated_alliances.exists()
    application = person.applications.get()
    assert (application.contact_name, application.contact_email, application.contact_phone) == (
        "Erased person",
        "",
        "",
    )

    account.refresh_from_db()
    assert not account.is_active and not account.has_usable_password()
    assert (account.username, account.email, account.first_name) == (
        f"erased-{account.pk}",
        "",
        "",
    )
    assert not account.groups.exists()

    assert not ModelLogEntry.objects.filter(label__contains="Amy Member").exists()
    entry = ModelLogEntry.objects.for_instance(person).get(action="coalition.person_erase")
    assert (entry.user, entry.label) == (coalition.staff, "Erased person")

    response = client.post(url, follow=True)
    assert "already been erased" in response.content.decode()
    with pytest.raises(ValidationError):
        person_erase(person=person, by=coalition.staff)


def test_coordinators_can_neither_export_nor_erase_their_members(client, coalition):
    client.force_login(coalition.coordinator)
    for name in ("person-export", "person-erase"):
        for method in (client.get, client.post):
            response = method(reverse(f"coalition_admin:{name}", args=[coalition.member_a.pk]))
            assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert Person.objects.get(pk=coalition.member_a.pk).name == "Amy Member"
    assert not ModelLogEntry.objects.filter(action__startswith="coalition.person").exists()
