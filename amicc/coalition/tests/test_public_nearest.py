"""Finding the alliance nearest a ZIP code, and the interest list of states without one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from amicc.coalition.choices import ConsentPurpose
from amicc.coalition.geography import USState
from amicc.coalition.geography_zip import state_for_zip, zip_normalize
from amicc.coalition.models import ConsentRecord, Person, StateInterest
from amicc.coalition.tests.factories import AllianceFactory, PersonFactory, StateInterestFactory

pytestmark = pytest.mark.django_db

NEAREST = reverse("coalition:alliance-nearest")


@pytest.mark.parametrize(
    ("zip_code", "state"),
    [
        ("00501", "NY"),
        ("00601", "PR"),
        ("00802", "VI"),
        ("02108", "MA"),
        ("05501", "MA"),
        ("05601", "VT"),
        ("10017", "NY"),
        ("20001", "DC"),
        ("20101", "VA"),
        ("20500", "DC"),
        ("20901", "MD"),
        ("33101", "FL"),
        ("39901", "GA"),
        ("60601", "IL"),
        ("73301", "TX"),
        ("73101", "OK"),
        ("82001", "WY"),
        ("88510", "TX"),
        ("89501", "NV"),
        ("94103", "CA"),
        ("96799", "AS"),
        ("96813", "HI"),
        ("96910", "GU"),
        ("96950", "MP"),
        ("99501", "AK"),
        ("10017-1234", "NY"),
        (" 100171234 ", "NY"),
    ],
)
def test_zip_prefixes_name_the_right_state(zip_code, state):
    assert state_for_zip(zip_code) == state


@pytest.mark.parametrize(
    "zip_code", ["09001", "34001", "96201", "96940", "00000", "99", "1001", "ABCDE", "", "1e5"]
)
def test_military_unassigned_and_malformed_zips_have_no_state(zip_code):
    assert state_for_zip(zip_code) is None


def test_every_state_but_the_pacific_territories_has_a_prefix():
    from amicc.coalition.geography_zip import _PREFIX_STATE

    assert set(USState.values) - set(_PREFIX_STATE.values()) == {"AS", "GU", "MP"}
    assert zip_normalize("10017 1234") == "10017-1234" and zip_normalize("1001") is None


def test_one_alliance_in_the_state_is_preselected(client):
    AllianceFactory(name="Seattle Alliance", slug="seattle", state="WA")
    response = client.get(NEAREST, {"zip": "98101"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alliances in Washington" in html
    assert re.search(r'<input type="radio" name="alliance"[^>]*value="seattle" checked>', html)
    assert '<input type="hidden" name="zip" value="98101">' in html


def test_choosing_an_alliance_continues_with_the_zip_kept(client):
    AllianceFactory(name="Seattle Alliance", slug="seattle", state="WA")
    AllianceFactory(name="Spokane Alliance", slug="spokane", state="WA")
    AllianceFactory(name="Portland Alliance", slug="portland", state="OR")
    listing = client.get(NEAREST, {"zip": "98101-1234"}).content.decode()
    assert "Seattle Alliance" in listing and "Spokane Alliance" in listing
    assert "Portland Alliance" not in listing and " checked" not in listing

    response = client.get(NEAREST, {"zip": "98101-1234", "alliance": "spokane"})
    assert response.status_code == 302
    join = reverse("coalition:alliance-join", args=["spokane"])
    assert response["Location"] == f"{join}?zip=98101-1234"
    assert 'value="98101-1234"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("choice", ["", "portland", "nonexistent"])
def test_no_or_foreign_choice_asks_again(client, choice):
    AllianceFactory(name="Seattle Alliance", slug="seattle", state="WA")
    AllianceFactory(name="Spokane Alliance", slug="spokane", state="WA")
    AllianceFactory(slug="portland", state="OR")
    response = client.get(NEAREST, {"zip": "98101", "alliance": choice})
    assert response.status_code == 200
    assert "Choose one of the alliances to continue." in response.content.decode()


@pytest.mark.parametrize(
    ("zip_code", "message"),
    [
        ("123", "Enter a 5-digit ZIP code"),
        ("ABCDE", "Enter a 5-digit ZIP code"),
        ("<b>10017</b>", "Enter a 5-digit ZIP code"),
        ("\x0010017", "Null characters are not allowed"),
        ("09001", "could not match ZIP code 09001"),
        ("", "This field is required"),
    ],
)
def test_unknown_or_malformed_zip_is_explained(client, zip_code, message):
    response = client.get(NEAREST, {"zip": zip_code})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html and message in html
    assert "<b>10017</b>" not in html
    if zip_code == "ABCDE":
        assert 'value="ABCDE"' in html  # what was typed is kept


def test_state_without_alliance_offers_the_interest_list(
    client, settings, django_capture_on_commit_callbacks
):
    settings.AMICC_PAGE_CACHE_SECONDS = 0
    AllianceFactory(state="NY")
    page = client.get(NEAREST, {"zip": "82001"})
    html = page.content.decode()
    assert "No alliance in Wyoming yet" in html
    assert 'name="zip_code"' in html and 'value="82001"' in html

    data = {
        "name": "Wanda Wyoming",
        "email": "wanda@example.org",
        "zip_code": "82001",
        "consent": "on",
        "wants_newsletter": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEAREST, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("coalition:interest-sent")
    interest = StateInterest.objects.get()
    assert interest.state == "WY" and interest.confirmed_at is None
    assert interest.person.email == "wanda@example.org"
    assert not interest.person.wants_newsletter

    (message,) = mail.outbox
    assert "Wyoming" in message.subject
    path = re.search(r"http://[^/\s]+(/alliances/confirm/[^/\s]+/)", message.body).group(1)
    confirmed = client.get(path)
    assert confirmed.status_code == 200 and "You are on the list" in confirmed.content.decode()
    interest.refresh_from_db()
    assert interest.confirmed_at is not None
    assert interest.person.wants_newsletter
    assert set(ConsentRecord.objects.values_list("purpose", flat=True)) == {
        ConsentPurpose.DATA_PROCESSING,
        ConsentPurpose.NEWSLETTER,
    }
    again = client.get(path)
    assert again.status_code == 200 and "already on the list" in again.content.decode()
    assert ConsentRecord.objects.count() == 2


def test_confirmed_interest_gets_a_friendly_email(client, django_capture_on_commit_callbacks):
    person = PersonFactory(email="wanda@example.org")
    StateInterestFactory(person=person, state="WY", confirmed=True)
    data = {"name": "Wanda", "email": "wanda@example.org", "zip_code": "82001", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(NEAREST, data).status_code == 302
    assert StateInterest.objects.count() == 1
    (message,) = mail.outbox
    assert "already on the list" in message.subject and "/confirm/" not in message.body


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"zip_code": "09001"}, "zip_code"),
        ({"zip_code": "1234"}, "zip_code"),
        ({"email": "nope"}, "email"),
        ({"consent": None}, "consent"),
    ],
)
def test_interest_form_bad_input_is_kept(client, changes, field):
    data = {"name": "Wanda Wyoming", "email": "wanda@example.org", "zip_code": "82001"}
    data["consent"] = "on"
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(NEAREST, data)
    assert response.status_code == 200
    assert list(response.context["interest_form"].errors) == [field]
    html = response.content.decode()
    assert 'value="Wanda Wyoming"' in html and 'class="error-summary"' in html
    assert not Person.objects.exists() and not StateInterest.objects.exists()
