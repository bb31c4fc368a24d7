"""Office visits: logged by alliance coordinators for their alliances and by staff.

A congressional visit records the seat of the member visited (state, and district for a
representative), copied when the member is chosen: the record of which districts were
visited outlives the member's time in office and later redistricting. A state
legislative visit records the state it was given. Every write is in the audit log.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.congress.choices import OfficeKind
from amicc.congress.models import Legislator, OfficeVisit

EDITABLE_FIELDS = (
    "alliance",
    "visited_on",
    "office_kind",
    "legislator",
    "state_office",
    "state",
    "people_met",
    "attendees",
    "asks",
    "outcome",
    "follow_up_on",
    "followed_up_on",
)


def _check_alliance(alliance: Alliance | None, by: AbstractBaseUser) -> None:
    # The form offers only these choices; the rule holds for any other caller too.
    if alliance is None:
        if not user_is_coalition_staff(by):
            raise ValidationError({"alliance": _("Choose the alliance that made the visit.")})
    elif not reachable(Alliance, by).filter(pk=alliance.pk).exists():
        raise ValidationError(
            {"alliance": _("You can only log visits of alliances you coordinate.")}
        )


def _fill_seat(visit: OfficeVisit, *, recorded: tuple[str, int | None] | None = None) -> None:
    """Set the seat of a congressional visit: the `recorded` one, else the member's now."""
    if visit.office_kind == OfficeKind.STATE_LEGISLATURE:
        visit.district = None
        return
    if visit.legislator is None:
        return  # the full_clean that follows names the missing member
    if recorded is not None:
        visit.state, visit.district = recorded
        return
    if not visit.legislator.is_current:
        raise ValidationError(
            {"legislator": f"{visit.legislator} no longer serves in Congress: choose a member."}
        )
    visit.state = visit.legislator.current_state
    visit.district = visit.legislator.current_district


@transaction.atomic
def office_visit_log(
    *,
    by: AbstractBaseUser,
    alliance: Alliance | None,
    visited_on: datetime.date,
    office_kind: str,
    legislator: Legislator | None = None,
    state_office: str = "",
    state: str = "",
    people_met: str,
    attendees: int,
    asks: str,
    outcome: str = "",
    follow_up_on: datetime.date | None = None,
    followed_up_on: datetime.date | None = None,
) -> OfficeVisit:
    """Record a visit; a member of Congress's seat is taken from the member."""
    _check_alliance(alliance, by)
    visit = OfficeVisit(
        alliance=alliance,
        visited_on=visited_on,
        office_kind=office_kind,
        legislator=legislator,
        state_office=state_office,
        state=state,
        people_met=people_met,
        attendees=attendees,
        asks=asks,
        outcome=outcome,
        follow_up_on=follow_up_on,
        followed_up_on=followed_up_on,
        logged_by=by,
    )
    _fill_seat(visit)
    visit.full_clean()
    visit.save()
    log(instance=visit, action="wagtail.create", user=by)
    return visit


@transaction.atomic
def office_visit_update(
    *, visit: OfficeVisit, by: AbstractBaseUser, data: Mapping[str, Any]
) -> OfficeVisit:
    """Change a visit's fields named in `data` (any of EDITABLE_FIELDS).

    The seat is copied again only when the member changes: correcting an old visit keeps
    the state and district it was made to, whatever the member's seat is now.
    """
    if unknown := set(data) - set(EDITABLE_FIELDS):
        raise ValueError(f"Not editable on an office visit: {', '.join(sorted(unknown))}")
    # The form has already applied its values to `visit`; compare with what is stored.
    stored = OfficeVisit.objects.select_for_update().get(pk=visit.pk)
    alliance_before, legislator_before = stored.alliance_id, stored.legislator_id
    recorded = (stored.state, stored.district)
    for name, value in data.items():
        setattr(stored, name, value)
    if stored.alliance_id != alliance_before:
        _check_alliance(stored.alliance, by)
    same_member = legislator_before is not None and stored.legislator_id == legislator_before
    _fill_seat(stored, recorded=recorded if same_member else None)
    stored.full_clean()
    stored.save(update_fields=sorted({*data, "state", "district"}))
    log(instance=stored, action="wagtail.edit", user=by)
    return stored
