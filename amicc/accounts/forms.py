"""Forms of two-step verification: a code, or a password and a code."""

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from amicc.accounts.two_factor import code_check

CODE_HELP = _("The 6-digit code your authenticator app shows now, or one of your backup codes.")
WRONG_CODE = _("That code is not right. Check the app shows AMICC and type the code it shows now.")
THROTTLED = _("Too many wrong codes in a row. Wait a minute, then try again.")


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("error_messages", {"required": _("Type the code.")})
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "inputmode": "text",
                    "autocapitalize": "off",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(**kwargs)


class EnrolForm(forms.Form):
    code = CodeField(
        label=_("Code from the app"),
        help_text=_("The 6-digit code the app shows after you scan the QR code."),
    )


class VerifyForm(forms.Form):
    """The second step of signing in: the code matched to the person's devices."""

    code = CodeField(help_text=CODE_HELP)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.throttled = False

    def clean_code(self):
        result = code_check(user=self.user, code=self.cleaned_data["code"])
        if result.throttled:
            self.throttled = True
            raise forms.ValidationError(THROTTLED, code="throttled")
        if result.device is None:
            raise forms.ValidationError(WRONG_CODE, code="wrong_code")
        self.device = result.device
        return self.cleaned_data["code"]


class PasswordAndCodeForm(VerifyForm):
    """Changing or turning off two-step verification asks for the password and a code."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password.")},
    )
    field_order = ["password", "code"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, user=request.user, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(), so that guessing here counts towards the sign-in lockout.
        username = self.user.get_username()
        if authenticate(self.request, username=username, password=password) is None:
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password

    def clean_code(self):
        # No code is spent (a backup code is single-use) unless the password is right.
        if "password" not in self.cleaned_data:
            return self.cleaned_data["code"]
        return super().clean_code()
