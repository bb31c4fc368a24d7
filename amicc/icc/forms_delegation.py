"""Forms of the delegation: the public application, and the staff's forms in the admin."""

import datetime

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from amicc.coalition.forms import PublicForm
from amicc.icc.choices import ApplicantRole
from amicc.icc.models import DelegateLogistics, DelegationApplication, DelegationCall
from amicc.icc.services.delegation import (
    DELEGATION_CONSENT_WORDING,
    STATEMENT_MAX_LENGTH,
    cv_max_bytes,
    cv_validate,
    session_days,
)

# The limit as the help text shows it, with the active language's thousands separator.
LIMIT_TEXT = lazy(lambda: formats.number_format(STATEMENT_MAX_LENGTH, force_grouping=True), str)()


class DelegationApplicationForm(PublicForm):
    """An application to the delegation; the days offered are those of the call's session."""

    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy("We send our answer here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    affiliation = forms.CharField(
        label=gettext_lazy("Affiliation"),
        max_length=200,
        help_text=gettext_lazy("Your university, organization or employer; “independent” if none."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("You are"),
        choices=[("", gettext_lazy("Choose one")), *ApplicantRole.choices],
        error_messages={"required": gettext_lazy("Choose what describes you best.")},
    )
    statement = forms.CharField(
        label=gettext_lazy("Your statement"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(
            gettext_lazy(
                "Why you would like to join the delegation and what you would bring to it; "
                "at most {limit} characters."
            ),
            limit=LIMIT_TEXT,
        ),
        error_messages={
            "max_length": format_lazy(
                gettext_lazy(
                    "Shorten your statement to {limit} characters; it has %(show_value)d."
                ),
                limit=LIMIT_TEXT,
            )
        },
    )
    cv = forms.FileField(
        label=gettext_lazy("Your CV (PDF)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": gettext_lazy("Choose your CV, as a PDF file."),
            "empty": gettext_lazy("The file you chose is empty. Choose your CV again."),
        },
    )
    available_days = forms.TypedMultipleChoiceField(
        label=gettext_lazy("The days you can attend"),
        coerce=datetime.date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Tick at least one day of the session you can attend."),
            "invalid_choice": gettext_lazy(
                "%(value)s is not a day of the session; tick the days listed."
            ),
        },
    )
    consent = forms.BooleanField(
        label=DELEGATION_CONSENT_WORDING,
        error_messages={
            "required": gettext_lazy("Tick this box so that we may keep your application.")
        },
    )

    def __init__(self, *args, call: DelegationCall, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["available_days"].choices = [
            (day.isoformat(), formats.date_format(day, _("l, F j, Y")))
            for day in session_days(call.session)
        ]
        self.fields["cv"].help_text = _(
            "One PDF file of at most %(limit)s. We keep it private: only our staff read it."
        ) % {"limit": filesizeformat(cv_max_bytes())}

    def clean_cv(self):
        cv = self.cleaned_data["cv"]
        cv_validate(cv)
        return cv

    def service_arguments(self) -> dict:
        """The cleaned values `application_submit` takes."""
        names = ("name", "email", "affiliation", "role", "statement", "cv", "available_days")
        return {name: self.cleaned_data[name] for name in names}


class DelegationCallForm(WagtailAdminModelForm):
    """The call and its report; ticking "publish" puts the report on the public site."""

    publish_report = forms.BooleanField(
        label=gettext_lazy("Publish the report"),
        required=False,
        help_text=gettext_lazy(
            "The report then appears on the session's public page. Untick to withdraw it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "publish_report" in self.fields:
            self.fields["publish_report"].initial = self.instance.report_published_at is not None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish_report") and not (
            cleaned.get("report_title", "").strip() and cleaned.get("report", "").strip()
        ):
            self.add_error("publish_report", _("Write the report's title and text to publish it."))
        return cleaned

    def save(self, commit=True):
        publish = self.cleaned_data.get("publish_report", False)
        if not publish:
            self.instance.report_published_at = None
        elif self.instance.report_published_at is None:  # the first publication is kept
            self.instance.report_published_at = timezone.now()
        return super().save(commit=commit)


SCORE_CHOICES = [("", gettext_lazy("Not scored")), *((score, str(score)) for score in range(1, 6))]


class DelegationApplicationReviewForm(WagtailAdminModelForm):
    """Staff's notes and score; what the applicant sent is not theirs to change."""

    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=gettext_lazy("1 (weak) to 5 (strong)."),
    )

    class Meta:
        model = DelegationApplication
        fields = ["score", "staff_notes"]


class DelegateLogisticsForm(forms.ModelForm):
    """One delegate's checklist on the roster; the prefix keeps the rows apart."""

    class Meta:
        model = DelegateLogistics
        fields = [
            "accreditation_requested_on",
            "accreditation_confirmed",
            "travel_booked",
            "lodging_booked",
            "side_events",
            "notes",
        ]
        widgets = {
            "accreditation_requested_on": forms.DateInput(attrs={"type": "date"}),
            "side_events": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
