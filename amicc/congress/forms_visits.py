"""The office visit form and the filters of the visits listing in the admin.

A coordinator files a visit under one of their own alliances: the alliance choices are
their reach, so another alliance is an invalid choice even in an edited request. Staff
may leave the alliance empty for a visit of their own.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from amicc.coalition.geography import USState
from amicc.coalition.models import Alliance
from amicc.coalition.permissions import alliance_field_narrow, reachable, user_is_coalition_staff
from amicc.congress.choices import OfficeKind
from amicc.congress.models import Legislator, OfficeVisit
from amicc.congress.selectors_visits import overdue_follow_ups

STAFF_VISIT = _("None: a visit by the coalition's staff")


class LegislatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Legislator) -> str:
        if not obj.is_current:
            return f"{obj.display_name} (former member)"
        return f"{obj.display_name} ({obj.title}, {obj.seat})"


def _legislator_choices(visit: OfficeVisit) -> QuerySet[Legislator]:
    """Serving members, and the member an existing visit names even if they have left."""
    serving = Q(is_current=True)
    if visit.legislator_id:
        serving |= Q(pk=visit.legislator_id)
    return Legislator.objects.filter(serving).order_by(
        "current_state", "-current_chamber", "current_district", "last_name", "first_name"
    )


class OfficeVisitForm(WagtailAdminModelForm):
    legislator = LegislatorChoiceField(
        queryset=Legislator.objects.none(),
        required=False,
        label=_("Member of Congress"),
        help_text=_("For a congressional office; their state and district are filled in."),
        widget=forms.Select,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alliance_field_narrow(
            self,
            user=self.for_user,
            staff_label=STAFF_VISIT,
            help_text=_("The alliance of yours that made the visit."),
        )
        self.fields["legislator"].queryset = _legislator_choices(self.instance)
        state = self.fields["state"]
        state.required = False
        state.help_text = _("For a state legislative office; a member of Congress's is their own.")
        self.fields["attendees"].widget.attrs["min"] = 1

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > timezone.localdate():
            raise ValidationError(
                _("Log a visit once it has happened: this date is in the future.")
            )
        return visited_on

    def clean_attendees(self):
        attendees = self.cleaned_data["attendees"]
        if attendees < 1:
            raise ValidationError(_("At least one person from the coalition attends a visit."))
        return attendees

    def clean_followed_up_on(self):
        followed_up_on = self.cleaned_data["followed_up_on"]
        if followed_up_on and followed_up_on > timezone.localdate():
            raise ValidationError(_("Enter the day you followed up: this date is in the future."))
        return followed_up_on

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("office_kind")
        if kind == OfficeKind.STATE_LEGISLATURE:
            self._clean_state_legislature(cleaned)
        elif kind:
            self._clean_congressional(cleaned)
        self._clean_follow_up(cleaned)
        return cleaned

    def _clean_state_legislature(self, cleaned: dict) -> None:
        if cleaned.get("legislator"):
            self.add_error(
                "legislator",
                _(
                    "A state legislative office has no member of Congress: clear this field, "
                    "or choose a congressional office above."
                ),
            )
        if not cleaned.get("state_office"):
            self.add_error(
                "state_office", _('Name the office you visited, e.g. "Sen. Jane Doe, Ohio Senate".')
            )
        if not cleaned.get("state") and "state" not in self.errors:
            self.add_error("state", _("Choose the state of the state legislative office."))

    def _clean_congressional(self, cleaned: dict) -> None:
        if cleaned.get("state_office"):
            self.add_error(
                "state_office",
                _(
                    "Leave this empty for a member of Congress, or choose "
                    "“State legislative office” as the office."
                ),
            )
        legislator = cleaned.get("legislator")
        if legislator is None:
            if "legislator" not in self.errors:
                self.add_error(
                    "legislator", _("Choose the member of Congress whose office it was.")
                )
            return
        # A preview of the seat the service records, so the model's checks see a state.
        cleaned["state"] = legislator.current_state or self.instance.state

    def _clean_follow_up(self, cleaned: dict) -> None:
        visited_on = cleaned.get("visited_on")
        if not visited_on:
            return
        if (follow_up_on := cleaned.get("follow_up_on")) and follow_up_on < visited_on:
            self.add_error("follow_up_on", _("The follow-up cannot be due before the visit."))
        if (followed_up_on := cleaned.get("followed_up_on")) and followed_up_on < visited_on:
            self.add_error("followed_up_on", _("The follow-up cannot be before the visit."))


def _alliances_in_reach(request) -> QuerySet[Alliance]:
    return reachable(Alliance, request.user)


FOLLOW_UP_CHOICES = [
    ("overdue", "Overdue"),
    ("due", _("Due, not yet overdue")),
    ("done", _("Followed up")),
    ("none", _("None planned")),
]


class OfficeVisitFilterSet(WagtailFilterSet):
    office_kind = django_filters.ChoiceFilter(
        label=_("Office"),
        choices=OfficeKind.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    state = django_filters.ChoiceFilter(
        choices=USState.choices, empty_label=_("All states"), widget=forms.Select
    )
    alliance = django_filters.ModelChoiceFilter(
        queryset=_alliances_in_reach, null_label=_("None (coalition staff)")
    )
    follow_up = django_filters.ChoiceFilter(
        label=_("Follow-up"),
        choices=FOLLOW_UP_CHOICES,
        empty_label=_("All"),
        method="filter_follow_up",
        widget=forms.RadioSelect,
    )
    visited_on = django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget)

    class Meta:
        model = OfficeVisit
        fields = ["office_kind", "state", "alliance", "follow_up", "visited_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is None or not user_is_coalition_staff(self.request.user):
            # A coordinator sees no staff visits: offering them as a filter would mislead.
            self.filters["alliance"].extra["null_label"] = None

    def filter_follow_up(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return overdue_follow_ups(queryset, today=today)
        if value == "due":
            return queryset.filter(follow_up_on__gte=today, followed_up_on__isnull=True)
        if value == "done":
            return queryset.filter(followed_up_on__isnull=False)
        return queryset.filter(follow_up_on__isnull=True, followed_up_on__isnull=True)
