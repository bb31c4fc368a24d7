"""Staff triage of presentation requests: each step, its email, the rules, the feedback link."""

import datetime

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.outreach.models import PresentationRequest, Speaker
from amicc.outreach.selectors import speakers_suggested
from amicc.outreach.services import presentations as services
from amicc.outreach.tests.factories import PresentationRequestFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def move_url(request: PresentationRequest, move: str) -> str:
    return reverse(f"outreach_requests:{move}", args=[request.pk])


def snippet_url(name: str, *args) -> str:
    return reverse(PresentationRequest.snippet_viewset.get_url_name(name), args=args)


def later(days: int) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT18:30")


@pytest.fixture
def staff_client(client, coalition):
    client.force_login(coalition.staff)
    return client


@pytest.fixture
def roster(topics):
    return {
        "illinois": SpeakerFactory(name="Ina Illinois", states=["IL"], topics=[topics["gender"]]),
        "anywhere": SpeakerFactory(name="Andy Anywhere", states=[]),
        "texas": SpeakerFactory(name="Tex Texas", states=["TX"], topics=[topics["gender"]]),
        "retired": SpeakerFactory(name="Reta Retired", is_active=False),
    }


def test_speakers_covering_the_state_and_topics_come_first(roster, topics):
    request = PresentationRequestFactory(state="IL", topics=[topics["gender"]])
    names = [s.speaker.name for s in speakers_suggested(request)]
    assert names == ["Ina Illinois", "Andy Anywhere", "Tex Texas"]
    online = PresentationRequestFactory(state="IL", format="online", topics=[topics["gender"]])
    assert [s.speaker.name for s in speakers_suggested(online)][:2] == [
        "Ina Illinois",
        "Tex Texas",
    ]


def test_the_whole_workflow_through_the_admin(
    staff_client, roster, django_capture_on_commit_callbacks
):
    request = PresentationRequestFactory(contact_email="host@example.org")
    inspect = staff_client.get(snippet_url("inspect", request.pk))
    assert inspect.status_code == 200
    assert move_url(request, "schedule") in inspect.content.decode()
    assert move_url(request, "deliver") not in inspect.content.decode()

    page = staff_client.get(move_url(request, "schedule"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Ina Illinois") < html.index("Tex Texas")
    assert "Reta Retired" not in html
    data = {"speaker": roster["illinois"].pk, "scheduled_for": later(20)}
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(move_url(request, "schedule"), data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "scheduled" and request.speaker == roster["illinois"]
    assert {tuple(m.to) for m in mail.outbox} == {
        ("host@example.org",),
        (roster["illinois"].email,),
    }

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            move_url(request, "deliver"), {"delivered_on": str(timezone.localdate())}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "delivered"
    (message,) = mail.outbox
    assert message.to == ["host@example.org"]
    assert "/request-a-presentation/feedback/" in message.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(move_url(request, "close")).status_code == 302
    request.refresh_from_db()
    assert request.status == "closed" and request.delivered_on is not None
    assert "hosting us" in mail.outbox[0].body
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(request.pk)).values_list("action", flat=True)
    )
    assert {services.SCHEDULE_ACTION, services.DELIVER_ACTION, services.CLOSE_ACTION} <= actions


def test_declining_needs_a_reason_and_emails_it(
    staff_client, coalition, django_capture_on_commit_callbacks
):
    request = PresentationRequestFactory()
    response = staff_client.post(move_url(request, "decline"), {"reason": "   "})
    assert response.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            move_url(request, "decline"), {"reason": "No speaker is free on those dates."}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"
    assert "No speaker is free" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"scheduled_for": "2001-01-01T10:00"}, "scheduled_for", "still to come"),
        ({"scheduled_for": "next tuesday"}, "scheduled_for", "like 2026-10-15"),
        ({"scheduled_for": later(3 * 365)}, "scheduled_for", "two years"),
        ({"speaker": "999999"}, "speaker", "valid choice"),
        ({"speaker": "retired"}, "speaker", "valid choice"),
    ],
)
def test_scheduling_refuses_past_dates_and_unknown_speakers(
    staff_client, roster, data, field, message
):
    request = PresentationRequestFactory()
    data = {"speaker": roster["anywhere"].pk, "scheduled_for": later(10), **data}
    if data["speaker"] == "retired":
        data["speaker"] = roster["retired"].pk
    response = staff_client.post(move_url(request, "schedule"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    request.refresh_from_db()
    assert request.status == "new" and mail.outbox == []


def test_delivery_cannot_be_dated_in_the_future(staff_client, roster):
    request = PresentationRequestFactory(
        status="scheduled", speaker=roster["anywhere"], scheduled_for=timezone.now()
    )
    tomorrow = str(timezone.localdate() + datetime.timedelta(days=1))
    response = staff_client.post(move_url(request, "deliver"), {"delivered_on": tomorrow})
    assert response.status_code == 400
    assert "once it has been given" in str(response.context["form"].errors)


def test_delivery_is_compared_with_the_local_day_the_request_was_made(roster, coalition):
    # 21:30 in New York is already the next day in UTC: the local day is what counts.
    evening = timezone.make_aware(datetime.datetime(2025, 3, 10, 21, 30))
    request = PresentationRequestFactory(
        status="scheduled", speaker=roster["anywhere"], scheduled_for=evening
    )
    PresentationRequest.objects.filter(pk=request.pk).update(submitted_at=evening)
    request.refresh_from_db()
    delivered = services.presentation_request_deliver(
        request=request, delivered_on=datetime.date(2025, 3, 10), by=coalition.staff
    )
    assert delivered.delivered_on == datetime.date(2025, 3, 10)
    with pytest.raises(ValidationError, match="before the request was made"):
        services.presentation_request_deliver(
            request=PresentationRequestFactory(
                status="scheduled", speaker=roster["anywhere"], scheduled_for=evening
            ),
            delivered_on=datetime.date(2000, 1, 1),
            by=coalition.staff,
        )


def test_moves_the_status_does_not_allow_are_refused(staff_client, roster):
    new = PresentationRequestFactory()
    response = staff_client.post(
        move_url(new, "deliver"), {"delivered_on": str(timezone.localdate())}
    )
    assert response.status_code == 400
    assert "A request that is new cannot be moved" in response.content.decode()
    closed = PresentationRequestFactory(status="closed")
    page = staff_client.get(move_url(closed, "schedule"))
    assert "cannot be moved" in page.content.decode()
    with pytest.raises(ValidationError):
        services.presentation_request_close(request=closed, by=None)
    assert staff_client.get(reverse("outreach_requests:close", args=[999999])).status_code == 404


def test_requests_and_speakers_are_staff_only(client, coalition, roster):
    request = PresentationRequestFactory()
    for user in (coalition.coordinator, coalition.representative, coalition.supporter):
        client.force_login(user)
        for url in (
            snippet_url("list"),
            snippet_url("inspect", request.pk),
            reverse(roster["anywhere"].snippet_viewset.get_url_name("list")),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert "Requesting Group" not in response.content.decode()
        assert client.get(move_url(request, "schedule")).status_code in (302, 403)
    client.force_login(coalition.administrator)
    assert client.get(snippet_url("list")).status_code == 200
    assert client.get(snippet_url("add")).status_code in (302, 403)  # only the public form adds


def test_staff_edit_the_details_but_not_the_status(staff_client, roster):
    request = PresentationRequestFactory()
    response = staff_client.get(snippet_url("edit", request.pk))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


# --- The feedback link.


def feedback_path(request: PresentationRequest) -> str:
    return reverse("outreach:feedback", kwargs={"token": services.feedback_token(request)})


def test_feedback_is_given_once(client):
    request = PresentationRequestFactory(delivered=True)
    url = feedback_path(request)
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert client.post(url, {"rating": "9"}).status_code == 400
    response = client.post(url, {"rating": "5", "comments": "Great questions from students."})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    request.refresh_from_db()
    assert request.feedback_rating == 5 and request.feedback_received_at is not None
    again = client.post(url, {"rating": "1", "comments": "Changed my mind"})
    assert "already have your feedback" in again.content.decode()
    request.refresh_from_db()
    assert request.feedback_rating == 5
    assert "already have your feedback" in client.get(url).content.decode()


def _signed_with_another_salt() -> str:
    return signing.TimestampSigner(salt="another.salt").sign_object({"r": 1})


# Tokens are made inside the test: a signature made at collection time differs between
# the xdist workers, which then refuse to run.
@pytest.mark.parametrize(
    "make_token",
    [lambda: "tampered", lambda: "eyJyIjoxfQ:1tAbCd:not-a-signature", _signed_with_another_salt],
    ids=["garbage", "bad-signature", "another-salt"],
)
def test_a_tampered_feedback_link_answers_400(client, make_token):
    token = make_token()
    PresentationRequestFactory(delivered=True)
    response = client.get(reverse("outreach:feedback", kwargs={"token": token}))
    assert response.status_code == 400
    assert "does not work" in response.content.decode()
    assert (
        client.post(
            reverse("outreach:feedback", kwargs={"token": token}), {"rating": "5"}
        ).status_code
        == 400
    )


def test_an_altered_payload_or_an_undelivered_request_answers_400(client):
    new = PresentationRequestFactory()
    token = services.feedback_token(new)
    assert client.get(reverse("outreach:feedback", kwargs={"token": token})).status_code == 400
    delivered = PresentationRequestFactory(delivered=True)
    good = services.feedback_token(delivered)
    forged = good.replace(good.split(":")[0], signing.b64_encode(b'{"r":1}').decode(), 1)
    assert client.get(reverse("outreach:feedback", kwargs={"token": forged})).status_code == 400


def test_an_expired_feedback_link_says_so(client, monkeypatch):
    request = PresentationRequestFactory(delivered=True)
    url = feedback_path(request)
    later_time = timezone.now().timestamp() + services.FEEDBACK_LINK_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later_time)
    response = client.get(url)
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    assert client.post(url, {"rating": "4"}).status_code == 400
    request.refresh_from_db()
    assert request.feedback_received_at is None


def test_staff_add_a_speaker_with_the_states_they_cover(staff_client, topics):
    add = reverse(Speaker.snippet_viewset.get_url_name("add"))
    data = {
        "name": "Nia New",
        "email": "nia@example.org",
        "kind": "volunteer",
        "is_active": "on",
        "topics": [topics["us"].pk],
        "states": ["OH", "MI"],
        "bio": "",
    }
    assert staff_client.post(add, data).status_code == 302
    speaker = Speaker.objects.get(name="Nia New")
    assert speaker.states == ["MI", "OH"] and list(speaker.topics.all()) == [topics["us"]]
    bad = staff_client.post(add, {**data, "name": "Bad States", "states": ["ZZ"]})
    assert bad.status_code == 200 and "states" in bad.context["form"].errors
    assert not Speaker.objects.filter(name="Bad States").exists()


def test_a_speaker_with_presentations_cannot_be_deleted(staff_client):
    request = PresentationRequestFactory(delivered=True)
    delete = reverse(Speaker.snippet_viewset.get_url_name("delete"), args=[request.speaker.pk])
    staff_client.post(delete)
    assert Speaker.objects.filter(pk=request.speaker.pk).exists()


def test_coordinators_see_only_media_coverage_in_the_outreach_menu(client, coalition):
    client.force_login(coalition.coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Media coverage" in html
    for staff_only in ("Presentation requests", "Speakers", "Media contacts"):
        assert staff_only not in html
