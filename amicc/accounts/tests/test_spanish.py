"""Choosing a password to sign in, in Spanish under /es/; English unchanged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # A request under /es/ leaves Spanish active in the test's thread.
    with translation.override("en"):
        yield


def set_password_url(user, language: str) -> str:
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(language):
        return reverse("accounts:set-password", kwargs=kwargs)


@pytest.fixture
def invited():
    user = get_user_model().objects.create_user(username="ada@example.org", email="ada@example.org")
    user.set_unusable_password()
    user.save()
    return user


def test_choosing_a_password_to_sign_in_in_spanish(client, invited):
    url = set_password_url(invited, "es")
    assert url.startswith("/es/account/set-password/")
    html = client.get(url).content.decode()
    assert "<h1>Elija su contraseña</h1>" in html
    assert "Usted inicia sesión como <strong>ada@example.org</strong>." in html
    assert "Guardar mi contraseña" in html
    assert "Choose your password" not in html and "Set my password" not in html

    response = client.post(url, {"new_password1": "x", "new_password2": "y"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Corrija lo que se indica a continuación" in html
    assert "Please correct what is marked below" not in html


def test_choosing_a_password_in_english_is_unchanged(client, invited):
    html = client.get(set_password_url(invited, "en")).content.decode()
    assert "<h1>Choose your password</h1>" in html
    assert "You sign in as <strong>ada@example.org</strong>." in html
    assert "Elija su contraseña" not in html


def test_a_broken_link_in_spanish_points_to_the_sign_in_page(client):
    with translation.override("es"):
        url = reverse("accounts:set-password", kwargs={"uidb64": "Mg", "token": "not-a-token"})
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Este enlace no funciona</h1>" in html
    assert f'<a href="{reverse("wagtailadmin_login")}">inicie sesión</a>' in html
