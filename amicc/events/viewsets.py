"""Events in the admin: an "Events" menu with the events and their RSVPs (attendance).

Coordinators reach the events of the alliances they coordinate and those events' RSVPs;
staff reach all. Events save through `services.events`, so a raised capacity fills from
the waitlist; an RSVP's only editable field is whether the person attended. Nobody adds
or deletes RSVPs here: a seat is taken and given back by its holder, so the waitlist
moves. Exports leave out email addresses for coordinators, as for office visits: a file,
unlike the admin, is neither narrowed to a reach nor logged.
"""

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import (
    CoalitionPermissionPolicy,
    EditView,
    IndexView,
    ReachableDeleteBulkAction,
    ReachableViewSetMixin,
    reachable,
    user_is_coalition_staff,
)
from amicc.core.admin_forms import ServiceSaveMixin
from amicc.events.choices import RsvpStatus
from amicc.events.forms_admin import EventFilterSet, EventForm, RsvpAttendanceForm, RsvpFilterSet
from amicc.events.models import Event, Rsvp
from amicc.events.services.events import EDITABLE_FIELDS, event_create, event_update
from amicc.events.services.rsvps import rsvp_attendance_mark


def events_in_reach(user) -> QuerySet[Event]:
    return Event.objects.filter(alliance__in=reachable(Alliance, user))


def rsvps_in_reach(user) -> QuerySet[Rsvp]:
    return Rsvp.objects.filter(event__alliance__in=reachable(Alliance, user))


class RsvpPermissionPolicy(CoalitionPermissionPolicy):
    """RSVPs are viewed and marked, never added or deleted, by anyone in the admin."""

    FORBIDDEN = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - self.FORBIDDEN)


def _event_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.fields}


class EventCreateView(ServiceSaveMixin, snippets.CreateView):
    def save_instance(self):
        return event_create(
            by=self.request.user,
            data=_event_data(self.form),
            topics=self.form.cleaned_data["topics"],
        )


class EventEditView(ServiceSaveMixin, EditView):
    def save_instance(self):
        return event_update(
            event=self.object,
            by=self.request.user,
            data=_event_data(self.form),
            topics=self.form.cleaned_data["topics"],
        )


def _starts(event: Event) -> str:
    return dateformat.format(event.starts_local, "Y-m-d H:i T")


def _rsvps_link(event: Event):
    url = reverse(Rsvp.snippet_viewset.get_url_name("list"))
    text = gettext("%(confirmed)s confirmed, %(waiting)s waiting") % {
        "confirmed": event.confirmed_count,
        "waiting": event.waitlisted_count,
    }
    return format_html('<a href="{}?event={}">{}</a>', url, event.pk, text)


class EventDeleteBulkAction(ReachableDeleteBulkAction):
    # RSVPs too: nobody deletes them, but Wagtail's own action would name the refused ones.
    models = [Event, Rsvp]


class EventViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    list_display = [
        "title",
        "event_type",
        Column("host", label=_("Host"), accessor="host_name"),
        Column("starts", label=_("Starts (local time)"), accessor=_starts, sort_key="starts_at"),
        BooleanColumn("is_published", label=_("Published")),
        Column("rsvps", label=_("RSVPs"), accessor=_rsvps_link),
    ]
    filterset_class = EventFilterSet
    search_fields = ["title", "city", "venue", "description"]
    ordering = ["-starts_at"]
    list_export = [
        "title", "get_event_type_display", "host_name", "starts_local", "ends_local",
        "time_zone", "place_text", "online_url", "capacity", "confirmed_count",
        "waitlisted_count", "attended_count", "is_published", "full_url",
    ]  # fmt: skip
    export_headings = {
        "get_event_type_display": _("Type"),
        "host_name": _("Host"),
        "starts_local": _("Starts (local time)"),
        "ends_local": _("Ends (local time)"),
        "place_text": _("Place"),
        "confirmed_count": _("Confirmed"),
        "waitlisted_count": _("Waitlisted"),
        "attended_count": _("Attended"),
        "full_url": _("Page"),
    }
    export_filename = "events"
    inspect_view_fields = [
        "title", "slug", "event_type", "alliance", "organization", "starts_at", "ends_at",
        "time_zone", "venue", "address", "city", "state", "online_url", "capacity",
        "description", "topics", "is_published", "created_by", "created_at", "updated_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("event_type"),
                    FieldPanel("alliance"),
                    FieldPanel("organization"),
                    FieldPanel("description"),
                    FieldPanel("topics"),
                ],
                heading=_("Event"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                    FieldPanel("time_zone"),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue"),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("state")]),
                    FieldPanel("online_url"),
                    FieldPanel("capacity"),
                ],
                heading=_("Where"),
            ),
            FieldPanel("is_published"),
        ],
        base_form_class=EventForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("alliance", "organization")
            .annotate(
                confirmed_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.CONFIRMED)),
                waitlisted_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITLISTED)),
                attended_count=Count("rsvps", filter=Q(rsvps__attended=True)),
            )
        )


class RsvpIndexView(IndexView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not user_is_coalition_staff(request.user):
            self.list_export = [name for name in self.list_export if name != "person.email"]


class RsvpEditView(EditView):
    def save_instance(self):
        return rsvp_attendance_mark(
            rsvp=self.object, attended=self.form.cleaned_data["attended"], by=self.request.user
        )


class RsvpViewSet(ReachableViewSetMixin, SnippetViewSet):
    model = Rsvp
    icon = "tick-inverse"
    menu_label = _("RSVPs and attendance")
    index_view_class = RsvpIndexView
    edit_view_class = RsvpEditView
    list_display = [
        "name",
        Column("event", label=_("Event"), accessor="event", sort_key="event__starts_at"),
        "status",
        "created_at",
        BooleanColumn("attended", label=_("Attended")),
    ]
    filterset_class = RsvpFilterSet
    search_fields = ["name", "event__title"]
    ordering = ["-event__starts_at", "created_at"]
    list_export = [
        "event.title", "event.starts_local", "name", "person.email", "get_status_display",
        "created_at", "promoted_at", "cancelled_at", "attended",
    ]  # fmt: skip
    export_headings = {
        "event.title": _("Event"),
        "event.starts_local": _("Event starts (local time)"),
        "person.email": _("Email"),
        "get_status_display": _("Status"),
        "created_at": _("RSVP made"),
        "promoted_at": _("Moved off the waitlist"),
        "cancelled_at": _("Cancelled"),
    }
    export_filename = "event-rsvps"
    inspect_view_fields = [
        "event", "name", "status", "created_at", "promoted_at", "cancelled_at",
        "reminder_sent_at", "attended",
    ]  # fmt: skip
    edit_handler = ObjectList([FieldPanel("attended")], base_form_class=RsvpAttendanceForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "person")


class EventsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 320
    items = (EventViewSet, RsvpViewSet)
