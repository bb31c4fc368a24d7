"""The event pages, the RSVP form and its emails in Spanish under /es/; English unchanged.

A reminder goes out from a scheduled job, long after the visitor has left: it is written in
the language the RSVP was made in, which the RSVP records.
"""

import pytest
from django.core import mail
from django.utils import translation

from amicc.events.models import Rsvp
from amicc.events.services.reminders import event_reminders_send
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db
PATH = "/events/lakeside/"


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request under /es/ leaves Spanish active in the test's thread: not for the next."""
    with translation.override("en"):
        yield


def form(**overrides) -> dict:
    return {"name": "Ada Lovelace", "email": "ada@example.org", "consent": "on", **overrides}


@pytest.fixture
def event(site_tree):
    return EventFactory(title="Lakeside discussion", slug="lakeside", city="Chicago", capacity=10)


def test_events_list_in_spanish_and_english(client, event):
    spanish = client.get("/es/events/").content.decode()
    assert "Próximos eventos" in spanish and "Filtrar los eventos" in spanish
    assert "1 evento" in spanish and "Lakeside discussion" in spanish
    assert f'href="/es{PATH}"' in spanish
    assert "Upcoming events" not in spanish and "Filter the events" not in spanish
    english = client.get("/events/").content.decode()
    assert "Upcoming events" in english and "1 event" in english
    assert "Próximos eventos" not in english


def test_event_page_in_spanish(client, event):
    page = client.get(f"/es{PATH}").content.decode()
    assert "Cuándo" in page and "Quedan 10 de 10 cupos" in page
    assert "Agregar a mi calendario (.ics)" in page and "Su correo electrónico" in page
    assert "Add to my calendar" not in page and "Your email address" not in page
    english = client.get(PATH).content.decode()
    assert "10 of 10 seats left" in english and "Add to my calendar (.ics)" in english


def test_rsvp_with_an_error_in_spanish(client, event):
    response = client.post(f"/es{PATH}", form(name="", consent=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingrese su nombre." in page
    assert "Marque esta casilla para que podamos reservar su lugar." in page
    assert "Enter your name." not in page and not Rsvp.objects.exists()


def test_rsvp_through_spanish_page_confirms_in_spanish(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/es{PATH}", form())
    assert response.status_code == 302 and response["Location"].startswith("/es/")
    assert Rsvp.objects.get().language == "es"
    assert "Su lugar está reservado" in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.subject == "Su lugar está reservado: Lakeside discussion"
    assert "Hola, Ada Lovelace:" in message.body and "Cuándo:" in message.body
    assert f"/es{PATH}" in message.body and "/es/events/rsvp/cancel/" in message.body
    assert "Hello" not in message.body


def test_rsvp_through_english_page_confirms_in_english(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(PATH, form())
    assert Rsvp.objects.get().language == "en"
    [message] = mail.outbox
    assert message.subject == "Your seat is booked: Lakeside discussion"
    assert "Hello Ada Lovelace," in message.body and "/es/" not in message.body


def test_each_reminder_in_the_language_of_its_rsvp():
    soon = EventFactory(title="Tomorrow's talk", starts_at=in_days(0.5, hour=None))
    RsvpFactory(event=soon, person__email="ana@example.org", name="Ana", language="es")
    RsvpFactory(event=soon, person__email="bob@example.org", name="Bob", language="en")
    with translation.override("en"):  # the job's own language is not the reader's
        assert event_reminders_send() == 2
    sent = {message.to[0]: message for message in mail.outbox}
    spanish, english = sent["ana@example.org"], sent["bob@example.org"]
    assert spanish.subject.startswith("Recordatorio: Tomorrow's talk, ")
    assert "Le recordamos que “Tomorrow's talk” se realizará pronto" in spanish.body
    assert "/es/" in spanish.body and "A reminder that" not in spanish.body
    assert english.subject.startswith("Reminder: Tomorrow's talk, ")
    assert "A reminder that “Tomorrow's talk” is coming up soon" in english.body
    assert "/es/" not in english.body and "Le recordamos" not in english.body
