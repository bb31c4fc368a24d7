"""Letters to members of Congress through an action alert, from the form to the report."""

import re
import smtplib
from dataclasses import dataclass

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amicc.coalition.choices import ConsentPurpose
from amicc.coalition.models import ConsentRecord, Person
from amicc.coalition.services.privacy import person_erase, person_export
from amicc.coalition.tests.admin_fixtures import COORDINATORS, STAFF, user_in
from amicc.coalition.tests.factories import UserFactory
from amicc.congress.choices import Chamber, LetterDelivery, LetterTargets
from amicc.congress.models import (
    ActionAlert,
    Legislator,
    Letter,
    LetterSubmission,
    OfficeEmail,
    Term,
    WatchlistItem,
    ZipDistrict,
)
from amicc.congress.services.letters import (
    AlertClosed,
    letter_copies,
    letter_deliver,
    letter_recipients,
    letter_submit,
    letter_text,
)
from amicc.congress.views.letters import LETTER_POSTS_PER_WINDOW

pytestmark = pytest.mark.django_db

LETTER = (
    "{salutation},\n\nPlease support the ICC.\n\nSincerely,\n{sender_name}, ZIP code {zip_code}"
)
SENDER_NAME = "Grace Hopper"
SENDER_EMAIL = "Grace@Example.org"


@dataclass
class Delegation:
    """New York's senators, the representatives of NY-10 and NY-12, and Vermont's members."""

    sterling: Legislator  # NY senator, Democrat, contact form
    hale: Legislator  # NY senator, Republican, website only
    reyes: Legislator  # NY-10, Democrat, takes letters by email
    baxter: Legislator  # NY-12, Republican, contact form
    alert: ActionAlert


def member(bioguide, first, last, chamber, state, district, party, **term) -> Legislator:
    legislator = Legislator.objects.create(bioguide_id=bioguide, first_name=first, last_name=last)
    current = Term.objects.create(
        legislator=legislator, type=chamber, state=state, district=district, party=party, **term
    )
    legislator.is_current = True
    legislator.current_term = current
    legislator.current_chamber = chamber
    legislator.current_state = state
    legislator.current_district = district
    legislator.current_party = party
    legislator.save()
    return legislator


@pytest.fixture
def delegation(site_tree) -> Delegation:
    senate, house = Chamber.SENATE, Chamber.HOUSE
    people = Delegation(
        sterling=member(
            "S000001", "Nora", "Sterling", senate, "NY", None, "Democrat",
            contact_form="https://sterling.senate.example/contact",
        ),
        hale=member(
            "H000001", "Owen", "Hale", senate, "NY", None, "Republican",
            url="https://hale.senate.example",
        ),
        reyes=member(
            "R000001", "Paula", "Reyes", house, "NY", 10, "Democrat",
            contact_form="https://reyes.house.example/write",
        ),
        baxter=member(
            "B000001", "Quinn", "Baxter", house, "NY", 12, "Republican",
            contact_form="https://baxter.house.example/contact",
        ),
        alert=ActionAlert.objects.create(
            slug="protect-the-court",
            title="Protect the Court",
            introduction="The House votes on sanctions next week.",
            watchlist_item=WatchlistItem.objects.create(
                slug="hr-23", kind="bill", identifier="H.R. 23", title="Illegitimate Court Act",
                summary="Sanctions on the ICC.",
            ),
            subject="Oppose H.R. 23",
            letter_template=LETTER,
            thank_you_message="Thank you for standing up for international justice.",
        ),
    )  # fmt: skip
    member("V000001", "Vera", "Vance", senate, "VT", None, "Independent")
    member("V000002", "Walt", "Webb", house, "VT", 0, "Democrat")
    OfficeEmail.objects.create(legislator=people.reyes, email="letters@reyes.house.example")
    ZipDistrict.objects.bulk_create(
        [
            ZipDistrict(zcta="10002", state="NY", district=10),
            ZipDistrict(zcta="10001", state="NY", district=10, share=0.6, rank=1),
            ZipDistrict(zcta="10001", state="NY", district=12, share=0.4, rank=2),
            ZipDistrict(zcta="05401", state="VT", district=0),
        ]
    )
    return people


def alert_url(alert, view="action_alert") -> str:
    return reverse(f"congress:{view}", kwargs={"slug": alert.slug})


def letter_data(**changes) -> dict:
    data = {
        "name": SENDER_NAME,
        "email": SENDER_EMAIL,
        "zip_code": "10002",
        "subject": "Oppose H.R. 23, please",
        "body": LETTER + "\n\nMy own words.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(alert, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(alert_url(alert), letter_data(**changes))

    return post


def main_html(response) -> str:
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def letters_by_member(submission) -> dict[str, str]:
    return {letter.legislator.last_name: letter.delivery for letter in submission.letters.all()}


def test_alert_page_shows_the_alert_its_item_and_the_letter_to_start_from(client, delegation):
    client.get(alert_url(delegation.alert))  # the site's settings are made on the first page shown
    with CaptureQueriesContext(connection) as queries:
        response = client.get(alert_url(delegation.alert))
    html = main_html(response)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert len(queries) == 1, [query["sql"] for query in queries]  # the alert and its item
    assert "<h1>Protect the Court</h1>" in html
    assert "The House votes on sanctions next week." in html
    assert "H.R. 23: Illegitimate Court Act" in html
    assert 'value="Oppose H.R. 23"' in html
    assert "{salutation},\n\nPlease support the ICC." in html
    assert "senators and representative" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "<script" not in html and "style=" not in html


def test_letter_goes_to_two_senators_and_the_representative(client, delegation, send):
    response = send(delegation.alert, zip_code="10002-1234")

    assert response.status_code == 302
    assert response.url == alert_url(delegation.alert, "action_alert_sent")
    submission = LetterSubmission.objects.get()
    assert (submission.zip_code, submission.state, submission.district) == ("10002", "NY", 10)
    assert submission.subject == "Oppose H.R. 23, please"
    assert submission.body == LETTER + "\n\nMy own words."
    assert submission.person.email == "grace@example.org"
    assert letters_by_member(submission) == {
        "Sterling": LetterDelivery.CONTACT_FORM,
        "Hale": LetterDelivery.CONTACT_FORM,
        "Reyes": LetterDelivery.EMAILED,
    }
    assert not ConsentRecord.objects.exists()

    client.get(response.url)  # the site's settings are made on the first page shown
    with CaptureQueriesContext(connection) as queries:
        thanks = main_html(client.get(response.url))
    # The alert, the session, the submission with its sender, the letters with their terms.
    assert len(queries) == 4, [query["sql"] for query in queries]
    assert "Thank you, Grace Hopper" in thanks
    assert "Thank you for standing up for international justice." in thanks
    assert "Representative Paula Reyes: emailed to the office" in thanks
    assert 'href="https://sterling.senate.example/contact"' in thanks
    assert 'href="https://hale.senate.example"' in thanks
    assert "Dear Senator Sterling,\n\nPlease support the ICC." in thanks
    assert "Dear Senator Hale," in thanks
    assert "Sincerely,\nGrace Hopper, ZIP code 10002" in thanks
    assert "{salutation}" not in thanks


def test_office_email_is_delivered_by_the_task_with_the_sender_to_reply_to(delegation, send):
    send(delegation.alert)

    (message,) = mail.outbox
    assert message.to == ["letters@reyes.house.example"]
    assert message.reply_to == ["Grace Hopper <grace@example.org>"]
    assert message.subject == "Oppose H.R. 23, please"
    assert message.body.startswith("Dear Representative Reyes,\n\nPlease support the ICC.")
    assert "Grace Hopper, ZIP code 10002" in message.body
    assert "ZIP code 10002 (New York, district 10)" in message.body
    assert "Dear Representative Reyes" in message.alternatives[0][0]
    letter = Letter.objects.get(legislator=delegation.reyes)
    assert letter.delivery == LetterDelivery.EMAILED
    assert letter.delivered_to == "letters@reyes.house.example"
    assert letter.delivered_at is not None and letter.failure == ""


def test_a_letter_is_emailed_once_and_a_refused_one_is_left_to_the_sender(
    client, delegation, send, monkeypatch
):
    send(delegation.alert)
    emailed = Letter.objects.get(legislator=delegation.reyes)
    assert letter_deliver(letter_id=emailed.pk) == LetterDelivery.EMAILED
    assert len(mail.outbox) == 1

    def refuse(**kwargs):
        raise smtplib.SMTPRecipientsRefused({"letters@reyes.house.example": (550, b"No")})

    monkeypatch.setattr("amicc.congress.services.letters.email_deliver", refuse)
    send(delegation.alert, email="ada@example.org")
    failed = Letter.objects.get(
        legislator=delegation.reyes, submission__person__email="ada@example.org"
    )
    assert failed.delivery == LetterDelivery.FAILED
    assert failed.failure.startswith("The mail server refused the letter")
    assert failed.delivered_at is None
    thanks = main_html(client.get(alert_url(delegation.alert, "action_alert_sent")))
    assert "We could not email your letter to this office" in thanks
    assert "Dear Representative Reyes," in thanks


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"targets": LetterTargets.SENATORS}, {"Sterling", "Hale"}),
        ({"targets": LetterTargets.REPRESENTATIVE}, {"Reyes"}),
        ({"parties": ["Democrat"]}, {"Sterling", "Reyes"}),
        ({"parties": ["Republican"], "targets": LetterTargets.SENATORS}, {"Hale"}),
        ({"states": ["NY", "CA"]}, {"Sterling", "Hale", "Reyes"}),
    ],
)
def test_targets_parties_and_states_choose_the_offices(delegation, send, changes, expected):
    ActionAlert.objects.filter(pk=delegation.alert.pk).update(**changes)

    assert send(delegation.alert).status_code == 302
    assert set(letters_by_member(LetterSubmission.objects.get())) == expected


def test_no_matching_member_says_so_and_keeps_the_letter(delegation, send):
    ActionAlert.objects.filter(pk=delegation.alert.pk).update(
        states=["VT"], parties=["Independent"], targets=LetterTargets.SENATORS
    )

    response = send(delegation.alert, body="My carefully written letter.")

    assert response.status_code == 400
    html = main_html(response)
    assert (
        "This alert asks for letters to senators only of the Independent party from Vermont" in html
    )
    assert "none of your members of Congress for ZIP code 10002" in html
    assert "My carefully written letter." in html and f'value="{SENDER_NAME}"' in html
    assert not LetterSubmission.objects.exists() and not Person.objects.exists()


def test_split_zip_asks_for_the_district_then_writes_to_its_member(delegation, send):
    response = send(delegation.alert, zip_code="10001", body="Kept letter.")

    assert response.status_code == 400
    html = main_html(response)
    assert "ZIP code 10001 lies in more than one congressional district" in html
    assert 'type="radio" name="district" id="district-10" value="10"' in html
    assert "New York, district 12: Representative Quinn Baxter" in html
    assert "Kept letter." in html and 'value="10001"' in html
    assert not LetterSubmission.objects.exists()

    response = send(delegation.alert, zip_code="10001", district="7")
    assert response.status_code == 400
    assert "Choose one of the districts listed." in main_html(response)

    assert send(delegation.alert, zip_code="10001", district="12").status_code == 302
    submission = LetterSubmission.objects.get()
    assert submission.district == 12
    assert set(letters_by_member(submission)) == {"Sterling", "Hale", "Baxter"}


def test_a_link_with_a_zip_code_prefills_the_form_and_its_districts(client, delegation):
    client.get(alert_url(delegation.alert))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(alert_url(delegation.alert), {"zip": "10001", "district": "12"})
    assert len(queries) == 3  # the alert, then the ZIP code's districts and their members
    html = main_html(response)

    assert 'value="10001"' in html
    assert 'id="district-12" value="12" checked' in html
    assert "Senator Nora Sterling" in html and "Representative Quinn Baxter" in html


def test_the_same_email_in_another_case_is_not_counted_twice(delegation, send):
    send(delegation.alert)

    response = send(delegation.alert, email="GRACE@example.ORG", body="A second letter.")

    assert response.status_code == 200
    html = main_html(response)
    assert "Your letter was already recorded" in html
    assert "A second letter." in html
    assert LetterSubmission.objects.count() == 1 and Letter.objects.count() == 3
    assert Person.objects.count() == 1
    assert len(mail.outbox) == 1  # the office's letter, not another


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"zip_code": "abc"}, "Enter a 5-digit ZIP code"),
        ({"zip_code": "1234"}, "Enter a 5-digit ZIP code"),
        ({"zip_code": "99999"}, "We could not match ZIP code 99999 to a congressional district"),
        ({"body": "   "}, "Write your letter: it cannot be empty."),
        ({"body": "x" * 10_001}, "Ensure this value has at most 10000 characters"),
        ({"name": "N" * 201}, "Ensure this value has at most 200 characters"),
        ({"subject": "S" * 201}, "Ensure this value has at most 200 characters"),
        ({"email": "grace@"}, "Enter a valid email address."),
        ({"district": "zz", "zip_code": "10001"}, "Choose one of the districts listed."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_text_kept(delegation, send, changes, message):
    response = send(delegation.alert, **changes)

    assert response.status_code == 400
    html = main_html(response)
    assert message in html
    assert "Please correct what is marked below" in html
    typed = letter_data(**changes)
    typed.pop("district", None)  # a choice among radio buttons, not typed text
    for value in typed.values():
        assert value.strip()[:200] in html
    assert not LetterSubmission.objects.exists() and not Person.objects.exists()


def test_closed_alert_says_so_and_refuses_letters(client, delegation, send):
    ActionAlert.objects.filter(pk=delegation.alert.pk).update(is_open=False)

    html = main_html(client.get(alert_url(delegation.alert)))
    assert "This action alert is closed" in html and "Send my letter" not in html

    response = send(delegation.alert, body="Letter for a closed alert.")
    assert response.status_code == 403
    assert "Letter for a closed alert." in main_html(response)
    assert not LetterSubmission.objects.exists()
    delegation.alert.refresh_from_db()
    recipients = letter_recipients(alert=delegation.alert, zip_code="10002")
    with pytest.raises(AlertClosed):
        letter_submit(alert=delegation.alert, recipients=recipients, **letter_data())
    assert not LetterSubmission.objects.exists()


def test_unknown_alert_is_404(client, delegation):
    assert client.get("/act/no-such-alert/").status_code == 404
    assert client.post("/act/no-such-alert/", letter_data()).status_code == 404
    assert client.get("/act/no-such-alert/sent/").status_code == 404


def test_submissions_are_rate_limited_per_client_address(client, delegation, send):
    for _ in range(LETTER_POSTS_PER_WINDOW):
        assert send(delegation.alert, body="").status_code == 400

    response = send(delegation.alert, body="Limited letter.")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = main_html(response)
    assert "Too many letters from your connection" in html and "Limited letter." in html
    assert not LetterSubmission.objects.exists()
    other = client.post(alert_url(delegation.alert), letter_data(), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_honeypot_answers_like_success_and_stores_nothing(delegation, send):
    response = send(delegation.alert, homepage="https://spam.example")

    assert response.status_code == 302
    assert not LetterSubmission.objects.exists() and not Person.objects.exists()
    assert mail.outbox == []


def test_opting_in_to_action_alerts_is_recorded_once_the_address_confirms(client, delegation, send):
    send(delegation.alert, wants_action_alerts="on")

    assert "we have emailed you a link to confirm" in main_html(
        client.get(alert_url(delegation.alert, "action_alert_sent"))
    )
    (receipt,) = [message for message in mail.outbox if message.to == ["grace@example.org"]]
    assert receipt.subject == "Confirm that you want our action alerts"
    assert "My own words." not in receipt.body  # no sender text goes to an unconfirmed address
    assert not ConsentRecord.objects.exists()

    link = re.search(r"http://[^/\s]+(/act/protect-the-court/subscribe/\S+/)", receipt.body)[1]
    assert "Action alerts confirmed" in client.get(link).content.decode()
    record = ConsentRecord.objects.get()
    assert record.purpose == ConsentPurpose.ACTION_ALERTS and record.granted
    assert Person.objects.get().wants_action_alerts
    assert "already receive" in client.get(link).content.decode()
    assert ConsentRecord.objects.count() == 1
    assert client.get(link.replace("/subscribe/", "/subscribe/x")).status_code == 400


def test_thank_you_page_and_public_pages_never_show_the_sender(client, delegation, send):
    send(delegation.alert)

    for response in (
        # Another visitor, and the pages anyone can open.
        type(client)().get(alert_url(delegation.alert, "action_alert_sent")),
        type(client)().get(alert_url(delegation.alert)),
        client.get(alert_url(delegation.alert)),
        client.get(reverse("congress:representatives"), {"zip": "10002"}),
    ):
        html = response.content.decode().lower()
        assert response.status_code == 200
        assert "grace" not in html and "hopper" not in html and "my own words" not in html


def test_a_name_on_record_is_never_shown_to_whoever_types_its_address(client, delegation, send):
    Person.objects.create(name="Rightful Owner", email="grace@example.org")

    response = send(delegation.alert, name="Someone Else")

    submission = LetterSubmission.objects.get()
    assert submission.sender_name == "Someone Else"
    assert Person.objects.get(email="grace@example.org").name == "Rightful Owner"
    thanks = main_html(client.get(response.url))
    assert "Thank you, Someone Else" in thanks and "Rightful Owner" not in thanks
    emailed = [message for message in mail.outbox if "Someone Else" in message.body]
    assert emailed and not any("Rightful Owner" in m.body for m in mail.outbox)
    copies = [copy.text for copy in letter_copies(submission=submission)]
    assert copies and all("Someone Else" in text for text in copies)


def test_letter_text_fills_placeholders_once(delegation):
    text = letter_text(
        body="{salutation}, {unknown} {sender_name} {zip_code}",
        member=delegation.hale,
        sender_name="{zip_code}",
        zip_code="10002",
    )
    assert text == "Dear Senator Hale, {unknown} {zip_code} 10002"


def test_recipients_of_a_vermont_zip(delegation):
    recipients = letter_recipients(alert=delegation.alert, zip_code="05401")
    assert [member.last_name for member in recipients.members] == ["Vance", "Webb"]


# --- The admin: staff-only alerts, office emails and a report of counts.


@pytest.fixture
def staff(client, db):
    # Coalition staff hold the alerts' and office emails' permissions from congress 0003.
    return user_in(STAFF, username="advocacy-staff")


def snippet_url(model, view, *args) -> str:
    return reverse(f"wagtailsnippets_congress_{model._meta.model_name}:{view}", args=args)


def table_rows(html: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)
    ]


def report_url(alert) -> str:
    return reverse("congress_letters:alert-report", args=[alert.pk])


def test_report_counts_letters_per_office_and_district(client, delegation, send, staff):
    send(delegation.alert)
    send(delegation.alert, email="ada@example.org", zip_code="10001", district="12")
    send(delegation.alert, email="alan@example.org", zip_code="05401")

    client.force_login(staff)
    response = client.get(report_url(delegation.alert))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<strong>3</strong>\s+people have written", html)
    rows = table_rows(html)
    assert ["Nora Sterling", "New York", "0", "0", "2", "0", "2"] in rows
    assert ["Paula Reyes", "New York, district 10", "0", "1", "0", "0", "1"] in rows
    assert ["Walt Webb", "Vermont, at large", "0", "0", "1", "0", "1"] in rows
    assert ["New York, district 12", "1"] in rows and ["Vermont, at large", "1"] in rows
    assert "grace" not in html.lower() and "ada@" not in html and "My own words" not in html
    alert_pk = delegation.alert.pk
    for page in (snippet_url(ActionAlert, "list"), snippet_url(ActionAlert, "edit", alert_pk)):
        assert report_url(delegation.alert) in client.get(page).content.decode()


def test_alerts_admin_and_report_are_forbidden_to_a_coordinator(client, delegation):
    client.force_login(user_in(COORDINATORS, username="coordinator"))

    for url in (
        report_url(delegation.alert),
        snippet_url(ActionAlert, "list"),
        snippet_url(ActionAlert, "edit", delegation.alert.pk),
        snippet_url(OfficeEmail, "list"),
    ):
        # Wagtail answers a permission it refuses by sending the user to the dashboard.
        assert client.get(url).url == reverse("wagtailadmin_home")


def test_staff_create_an_alert_with_parties_and_states(client, delegation, staff):
    client.force_login(staff)
    form = client.get(snippet_url(ActionAlert, "add")).content.decode()
    assert 'value="Republican"' in form and 'value="VT"' in form

    response = client.post(
        snippet_url(ActionAlert, "add"),
        {
            "title": "Thank the Court's friends", "slug": "thanks",
            "watchlist_item": delegation.alert.watchlist_item.pk, "introduction": "Thank them.",
            "targets": LetterTargets.SENATORS, "parties": ["Democrat", "Independent"],
            "states": ["NY", "VT"], "subject": "Thank you", "letter_template": LETTER,
            "thank_you_message": "Thanks.", "is_open": "on",
        },
    )  # fmt: skip

    assert response.status_code == 302
    alert = ActionAlert.objects.get(slug="thanks")
    assert alert.parties == ["Democrat", "Independent"] and alert.states == ["NY", "VT"]


def test_superuser_sees_the_report_and_office_emails(client, delegation):
    client.force_login(UserFactory(username="root", superuser=True))
    assert client.get(report_url(delegation.alert)).status_code == 200
    listing = client.get(snippet_url(OfficeEmail, "list")).content.decode()
    assert "letters@reyes.house.example" in listing


def test_staff_add_an_office_email_with_the_legislator_chooser(client, delegation, staff):
    client.force_login(staff)
    form = client.get(snippet_url(OfficeEmail, "add")).content.decode()
    assert 'new SnippetChooser("id_legislator"' in form
    chooser = client.get("/admin/snippets/choose/congress/legislator/", {"q": "sterl"})
    assert "Nora Sterling" in chooser.content.decode()

    response = client.post(
        snippet_url(OfficeEmail, "add"),
        {"legislator": delegation.sterling.pk, "email": "mail@sterling.senate.example"},
    )

    assert response.status_code == 302
    assert delegation.sterling.office_email.email == "mail@sterling.senate.example"


def test_an_alert_with_letters_cannot_be_deleted(client, delegation, send, staff):
    send(delegation.alert)
    client.force_login(staff)

    url = snippet_url(ActionAlert, "delete", delegation.alert.pk)
    assert "1 person has written on this alert" in client.get(url).content.decode()
    response = client.post(url)

    assert response.url == snippet_url(ActionAlert, "edit", delegation.alert.pk)
    assert ActionAlert.objects.filter(pk=delegation.alert.pk).exists()
    other = ActionAlert.objects.create(
        slug="unused", title="Unused", introduction=".", subject=".", letter_template=".",
        thank_you_message=".", watchlist_item=delegation.alert.watchlist_item,
    )  # fmt: skip
    client.post(snippet_url(ActionAlert, "delete", other.pk))
    assert not ActionAlert.objects.filter(pk=other.pk).exists()


# --- The sender's rights over their data.


def test_export_lists_the_letters_and_erasure_keeps_only_the_counts(delegation, send):
    send(delegation.alert, body="Dear office, my cousin Ada Lovelace sent me. {sender_name}")
    submission = LetterSubmission.objects.get()
    staff = UserFactory(is_superuser=True)

    exported = person_export(person=submission.person, by=staff)
    (letter,) = exported["letters_to_congress"]
    assert letter["action_alert"] == delegation.alert.title
    assert (letter["zip_code"], letter["state"], letter["district"]) == ("10002", "NY", 10)
    assert "Ada Lovelace" in letter["body"]
    assert len(letter["offices"]) == 3

    person_erase(person=submission.person, by=staff)

    submission.refresh_from_db()
    assert (submission.zip_code, submission.subject, submission.body) == ("", "", "")
    assert (submission.state, submission.district) == ("NY", 10)
    assert Letter.objects.filter(submission=submission).count() == 3
    assert letter_data()["email"] not in str(person_export(person=submission.person, by=staff))
