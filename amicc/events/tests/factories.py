"""Factories of events and RSVPs: a published in-person discussion a week ahead, by default."""

import datetime

import factory
from django.utils import timezone

from amicc.coalition.tests.factories import PersonFactory
from amicc.events.choices import EventType, RsvpStatus
from amicc.events.models import Event, Rsvp


def in_days(days: float, hour: int | None = 18) -> datetime.datetime:
    """A time `days` from now, on the hour (UTC) unless `hour` is None."""
    moment = timezone.now() + datetime.timedelta(days=days)
    return (
        moment.replace(hour=hour, minute=0, second=0, microsecond=0) if hour is not None else moment
    )


class EventFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Discussion {n}")
    slug = factory.Sequence(lambda n: f"discussion-{n}")
    event_type = EventType.PUBLIC_DISCUSSION
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    time_zone = "America/Chicago"
    venue = "Public Library"
    address = "400 S State St"
    city = "Chicago"
    state = "IL"
    description = "An evening on the International Criminal Court."
    is_published = True

    class Meta:
        model = Event


class RsvpFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    name = factory.LazyAttribute(lambda rsvp: rsvp.person.name)
    status = RsvpStatus.CONFIRMED
    cancelled_at = factory.LazyAttribute(
        lambda rsvp: timezone.now() if rsvp.status == RsvpStatus.CANCELLED else None
    )

    class Meta:
        model = Rsvp
