"""An organization applies to join the coalition at /join/."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from amicc.coalition.choices import ApplicationStatus, ConsentPurpose, ConsentSource
from amicc.coalition.models import ConsentRecord, OrganizationApplication, Person
from amicc.coalition.services.applications import APPLICATION_CONSENT_WORDING
from amicc.coalition.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

JOIN = reverse("coalition:join")
THANKS = reverse("coalition:join-thanks")


def application_data(**changes) -> dict:
    data = {
        "organization_name": "Friends of the Court",
        "constituency": "human_rights",
        "city": "Portland",
        "state": "OR",
        "website": "friends.example.org",
        "description": "We educate the public about international justice.",
        "statement": "We support the ICC's mission to end impunity.",
        "contact_name": "Ada Lovelace",
        "contact_role": "Chair",
        "contact_email": "Ada@Example.org",
        "contact_phone": "503 555 0100",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_join_page_says_joining_is_free(client):
    response = client.get(JOIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Joining is free" in html
    assert escape(str(APPLICATION_CONSENT_WORDING)) in html
    assert "<legend>Your consent</legend>" in html


def test_application_happy_path(client, settings, django_capture_on_commit_callbacks):
    settings.AMICC_STAFF_EMAILS = ["convener@amicc.example", "staff@amicc.example"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN, application_data())
    assert response.status_code == 302 and response["Location"] == THANKS
    assert client.get(THANKS).status_code == 200

    application = OrganizationApplication.objects.get()
    assert application.status == ApplicationStatus.PENDING
    assert application.organization_name == "Friends of the Court"
    assert application.website == "https://friends.example.org"
    assert application.contact_email == "ada@example.org"
    person = application.contact_person
    assert person.email == "ada@example.org" and person.name == "Ada Lovelace"
    assert person.phone == "503 555 0100"
    consent = ConsentRecord.objects.get(person=person)
    assert consent.purpose == ConsentPurpose.DATA_PROCESSING
    assert consent.source == ConsentSource.ORGANIZATION_APPLICATION
    assert consent.wording == APPLICATION_CONSENT_WORDING and consent.granted

    # One message per address, each with its own delivery record.
    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 3
    assert sorted(by_address) == [
        "ada@example.org",
        "convener@amicc.example",
        "staff@amicc.example",
    ]
    staff, applicant = by_address["convener@amicc.example"], by_address["ada@example.org"]
    assert by_address["staff@amicc.example"].body == staff.body
    assert staff.reply_to == ["ada@example.org"]
    assert "Friends of the Court" in staff.subject and "Ada Lovelace" in staff.body
    assert applicant.to == ["ada@example.org"]
    assert "Friends of the Court" in applicant.subject and "free" in applicant.body


def test_staff_email_falls_back_to_active_superusers(
    client, settings, django_capture_on_commit_callbacks
):
    settings.AMICC_STAFF_EMAILS = []
    UserFactory(superuser=True, email="root@amicc.example")
    UserFactory(superuser=True, email="gone@amicc.example", is_active=False)
    UserFactory(staff=True, email="editor@amicc.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, application_data())
    recipients = sorted(message.to for message in mail.outbox)
    assert recipients == [["ada@example.org"], ["root@amicc.example"]]


def test_text_email_is_not_html_escaped(client, settings, django_capture_on_commit_callbacks):
    settings.AMICC_STAFF_EMAILS = ["convener@amicc.example"]
    data = application_data(organization_name="O'Brien & Partners for Women's Rights")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, data)
    applicant = next(message for message in mail.outbox if message.to == ["ada@example.org"])
    assert "O'Brien & Partners for Women's Rights" in applicant.subject
    assert "O'Brien & Partners for Women's Rights" in applicant.body
    assert "O&#x27;Brien &amp; Partners" in applicant.alternatives[0][0]


def test_existing_person_is_reused_not_duplicated(client, django_capture_on_commit_callbacks):
    existing = PersonFactory(name="Ada L.", email="ada@example.org", phone="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(JOIN, application_data())
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Ada L."  # a public form does not overwrite what we hold
    assert existing.phone == "503 555 0100"  # but fills what was blank
    assert OrganizationApplication.objects.get().contact_person == existing


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organization_name": ""}, "organization_name"),
        ({"constituency": "pirates"}, "constituency"),
        ({"state": "XX"}, "state"),
        ({"website": "not a url at all"}, "website"),
        ({"contact_email": "ada-at-example"}, "contact_email"),
        ({"statement": "   "}, "statement"),
        ({"statement": "x" * 5001}, "statement"),
        ({"description": None}, "description"),
        ({"consent": None}, "consent"),
        ({"city": "Port\x00land"}, "city"),
    ],
)
def test_bad_input_is_shown_with_everything_kept(
    client, django_capture_on_commit_callbacks, changes, field
):
    data = application_data(**changes)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(JOIN, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [field]
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}_error"' in html
    control = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{field}"[^>]*>', html).group(0)
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', control)
    assert 'aria-invalid="true"' in control
    assert 'value="Friends of the Court"' in html or field == "organization_name"
    assert "We support the ICC" in html or field == "statement"
    assert OrganizationApplication.objects.count() == 0
    assert Person.objects.count() == 0 and ConsentRecord.objects.count() == 0
    assert mail.outbox == []


def test_get_and_post_only(client):
    assert client.put(JOIN).status_code == 405
