"""Spam resistance of the public forms (honeypot, rate limits) and their CSRF tokens."""

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from amicc.coalition.models import (
    AllianceMembership,
    ConsentRecord,
    OrganizationApplication,
    Person,
    StateInterest,
)
from amicc.coalition.tests.factories import AllianceFactory
from amicc.coalition.tests.test_public_join import application_data
from amicc.coalition.views import FORM_SUBMISSIONS_PER_WINDOW, FORM_WINDOW_SECONDS
from amicc.core.page_cache import CACHE_HEADER
from amicc.core.ratelimit import rate_limit_count

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Grace Hopper",
    "email": "grace@example.org",
    "zip_code": "82001",
    "consent": "on",
}


@pytest.fixture
def forms():
    """Each public form's address with valid data, and where success redirects."""
    alliance = AllianceFactory(slug="cheyenne", state="WY")
    return [
        (reverse("coalition:join"), application_data(), reverse("coalition:join-thanks")),
        (
            reverse("coalition:alliance-join", args=[alliance.slug]),
            SIGNUP,
            reverse("coalition:alliance-join-sent", args=[alliance.slug]),
        ),
        (reverse("coalition:alliance-nearest"), SIGNUP, reverse("coalition:interest-sent")),
    ]


def _nothing_stored() -> bool:
    return not any(
        model.objects.exists()
        for model in (
            OrganizationApplication,
            Person,
            ConsentRecord,
            AllianceMembership,
            StateInterest,
        )
    )


def test_every_form_has_a_hidden_honeypot(client, forms):
    for url, _, _ in forms:
        html = client.get(url, {"zip": "10017"}).content.decode()  # a state with no alliance
        wrapper = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', html, re.S)
        assert wrapper, url
        assert 'name="homepage"' in wrapper.group(0) and 'tabindex="-1"' in wrapper.group(0)
        assert 'autocomplete="off"' in wrapper.group(0)
        assert "style=" not in html and "<script" not in html


def test_filled_honeypot_pretends_success_and_stores_nothing(
    client, forms, django_capture_on_commit_callbacks
):
    for url, data, success in forms:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {**data, "homepage": "http://spam.example"})
        assert response.status_code == 302 and response["Location"] == success, url
    assert _nothing_stored()
    assert mail.outbox == []


def test_honeypot_filled_with_invalid_data_still_looks_like_success(client, forms):
    url, _, success = forms[0]
    response = client.post(url, {"homepage": "x"})
    assert response.status_code == 302 and response["Location"] == success


def test_rate_limit_answers_429_with_retry_after(client, forms):
    for url, data, _ in forms:
        bad = {**data, "email": "not-an-email", "contact_email": "not-an-email"}
        for _ in range(FORM_SUBMISSIONS_PER_WINDOW):
            assert client.post(url, bad).status_code == 200
        response = client.post(url, data)
        assert response.status_code == 429, url
        assert 0 < int(response["Retry-After"]) <= FORM_WINDOW_SECONDS
        assert "Too many attempts" in response.content.decode()
        assert client.get(url).status_code == 200  # reading the form is not limited
    assert _nothing_stored()


def test_rate_limit_is_per_client_address_and_per_form(forms):
    url, data, _ = forms[1]
    first = Client(REMOTE_ADDR="203.0.113.1")
    second = Client(REMOTE_ADDR="203.0.113.2")
    # A forged X-Forwarded-For does not buy a fresh allowance.
    for n in range(FORM_SUBMISSIONS_PER_WINDOW):
        first.post(url, {}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert first.post(url, {}, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429
    assert second.post(url, {}).status_code == 200
    other_url, _, _ = forms[0]
    assert first.post(other_url, {}).status_code == 200


def test_rate_limit_window_ends(rf, monkeypatch):
    request = rf.post("/", REMOTE_ADDR="192.0.2.7")
    now = 1_700_000_000 - 1_700_000_000 % 600
    monkeypatch.setattr(time, "time", lambda: now + 10)
    results = [
        rate_limit_count(request=request, scope="test", limit=2, window=600) for _ in range(3)
    ]
    assert [result.allowed for result in results] == [True, True, False]
    assert results[-1].retry_after == 590
    monkeypatch.setattr(time, "time", lambda: now + 600)
    assert rate_limit_count(request=request, scope="test", limit=2, window=600).allowed


def test_form_pages_are_never_shared_through_the_page_cache(
    forms, django_capture_on_commit_callbacks
):
    """Each visitor gets their own CSRF token, and a new visitor's POST is accepted."""
    url, data, success = forms[1]
    first = Client(enforce_csrf_checks=True)
    first.get(url)
    second = Client(enforce_csrf_checks=True)
    page = second.get(url)
    assert page[CACHE_HEADER] == "miss"
    assert "private" in page["Cache-Control"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = second.post(url, {**data, "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302 and response["Location"] == success
    assert AllianceMembership.objects.count() == 1
    assert Client(enforce_csrf_checks=True).post(url, data).status_code == 403


def test_read_only_pages_are_cached_for_anonymous_visitors(client, forms):
    for url in (reverse("coalition:members"), reverse("coalition:alliances")):
        assert client.get(url)[CACHE_HEADER] == "miss"
        assert client.get(url)[CACHE_HEADER] == "hit"
