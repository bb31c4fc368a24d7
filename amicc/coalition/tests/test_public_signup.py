"""Joining an alliance with email confirmation (double opt-in), and the confirmation links."""

import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from amicc.coalition.choices import ConsentPurpose, ConsentSource, MembershipStatus
from amicc.coalition.models import AllianceMembership, ConsentRecord, Person
from amicc.coalition.services.signup import MEMBERSHIP_CONSENT_WORDING
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    PersonFactory,
)
from amicc.coalition.tokens import (
    SIGNUP_LINK_MAX_AGE,
    SignupClaim,
    SignupKind,
    signup_token_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance():
    return AllianceFactory(name="Seattle Alliance", slug="seattle", city="Seattle", state="WA")


def join_url(alliance) -> str:
    return reverse("coalition:alliance-join", args=[alliance.slug])


def signup_data(**changes) -> dict:
    data = {
        "name": "Grace Hopper",
        "email": "Grace@Example.org",
        "zip_code": "98101-1234",
        "consent": "on",
        "wants_alliance_updates": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def confirm_path(message) -> str:
    return re.search(r"http://[^/\s]+(/alliances/confirm/[^/\s]+/)", message.body).group(1)


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    def post(alliance, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(join_url(alliance), signup_data(**changes))

    return post


def test_signup_form_prefills_a_valid_zip(client, alliance):
    response = client.get(join_url(alliance), {"zip": "98101"})
    assert response.status_code == 200
    assert 'value="98101"' in response.content.decode()
    bad = client.get(join_url(alliance), {"zip": "<script>"}).content.decode()
    assert "&lt;script&gt;" not in bad and "<script>" not in bad


def test_double_opt_in_happy_path(client, alliance, sign_up, settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 0  # counts are read fresh, not from a cached page
    response = sign_up(alliance)
    assert response.status_code == 302
    assert response["Location"] == reverse("coalition:alliance-join-sent", args=["seattle"])
    assert "Check your email" in client.get(response["Location"]).content.decode()

    person = Person.objects.get()
    assert (person.email, person.zip_code, person.state) == (
        "grace@example.org",
        "98101-1234",
        "WA",
    )
    membership = AllianceMembership.objects.get()
    assert membership.status == MembershipStatus.PENDING and membership.confirmed_at is None
    # Only the agreement to keep their details counts before the address is confirmed.
    consent = ConsentRecord.objects.get()
    assert consent.purpose == ConsentPurpose.DATA_PROCESSING
    assert consent.source == ConsentSource.ALLIANCE_SIGNUP
    assert consent.wording == MEMBERSHIP_CONSENT_WORDING[ConsentPurpose.DATA_PROCESSING]
    assert not person.wants_alliance_updates
    # Pending members are nobody's members yet.
    assert client.get(alliance.get_absolute_url()).context["alliance"].member_count == 0

    (message,) = mail.outbox
    assert message.to == ["grace@example.org"] and "Seattle Alliance" in message.subject
    confirmed = client.get(confirm_path(message))
    assert confirmed.status_code == 200
    assert "Welcome to Seattle Alliance" in confirmed.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE and membership.confirmed_at is not None
    person.refresh_from_db()
    assert person.wants_alliance_updates and not person.wants_newsletter
    assert set(ConsentRecord.objects.values_list("purpose", flat=True)) == {
        ConsentPurpose.DATA_PROCESSING,
        ConsentPurpose.ALLIANCE_UPDATES,
    }
    assert client.get(alliance.get_absolute_url()).context["alliance"].member_count == 1


def test_second_click_changes_nothing(client, alliance, sign_up):
    sign_up(alliance, wants_newsletter="on")
    path = confirm_path(mail.outbox[0])
    assert client.get(path).status_code == 200
    confirmed_at = AllianceMembership.objects.get().confirmed_at
    consents = ConsentRecord.objects.count()
    again = client.get(path)
    assert again.status_code == 200
    assert "You are already a member" in again.content.decode()
    assert AllianceMembership.objects.get().confirmed_at == confirmed_at
    assert ConsentRecord.objects.count() == consents


def test_confirmation_page_is_never_served_from_the_page_cache(client, alliance, sign_up):
    sign_up(alliance)
    path = confirm_path(mail.outbox[0])
    assert "no-cache" in client.get(path)["Cache-Control"]


def test_asking_again_reuses_the_pending_membership(alliance, sign_up):
    sign_up(alliance)
    sign_up(alliance, name="Grace B. Hopper", email="GRACE@example.org")
    assert AllianceMembership.objects.count() == 1 and Person.objects.count() == 1
    assert len(mail.outbox) == 2
    assert all("/alliances/confirm/" in message.body for message in mail.outbox)


def test_active_member_gets_a_friendly_email_not_a_duplicate(alliance, sign_up):
    person = PersonFactory(email="grace@example.org")
    membership = AllianceMembershipFactory(alliance=alliance, person=person, active=True)
    response = sign_up(alliance)
    assert response.status_code == 302
    assert AllianceMembership.objects.count() == 1
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    (message,) = mail.outbox
    assert "already a member" in message.subject
    assert "/alliances/confirm/" not in message.body


def test_member_who_left_can_rejoin_but_not_with_an_old_link(client, alliance, sign_up):
    sign_up(alliance)
    old_link = confirm_path(mail.outbox[0])
    AllianceMembership.objects.update(status=MembershipStatus.LEFT)
    assert client.get(old_link).status_code == 400
    sign_up(alliance)
    assert AllianceMembership.objects.get().status == MembershipStatus.PENDING
    assert client.get(confirm_path(mail.outbox[-1])).status_code == 200
    membership = AllianceMembership.objects.get()
    assert membership.status == MembershipStatus.ACTIVE and membership.left_at is None


def test_expired_link_is_a_clear_400_with_a_way_to_a_new_link(
    client, alliance, sign_up, monkeypatch
):
    sign_up(alliance)
    path = confirm_path(mail.outbox[0])
    later = time.time() + SIGNUP_LINK_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This link has expired" in html
    assert f'href="{join_url(alliance)}"' in html
    assert AllianceMembership.objects.get().status == MembershipStatus.PENDING


def test_link_just_inside_its_week_still_works(client, alliance, sign_up, monkeypatch):
    sign_up(alliance)
    path = confirm_path(mail.outbox[0])
    later = time.time() + SIGNUP_LINK_MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.split(":")[0],
        lambda token: "x" + token,
        lambda token: "nonsense",
        lambda token: "%00",
        lambda token: ":::",
    ],
)
def test_tampered_link_is_a_clear_400(client, alliance, sign_up, mangle):
    sign_up(alliance)
    token = confirm_path(mail.outbox[0]).split("/")[-2]
    response = client.get(reverse("coalition:signup-confirm", args=[mangle(token)]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert AllianceMembership.objects.get().status == MembershipStatus.PENDING


def test_signed_link_for_someone_else_or_nothing_is_refused(client, alliance):
    membership = AllianceMembershipFactory(alliance=alliance)
    other = PersonFactory()
    for claim in (
        SignupClaim(SignupKind.MEMBERSHIP, pk=membership.pk, person_pk=other.pk),
        SignupClaim(SignupKind.MEMBERSHIP, pk=membership.pk + 100, person_pk=other.pk),
        SignupClaim(SignupKind.INTEREST, pk=1, person_pk=other.pk),
    ):
        path = reverse("coalition:signup-confirm", args=[signup_token_make(claim)])
        assert client.get(path).status_code == 400
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "n" * 201}, "name"),
        ({"email": "grace"}, "email"),
        ({"email": "grace@\x00example.org"}, "email"),
        ({"zip_code": "9810"}, "zip_code"),
        ({"zip_code": "98101-12"}, "zip_code"),
        ({"zip_code": "ABCDE"}, "zip_code"),
        ({"zip_code": None}, "zip_code"),
        ({"consent": None}, "consent"),
    ],
)
def test_bad_input_is_shown_with_everything_kept(alliance, sign_up, changes, field):
    response = sign_up(alliance, **changes)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    html = response.content.decode()
    assert 'class="error-summary"' in html and f'id="id_{field}_error"' in html
    if field != "name":
        assert 'value="Grace Hopper"' in html
    if field != "consent":
        assert re.search(r'<input type="checkbox" name="consent"[^>]*checked', html)
    assert re.search(r'<input type="checkbox" name="wants_alliance_updates"[^>]*checked', html)
    assert not Person.objects.exists() and not AllianceMembership.objects.exists()
    assert mail.outbox == []


def test_signup_form_groups_its_checkboxes(client, alliance):
    html = client.get(join_url(alliance)).content.decode()
    assert html.count("<fieldset>") == 2
    assert "Keeping your details" in html and "Emails you would like" in html
