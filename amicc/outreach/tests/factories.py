"""Factories for the outreach models. Requests start new, for a date a month ahead."""

import datetime

import factory
from django.utils import timezone

from amicc.coalition.tests.factories import _set_many
from amicc.outreach.choices import (
    AudienceType,
    MediaKind,
    PresentationFormat,
    RequestStatus,
    SpeakerKind,
)
from amicc.outreach.models import MediaContact, MediaCoverage, PresentationRequest, Speaker


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class SpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Speaker {n}")
    email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    kind = SpeakerKind.VOLUNTEER
    states = factory.LazyFunction(list)
    is_active = True
    topics = _set_many("topics")

    class Meta:
        model = Speaker
        skip_postgeneration_save = True


class PresentationRequestFactory(factory.django.DjangoModelFactory):
    organization = factory.Sequence(lambda n: f"Requesting Group {n}")
    contact_name = factory.Sequence(lambda n: f"Contact Person {n}")
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    city = "Chicago"
    state = "IL"
    zip_code = "60601"
    preferred_date_1 = factory.LazyFunction(lambda: in_days(30))
    audience_type = AudienceType.STUDENTS
    audience_size = 40
    format = PresentationFormat.IN_PERSON
    status = RequestStatus.NEW
    topics = _set_many("topics")

    class Meta:
        model = PresentationRequest
        skip_postgeneration_save = True

    class Params:
        delivered = factory.Trait(
            status=RequestStatus.DELIVERED,
            speaker=factory.SubFactory(SpeakerFactory),
            scheduled_for=factory.LazyFunction(timezone.now),
            delivered_on=factory.LazyFunction(timezone.localdate),
        )


class MediaCoverageFactory(factory.django.DjangoModelFactory):
    outlet = factory.Sequence(lambda n: f"Daily Sample {n}")
    published_on = factory.LazyFunction(lambda: in_days(-3))
    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    headline = factory.Sequence(lambda n: f"Local group explains the ICC ({n})")
    kind = MediaKind.NEWS
    estimated_reach = 1000

    class Meta:
        model = MediaCoverage


class MediaContactFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reporter {n}")
    outlet = "Daily Sample"
    email = factory.Sequence(lambda n: f"reporter{n}@example.org")
    beat = "Courts and international affairs"

    class Meta:
        model = MediaContact
