"""The public forms of the events pages: the calendar's filters and the RSVP form."""

from django import forms

from amicc.coalition.forms import PublicForm
from amicc.coalition.geography import USState
from amicc.events.choices import EventType
from amicc.events.selectors import EventFilters
from amicc.events.services.rsvps import NEWSLETTER_WORDING, RSVP_CONSENT_WORDING

ONLINE_CHOICES = [("", "Online or in person"), ("yes", "Online"), ("no", "In person")]


def _choice_field(label: str, choices, noun: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        error_messages={"invalid_choice": f"Choose {noun} from the list; “%(value)s” is not one."},
    )


class EventFilterForm(forms.Form):
    """The calendar's filters, from the query string; `type` is the event type."""

    state = _choice_field("State", [("", "All states"), *USState.choices], "a state")
    alliance = _choice_field("Alliance", [("", "All alliances")], "an alliance")
    type = _choice_field("Type", [("", "All types"), *EventType.choices], "a type of event")
    online = _choice_field("Where", ONLINE_CHOICES, "online or in person")

    def __init__(self, *args, alliances: list[tuple[str, str]], **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["alliance"].choices = [("", "All alliances"), *alliances]

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
        label="Your name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your name."},
    )
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="We send your confirmation here, with a link to cancel. Never shown.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address such as name@example.org.",
        },
    )
    consent = forms.BooleanField(
        label=RSVP_CONSENT_WORDING,
        error_messages={"required": "Tick this box so that we may keep your place."},
    )
    wants_newsletter = forms.BooleanField(label=NEWSLETTER_WORDING, required=False)
