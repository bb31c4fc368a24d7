import re

from django import forms
from django.utils.translation import gettext_lazy as _

from amicc.congress.selectors import InvalidZipCode, normalize_zip

# "12", or "AZ-2" for a ZIP code that spans states.
DISTRICT_PATTERN = re.compile(r"^(?:(?P<state>[A-Za-z]{2})-)?(?P<district>[0-9]{1,2})$")


class RepresentativeLookupForm(forms.Form):
    """The ZIP code to look up and, for a split ZIP, the district the person chose."""

    zip = forms.CharField(
        label=_("ZIP code"),
        max_length=20,
        error_messages={"required": _("Enter your ZIP code.")},
    )
    district = forms.CharField(required=False, max_length=10)

    def clean_zip(self) -> str:
        try:
            return normalize_zip(self.cleaned_data["zip"])
        except InvalidZipCode:
            raise forms.ValidationError(
                _("Enter a ZIP code of five digits, such as 10017, or ZIP+4, such as 10017-1234."),
                code="invalid",
            ) from None

    def clean_district(self) -> tuple[str | None, int] | None:
        """(state or None, district number), or None when no district was chosen."""
        value = self.cleaned_data["district"].strip()
        if not value:
            return None
        match = DISTRICT_PATTERN.match(value)
        if match is None:
            raise forms.ValidationError(_("Choose one of the districts listed."), code="invalid")
        state = match["state"].upper() if match["state"] else None
        return state, int(match["district"])
