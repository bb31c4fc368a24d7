"""RSVPs through the services: seats, the waitlist, cancelling, promotion, refusals."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.utils import timezone

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import ConsentRecord, Person
from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.services.events import event_update
from amicc.events.services.rsvps import (
    CancelTooLate,
    RsvpRefused,
    rsvp_cancel,
    rsvp_create,
)
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = RsvpStatus.CONFIRMED, RsvpStatus.WAITLISTED, RsvpStatus.CANCELLED


def rsvp(send, event, name, **kwargs):
    email = kwargs.pop("email", f"{name.split()[0].lower()}@example.org")
    return send(rsvp_create, event=event, name=name, email=email, **kwargs)


def test_seats_then_waitlist_in_order(send):
    event = EventFactory(capacity=2)
    made = [rsvp(send, event, name).rsvp for name in ("Ada A", "Bea B", "Cy C", "Di D")]
    assert [r.status for r in made] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0] == f"Your seat is booked: {event.title}"
    assert subjects[2] == f"You are on the waitlist: {event.title}"
    assert "/events/rsvp/cancel/" in mail.outbox[0].body
    assert [message.to for message in mail.outbox][3] == ["di@example.org"]


def test_rsvp_records_person_consent_and_newsletter(send):
    event = EventFactory()
    rsvp(send, event, "Ada Lovelace", email="Ada@Example.org", wants_newsletter=True)
    person = Person.objects.get(email="ada@example.org")
    assert person.wants_newsletter
    purposes = set(
        ConsentRecord.objects.filter(person=person, source=ConsentSource.EVENT_RSVP).values_list(
            "purpose", flat=True
        )
    )
    assert purposes == {ConsentPurpose.DATA_PROCESSING, ConsentPurpose.NEWSLETTER}


def test_a_second_rsvp_with_the_same_email_is_the_same_one(send):
    event = EventFactory(capacity=1)
    first = rsvp(send, event, "Ada Lovelace", email="ada@example.org")
    again = rsvp(send, event, "Someone Else", email="  ADA@example.ORG ")
    assert again.already and again.rsvp == first.rsvp
    assert Rsvp.objects.count() == 1 and len(mail.outbox) == 1


def test_the_database_holds_one_live_rsvp_per_person(send):
    made = rsvp(send, EventFactory(), "Ada Lovelace").rsvp
    with pytest.raises(IntegrityError):
        RsvpFactory(event=made.event, person=made.person, status=WAITLISTED)


def test_after_cancelling_one_may_rsvp_again(send):
    event = EventFactory(capacity=1)
    made = rsvp(send, event, "Ada Lovelace").rsvp
    send(rsvp_cancel, rsvp_id=made.pk)
    again = rsvp(send, event, "Ada Lovelace")
    assert not again.already and again.rsvp.status == CONFIRMED


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"is_published": False}, "not open"),
        ({"starts_at": in_days(-1), "ends_at": in_days(1)}, "already started"),
        ({"starts_at": in_days(-3), "ends_at": in_days(-2)}, "already started"),
    ],
)
def test_unpublished_and_past_events_refuse_rsvps(send, fields, message):
    event = EventFactory(**fields)
    with pytest.raises(RsvpRefused, match=message):
        rsvp(send, event, "Ada Lovelace")
    assert not Rsvp.objects.exists() and not Person.objects.exists() and mail.outbox == []


def test_cancelling_promotes_the_first_waitlisted_and_tells_them(send):
    event = EventFactory(capacity=1)
    ada, bea, cy = (rsvp(send, event, name).rsvp for name in ("Ada A", "Bea B", "Cy C"))
    mail.outbox.clear()
    result = send(rsvp_cancel, rsvp_id=ada.pk)
    assert result.promoted == (bea,)
    statuses = dict(Rsvp.objects.values_list("name", "status"))
    assert statuses == {"Ada A": CANCELLED, "Bea B": CONFIRMED, "Cy C": WAITLISTED}
    bea.refresh_from_db()
    assert bea.promoted_at is not None
    (message,) = mail.outbox
    assert message.to == ["bea@example.org"]
    assert message.subject == f"A seat is yours: {event.title}"


def test_cancelling_twice_or_from_the_waitlist_promotes_nobody(send):
    event = EventFactory(capacity=1)
    ada, bea, cy = (rsvp(send, event, name).rsvp for name in ("Ada A", "Bea B", "Cy C"))
    assert send(rsvp_cancel, rsvp_id=bea.pk).promoted == ()
    again = send(rsvp_cancel, rsvp_id=bea.pk)
    assert again.already and again.promoted == ()
    assert Rsvp.objects.get(pk=cy.pk).status == WAITLISTED


def test_cancelling_after_the_start_is_refused(send):
    event = EventFactory(capacity=1)
    made = rsvp(send, event, "Ada A").rsvp
    event.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    event.save()
    with pytest.raises(CancelTooLate):
        send(rsvp_cancel, rsvp_id=made.pk)


def test_more_seats_promote_fewer_seats_keep_everyone(send, coalition):
    event = EventFactory(capacity=1)
    names = ("Ada A", "Bea B", "Cy C", "Di D")
    for name in names:
        rsvp(send, event, name)
    mail.outbox.clear()
    send(event_update, event=event, by=coalition.staff, data={"capacity": 3})
    assert dict(Rsvp.objects.values_list("name", "status")) == {
        "Ada A": CONFIRMED, "Bea B": CONFIRMED, "Cy C": CONFIRMED, "Di D": WAITLISTED,
    }  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == ["bea@example.org", "cy@example.org"]
    send(event_update, event=event, by=coalition.staff, data={"capacity": 1})
    assert Rsvp.objects.filter(status=CONFIRMED).count() == 3
    send(event_update, event=event, by=coalition.staff, data={"capacity": None})
    assert not Rsvp.objects.filter(status=WAITLISTED).exists()


def test_an_rsvp_within_a_day_of_the_start_needs_no_separate_reminder(send):
    soon = rsvp(send, EventFactory(starts_at=in_days(0.5, hour=None)), "Ada A").rsvp
    later = rsvp(send, EventFactory(), "Bea B").rsvp
    assert soon.reminder_sent_at is not None and later.reminder_sent_at is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_never_take_the_last_seat_together():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's IMMEDIATE transactions serialize writers; this races rows locks")
    event = EventFactory(capacity=1)
    barrier, statuses = threading.Barrier(4), []

    def take(number: int) -> None:
        barrier.wait()
        try:
            made = rsvp_create(event=event, name=f"P{number}", email=f"p{number}@example.org")
            statuses.append(made.rsvp.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [CONFIRMED, WAITLISTED, WAITLISTED, WAITLISTED]
