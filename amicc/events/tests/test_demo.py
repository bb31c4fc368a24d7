"""The demo loader: sample events for the demo alliances, loaded once."""

import pytest

from amicc.coalition.demo_content import coalition_demo_load
from amicc.events.choices import RsvpStatus
from amicc.events.demo_content import events_demo_load
from amicc.events.models import Event, Rsvp

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_hosts_and_a_waitlist():
    coalition_demo_load()
    summary = events_demo_load()
    assert summary.startswith("Events: 8 sample events")
    assert Event.objects.filter(alliance__slug="chicago").exists()
    assert Event.objects.filter(organization__isnull=False).exists()
    assert Event.objects.filter(alliance=None, organization=None).count() == 2
    assert Rsvp.objects.filter(status=RsvpStatus.WAITLISTED).exists()
    assert Rsvp.objects.filter(attended=True).exists()
    assert events_demo_load().endswith("nothing loaded")
    assert Event.objects.count() == 8


def test_demo_loads_without_the_coalition_demo():
    assert events_demo_load() == "Events: 8 sample events, 0 RSVPs"
