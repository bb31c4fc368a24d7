"""The event and RSVP forms and listing filters of the admin.

Start and end are typed in the event's own time zone, whatever the editor's: "7 PM" for
an event in Denver means 7 PM in Denver. A coordinator hosts events for their own
alliances only: the alliance choices are their reach, and the organization field is gone.
"""

import datetime
import zoneinfo

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import alliance_field_narrow, reachable
from amicc.events.choices import EventType, RsvpStatus
from amicc.events.models import CAPACITY_MESSAGE, Event, Rsvp, time_zone_names

COALITION_HOST = _("None: the coalition hosts it")
LOCAL_TIME_HELP = _("In the event's time zone, below.")


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone: the form gives it the event's."""

    widget = AdminDateTimeInput

    def prepare_value(self, value):
        return value  # shown as given; Django would move an aware value to the server's zone

    def to_python(self, value) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return timezone.make_naive(value) if timezone.is_aware(value) else value
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            parsed = super(forms.DateTimeField, self).to_python(value)  # the input formats
        return parsed.replace(tzinfo=None)


def _time_zone_choices() -> list[tuple[str, str]]:
    # American zones first: most events are in the United States.
    names = sorted(time_zone_names(), key=lambda name: (not name.startswith("America/"), name))
    return [(name, name.replace("_", " ")) for name in names]


def _aware(local: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    """`local` in `zone`; None for a time the clocks skip when they go forward."""
    aware = local.replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    return aware if round_trip == local else None


class EventForm(WagtailAdminModelForm):
    starts_at = LocalDateTimeField(label=_("Starts"), help_text=LOCAL_TIME_HELP)
    ends_at = LocalDateTimeField(label=_("Ends"), help_text=LOCAL_TIME_HELP)
    time_zone = forms.ChoiceField(
        choices=_time_zone_choices,
        help_text=_("Where the event takes place; an online event, where its host is."),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )
    capacity = forms.IntegerField(
        required=False,
        help_text=_("Seats. Leave empty for no limit."),
        error_messages={"min_value": CAPACITY_MESSAGE},
        min_value=1,
        max_value=1_000_000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not alliance_field_narrow(self, user=self.for_user, staff_label=COALITION_HOST):
            del self.fields["organization"]
        for name in ("starts_at", "ends_at"):
            value = getattr(self.instance, name)
            if value is not None and not self.is_bound:
                self.initial[name] = value.astimezone(self.instance.zone).replace(tzinfo=None)

    def clean(self) -> dict:
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if not name:
            # Local times mean nothing without their zone; its error is on the form already.
            cleaned.pop("starts_at", None)
            cleaned.pop("ends_at", None)
            return cleaned
        zone = zoneinfo.ZoneInfo(name)
        for field in ("starts_at", "ends_at"):
            if (local := cleaned.get(field)) is None:
                continue
            cleaned[field] = _aware(local, zone)
            if cleaned[field] is None:
                self.add_error(
                    field,
                    gettext("This time does not exist in %(zone)s: clocks skip it.")
                    % {"zone": name},
                )
        starts = cleaned.get("starts_at")
        if starts and not self.instance.pk and starts <= timezone.now():
            self.add_error("starts_at", gettext("This time has passed: an event is created ahead."))
        ends = cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", gettext("The event must end after it starts."))
        return cleaned


def _alliances_in_reach(request) -> QuerySet[Alliance]:
    return reachable(Alliance, request.user)


def _events_in_reach(request) -> QuerySet[Event]:
    return reachable(Event, request.user).order_by("-starts_at")


WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]


class EventFilterSet(WagtailFilterSet):
    event_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=EventType.choices, empty_label=_("All types")
    )
    alliance = django_filters.ModelChoiceFilter(queryset=_alliances_in_reach)
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN_CHOICES, empty_label=_("All"), method="filter_when"
    )

    class Meta:
        model = Event
        fields = ["event_type", "alliance", "is_published", "when"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        return queryset.upcoming(now) if value == "upcoming" else queryset.past(now)


class RsvpFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=_events_in_reach)
    status = django_filters.ChoiceFilter(choices=RsvpStatus.choices, empty_label=_("All"))
    attended = django_filters.BooleanFilter(
        widget=forms.NullBooleanSelect, label=_("Attended (empty: any)")
    )

    class Meta:
        model = Rsvp
        fields = ["event", "status", "attended"]


class RsvpAttendanceForm(WagtailAdminModelForm):
    """Only whether the person came; who they are and their place are theirs to change."""

    attended = forms.NullBooleanField(
        required=False,
        widget=forms.RadioSelect(
            choices=[
                ("unknown", _("Not marked")),
                ("true", _("Attended")),
                ("false", _("Did not attend")),
            ]
        ),
    )

    def clean_attended(self):
        attended = self.cleaned_data["attended"]
        if attended and self.instance.status != RsvpStatus.CONFIRMED:
            raise ValidationError(gettext("Only someone with a seat can be marked as attending."))
        return attended
