"""The form a person writes to their members of Congress with, on an action alert's page."""

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from amicc.coalition.forms import PublicForm, zip_code_field, zip_validated
from amicc.coalition.geography import USState
from amicc.congress.forms import DISTRICT_PATTERN
from amicc.congress.models import ActionAlert
from amicc.congress.services.letters import (
    ACTION_ALERTS_WORDING,
    LETTER_MAX_LENGTH,
    LetterRecipients,
    letter_recipients,
)

PLACEHOLDER_HELP = _(
    "Change it as you like. In each office's copy {salutation} becomes the greeting, such as "
    "“Dear Senator Smith”, {sender_name} your name and {zip_code} your ZIP code."
)


def _names(values: list[str], labels: dict[str, str] | None = None) -> str:
    names = [(labels or {}).get(value, value) for value in values]
    if len(names) == 1:
        return names[0]
    return gettext("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def alert_audience(alert: ActionAlert) -> str:
    """Whom an alert writes to, in words: "senators of the Democrat party from Ohio or Texas"."""
    text = alert.get_targets_display().lower()
    if alert.parties:
        parties = {"audience": text, "parties": _names(alert.parties)}
        text = (
            ngettext(
                "%(audience)s of the %(parties)s party",
                "%(audience)s of the %(parties)s parties",
                len(alert.parties),
            )
            % parties
        )
    if alert.states:
        states = _names(alert.states, dict(USState.choices))
        text = gettext("%(audience)s from %(states)s") % {"audience": text, "states": states}
    return text


class LetterForm(PublicForm):
    """Name, email, ZIP code (and district when the ZIP is split), the letter, an opt-in.

    Cleaning also finds the offices the letter goes to (`recipients`), so a ZIP code with
    no district, a split ZIP without a choice, or a sender none of whose members the alert
    writes to is an error on the form, shown with everything they typed.
    """

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("Offices reply to this address. It is never shown on this site."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter your email address.")},
    )
    zip_code = zip_code_field(
        help_text=_("5 digits, or ZIP+4. It tells us who represents you."),
        error_messages={"required": _("Enter your ZIP code.")},
    )
    district = forms.CharField(
        label=_("Your congressional district"), required=False, max_length=10
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        error_messages={"required": _("Enter a subject for your letter.")},
    )
    body = forms.CharField(
        label=_("Your letter"),
        max_length=LETTER_MAX_LENGTH,
        help_text=PLACEHOLDER_HELP,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("Write your letter: it cannot be empty.")},
    )
    wants_action_alerts = forms.BooleanField(label=_(ACTION_ALERTS_WORDING), required=False)

    def __init__(self, *args, alert: ActionAlert, **kwargs):
        super().__init__(*args, **kwargs)
        self.alert = alert
        self.recipients: LetterRecipients | None = None

    def clean_zip_code(self) -> str:
        return zip_validated(self.cleaned_data["zip_code"], need_state=False)

    def clean_district(self) -> tuple[str | None, int] | None:
        """(state or None, district number), or None when no district was chosen."""
        value = self.cleaned_data["district"].strip()
        if not value:
            return None
        match = DISTRICT_PATTERN.match(value)
        if match is None:
            raise forms.ValidationError(_("Choose one of the districts listed."), code="invalid")
        return (match["state"].upper() if match["state"] else None), int(match["district"])

    def clean(self) -> dict:
        data = super().clean()
        zip_code = data.get("zip_code")
        if zip_code is None:
            return data
        state, district = data.get("district") or (None, None)
        self.recipients = letter_recipients(
            alert=self.alert, zip_code=zip_code, district=district, state=state
        )
        # A district that is not one at all has its error already; the choices still show.
        if "district" not in self.errors:
            self._check_recipients(zip_code[:5], self.recipients)
        return data

    def _check_recipients(self, zip_code: str, recipients: LetterRecipients) -> None:
        lookup = recipients.lookup
        if not lookup.found:
            self.add_error(
                "zip_code",
                gettext(
                    "We could not match ZIP code %(zip_code)s to a congressional district. It may "
                    "be a ZIP code for post office boxes or a single business: try the ZIP code "
                    "of your home address."
                )
                % {"zip_code": zip_code},
            )
        elif recipients.district is None:
            self.add_error(
                "district",
                gettext("Choose one of the districts listed.")
                if lookup.narrowing_failed
                else gettext(
                    "ZIP code %(zip_code)s lies in more than one congressional district: "
                    "choose yours below."
                )
                % {"zip_code": zip_code},
            )
        elif not recipients.members:
            self.add_error(
                None,
                gettext(
                    "This alert asks for letters to %(audience)s, and none of your members of "
                    "Congress for ZIP code %(zip_code)s is among them, so there is no one to "
                    "send your letter to. Nothing was sent."
                )
                % {"audience": alert_audience(self.alert), "zip_code": zip_code},
            )

    def letter_arguments(self) -> dict:
        """The cleaned values `letter_submit` takes besides the alert and the recipients."""
        names = ("name", "email", "zip_code", "subject", "body", "wants_action_alerts")
        return {name: self.cleaned_data[name] for name in names}
