"""The public forms: asking for a presentation, and saying afterwards how it went."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amicc.coalition.forms import PublicForm, zip_code_field, zip_validated
from amicc.coalition.geography import USState
from amicc.outreach.choices import AudienceType, PresentationFormat
from amicc.outreach.services.presentations import REQUEST_CONSENT_WORDING, preferred_date_problem
from amicc.pages.models import Topic

LONG_TEXT_MAX_LENGTH = 3000
MAX_AUDIENCE = 100_000
DATE_FIELDS = ("preferred_date_1", "preferred_date_2", "preferred_date_3")
LARGEST_ID = 2**63 - 1


class TopicChoiceField(forms.ModelMultipleChoiceField):
    """Topics by id; an id no database column can hold is refused before the query.

    Django looks the ids up as given, and SQLite raises OverflowError (a 500) for an
    integer wider than 64 bits.
    """

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if (
                not (text.isascii() and text.isdigit() and len(text) <= 19)
                or int(text) > LARGEST_ID
            ):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return super()._check_values(value)


def _date_field(label: str, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give at least one date that would suit you."),
            "invalid": _("Enter a date like 2026-10-15."),
        },
    )


class PresentationRequestForm(PublicForm):
    organization = forms.CharField(
        label=_("Your organization"),
        max_length=200,
        help_text=_("The school, congregation, bar association or group that would host us."),
        error_messages={"required": _("Name the organization that would host the presentation.")},
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We write to you here about the presentation. It is never published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter your email address.")},
    )
    contact_phone = forms.CharField(
        label=_("Your phone number (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=120,
        error_messages={"required": _("Enter the city of the presentation.")},
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("Choose a state"))] + USState.choices,
        error_messages={"required": _("Choose the state."), "invalid_choice": _("Choose a state.")},
    )
    zip_code = zip_code_field(error_messages={"required": _("Enter the ZIP code.")})
    preferred_date_1 = _date_field(_("First preferred date"), required=True)
    preferred_date_2 = _date_field(_("Second preferred date (optional)"), required=False)
    preferred_date_3 = _date_field(_("Third preferred date (optional)"), required=False)
    audience_type = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("Choose the audience"))] + AudienceType.choices,
        error_messages={"required": _("Choose who the audience is.")},
    )
    audience_size = forms.IntegerField(
        label=_("About how many people?"),
        min_value=1,
        max_value=MAX_AUDIENCE,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Give an estimate of the audience's size."),
            "invalid": _("Enter a whole number, like 40."),
            "min_value": _("The audience is at least one person."),
            "max_value": _("For an audience of more than 100,000, write to us directly."),
        },
    )
    topics = TopicChoiceField(
        label=_("Topics you would like covered (optional)"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose topics from the list.")},
    )
    format = forms.ChoiceField(
        label=_("In person or online?"),
        choices=PresentationFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose in person or online.")},
    )
    notes = forms.CharField(
        label=_("Anything else we should know? (optional)"),
        max_length=LONG_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=REQUEST_CONSENT_WORDING,
        error_messages={"required": _("Tick this box so that we may keep your details.")},
    )

    def clean_zip_code(self) -> str:
        return zip_validated(self.cleaned_data["zip_code"], need_state=False)

    def clean(self) -> dict:
        data = super().clean()
        today, seen = timezone.localdate(), set()
        for name in DATE_FIELDS:
            day = data.get(name)
            if day is None:
                continue
            if problem := preferred_date_problem(day, today=today):
                self.add_error(name, problem)
            elif day in seen:
                self.add_error(name, _("This date is already one of your choices."))
            seen.add(day)
        return data

    @property
    def date_fields(self) -> list:
        return [self[name] for name in DATE_FIELDS]

    def service_arguments(self) -> dict:
        """The cleaned values `presentation_request_submit` takes."""
        data = self.cleaned_data
        names = (
            "organization", "contact_name", "contact_email", "contact_phone", "city", "state",
            "zip_code", "audience_type", "audience_size", "format", "notes", "topics",
        )  # fmt: skip
        dates = [data[name] for name in DATE_FIELDS if data.get(name)]
        return {**{name: data[name] for name in names}, "preferred_dates": dates}


RATINGS = [
    (5, _("5: excellent")),
    (4, _("4: good")),
    (3, _("3: fair")),
    (2, _("2: poor")),
    (1, _("1: very poor")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did the presentation go?"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a rating from 1 to 5."),
            "invalid_choice": _("Choose a rating from 1 to 5."),
        },
    )
    comments = forms.CharField(
        label=_("Comments (optional)"),
        help_text=_("What worked, what we could do better. Only our staff read it."),
        max_length=LONG_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
