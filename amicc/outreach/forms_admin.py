"""The admin's forms: the speaker roster, media coverage, and the triage of requests."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from amicc.coalition.geography import USState
from amicc.coalition.models import Alliance
from amicc.coalition.permissions import alliance_field_narrow, reachable, user_is_coalition_staff
from amicc.outreach.choices import MediaKind
from amicc.outreach.models import MediaCoverage, PresentationRequest, Speaker
from amicc.outreach.selectors import SpeakerSuggestion

STAFF_CREDIT = "None: the coalition's staff"


class SpeakerForm(WagtailAdminModelForm):
    states = forms.MultipleChoiceField(
        label=_("States covered"),
        choices=USState.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where they present in person; none chosen means anywhere."),
    )

    def clean_states(self) -> list[str]:
        return sorted(self.cleaned_data["states"])


class MediaCoverageForm(WagtailAdminModelForm):
    """Coordinators credit one of their own alliances and never see `featured`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not alliance_field_narrow(self, user=self.for_user, staff_label=STAFF_CREDIT):
            self.fields.pop("featured", None)
        if "estimated_reach" in self.fields:
            self.fields["estimated_reach"].widget.attrs["min"] = 0

    def clean_published_on(self):
        published_on = self.cleaned_data["published_on"]
        if published_on > timezone.localdate():
            raise forms.ValidationError("Log coverage once it is out: this date is in the future.")
        return published_on


def _alliances_in_reach(request) -> QuerySet[Alliance]:
    return reachable(Alliance, request.user)


class MediaCoverageFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=MediaKind.choices, empty_label=_("All kinds"))
    alliance = django_filters.ModelChoiceFilter(
        queryset=_alliances_in_reach, null_label=_("None (coalition staff)")
    )
    featured = django_filters.BooleanFilter(label=_("Shown on “In the news”"))
    published_on = django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget)

    class Meta:
        model = MediaCoverage
        fields = ["kind", "alliance", "featured", "published_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is None or not user_is_coalition_staff(self.request.user):
            self.filters["alliance"].extra["null_label"] = None
            del self.filters["featured"]


class SpeakerChoiceField(forms.ModelChoiceField):
    """Speakers, the best matches first, each saying what they match."""

    def __init__(self, suggestions: list[SpeakerSuggestion], **kwargs):
        self.suggestions = {s.speaker.pk: s for s in suggestions}
        super().__init__(queryset=Speaker.objects.filter(is_active=True), **kwargs)
        self.choices = [("", "Choose a speaker")] + [
            (s.speaker.pk, self._label(s)) for s in suggestions
        ]

    @staticmethod
    def _label(suggestion: SpeakerSuggestion) -> str:
        notes = ["covers the state" if suggestion.covers_state else "outside their states"]
        if suggestion.shared_topics:
            notes.append(f"topics: {', '.join(suggestion.shared_topics)}")
        kind = suggestion.speaker.get_kind_display().lower()
        return f"{suggestion.speaker.name} ({kind}; {'; '.join(notes)})"


class ScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Enter a date and time like 2026-10-15 18:30."},
    )

    def __init__(self, *args, request: PresentationRequest, suggestions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "speaker": SpeakerChoiceField(
                suggestions, help_text=_("Speakers who cover the state and topics come first.")
            ),
            **self.fields,
        }
        if request.speaker_id and not self.is_bound:
            self.initial.setdefault("speaker", request.speaker_id)
            self.initial.setdefault("scheduled_for", timezone.localtime(request.scheduled_for))


class DeliverForm(forms.Form):
    delivered_on = forms.DateField(
        label=_("Given on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date like 2026-10-15."},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why we cannot give it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Emailed to the requester as written."),
    )


class CloseForm(forms.Form):
    """Nothing to fill in: closing is confirmed by sending the form."""
