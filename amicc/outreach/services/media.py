"""Media coverage: logged by alliance coordinators for their alliances and by staff.

A coordinator credits coverage to one of their own alliances and never chooses what is
featured on the public "In the news" page: that is the staff's call, so a coordinator's
`featured` is ignored and an item keeps what staff set. Every write is in the audit log;
`amicc.outreach.signals` retires the cached public pages.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.outreach.models import MediaCoverage

EDITABLE_FIELDS = (
    "outlet",
    "published_on",
    "url",
    "headline",
    "kind",
    "alliance",
    "topics",
    "estimated_reach",
    "featured",
)


def _check_alliance(alliance: Alliance | None, by: AbstractBaseUser) -> None:
    if alliance is None:
        if not user_is_coalition_staff(by):
            raise ValidationError({"alliance": "Choose the alliance this coverage credits."})
    elif not reachable(Alliance, by).filter(pk=alliance.pk).exists():
        raise ValidationError(
            {"alliance": "You can only credit coverage to alliances you coordinate."}
        )


def _check_published_on(published_on: datetime.date) -> None:
    if published_on > timezone.localdate():
        raise ValidationError(
            {"published_on": "Log coverage once it is out: this date is in the future."}
        )


@transaction.atomic
def media_coverage_log(
    *,
    by: AbstractBaseUser,
    outlet: str,
    published_on: datetime.date,
    headline: str,
    kind: str,
    alliance: Alliance | None = None,
    url: str = "",
    topics: Iterable = (),
    estimated_reach: int | None = None,
    featured: bool = False,
) -> MediaCoverage:
    _check_alliance(alliance, by)
    _check_published_on(published_on)
    item = MediaCoverage(
        outlet=outlet.strip(),
        published_on=published_on,
        url=url,
        headline=headline.strip(),
        kind=kind,
        alliance=alliance,
        estimated_reach=estimated_reach,
        featured=featured and user_is_coalition_staff(by),
        logged_by=by,
    )
    item.full_clean()
    item.save()
    item.topics.set(topics)
    log(instance=item, action="wagtail.create", user=by)
    return item


@transaction.atomic
def media_coverage_update(
    *, item: MediaCoverage, by: AbstractBaseUser, data: Mapping[str, Any]
) -> MediaCoverage:
    """Change the fields named in `data` (any of EDITABLE_FIELDS)."""
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not editable on media coverage: {', '.join(sorted(unknown))}")
    stored = MediaCoverage.objects.select_for_update().get(pk=item.pk)
    alliance_before, published_before = stored.alliance_id, stored.published_on
    values = dict(data)
    topics = values.pop("topics", None)
    if not user_is_coalition_staff(by):
        values.pop("featured", None)
    for name, value in values.items():
        setattr(stored, name, value)
    if stored.alliance_id != alliance_before:
        _check_alliance(stored.alliance, by)
    if stored.published_on != published_before:
        _check_published_on(stored.published_on)
    stored.full_clean()
    stored.save(update_fields=sorted(values))
    if topics is not None:
        stored.topics.set(topics)
    log(instance=stored, action="wagtail.edit", user=by)
    return stored
