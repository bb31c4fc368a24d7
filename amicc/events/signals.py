"""Retire cached public pages when an event changes.

The calendar, its .ics files and the event pages show events; RSVPs change nothing they
keep (seat counts live on the event's page, which is never cached).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from amicc.core.page_cache import invalidate_page_cache
from amicc.events.models import Event


def _events_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


post_save.connect(_events_changed, sender=Event, dispatch_uid="events-save")
post_delete.connect(_events_changed, sender=Event, dispatch_uid="events-delete")
m2m_changed.connect(_events_changed, sender=Event.topics.through, dispatch_uid="events-topics")
