"""The outreach pages, the request form and its confirmation email in Spanish under /es/.

Staff get the notice of a new request in English, whatever the requester's language.
"""

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from amicc.outreach.models import PresentationRequest
from amicc.outreach.tests.factories import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request under /es/ leaves Spanish active in the test's thread: not for the next."""
    with translation.override("en"):
        yield


def form_data(**overrides) -> dict:
    return {
        "organization": "Oak Park High School",
        "contact_name": "Terry Teacher",
        "contact_email": "terry@example.org",
        "city": "Oak Park",
        "state": "IL",
        "zip_code": "60302",
        "preferred_date_1": str(in_days(20)),
        "audience_type": "students",
        "audience_size": "60",
        "format": "in_person",
        "consent": "on",
        **overrides,
    }


def test_request_form_with_an_error_in_spanish(client, site_tree):
    response = client.post("/es/request-a-presentation/", form_data(organization="", consent=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Solicite una presentación" in page
    assert "Indique la organización que recibiría la presentación." in page
    assert "Marque esta casilla para que podamos conservar sus datos." in page
    assert "Name the organization" not in page and not PresentationRequest.objects.exists()


@override_settings(AMICC_STAFF_EMAILS=["staff@amicc.example"])
def test_request_through_spanish_page_is_confirmed_in_spanish(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/request-a-presentation/", form_data())
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    thanks = client.get(response["Location"]).content.decode()
    assert "Gracias por su solicitud" in thanks
    sent = {message.to[0]: message for message in mail.outbox}
    confirmation = sent["terry@example.org"]
    assert confirmation.subject == "Recibimos su solicitud de presentación"
    assert "Estimado/a Terry Teacher:" in confirmation.body
    assert "Sus fechas preferidas:" in confirmation.body
    assert "Dear" not in confirmation.body
    staff = sent["staff@amicc.example"]
    assert "A presentation has been requested." in staff.body


def test_presentations_and_news_pages_in_spanish(client, site_tree):
    page = client.get("/es/presentations/").content.decode()
    assert "Presentaciones realizadas" in page and "Por estado y año" in page
    assert "Presentations we have given" not in page
    news = client.get("/es/in-the-news/").content.decode()
    assert "En los medios" in news and "Todavía no hay nada que mostrar." in news
    english = client.get("/presentations/").content.decode()
    assert "Presentations we have given" in english and "By state and year" in english


def test_request_form_in_english_unchanged(client, site_tree):
    page = client.get("/request-a-presentation/").content.decode()
    assert "Request a presentation" in page and "Your organization" in page
    assert "Solicite" not in page
