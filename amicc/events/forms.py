"""The public forms of the events pages: the calendar's filters and the RSVP form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amicc.coalition.forms import PublicForm
from amicc.coalition.geography import USState
from amicc.events.choices import EventType
from amicc.events.selectors import EventFilters
from amicc.events.services.rsvps import NEWSLETTER_WORDING, RSVP_CONSENT_WORDING

ONLINE_CHOICES = [("", _("Online or in person")), ("yes", _("Online")), ("no", _("In person"))]


def _choice_field(label: str, choices, invalid_choice: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        error_messages={"invalid_choice": invalid_choice},
    )


class EventFilterForm(forms.Form):
    """The calendar's filters, from the query string; `type` is the event type."""

    state = _choice_field(
        _("State"),
        [("", _("All states")), *USState.choices],
        _("Choose a state from the list; “%(value)s” is not one."),
    )
    alliance = _choice_field(
        _("Alliance"),
        [("", _("All alliances"))],
        _("Choose an alliance from the list; “%(value)s” is not one."),
    )
    type = _choice_field(
        _("Type"),
        [("", _("All types")), *EventType.choices],
        _("Choose a type of event from the list; “%(value)s” is not one."),
    )
    online = _choice_field(
        _("Where"),
        ONLINE_CHOICES,
        _("Choose online or in person from the list; “%(value)s” is not one."),
    )

    def __init__(self, *args, alliances: list[tuple[str, str]], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["alliance"].choices = [("", _("All alliances")), *alliances]

    def filters(self) -> EventFilters:
        """The valid values of a checked form (a field with an error filters nothing)."""
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            state=data.get("state") or "",
            alliance=data.get("alliance") or "",
            event_type=data.get("type") or "",
            online=data.get("online") or "",
        )


class RsvpForm(PublicForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send your confirmation here, with a link to cancel. Never shown."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as name@example.org."),
        },
    )
    consent = forms.BooleanField(
        label=RSVP_CONSENT_WORDING,
        error_messages={"required": _("Tick this box so that we may keep your place.")},
    )
    wants_newsletter = forms.BooleanField(label=NEWSLETTER_WORDING, required=False)
