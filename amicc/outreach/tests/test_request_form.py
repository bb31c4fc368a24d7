"""The public request form: a request stored with its contact's consent, and bad input."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from amicc.coalition.choices import ConsentSource
from amicc.coalition.models import ConsentRecord, Person
from amicc.outreach.models import PresentationRequest
from amicc.outreach.tests.factories import in_days

pytestmark = pytest.mark.django_db
URL = "/request-a-presentation/"


def form_data(**overrides) -> dict:
    return {
        "organization": "Oak Park High School",
        "contact_name": "Terry Teacher",
        "contact_email": "Terry.Teacher@Example.org",
        "contact_phone": "",
        "city": "Oak Park",
        "state": "IL",
        "zip_code": "60302",
        "preferred_date_1": str(in_days(20)),
        "preferred_date_2": str(in_days(27)),
        "preferred_date_3": "",
        "audience_type": "students",
        "audience_size": "60",
        "format": "in_person",
        "notes": "Two civics classes.",
        "consent": "on",
        **overrides,
    }


def test_the_form_page_is_private_and_reachable_at_its_address(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("outreach:request") == URL
    assert "private" in response["Cache-Control"]
    assert 'name="homepage"' in response.content.decode()


@override_settings(AMICC_STAFF_EMAILS=["staff@amicc.example"])
def test_a_request_is_stored_with_person_consent_and_emails(
    client, topics, django_capture_on_commit_callbacks
):
    data = form_data(topics=[topics["gender"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:request_thanks")
    request = PresentationRequest.objects.get()
    assert request.status == "new"
    assert request.contact_email == "terry.teacher@example.org"
    assert request.preferred_dates == [in_days(20), in_days(27)]
    assert list(request.topics.all()) == [topics["gender"]]
    person = Person.objects.get(email="terry.teacher@example.org")
    assert request.person == person and person.state == "IL"
    consent = ConsentRecord.objects.get(person=person)
    assert consent.source == ConsentSource.PRESENTATION_REQUEST
    assert sorted(message.to[0] for message in mail.outbox) == [
        "staff@amicc.example",
        "terry.teacher@example.org",
    ]
    staff_mail = next(m for m in mail.outbox if m.to == ["staff@amicc.example"])
    assert "Oak Park High School" in staff_mail.subject
    assert staff_mail.reply_to == ["terry.teacher@example.org"]
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Terry" not in thanks.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"preferred_date_1": str(in_days(-1))}, "preferred_date_1", "after today"),
        ({"preferred_date_1": str(in_days(0))}, "preferred_date_1", "after today"),
        ({"preferred_date_2": str(in_days(-30))}, "preferred_date_2", "after today"),
        ({"preferred_date_1": str(in_days(3 * 365))}, "preferred_date_1", "two years"),
        ({"preferred_date_1": "31/12/2030"}, "preferred_date_1", "like 2026-10-15"),
        ({"preferred_date_1": "99999-01-01"}, "preferred_date_1", "like 2026-10-15"),
        ({"preferred_date_1": ""}, "preferred_date_1", "at least one date"),
        ({"preferred_date_2": str(in_days(20))}, "preferred_date_2", "already one"),
        ({"audience_size": "0"}, "audience_size", "at least one person"),
        ({"audience_size": "many"}, "audience_size", "whole number"),
        ({"audience_size": "10000000"}, "audience_size", "write to us"),
        ({"state": "XX"}, "state", "Choose a state"),
        ({"zip_code": "ABCDE"}, "zip_code", "5-digit"),
        ({"format": "carrier-pigeon"}, "format", "Select a valid choice"),
        ({"audience_type": "aliens"}, "audience_type", "Select a valid choice"),
        ({"topics": ["999999"]}, "topics", "from the list"),
        ({"topics": ["not-a-number"]}, "topics", ""),
        # Wider than 64 bits: SQLite raised OverflowError, a 500.
        ({"topics": ["99999999999999999999"]}, "topics", "from the list"),
        ({"topics": ["9" * 5000]}, "topics", "from the list"),
        ({"consent": ""}, "consent", "Tick this box"),
        ({"contact_email": "not-an-address"}, "contact_email", ""),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_typed_is_lost(
    client, overrides, field, message
):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert "Oak Park High School" in html and "Two civics classes." in html
    assert not PresentationRequest.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_answers_like_success_and_stores_nothing(client):
    response = client.post(URL, form_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert not PresentationRequest.objects.exists() and mail.outbox == []


def test_too_many_posts_from_one_address_are_refused_with_429(client, monkeypatch):
    monkeypatch.setattr("amicc.outreach.views.REQUEST_POSTS_PER_WINDOW", 2)
    for _ in range(2):
        client.post(URL, form_data(consent=""))
    response = client.post(URL, form_data())
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Oak Park High School" in response.content.decode()
    assert not PresentationRequest.objects.exists()


def test_a_date_that_passes_between_form_and_service_is_a_form_error(client, monkeypatch):
    tomorrow = in_days(1)
    real = "amicc.outreach.services.presentations.timezone.localdate"
    monkeypatch.setattr(real, lambda: tomorrow + datetime.timedelta(days=1))
    response = client.post(URL, form_data(preferred_date_1=str(tomorrow), preferred_date_2=""))
    assert response.status_code == 400
    assert "after today" in str(response.context["form"].errors)


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405


def test_the_error_summary_links_to_every_field_with_an_error(client):
    response = client.post(URL, form_data(format="", topics=["999999"]))
    html = response.content.decode()
    assert 'href="#id_format"' in html and 'id="id_format"' in html
    assert 'href="#id_topics"' in html or 'href="#id_topics_0"' in html
