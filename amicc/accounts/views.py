"""Choosing a password from an invitation link: how new representatives get into the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters


def _invited_user(uidb64: str, token: str):
    """The active user the link was made for, or None if it is altered, used or expired."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=True)
    except (ValueError, OverflowError, ValidationError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _invited_user(uidb64, token)
    if user is None:
        return render(request, "accounts/set_password_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if form.is_valid():
        form.save()
        return redirect("accounts:set-password-done")
    status = 400 if form.is_bound else 200
    return render(
        request, "accounts/set_password.html", {"form": form, "user": user}, status=status
    )


@never_cache
def set_password_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/set_password_done.html")
