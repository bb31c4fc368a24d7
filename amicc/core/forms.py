"""Form pieces every public form shares."""

from django import forms
from django.utils.html import format_html

HONEYPOT_FIELD = "homepage"


class HoneypotMixin(forms.Form):
    """A field people never see and spam robots fill in.

    Render it with `{{ form.honeypot_html }}`: the wrapper is moved off screen by the
    `.hp-field` class in site.css, hidden from screen readers and out of the tab order,
    and the browser is asked not to autofill it. A view checks `honeypot_tripped` before
    anything else and, when it is, answers as if the submission succeeded while storing
    and sending nothing, so a robot learns nothing from the reply.
    """

    homepage = forms.CharField(
        label="Leave this field empty",
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
