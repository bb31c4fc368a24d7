"""The emailed cancel link: confirm on GET, cancel on POST, tampered or stale links."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.services.rsvps import rsvp_create
from amicc.events.tests.factories import EventFactory
from amicc.events.tokens import cancel_token_make

pytestmark = pytest.mark.django_db


def cancel_link(message) -> str:
    return re.search(r"http://\S+/events/rsvp/cancel/\S+/", message.body)[0]


@pytest.fixture
def full_event(site_tree, send):
    event = EventFactory(capacity=1)
    for name in ("Ada", "Bea"):
        send(rsvp_create, event=event, name=name, email=f"{name.lower()}@example.org")
    return event


def test_get_asks_then_post_cancels_and_promotes(
    client, full_event, django_capture_on_commit_callbacks
):
    path = cancel_link(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    mail.outbox.clear()
    response = client.get(path)
    assert response.status_code == 200 and "Cancel my RSVP" in response.content.decode()
    assert Rsvp.objects.get(name="Ada").status == RsvpStatus.CONFIRMED  # a GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert "Your RSVP is cancelled" in response.content.decode()
    assert dict(Rsvp.objects.values_list("name", "status")) == {
        "Ada": RsvpStatus.CANCELLED,
        "Bea": RsvpStatus.CONFIRMED,
    }
    assert [m.to for m in mail.outbox] == [["bea@example.org"]]
    second = client.post(path)
    assert second.status_code == 200 and "already cancelled" in second.content.decode()
    assert "already cancelled" in client.get(path).content.decode()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("a" if token[-1] != "a" else "b"),
        lambda token: token.split(":")[0],
        lambda token: "12345:" + token.split(":", 1)[1],  # another RSVP's id
        lambda token: "nonsense",
    ],
)
def test_a_tampered_link_is_a_400_page(client, full_event, mangle):
    rsvp = Rsvp.objects.get(name="Ada")
    token = mangle(cancel_token_make(rsvp.pk))
    path = reverse("events:cancel", args=[token])
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert Rsvp.objects.get(name="Ada").status == RsvpStatus.CONFIRMED


def test_a_link_to_another_salt_does_not_cancel(client, full_event):
    from django.core import signing

    rsvp = Rsvp.objects.get(name="Ada")
    token = signing.TimestampSigner(salt="something-else").sign(str(rsvp.pk))
    assert client.post(reverse("events:cancel", args=[token])).status_code == 400


def test_a_link_to_a_deleted_rsvp_is_a_404_page(client, full_event):
    path = reverse("events:cancel", args=[cancel_token_make(999_999)])
    response = client.get(path)
    assert response.status_code == 404 and "no longer on record" in response.content.decode()


def test_too_late_after_the_start(client, full_event):
    path = reverse("events:cancel", args=[cancel_token_make(Rsvp.objects.get(name="Ada").pk)])
    full_event.starts_at = timezone.now() - datetime.timedelta(minutes=1)
    full_event.save()
    response = client.post(path)
    assert response.status_code == 409 and "Too late to cancel" in response.content.decode()
    assert Rsvp.objects.get(name="Ada").status == RsvpStatus.CONFIRMED
