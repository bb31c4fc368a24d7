"""The forms and listing filters of the mailings admin.

A coordinator's list choices are their own alliances' lists; times are typed in the
coalition's time zone (the site's `TIME_ZONE`), the one the admin shows them in.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from amicc.coalition.models import Alliance, Person
from amicc.mailings.choices import (
    DeliveryKind,
    DeliveryStatus,
    ListKind,
    MailEventType,
    NewsletterStatus,
    SuppressionReason,
)
from amicc.mailings.models import Delivery, MailEvent, MailingList, Newsletter, Suppression
from amicc.mailings.services.compose import lists_in_reach

MAX_DISTRICT = 53  # California's count; 0 is an at-large seat
SEGMENT_FIELDS = (
    "purpose", "alliance", "filter_state", "filter_district", "filter_constituency",
    "filter_joined_since",
)  # fmt: skip


class NewsletterForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mailing_list"]
        field.queryset = lists_in_reach(self.for_user).select_related("alliance")
        field.empty_label = "Choose a list"
        field.error_messages["invalid_choice"] = "Choose one of the lists offered."
        self.body_mangled = False
        if self.is_bound and "body" in self.fields:
            # Wagtail reads a StreamField's post by its keys: one missing is a KeyError (a 500).
            try:
                self.fields["body"].widget.value_from_datadict(self.data, self.files, "body")
            except (KeyError, ValueError, TypeError):
                self.data = self.data.copy()
                self.data["body-count"] = "0"
                self.body_mangled = True

    def clean(self):
        cleaned = super().clean()
        if self.body_mangled:
            self.add_error("body", "The blocks were not sent whole: reload the page and retry.")
        if self.instance.pk and self.instance.status not in (
            NewsletterStatus.DRAFT,
            NewsletterStatus.SCHEDULED,
        ):
            raise ValidationError("Its sending has started: it can no longer be changed.")
        return cleaned


class NewsletterFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=NewsletterStatus.choices, empty_label=_("All"))

    class Meta:
        model = Newsletter
        fields = ["status", "is_public"]


class MailingListForm(WagtailAdminModelForm):
    """Segments are built from filters; the built-in lists keep theirs (shown, not editable)."""

    filter_district = forms.IntegerField(
        label=_("District"),
        required=False,
        min_value=0,
        max_value=MAX_DISTRICT,
        help_text=_("Needs a state; 0 for an at-large seat."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = Alliance.objects.order_by("name")
        self.fields["alliance"].help_text = "Only the members of this alliance."
        if self.instance.pk and self.instance.kind != ListKind.SEGMENT:
            for name in SEGMENT_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("filter_district") is not None and not cleaned.get("filter_state"):
            self.add_error("filter_district", "A district filter needs a state.")
        since = cleaned.get("filter_joined_since")
        if since and since > timezone.localdate():
            self.add_error("filter_joined_since", "This date is in the future.")
        return cleaned

    def save(self, commit=True):
        if not self.instance.pk:
            self.instance.kind = ListKind.SEGMENT
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class MailingListFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=ListKind.choices, empty_label=_("All kinds"))

    class Meta:
        model = MailingList
        fields = ["kind", "is_active"]


class SuppressionForm(WagtailAdminModelForm):
    reason = forms.ChoiceField(
        choices=SuppressionReason.choices, initial=SuppressionReason.MANUAL, label=_("Reason")
    )

    class Meta:
        model = Suppression
        fields = ["email", "reason", "note"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        pass  # adding an address already suppressed keeps the first record


class SuppressionFilterSet(WagtailFilterSet):
    reason = django_filters.ChoiceFilter(choices=SuppressionReason.choices, empty_label=_("All"))

    class Meta:
        model = Suppression
        fields = ["reason"]


HAND_RECORDED = [
    (MailEventType.BOUNCED.value, "Hard bounce: the address does not exist"),
    (MailEventType.COMPLAINED.value, "Complaint: they reported it as spam"),
]


class MailEventForm(WagtailAdminModelForm):
    """A bounce or complaint someone reported by other means (a forwarded bounce, a call)."""

    event_type = forms.ChoiceField(choices=HAND_RECORDED, label=_("What happened"))
    occurred_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty for now."),
    )

    class Meta:
        model = MailEvent
        fields = ["email", "event_type", "description", "occurred_at"]

    def clean_occurred_at(self):
        occurred = self.cleaned_data["occurred_at"]
        if occurred and occurred > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError("This time is in the future.")
        return occurred


class MailEventFilterSet(WagtailFilterSet):
    event_type = django_filters.ChoiceFilter(choices=MailEventType.choices, empty_label=_("All"))

    class Meta:
        model = MailEvent
        fields = ["event_type", "esp"]


class DeliveryFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(choices=DeliveryKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices, empty_label=_("All"))
    newsletter = django_filters.ModelChoiceFilter(
        queryset=Newsletter.objects.order_by("-created_at")
    )
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(),
        widget=forms.HiddenInput,
        label=_("Person"),
        help_text=_("Set by the link on a person's page."),
    )

    class Meta:
        model = Delivery
        fields = ["kind", "status", "newsletter", "person"]


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Send at"),
        widget=AdminDateTimeInput,
        help_text=f"In the coalition's time zone, {timezone.get_default_timezone_name()}.",
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise ValidationError("This time has passed: choose a time in the future.")
        return at


class PreviewForm(forms.Form):
    """Whose message to preview: one of the list's recipients, or the user."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Myself (no personal details)"),
        label=_("Show it as this recipient would get it"),
        error_messages={"invalid_choice": "Choose one of the list's recipients."},
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = recipients
