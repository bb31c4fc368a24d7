"""The public forms of the mailings pages: asking for a preferences link, and the preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amicc.coalition.forms import PublicForm
from amicc.mailings.services.subscriptions import Preferences


class PreferencesRequestForm(PublicForm):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The address our emails reach you at. We send the link there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as name@example.org."),
        },
    )


class PreferencesForm(forms.Form):
    """One checkbox per list the address is on or could be on; ticked ones are received."""

    lists = forms.TypedMultipleChoiceField(
        label=_("The emails you receive"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "One of the lists sent is not on this page any more. Reload "
                "the page and choose again."
            ),
        },
    )

    def __init__(self, *args, preferences: Preferences, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.preferences = preferences
        field = self.fields["lists"]
        field.choices = [
            (choice.mailing_list.pk, choice.mailing_list.name) for choice in preferences.choices
        ]
        field.initial = [
            choice.mailing_list.pk for choice in preferences.choices if choice.receiving
        ]

    def rows(self) -> list[tuple]:
        """(checkbox, list) pairs, so the page can show each list's description."""
        lists = {choice.mailing_list.pk: choice.mailing_list for choice in self.preferences.choices}
        return [(box, lists[int(box.data["value"])]) for box in self["lists"]]
