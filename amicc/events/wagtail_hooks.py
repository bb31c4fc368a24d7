"""Events in the Wagtail admin: the "Events" menu, its reach and its bulk delete."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from amicc.coalition.permissions import CoalitionPermissionPolicy
from amicc.events.models import Event, Rsvp
from amicc.events.viewsets import (
    EventDeleteBulkAction,
    EventsViewSetGroup,
    RsvpPermissionPolicy,
    events_in_reach,
    rsvps_in_reach,
)

register_permission_policy(Event, CoalitionPermissionPolicy(Event, scope=events_in_reach))
register_permission_policy(Rsvp, RsvpPermissionPolicy(Rsvp, scope=rsvps_in_reach))
register_snippet(EventsViewSetGroup)
# After Wagtail's own bulk delete (order 0), so this one is what events get.
hooks.register("register_bulk_action", EventDeleteBulkAction, order=1)
