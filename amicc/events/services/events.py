"""Events, as staff and coordinators create and change them in the admin.

A coordinator's event is hosted by one of their own alliances; staff may host an event
for any alliance or member organization, or for the coalition itself. Raising an event's
capacity (or lifting it) moves waitlisted people into the new seats; lowering it keeps
everyone already confirmed.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from wagtail.log_actions import log

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.events.models import Event
from amicc.events.services.rsvps import waitlist_promote

EDITABLE_FIELDS = (
    "title", "slug", "event_type", "alliance", "organization", "starts_at", "ends_at",
    "time_zone", "venue", "address", "city", "state", "online_url", "capacity",
    "description", "is_published",
)  # fmt: skip


def _check_host(event: Event, by: AbstractBaseUser) -> None:
    # The admin form offers only these choices; the rule holds for any other caller too.
    if user_is_coalition_staff(by):
        return
    if event.organization_id is not None:
        raise ValidationError(
            {"organization": gettext("Only staff host events for organizations.")}
        )
    if event.alliance_id is None:
        raise ValidationError({"alliance": gettext("Choose the alliance that hosts the event.")})
    if not reachable(Alliance, by).filter(pk=event.alliance_id).exists():
        raise ValidationError(
            {"alliance": gettext("You can only host events for alliances you run.")}
        )


@transaction.atomic
def event_create(
    *, by: AbstractBaseUser | None, data: Mapping[str, Any], topics: Iterable = ()
) -> Event:
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not a field of an event: {', '.join(sorted(unknown))}")
    event = Event(**data, created_by=by)
    if by is not None:
        _check_host(event, by)
    event.full_clean()
    event.save()
    event.topics.set(topics)
    log(instance=event, action="wagtail.create", user=by)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    by: AbstractBaseUser | None,
    data: Mapping[str, Any],
    topics: Iterable | None = None,
) -> Event:
    """Change the fields named in `data`; more seats go to the waitlist at once."""
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not a field of an event: {', '.join(sorted(unknown))}")
    # A form may have applied its values to `event` already; start from what is stored.
    stored = Event.objects.select_for_update().get(pk=event.pk)
    for name, value in data.items():
        setattr(stored, name, value)
    if by is not None:
        _check_host(stored, by)
    stored.full_clean()
    stored.save()
    if topics is not None:
        stored.topics.set(topics)
    waitlist_promote(event=stored)
    log(instance=stored, action="wagtail.edit", user=by)
    return stored
