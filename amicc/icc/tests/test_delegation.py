"""The delegation to the Assembly: applying, review and decisions, withdrawal, the roster.

Applications go through the real form with real PDFs built by pypdf; emails are sent by
the immediate task backend into the locmem outbox once the request's transaction commits.
"""

import datetime
import io
import itertools
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfWriter
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import ConsentPurpose
from amicc.coalition.models import ConsentRecord, Person
from amicc.coalition.services.privacy import person_erase, person_export
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import UserFactory
from amicc.icc.choices import ApplicantRole, ApplicationStatus
from amicc.icc.models import AspSession, DelegateLogistics, DelegationApplication, DelegationCall
from amicc.icc.services.delegation import (
    WITHDRAWAL_LINK_MAX_AGE,
    application_decide,
    application_withdraw,
    session_days,
)

pytestmark = pytest.mark.django_db

# Each test gets its own session number, so the CV folders of parallel tests never meet.
_numbers = itertools.count(1000 + 5000 * int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:]))


def pdf_bytes(pages: int = 1, subject: str = "Curriculum vitae") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Subject": subject})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(content: bytes | None = None, name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


@dataclass
class Delegation:
    session: AspSession
    call: DelegationCall

    @property
    def url(self) -> str:
        return reverse("icc:delegation", kwargs={"number": self.session.number})

    @property
    def days(self) -> list[str]:
        return [day.isoformat() for day in session_days(self.session)]

    @property
    def cv_folder(self) -> Path:
        return Path(storages["private"].location) / "delegation-cvs" / str(self.session.number)

    def cv_files(self) -> list[Path]:
        return sorted(self.cv_folder.glob("*")) if self.cv_folder.exists() else []


def make_delegation(*, places: int = 2, deadline_in: datetime.timedelta | None = None):
    today = timezone.localdate()
    session = AspSession.objects.create(
        number=next(_numbers),
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=65),
        place="The Hague",
    )
    call = DelegationCall.objects.create(
        session=session,
        introduction="Students, scholars and staff of member organizations may apply.",
        deadline=timezone.now() + (deadline_in or datetime.timedelta(days=10)),
        places=places,
    )
    delegation = Delegation(session=session, call=call)
    # The data directory outlives the test database (CI runs SQLite, then PostgreSQL, in one
    # directory), so files an earlier run left under this session's number go first.
    shutil.rmtree(delegation.cv_folder, ignore_errors=True)
    return delegation


@pytest.fixture
def delegation(db) -> Delegation:
    return make_delegation()


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Posts an application (valid unless told otherwise); emails go out as on commit."""

    def post(delegation: Delegation, *, client=client, **overrides):
        data = {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "affiliation": "Columbia Law School",
            "role": ApplicantRole.STUDENT,
            "statement": "I study international criminal law and would report back to my campus.",
            "cv": upload(),
            "available_days": delegation.days[:2],
            "consent": "on",
            **overrides,
        }
        data = {name: value for name, value in data.items() if value is not None}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(delegation.url, data)

    return post


def make_application(delegation: Delegation, name: str, **fields) -> DelegationApplication:
    email = f"{name.split()[0].lower()}@example.org"
    application = DelegationApplication(
        call=delegation.call,
        token=f"token-{name.split()[0].lower()}-{delegation.session.number}",
        name=name,
        email=email,
        affiliation="A university",
        role=ApplicantRole.SCHOLAR,
        statement="A statement.",
        available_days=delegation.days[:1],
        **fields,
    )
    application.cv.save("cv.pdf", SimpleUploadedFile("cv.pdf", pdf_bytes()), save=False)
    application.save()
    return application


def link_in(message, pattern: str = r"https?://[^/\s]+(/icc/asp/\d+/delegation/withdraw/\S+/)"):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match[1]


# --- Applying


def test_the_call_shows_its_introduction_deadline_places_and_days(client, delegation):
    response = client.get(delegation.url)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    content = response.content.decode()
    assert "Students, scholars and staff of member organizations may apply." in content
    assert "<dt>Places</dt><dd>2</dd>" in content
    deadline = r"<dt>Deadline</dt><dd>\w+, \w+ \d+, \d{4}, \d+:\d\d [AP]M E[SD]T</dd>"
    assert re.search(deadline, content)
    for day in delegation.days:
        assert f'value="{day}"' in content
    assert 'enctype="multipart/form-data"' in content
    # The page carries a CSRF token, so the anonymous page cache never keeps it.
    assert client.get(delegation.url).get("X-Page-Cache") != "hit"


def test_applying_keeps_the_cv_privately_records_consent_and_sends_a_receipt(
    client, delegation, send, mailoutbox
):
    response = send(delegation, email="Ada@Example.org ", available_days=delegation.days[1::2])

    thanks = reverse("icc:delegation_thanks", kwargs={"number": delegation.session.number})
    assert response.status_code == 302 and response["Location"] == thanks
    application = DelegationApplication.objects.get()
    assert (application.name, application.email) == ("Ada Lovelace", "ada@example.org")
    assert application.available_days == delegation.days[1::2]
    assert application.status == ApplicationStatus.SUBMITTED
    assert len(application.token) == 43
    person = Person.objects.get(email__iexact="ada@example.org")
    assert application.person == person
    consent = ConsentRecord.objects.get(person=person)
    assert consent.purpose == ConsentPurpose.DATA_PROCESSING and "CV" in consent.wording

    stored = Path(application.cv.path).resolve()
    private = Path(storages["private"].location).resolve()
    assert stored.is_relative_to(private)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.name == f"{application.token}.pdf" and stored.read_bytes() == pdf_bytes()
    assert delegation.cv_files() == [stored]

    [message] = mailoutbox
    assert message.to == ["ada@example.org"]
    assert message.subject == (
        "We have your application to our delegation to the Assembly, "
        f"session {delegation.session.number}"
    )
    assert "Dear Ada Lovelace" in message.body
    assert client.get(link_in(message)).status_code == 200
    page = client.get(thanks)
    assert page.status_code == 200 and "Thank you for applying" in page.content.decode()


BAD_INPUT = {
    "a text file named .pdf": (
        {"cv": upload(b"Curriculum vitae\nAda Lovelace\n", "cv.pdf")},
        "This file is not a PDF",
    ),
    "a PNG image": (
        {"cv": upload(b"\x89PNG\r\n\x1a\n" + bytes(200), "cv.png")},
        "This file is not a PDF",
    ),
    "a damaged PDF": ({"cv": upload(b"%PDF-1.7\n" + b"garbage " * 50)}, "cannot be opened"),
    "an empty file": ({"cv": upload(b"")}, "The file you chose is empty"),
    "no CV": ({"cv": None}, "Choose your CV, as a PDF file."),
    "no days": ({"available_days": None}, "Tick at least one day of the session"),
    "a day outside the session": (
        {"available_days": ["1999-01-01"]},
        "1999-01-01 is not a day of the session",
    ),
    "no consent": ({"consent": None}, "Tick this box so that we may keep your application."),
    "a statement too long": ({"statement": "x" * 3001}, "Shorten your statement to 3,000"),
    "no role": ({"role": ""}, "Choose what describes you best."),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_is_refused_with_a_message_and_the_text_kept(case, delegation, send, mailoutbox):
    overrides, message = BAD_INPUT[case]
    for value in overrides.values():
        if hasattr(value, "seek"):
            value.seek(0)

    response = send(delegation, **overrides)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Please correct what is marked below" in content
    assert "choose your CV again" in content
    assert 'value="Ada Lovelace"' in content and 'value="Columbia Law School"' in content
    if "statement" not in overrides:
        assert "I study international criminal law" in content
    if "available_days" not in overrides:
        assert f'value="{delegation.days[0]}"\n' not in content
        assert re.search(rf'value="{delegation.days[0]}"[^>]*checked', content)
    assert not DelegationApplication.objects.exists()
    assert not Person.objects.exists()
    assert delegation.cv_files() == []
    assert mailoutbox == []


def test_a_cv_over_the_size_limit_is_refused_by_the_form(delegation, send, settings):
    settings.AMICC_CV_MAX_BYTES = 2048
    response = send(delegation, cv=upload(pdf_bytes(subject="x" * 4000)))

    assert response.status_code == 400
    assert "the largest file we take is 2.0\xa0KB" in response.content.decode()
    assert 'value="Ada Lovelace"' in response.content.decode()
    assert not DelegationApplication.objects.exists()


def test_a_request_far_over_the_limit_is_refused_before_it_is_read(delegation, settings):
    settings.AMICC_CV_MAX_BYTES = 1024
    # No CSRF token: had the body been read and checked, this would be a 403.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(delegation.url, {"name": "Ada", "cv": upload(bytes(400 * 1024))})

    assert response.status_code == 413
    assert "Your file is too large" in response.content.decode()
    assert not DelegationApplication.objects.exists()
    assert strict.post(delegation.url, {"name": "Ada"}).status_code == 403  # CSRF still holds


def test_after_the_deadline_the_call_is_closed(client, send, mailoutbox):
    late = make_delegation(deadline_in=-datetime.timedelta(minutes=1))

    page = client.get(late.url)
    assert page.status_code == 200
    assert "This call is closed" in page.content.decode()
    assert 'name="statement"' not in page.content.decode()

    response = send(late)
    assert response.status_code == 403
    assert "so yours was not sent" in response.content.decode()
    assert not DelegationApplication.objects.exists() and late.cv_files() == []
    assert mailoutbox == []


def test_applying_twice_with_the_same_address_in_any_case_stores_nothing_twice(
    delegation, send, mailoutbox
):
    assert send(delegation).status_code == 302
    response = send(delegation, email="ADA@example.ORG", name="Ada L.")

    assert response.status_code == 400
    content = response.content.decode()
    assert "You have already applied to this delegation" in content
    assert "we will write to you" in content and 'value="Ada L."' in content
    assert DelegationApplication.objects.count() == 1
    assert len(delegation.cv_files()) == 1
    assert len(mailoutbox) == 1
    # Another call takes the same person.
    other = make_delegation()
    assert send(other).status_code == 302


def test_a_session_without_a_call_has_no_delegation_page(client):
    session = AspSession.objects.create(
        number=next(_numbers), starts_on="2030-12-01", ends_on="2030-12-05", place="New York"
    )
    url = reverse("icc:delegation", kwargs={"number": session.number})
    assert client.get(url).status_code == 404
    assert client.get(reverse("icc:delegation", kwargs={"number": 9})).status_code == 404
    assert client.post(url, {"name": "Ada"}).status_code == 404


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(delegation, send):
    response = send(delegation, homepage="http://spam.example")

    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert not DelegationApplication.objects.exists() and delegation.cv_files() == []


def test_too_many_attempts_from_one_address_are_refused_with_the_text_kept(delegation, send):
    for _ in range(10):
        assert send(delegation, consent=None).status_code == 400
    response = send(delegation)

    assert response.status_code == 429 and "Retry-After" in response
    assert 'value="Ada Lovelace"' in response.content.decode()
    assert not DelegationApplication.objects.exists()


# --- Decisions


@pytest.fixture
def staff(db):
    user = UserFactory(username="delegation-staff")
    user.groups.add(Group.objects.get(name="Coalition staff"))
    return user


def inspect_url(application) -> str:
    viewset = DelegationApplication.snippet_viewset
    return reverse(viewset.get_url_name("inspect"), args=[application.pk])


def decide(client, application, decision: str, django_capture_on_commit_callbacks):
    url = reverse("icc_delegation:decide", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": decision}, follow=True)
    application.refresh_from_db()
    return response


def test_each_decision_is_emailed_and_logged(
    client, delegation, staff, mailoutbox, django_capture_on_commit_callbacks
):
    ada = make_application(delegation, "Ada Lovelace")
    client.force_login(staff)

    page = client.get(inspect_url(ada))
    assert page.status_code == 200
    for label in ("Accept", "Waitlist", "Decline"):
        assert f">{label}</button>" in page.content.decode()

    response = decide(client, ada, "waitlisted", django_capture_on_commit_callbacks)
    assert "Ada Lovelace is waitlisted; we emailed them the decision." in response.content.decode()
    assert ada.status == ApplicationStatus.WAITLISTED and ada.waitlisted_at is not None
    assert (ada.decided_by, ada.decided_at is not None) == (staff, True)
    assert "you are number 1 on it" in mailoutbox[-1].body

    decide(client, ada, "accepted", django_capture_on_commit_callbacks)
    assert ada.status == ApplicationStatus.ACCEPTED
    assert DelegateLogistics.objects.filter(application=ada).exists()
    accepted = mailoutbox[-1]
    assert accepted.subject.startswith("You are accepted: our delegation to the Assembly")
    assert "/delegation/withdraw/" in accepted.body

    decide(client, ada, "declined", django_capture_on_commit_callbacks)
    assert ada.status == ApplicationStatus.DECLINED
    assert "we cannot offer you one" in mailoutbox[-1].body
    assert [message.to for message in mailoutbox] == [["ada@example.org"]] * 3

    actions = ModelLogEntry.objects.filter(object_id=str(ada.pk)).values_list("action", flat=True)
    assert set(actions) >= {
        "icc.delegation_waitlist",
        "icc.delegation_accept",
        "icc.delegation_decline",
    }
    response = decide(client, ada, "declined", django_capture_on_commit_callbacks)
    assert "Ada Lovelace is already declined." in response.content.decode()
    assert len(mailoutbox) == 3


def test_accepting_over_capacity_is_refused(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    delegation = make_delegation(places=1)
    ada, grace = (make_application(delegation, name) for name in ("Ada L", "Grace H"))
    client.force_login(staff)

    decide(client, ada, "accepted", django_capture_on_commit_callbacks)
    response = decide(client, grace, "accepted", django_capture_on_commit_callbacks)

    assert "All 1 places are taken." in response.content.decode()
    assert grace.status == ApplicationStatus.SUBMITTED
    assert len(mailoutbox) == 1
    with pytest.raises(ValidationError, match="places are taken"):
        application_decide(application=grace, decision="accepted", by=staff)
    with pytest.raises(ValidationError, match="Choose accepted, waitlisted or declined"):
        application_decide(application=grace, decision="withdrawn", by=staff)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite runs one write transaction at a time; the race needs concurrent ones",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_accepting_at_once_never_fill_more_places_than_there_are():
    delegation = make_delegation(places=1)
    staff = UserFactory(username="two-at-once")
    applications = [make_application(delegation, name) for name in ("Ada L", "Grace H")]
    start = threading.Barrier(len(applications))
    outcomes = []

    def accept(application):
        try:
            start.wait()
            application_decide(application=application, decision="accepted", by=staff)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=[each]) for each in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted", "refused"]
    assert DelegationApplication.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 1


# --- Withdrawal and the waitlist


def test_a_delegate_who_withdraws_gives_the_place_to_the_first_waitlisted(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    delegation = make_delegation(places=1)
    ada, grace, hedy = (
        make_application(delegation, name) for name in ("Ada L", "Grace H", "Hedy L")
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=ada, decision="accepted", by=staff)
        application_decide(application=hedy, decision="waitlisted", by=staff)
        application_decide(application=grace, decision="waitlisted", by=staff)
    grace.waitlisted_at = timezone.now() - datetime.timedelta(days=1)  # waitlisted first
    grace.save(update_fields=["waitlisted_at"])
    withdraw = link_in(mailoutbox[0])
    mailoutbox.clear()

    page = client.get(withdraw)
    assert page.status_code == 200
    assert "your place goes to the next person on the waitlist" in page.content.decode()
    assert "Ada" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw)

    assert response.status_code == 200 and "You have withdrawn" in response.content.decode()
    for application in (ada, grace, hedy):
        application.refresh_from_db()
    assert ada.status == ApplicationStatus.WITHDRAWN
    assert grace.status == ApplicationStatus.ACCEPTED and grace.decided_by is None
    assert hedy.status == ApplicationStatus.WAITLISTED
    assert DelegateLogistics.objects.filter(application=grace).exists()
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"ada@example.org", "grace@example.org"}
    assert "you have withdrawn" in by_address["ada@example.org"].body
    assert by_address["grace@example.org"].subject.startswith("A place has opened for you")
    assert "/delegation/withdraw/" in by_address["grace@example.org"].body
    assert ModelLogEntry.objects.filter(
        object_id=str(grace.pk), action="icc.delegation_promote"
    ).exists()

    again = client.post(withdraw)
    assert again.status_code == 200 and "You had already withdrawn" in again.content.decode()
    assert DelegationApplication.objects.filter(status="accepted").count() == 1


def test_withdrawing_from_the_waitlist_gives_nobody_a_place(staff):
    delegation = make_delegation(places=1)
    ada, grace = (make_application(delegation, name) for name in ("Ada L", "Grace H"))
    application_decide(application=ada, decision="waitlisted", by=staff)
    application_decide(application=grace, decision="waitlisted", by=staff)

    withdrawal = application_withdraw(application=ada)

    assert withdrawal.promoted is None
    grace.refresh_from_db()
    assert grace.status == ApplicationStatus.WAITLISTED


def test_a_declined_applicant_has_nothing_to_withdraw(client, delegation, staff, mailoutbox):
    ada = make_application(delegation, "Ada Lovelace")
    application_decide(application=ada, decision="declined", by=staff)
    from amicc.icc.services.delegation import withdrawal_url

    path = withdrawal_url(ada).removeprefix(settings.SITE_URL)
    assert "nothing to withdraw" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 400 and "nothing to withdraw" in response.content.decode()
    ada.refresh_from_db()
    assert ada.status == ApplicationStatus.DECLINED


def test_a_tampered_or_expired_withdrawal_link_is_refused(client, delegation, monkeypatch):
    from amicc.icc.services.delegation import withdrawal_url

    ada = make_application(delegation, "Ada Lovelace", status=ApplicationStatus.ACCEPTED)
    path = withdrawal_url(ada).removeprefix(settings.SITE_URL)
    token = path.rstrip("/").rsplit("/", 1)[1]

    tampered = path.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    other_session = path.replace(f"/asp/{delegation.session.number}/", "/asp/7/")
    forged = signing.TimestampSigner(salt="another-salt").sign_object({"t": ada.token})
    for bad in (tampered, other_session, path.replace(token, forged), path.replace(token, "x")):
        for method in (client.get, client.post):
            response = method(bad)
            assert response.status_code == 400, bad
            assert "This link does not work" in response.content.decode()

    later = time.time() + WITHDRAWAL_LINK_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(path)
    assert response.status_code == 400 and "This link has expired" in response.content.decode()
    ada.refresh_from_db()
    assert ada.status == ApplicationStatus.ACCEPTED


# --- The CV, the roster, and who may see what


def test_staff_download_a_cv_as_a_safe_attachment(client, delegation, staff):
    ada = make_application(delegation, "Ada Lovelace")
    client.force_login(staff)

    response = client.get(reverse("icc_delegation:cv", args=[ada.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="cv-ada-lovelace-{ada.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()
    inspect = client.get(inspect_url(ada)).content.decode()
    assert reverse("icc_delegation:cv", args=[ada.pk]) in inspect


ADMIN_DENIED = "Sorry, you do not have permission to access this area."


def outcome(client, response) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "login"
        if location == reverse("wagtailadmin_home"):
            assert ADMIN_DENIED in client.get(location).content.decode().replace("&#x27;", "'")
            return "denied"
        return f"redirect to {location}"
    return str(response.status_code)


def admin_paths(delegation: Delegation, application: DelegationApplication) -> list[str]:
    applications = DelegationApplication.snippet_viewset
    calls = DelegationCall.snippet_viewset
    return [
        reverse(applications.get_url_name("list")),
        reverse(applications.get_url_name("list")) + "?export=csv",
        inspect_url(application),
        reverse(applications.get_url_name("edit"), args=[application.pk]),
        reverse(calls.get_url_name("list")),
        reverse(calls.get_url_name("add")),
        reverse(calls.get_url_name("edit"), args=[delegation.call.pk]),
        reverse("icc_delegation:cv", args=[application.pk]),
        reverse("icc_delegation:roster", args=[delegation.call.pk]),
    ]


@pytest.mark.parametrize(
    "role", ["anonymous", "supporter", "coordinator", "representative", "editor"]
)
def test_only_staff_reach_the_delegation_admin(client, coalition, delegation, role, mailoutbox):
    ada = make_application(delegation, "Ada Lovelace")
    if role == "editor":
        editor = UserFactory(username="an-editor")
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
    elif role != "anonymous":
        client.force_login(getattr(coalition, role))
    expected = "login" if role in ("anonymous", "supporter") else "denied"
    wrong = []
    for path in admin_paths(delegation, ada):
        got = outcome(client, client.get(path))
        if got != expected:
            wrong.append(f"GET {path}: {got}")
    decide_url = reverse("icc_delegation:decide", args=[ada.pk])
    got = outcome(client, client.post(decide_url, {"decision": "accepted"}))
    if got != expected:
        wrong.append(f"POST {decide_url}: {got}")
    assert not wrong, "\n".join(wrong)
    ada.refresh_from_db()
    assert ada.status == ApplicationStatus.SUBMITTED and mailoutbox == []


def test_staff_reach_every_delegation_admin_view(client, delegation, staff):
    ada = make_application(delegation, "Ada Lovelace")
    client.force_login(staff)
    for path in admin_paths(delegation, ada):
        assert client.get(path).status_code == 200, path
    listing_url = admin_paths(delegation, ada)[0]
    listing = client.get(f"{listing_url}?call={delegation.call.pk}&status=submitted")
    assert "Ada Lovelace" in listing.content.decode()
    assert "Columbia" not in listing.content.decode()
    applications = DelegationApplication.snippet_viewset
    assert client.get(reverse(applications.get_url_name("add"))).status_code == 302


def test_staff_score_and_note_an_application_without_changing_what_was_sent(
    client, delegation, staff
):
    ada = make_application(delegation, "Ada Lovelace")
    client.force_login(staff)
    url = reverse(DelegationApplication.snippet_viewset.get_url_name("edit"), args=[ada.pk])

    response = client.post(url, {"score": "4", "staff_notes": "Strong.", "name": "Mallory"})

    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.score, ada.staff_notes, ada.name) == (4, "Strong.", "Ada Lovelace")
    assert client.post(url, {"score": "9", "staff_notes": ""}).status_code == 200  # form error
    ada.refresh_from_db()
    assert ada.score == 4


def test_the_roster_counts_places_and_keeps_each_delegates_logistics(
    client, staff, django_capture_on_commit_callbacks
):
    delegation = make_delegation(places=3)
    ada, grace, hedy = (
        make_application(delegation, name) for name in ("Ada L", "Grace H", "Hedy L")
    )
    application_decide(application=ada, decision="accepted", by=staff)
    application_decide(application=grace, decision="accepted", by=staff)
    application_decide(application=hedy, decision="waitlisted", by=staff)
    client.force_login(staff)
    url = reverse("icc_delegation:roster", args=[delegation.call.pk])

    page = client.get(url).content.decode()
    assert "<strong>2</strong> accepted of <strong>3</strong> places" in page
    assert "<strong>1</strong> on the waitlist" in page
    assert "Hedy L (A university)" in page

    prefix = f"delegate-{ada.pk}"
    response = client.post(
        url,
        {
            "delegate": ada.pk,
            f"{prefix}-accreditation_requested_on": "2030-10-01",
            f"{prefix}-accreditation_confirmed": "on",
            f"{prefix}-travel_booked": "on",
            f"{prefix}-side_events": "Victims' rights panel\nComplementarity briefing",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#{prefix}")
    logistics = DelegateLogistics.objects.get(application=ada)
    assert logistics.accreditation_requested_on == datetime.date(2030, 10, 1)
    assert (logistics.accreditation_confirmed, logistics.travel_booked) == (True, True)
    assert logistics.lodging_booked is False
    assert logistics.side_events.startswith("Victims' rights panel")
    assert ModelLogEntry.objects.filter(
        object_id=str(ada.pk), action="icc.delegation_logistics"
    ).exists()

    date_field = f"delegate-{grace.pk}-accreditation_requested_on"
    bad = client.post(url, {"delegate": grace.pk, date_field: "soon"})
    assert bad.status_code == 400 and "Enter a valid date." in bad.content.decode()
    assert client.post(url, {"delegate": hedy.pk}).status_code == 302  # not a delegate
    assert client.post(url, {"delegate": "²"}).status_code == 404
    assert not DelegateLogistics.objects.filter(application=hedy).exists()


def test_deleting_an_application_deletes_its_cv(
    client, delegation, staff, django_capture_on_commit_callbacks
):
    ada = make_application(delegation, "Ada Lovelace")
    stored = Path(ada.cv.path)
    client.force_login(staff)
    url = reverse(DelegationApplication.snippet_viewset.get_url_name("delete"), args=[ada.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302

    assert not DelegationApplication.objects.exists() and not stored.exists()


# --- The public side: the report, and no applicant anywhere


def test_staff_publish_the_report_and_the_public_sees_counts_never_names(
    client, delegation, staff, send, django_capture_on_commit_callbacks
):
    assert send(delegation).status_code == 302
    ada = DelegationApplication.objects.get()
    application_decide(application=ada, decision="accepted", by=staff)
    report = reverse("icc:delegation_report", kwargs={"number": delegation.session.number})
    assert client.get(report).status_code == 404

    admin = Client()
    admin.force_login(staff)
    edit = reverse(DelegationCall.snippet_viewset.get_url_name("edit"), args=[delegation.call.pk])
    fields = {
        "session": delegation.session.pk,
        "introduction": delegation.call.introduction,
        "deadline": timezone.localtime(delegation.call.deadline).strftime("%Y-%m-%d %H:%M"),
        "places": 2,
        "report_title": "Our delegation in The Hague",
        "report": "null",  # what Draftail sends for an empty editor
        "publish_report": "on",
    }
    refused = admin.post(edit, fields)
    assert refused.status_code == 200
    assert "Write the report&#x27;s title and text to publish it." in refused.content.decode()

    block = {"key": "a", "type": "unstyled", "text": "We met six delegations.", "depth": 0}
    block.update(inlineStyleRanges=[], entityRanges=[])
    rich_text = json.dumps({"blocks": [block], "entityMap": {}})
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(edit, {**fields, "report": rich_text}).status_code == 302
    delegation.call.refresh_from_db()
    assert delegation.call.report_published_at is not None

    page = client.get(report)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Our delegation in The Hague" in content and "We met six delegations." in content
    assert "<dt>Delegates</dt><dd>1</dd>" in content
    public_pages = [
        report,
        delegation.url,
        reverse("icc:delegation_thanks", kwargs={"number": delegation.session.number}),
        reverse("icc:asp_session", kwargs={"number": delegation.session.number}),
        reverse("icc:asp_sessions"),
        reverse("icc:overview"),
    ]
    for path in public_pages:
        content = client.get(path).content.decode()
        for private in ("Ada Lovelace", "ada@example.org", "Columbia Law School", ada.token):
            assert escape(private) not in content, (path, private)

    with django_capture_on_commit_callbacks(execute=True):
        unpublished = admin.post(edit, {**fields, "report": rich_text, "publish_report": ""})
    assert unpublished.status_code == 302
    assert client.get(report).status_code == 404


# --- The applicant's rights over their data


def test_export_lists_the_application_and_erasure_removes_who_applied(
    delegation, send, staff, django_capture_on_commit_callbacks
):
    assert send(delegation).status_code == 302
    application = DelegationApplication.objects.get()
    stored = Path(application.cv.path)
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, decision="accepted", by=staff)
    DelegateLogistics.objects.filter(application=application).update(
        notes="Ada needs a visa letter.", side_events="Ada's panel"
    )

    exported = person_export(person=application.person, by=staff)
    (listed,) = exported["delegation_applications"]
    assert (listed["session"], listed["email"]) == (delegation.session.number, "ada@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=application.person, by=staff)

    application.refresh_from_db()
    assert application.name == "Erased person" and "ada" not in application.email
    assert (application.affiliation, application.statement, application.cv.name) == ("", "", "")
    assert not stored.exists()
    assert (application.logistics.notes, application.logistics.side_events) == ("", "")
    assert application.status == ApplicationStatus.ACCEPTED  # still counted in the call
    labels = ModelLogEntry.objects.filter(object_id=str(application.pk)).values_list(
        "label", flat=True
    )
    assert labels and not any("Ada" in label for label in labels)
