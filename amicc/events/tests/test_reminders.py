"""Reminders the day before: due ones only, once each however often the job runs."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from amicc.events.choices import RsvpStatus
from amicc.events.models import Rsvp
from amicc.events.services.reminders import event_reminders_send
from amicc.events.tasks import send_event_reminders
from amicc.events.tests.factories import EventFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def rsvps():
    soon = EventFactory(title="Tomorrow's talk", starts_at=in_days(0.5, hour=None))
    return {
        "due": RsvpFactory(event=soon, person__email="due@example.org"),
        "waitlisted": RsvpFactory(event=soon, status=RsvpStatus.WAITLISTED),
        "cancelled": RsvpFactory(event=soon, status=RsvpStatus.CANCELLED),
        "later": RsvpFactory(event=EventFactory(starts_at=in_days(3))),
        "started": RsvpFactory(
            event=EventFactory(
                starts_at=timezone.now() - datetime.timedelta(minutes=5),
                ends_at=in_days(1),
            )
        ),
        "draft": RsvpFactory(
            event=EventFactory(starts_at=in_days(0.5, hour=None), is_published=False)
        ),
    }


def test_running_twice_sends_each_reminder_once(rsvps):
    assert event_reminders_send() == 1
    assert event_reminders_send() == 0
    (message,) = mail.outbox
    assert message.to == ["due@example.org"]
    assert message.subject.startswith("Reminder: Tomorrow's talk")
    assert "/events/rsvp/cancel/" in message.body
    reminded = set(Rsvp.objects.exclude(reminder_sent_at=None).values_list("pk", flat=True))
    assert reminded == {rsvps["due"].pk}


def test_the_task_and_the_command_share_the_service(rsvps):
    assert send_event_reminders.enqueue().return_value == 1
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 0 event reminders."
    assert len(mail.outbox) == 1


def test_an_erased_person_gets_no_reminder(rsvps):
    person = rsvps["due"].person
    person.email = None
    person.save()
    assert event_reminders_send() == 0 and mail.outbox == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the claim is the same UPDATE")
    event = EventFactory(starts_at=in_days(0.5, hour=None))
    for _ in range(5):
        RsvpFactory(event=event)
    results, barrier = [], threading.Barrier(3)

    def run():
        barrier.wait()
        try:
            results.append(event_reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 5 and len(mail.outbox) == 5
