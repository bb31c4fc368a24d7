"""Form pieces every public form shares."""

from django import forms
from django.core.validators import slug_re
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "homepage"


def is_slug(value: str | None, *, max_length: int) -> bool:
    """Whether a value from a URL or query string could be a slug (or code) on record.

    A lookup by anything else is answered "not found" before the database sees it:
    PostgreSQL refuses text with a NUL byte in it, a 500, and no slug has one.
    """
    return bool(value) and len(value) <= max_length and slug_re.match(value) is not None


class HoneypotMixin(forms.Form):
    """A field people never see and spam robots fill in.

    Render it with `{{ form.honeypot_html }}`: the wrapper is moved off screen by the
    `.hp-field` class in site.css, hidden from screen readers and out of the tab order,
    and the browser is asked not to autofill it. A view checks `honeypot_tripped` before
    anything else and, when it is, answers as if the submission succeeded while storing
    and sending nothing, so a robot learns nothing from the reply.
    """

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def honeypot_tripped(self) -> bool:
        return bool(self.is_bound and self.data.get(HONEYPOT_FIELD, "").strip())

    def honeypot_html(self) -> str:
        field = self[HONEYPOT_FIELD]
        return format_html(
            '<div class="hp-field" aria-hidden="true">{}{}</div>', field.label_tag(), field
        )
