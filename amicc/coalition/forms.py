"""The coalition's public forms: joining as an organization, joining an alliance, finding one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amicc.coalition.choices import ConsentPurpose
from amicc.coalition.geography_zip import state_for_zip, zip_normalize
from amicc.coalition.models import OrganizationApplication
from amicc.coalition.services.applications import APPLICATION_CONSENT_WORDING
from amicc.coalition.services.signup import INTEREST_CONSENT_WORDING, MEMBERSHIP_CONSENT_WORDING
from amicc.core.forms import HoneypotMixin

LONG_TEXT_MAX_LENGTH = 5000
ZIP_FORMAT_MESSAGE = _("Enter a 5-digit ZIP code, like 10017, or a ZIP+4 code, like 10017-1234.")


def zip_code_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label=_("ZIP code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        **kwargs,
    )


def zip_validated(raw: str, *, need_state: bool) -> str:
    """A normalized ZIP code; with `need_state`, one whose state we know."""
    normalized = zip_normalize(raw)
    if normalized is None:
        raise forms.ValidationError(ZIP_FORMAT_MESSAGE, code="zip_format")
    if need_state and state_for_zip(normalized) is None:
        raise forms.ValidationError(
            _(
                "We could not match ZIP code %(zip)s to a US state or territory. Check the "
                "number; military (APO/FPO) addresses cannot be matched."
            )
            % {"zip": normalized},
            code="zip_unknown",
        )
    return normalized


class PublicForm(HoneypotMixin, forms.Form):
    """A public form: a honeypot, and labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class OrganizationApplicationForm(PublicForm, forms.ModelForm):
    website = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        label=_("Website"),
        help_text=_("For example https://www.example.org"),
    )
    description = forms.CharField(
        label=_("About the organization"),
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organization does, and whom it serves."),
    )
    statement = forms.CharField(
        label=_("Statement of support"),
        max_length=LONG_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why your organization supports the International Criminal Court."),
    )
    consent = forms.BooleanField(
        label=APPLICATION_CONSENT_WORDING,
        error_messages={"required": _("Tick this box so that we may keep your details.")},
    )

    class Meta:
        model = OrganizationApplication
        fields = [
            "organization_name",
            "constituency",
            "city",
            "state",
            "website",
            "description",
            "statement",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
        ]
        # The model's fields have no verbose names of their own (adding them would need a
        # migration), so the form names them, translatably.
        labels = {
            "organization_name": _("Organization name"),
            "city": _("City"),
            "state": _("State"),
            "contact_name": _("Your name"),
            "contact_role": _("Your role in the organization"),
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituency"].label = _("Kind of organization")
        self.fields["contact_email"].label = _("Your email address")
        self.fields["contact_phone"].label = _("Your phone number (optional)")

    def service_arguments(self) -> dict:
        """The cleaned values `application_submit` takes."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SignupForm(PublicForm):
    """An individual joining an alliance."""

    consent_wording = MEMBERSHIP_CONSENT_WORDING

    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We will send you a link to confirm."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    zip_code = zip_code_field(help_text=_("5 digits, or ZIP+4."))
    consent = forms.BooleanField(
        error_messages={"required": _("Tick this box so that we may keep your details.")}
    )
    wants_alliance_updates = forms.BooleanField(required=False)
    wants_newsletter = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, purpose in (
            ("consent", ConsentPurpose.DATA_PROCESSING),
            ("wants_alliance_updates", ConsentPurpose.ALLIANCE_UPDATES),
            ("wants_newsletter", ConsentPurpose.NEWSLETTER),
        ):
            if name in self.fields:
                self.fields[name].label = self.consent_wording[purpose]

    def clean_zip_code(self) -> str:
        return zip_validated(self.cleaned_data["zip_code"], need_state=False)

    @property
    def choice_fields(self) -> list:
        """The optional email checkboxes, shown together in one fieldset."""
        return [
            self[name]
            for name in ("wants_alliance_updates", "wants_newsletter")
            if name in self.fields
        ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data[name] for name in ("name", "email", "zip_code", "wants_newsletter")}
        if "wants_alliance_updates" in self.fields:
            arguments["wants_alliance_updates"] = data["wants_alliance_updates"]
        return arguments


class StateInterestForm(SignupForm):
    """Someone in a state with no alliance yet, asking to hear when one forms."""

    consent_wording = INTEREST_CONSENT_WORDING
    wants_alliance_updates = None

    def clean_zip_code(self) -> str:
        return zip_validated(self.cleaned_data["zip_code"], need_state=True)

    @property
    def state(self) -> str:
        return state_for_zip(self.cleaned_data["zip_code"]) or ""


class ZipLookupForm(forms.Form):
    """The first step of finding the nearest alliance: a ZIP code, sent by GET."""

    zip = zip_code_field(help_text=_("5 digits, or ZIP+4. We use it only to find your state."))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_zip(self) -> str:
        return zip_validated(self.cleaned_data["zip"], need_state=True)

    @property
    def state(self) -> str:
        return state_for_zip(self.cleaned_data["zip"]) or ""
