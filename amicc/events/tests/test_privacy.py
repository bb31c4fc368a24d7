"""A person's RSVPs in their export, and what erasure keeps of them."""

import pytest
from django.core import mail

from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.privacy import person_data, person_forget
from amicc.events.services.rsvps import rsvp_attendance_mark, rsvp_create
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db


def test_export_then_forget(send, coalition):
    coming = EventFactory(title="Coming up", capacity=1)
    made = send(rsvp_create, event=coming, name="Ada Lovelace", email="ada@example.org").rsvp
    send(rsvp_create, event=coming, name="Wes Waiting", email="wes@example.org")
    held = EventFactory(title="Held", starts_at=in_days(-30), ends_at=in_days(-30, hour=20))
    past = RsvpFactory(event=held, person=made.person, name="Ada L.")
    rsvp_attendance_mark(rsvp=past, attended=True, by=coalition.staff)
    data = person_data(made.person)
    assert [(row["event"], row["name"], row["status"]) for row in data] == [
        ("Coming up", "Ada Lovelace", RsvpStatus.CONFIRMED),
        ("Held", "Ada L.", RsvpStatus.CONFIRMED),
    ]
    mail.outbox.clear()
    send(person_forget, made.person)
    rows = {rsvp.event.title: rsvp for rsvp in Rsvp.objects.filter(person=made.person)}
    assert {title: (r.name, r.status) for title, r in rows.items()} == {
        "Coming up": ("", RsvpStatus.CANCELLED),
        "Held": ("", RsvpStatus.CONFIRMED),
    }
    assert rows["Held"].attended is True  # the count of who came stays right
    assert Rsvp.objects.get(name="Wes Waiting").status == RsvpStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["wes@example.org"]]
    from wagtail.models import ModelLogEntry

    assert not ModelLogEntry.objects.filter(label__contains="Ada").exists()
