"""The preferences page reached by a signed link, and asking for that link by email."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from amicc.coalition.choices import ConsentPurpose, ConsentSource
from amicc.coalition.models import ConsentRecord, Person
from amicc.coalition.tests.factories import (
    AllianceFactory,
    AllianceMembershipFactory,
    MemberOrganizationFactory,
    PersonFactory,
)
from amicc.mailings.choices import ListKind, SuppressionReason
from amicc.mailings.models import ListOptOut, MailingList, Suppression
from amicc.mailings.services.audience import list_recipients
from amicc.mailings.services.subscriptions import everything_leave
from amicc.mailings.tests.test_links import backdated, path_of
from amicc.mailings.tokens import PREFERENCES_SALT, preferences_token_make, preferences_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(site_tree) -> Person:
    person = PersonFactory(
        email="ada@example.org", wants_newsletter=True, wants_alliance_updates=True
    )
    AllianceMembershipFactory(
        alliance=AllianceFactory(name="Lakeside Alliance"), person=person, active=True
    )
    AllianceMembershipFactory(alliance=AllianceFactory(name="Former"), person=person, left=True)
    return person


def lists_by_name() -> dict[str, MailingList]:
    return {mailing_list.name: mailing_list for mailing_list in MailingList.objects.all()}


def shown(html: str) -> dict[str, bool]:
    """List name → ticked, as the page shows them."""
    boxes = re.findall(r'<input type="checkbox" name="lists" value="(\d+)"([^>]*)>', html)
    names = {str(m.pk): m.name for m in MailingList.objects.all()}
    return {names[pk]: " checked" in attributes for pk, attributes in boxes}


def receives(person: Person) -> set[str]:
    return {
        mailing_list.name
        for mailing_list in MailingList.objects.all()
        if any(r.person_id == person.pk for r in list_recipients(mailing_list))
    }


def test_the_page_shows_the_lists_the_address_is_or_could_be_on(
    ada, client, django_assert_max_num_queries
):
    MemberOrganizationFactory(representatives=[ada])
    MailingList.objects.create(name="NY segment", slug="ny", kind="segment", filter_state="NY")
    path = path_of(preferences_url(email=ada.email))
    client.get(path)  # the first request warms the site and its settings
    with django_assert_max_num_queries(6):
        response = client.get(path)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert shown(response.content.decode()) == {
        "Coalition newsletter": True,
        "Action alerts": False,
        "Lakeside Alliance members": True,
        "Member-organization representatives": True,
    }
    assert '<meta name="referrer" content="no-referrer">' in response.content.decode()


def test_saving_leaves_unticked_lists_and_withdraws_a_purpose_left_entirely(ada, client):
    named = lists_by_name()
    path = path_of(preferences_url(email=ada.email))
    response = client.post(path, {"lists": [named["Action alerts"].pk]})
    assert response.status_code == 302 and response["Location"].endswith("?done=saved")
    page = client.get(response["Location"]).content.decode()
    assert "Your choices are saved" in page
    assert shown(page) == {
        "Coalition newsletter": False,
        "Action alerts": True,
        "Lakeside Alliance members": False,
    }
    ada.refresh_from_db()
    assert (ada.wants_newsletter, ada.wants_action_alerts, ada.wants_alliance_updates) == (
        False,
        True,
        False,
    )
    records = ConsentRecord.objects.filter(person=ada).order_by("purpose")
    assert [(r.purpose, r.granted, r.source) for r in records] == [
        (ConsentPurpose.ACTION_ALERTS, True, ConsentSource.PREFERENCES),
        (ConsentPurpose.ALLIANCE_UPDATES, False, ConsentSource.PREFERENCES),
        (ConsentPurpose.NEWSLETTER, False, ConsentSource.PREFERENCES),
    ]
    assert receives(ada) == {"Action alerts"}


def test_one_list_of_a_purpose_can_be_left_while_keeping_the_others(ada, client):
    MemberOrganizationFactory(representatives=[ada])
    named = lists_by_name()
    keep = [named["Member-organization representatives"].pk, named["Lakeside Alliance members"].pk]
    client.post(path_of(preferences_url(email=ada.email)), {"lists": keep})
    ada.refresh_from_db()
    assert ada.wants_newsletter
    assert receives(ada) == {"Member-organization representatives", "Lakeside Alliance members"}


def test_leaving_everything_then_coming_back(ada, client):
    path = path_of(preferences_url(email=ada.email))
    response = client.post(path, {"leave_everything": "1"})
    assert response["Location"].endswith("?done=left")
    assert Suppression.objects.get().reason == SuppressionReason.UNSUBSCRIBED
    page = client.get(response["Location"]).content.decode()
    assert "none of our newsletters" in page and not any(shown(page).values())

    newsletter = lists_by_name()["Coalition newsletter"]
    client.post(path, {"lists": [newsletter.pk]})
    assert not Suppression.objects.exists()
    ada.refresh_from_db()
    assert ada.wants_newsletter and not ada.wants_alliance_updates
    assert receives(ada) == {"Coalition newsletter"}
    assert ListOptOut.objects.filter(email=ada.email).count() == 2  # the two left unticked


@pytest.mark.parametrize(
    "reason", [SuppressionReason.HARD_BOUNCE, SuppressionReason.COMPLAINT, SuppressionReason.MANUAL]
)
def test_ticking_lists_never_lifts_a_bounce_or_complaint(ada, client, reason):
    Suppression.objects.create(email=ada.email, reason=reason)
    path = path_of(preferences_url(email=ada.email))
    page = client.get(path).content.decode()
    assert "We do not send newsletters to this address" in page and "cannot lift" in page
    assert not any(shown(page).values())
    client.post(path, {"lists": [lists_by_name()["Coalition newsletter"].pk]})
    assert Suppression.objects.get().reason == reason
    assert receives(ada) == set()


def test_an_unknown_list_is_a_clear_400(ada, client):
    other_alliance_list = MailingList.objects.get(
        kind=ListKind.ALLIANCE, alliance=AllianceFactory(name="Not hers")
    )
    path = path_of(preferences_url(email=ada.email))
    for value in (other_alliance_list.pk, "x", "999999"):
        response = client.post(path, {"lists": [value]})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Please correct what is marked below" in html and "Reload the page" in html
    assert not ListOptOut.objects.exists()


def test_an_address_with_no_person_can_still_stop_everything(client, site_tree):
    path = path_of(preferences_url(email="stranger@example.org"))
    page = client.get(path).content.decode()
    assert "We hold no newsletters or alerts for this address" in page
    client.post(path, {"leave_everything": "1"})
    assert Suppression.objects.get().email == "stranger@example.org"


def test_bad_and_expired_preferences_links(client, site_tree):
    response = client.get(reverse("mailings:preferences", kwargs={"token": "abc:def:ghi"}))
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    old = backdated(preferences_token_make(email="ada@example.org"), salt=PREFERENCES_SALT, days=91)
    path = reverse("mailings:preferences", kwargs={"token": old})
    response = client.post(path, {"leave_everything": "1"})
    assert response.status_code == 410 and 'value="ada@example.org"' in response.content.decode()
    assert not Suppression.objects.exists()


# --- Asking for a link


def test_asking_for_a_link_answers_the_same_whoever_asks(ada, client):
    everything_leave(email="left@example.org", source="test")
    PersonFactory(email="erased@example.org", erased_at="2025-01-01T00:00:00Z")
    url = reverse("mailings:preferences_request")
    assert "Email me a link" in client.get(url).content.decode()
    answers = set()
    for email in (
        "ADA@example.org",
        "stranger@example.org",
        "left@example.org",
        "erased@example.org",
    ):
        response = client.post(url, {"email": email})
        assert response.status_code == 302
        answers.add(client.get(response["Location"]).content.decode())
    assert len(answers) == 1 and "Check your email" in answers.pop()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@example.org",
        "left@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["ada@example.org"])
    assert message.subject == "Your email preferences"
    link = re.search(r"http://\S+/newsletters/preferences/\S+/", message.body)[0]
    assert client.get(path_of(link)).status_code == 200
    assert link in message.alternatives[0][0]


def test_one_link_per_address_every_few_minutes(ada, client):
    url = reverse("mailings:preferences_request")
    client.post(url, {"email": ada.email})
    client.post(url, {"email": ada.email})
    assert len(mail.outbox) == 1


def test_the_request_form_is_rate_limited_and_checks_its_input(client, site_tree):
    url = reverse("mailings:preferences_request")
    response = client.post(url, {"email": "not an address"})
    assert response.status_code == 400
    assert "Enter an email address such as name@example.org." in response.content.decode()
    assert client.post(url, {"email": "x@example.org", "homepage": "spam"}).status_code == 302
    for _ in range(4):
        client.post(url, {"email": "x@example.org"})
    limited = client.post(url, {"email": "y@example.org"})
    assert limited.status_code == 429 and limited["Retry-After"]
    assert 'value="y@example.org"' in limited.content.decode()
    assert not mail.outbox
