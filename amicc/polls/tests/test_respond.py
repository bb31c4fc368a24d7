"""Answering a poll: placing the respondent, one response per browser, refusals."""

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amicc.congress.models import ZipDistrict
from amicc.core.page_cache import invalidate_page_cache
from amicc.polls import views
from amicc.polls.choices import AGREEMENT_SCALE, PollScope, QuestionKind
from amicc.polls.models import ANSWERED, PollAnswer, PollResponse, PollTally
from amicc.polls.services.responses import (
    AlreadyAnswered,
    AnswerInput,
    PollNotOpen,
    poll_response_submit,
)
from amicc.polls.tests.factories import PollAreaFactory, make_poll

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (QuestionKind.SINGLE, "Should the United States join the ICC?", ["Yes", "No", "Not sure"]),
    (QuestionKind.MULTIPLE, "Which crimes matter most to you?", ["Genocide", "War crimes"]),
    (QuestionKind.AGREEMENT, "The ICC makes atrocities less likely.", []),
    (QuestionKind.TEXT, "Anything else?", []),
]


@pytest.fixture(autouse=True)
def zip_codes(db):
    ZipDistrict.objects.create(zcta="10017", state="NY", district=12)
    ZipDistrict.objects.create(zcta="10001", state="NY", district=10, share=0.6, rank=1)
    ZipDistrict.objects.create(zcta="10001", state="NY", district=12, share=0.4, rank=2)
    ZipDistrict.objects.create(zcta="94103", state="CA", district=11)


@pytest.fixture
def poll():
    poll = make_poll(questions=QUESTIONS, slug="icc-poll", introduction="Tell us, please.")
    poll.questions.filter(kind=QuestionKind.TEXT).update(required=False)
    return poll


def _option(poll, kind: str, label: str) -> str:
    return str(poll.questions.get(kind=kind).options.get(label=label).pk)


def _answers(poll, **overrides) -> dict:
    questions = {q.kind: q for q in poll.questions.all()}
    data = {
        "zip_code": "10017",
        f"question_{questions['single'].pk}": _option(poll, "single", "Yes"),
        f"question_{questions['multiple'].pk}": [
            _option(poll, "multiple", "Genocide"),
            _option(poll, "multiple", "War crimes"),
        ],
        f"question_{questions['agreement'].pk}": _option(poll, "agreement", "Agree"),
        f"question_{questions['text'].pk}": "Thank you for asking.",
    }
    data.update(overrides)
    return data


def _visitor(poll) -> Client:
    client = Client()
    client.get(poll.get_absolute_url())
    return client


def test_the_poll_page_explains_the_method_and_sets_the_browser_cookie(client, poll):
    response = client.get(poll.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tell us, please." in page
    assert "One answer per browser." in page
    assert "not a random sample" in page
    assert "uses another browser" in page
    assert "private" in response["Cache-Control"]
    cookie = response.cookies[views.BROWSER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == views.BROWSER_COOKIE_MAX_AGE
    for label in ("Should the United States join the ICC?", *AGREEMENT_SCALE):
        assert label in page


def test_answering_saves_the_response_its_answers_and_tallies(poll):
    visitor = _visitor(poll)
    response = visitor.post(poll.get_absolute_url(), _answers(poll))
    assert response.status_code == 302
    assert response["Location"] == reverse("polls:thanks", kwargs={"slug": poll.slug})
    saved = PollResponse.objects.get()
    assert (saved.state, saved.district) == ("NY", 12)
    token = visitor.cookies[views.BROWSER_COOKIE].value
    assert saved.browser_key == hashlib.sha256(f"{poll.pk}:{token}".encode()).hexdigest()
    assert token not in saved.browser_key
    assert PollAnswer.objects.filter(response=saved).count() == 5
    assert PollAnswer.objects.get(question__kind=QuestionKind.TEXT).text == "Thank you for asking."
    single = poll.questions.get(kind=QuestionKind.SINGLE)
    counts = dict(PollTally.objects.filter(question=single).values_list("option_key", "count"))
    assert counts == {ANSWERED: 1, int(_option(poll, "single", "Yes")): 1}


def test_a_second_response_from_the_same_browser_is_refused(poll):
    visitor = _visitor(poll)
    visitor.post(poll.get_absolute_url(), _answers(poll))
    again = visitor.post(poll.get_absolute_url(), _answers(poll))
    assert again.status_code == 409
    assert "You have already answered this poll" in again.content.decode()
    assert PollResponse.objects.count() == 1
    page = visitor.get(poll.get_absolute_url()).content.decode()
    assert "this browser has answered it" in page
    assert "Send my answers" not in page


def test_a_split_zip_asks_for_the_district_keeping_every_answer(poll):
    visitor = _visitor(poll)
    data = _answers(poll, zip_code="10001")
    response = visitor.post(poll.get_absolute_url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "lies in more than one congressional district" in page
    assert 'value="NY-10"' in page and 'value="NY-12"' in page
    assert "Thank you for asking." in page
    yes = _option(poll, "single", "Yes")
    assert f'value="{yes}"' in page and "checked" in page
    assert visitor.post(poll.get_absolute_url(), {**data, "district": "NY-10"}).status_code == 302
    assert PollResponse.objects.get().district == 10


@pytest.mark.parametrize(
    ("zip_code", "district", "message"),
    [
        ("99999", "", "could not match ZIP code 99999"),
        ("1001", "", "Enter a 5-digit ZIP code"),
        ("", "", "Enter your ZIP code."),
        ("10001", "NY-13", "Choose one of the districts listed."),
        ("10001", "<script>", "Choose one of the districts listed."),
    ],
)
def test_a_bad_zip_or_district_is_a_400_with_a_message(poll, zip_code, district, message):
    data = _answers(poll, zip_code=zip_code, district=district)
    response = _visitor(poll).post(poll.get_absolute_url(), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PollResponse.objects.exists()


def test_a_zip_outside_the_scope_is_refused(poll):
    poll.scope = PollScope.DISTRICTS
    poll.save()
    PollAreaFactory(poll=poll, state="NY", district=12)
    response = _visitor(poll).post(poll.get_absolute_url(), _answers(poll, zip_code="94103"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This poll is for people in New York, district 12" in page
    assert "California, district 11" in page
    ok = _visitor(poll).post(poll.get_absolute_url(), _answers(poll, zip_code="10017"))
    assert ok.status_code == 302


def test_a_state_poll_takes_every_district_of_its_states(poll):
    poll.scope = PollScope.STATES
    poll.save()
    PollAreaFactory(poll=poll, state="CA", district=None)
    assert _visitor(poll).post(poll.get_absolute_url(), _answers(poll)).status_code == 400
    data = _answers(poll, zip_code="94103")
    assert _visitor(poll).post(poll.get_absolute_url(), data).status_code == 302


def test_missing_and_tampered_answers_are_400_keeping_the_rest(poll):
    single = poll.questions.get(kind=QuestionKind.SINGLE)
    agreement = poll.questions.get(kind=QuestionKind.AGREEMENT)
    data = _answers(poll, **{f"question_{single.pk}": "", f"question_{agreement.pk}": "999999"})
    response = _visitor(poll).post(poll.get_absolute_url(), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose an answer to this question." in page
    assert "Select a valid choice." in page
    assert 'value="10017"' in page and "Thank you for asking." in page
    assert not PollResponse.objects.exists()


def test_an_optional_question_may_be_left_out(poll):
    text = poll.questions.get(kind=QuestionKind.TEXT)
    data = _answers(poll, **{f"question_{text.pk}": "   "})
    assert _visitor(poll).post(poll.get_absolute_url(), data).status_code == 302
    assert not PollAnswer.objects.filter(question=text).exists()


def test_demographics_are_optional_with_prefer_not_to_say(poll):
    poll.asks_age = poll.asks_party = True
    poll.save()
    visitor = _visitor(poll)
    page = visitor.get(poll.get_absolute_url()).content.decode()
    assert "Prefer not to say" in page and "Your age" in page and "Your gender" not in page
    data = _answers(poll, age_band="30-44", party="", gender="woman")
    assert visitor.post(poll.get_absolute_url(), data).status_code == 302
    saved = PollResponse.objects.get()
    assert (saved.age_band, saved.party, saved.gender) == ("30-44", "", "")


def test_a_bad_demographic_answer_is_a_400(poll):
    poll.asks_age = True
    poll.save()
    response = _visitor(poll).post(poll.get_absolute_url(), _answers(poll, age_band="12-17"))
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_without_the_cookie_the_answers_come_back_asking_for_cookies(client, poll):
    response = client.post(poll.get_absolute_url(), _answers(poll))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please allow cookies for this site" in page
    assert "Thank you for asking." in page
    assert views.BROWSER_COOKIE in response.cookies
    assert not PollResponse.objects.exists()


@pytest.mark.parametrize("trait", ["closed", "upcoming"])
def test_a_poll_that_is_not_open_refuses_answers(trait):
    poll = make_poll(questions=QUESTIONS, **{trait: True})
    page = Client().get(poll.get_absolute_url())
    assert page.status_code == 200
    expected = "closed on" if trait == "closed" else "opens on"
    assert expected in page.content.decode()
    client = Client()
    client.cookies[views.BROWSER_COOKIE] = "a-token"
    response = client.post(poll.get_absolute_url(), _answers(poll))
    assert response.status_code == 403
    assert "were not saved" in response.content.decode()
    assert not PollResponse.objects.exists()


def test_over_the_address_limit_answers_are_429_with_retry_after(poll, monkeypatch):
    monkeypatch.setattr(views, "RESPONSES_PER_WINDOW", 2)
    for _ in range(2):
        assert _visitor(poll).post(poll.get_absolute_url(), _answers(poll)).status_code == 302
    response = _visitor(poll).post(poll.get_absolute_url(), _answers(poll))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Too many answers from your connection" in page
    assert "Thank you for asking." in page
    assert PollResponse.objects.count() == 2


def test_the_honeypot_stores_nothing(poll):
    response = _visitor(poll).post(poll.get_absolute_url(), _answers(poll, homepage="spam"))
    assert response.status_code == 302
    assert not PollResponse.objects.exists()


def test_unknown_polls_are_404(client):
    assert client.get("/polls/no-such-poll/").status_code == 404
    assert client.post("/polls/no-such-poll/", {"zip_code": "10017"}).status_code == 404
    assert client.get("/polls/no-such-poll/thanks/").status_code == 404


def test_thanks_links_to_results_only_when_published(client, poll):
    results = reverse("polls:results", kwargs={"slug": poll.slug})
    thanks = reverse("polls:thanks", kwargs={"slug": poll.slug})
    assert results not in client.get(thanks).content.decode()
    poll.results_published = True
    poll.save()
    invalidate_page_cache()  # as publishing through the admin does
    assert results in client.get(thanks).content.decode()


def test_the_poll_page_and_answering_run_bounded_queries(poll, django_assert_max_num_queries):
    visitor, data = Client(), _answers(poll)
    with django_assert_max_num_queries(10):
        assert visitor.get(poll.get_absolute_url()).status_code == 200
    # Whatever the number of questions: the poll in four, the checks, the inserts.
    with django_assert_max_num_queries(15):
        assert visitor.post(poll.get_absolute_url(), data).status_code == 302


def test_the_service_refuses_what_the_form_would(poll):
    question = poll.questions.get(kind=QuestionKind.SINGLE)
    answer = [AnswerInput(question=question, option=question.options.first())]
    arguments = {"poll": poll, "browser_token": "t", "answers": answer}
    poll_response_submit(state="NY", district=12, **arguments)
    with pytest.raises(AlreadyAnswered):
        poll_response_submit(state="NY", district=12, **arguments)
    other = make_poll(questions=QUESTIONS[:1], scope=PollScope.STATES)
    PollAreaFactory(poll=other, state="CA")
    with pytest.raises(ValidationError, match="This poll is for people in California"):
        poll_response_submit(**{**arguments, "poll": other, "state": "NY", "district": 12})
    poll.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    with pytest.raises(PollNotOpen):
        poll_response_submit(**{**arguments, "browser_token": "u", "state": "NY", "district": 12})
    assert PollResponse.objects.count() == 1


def test_the_index_lists_open_upcoming_and_published_polls_only(
    client, django_assert_max_num_queries
):
    make_poll(title="Open poll")
    make_poll(title="Upcoming poll", upcoming=True)
    make_poll(title="Published poll", closed=True, results_published=True)
    make_poll(title="Unpublished closed poll", closed=True)
    client.get(reverse("polls:index"))  # the first request also creates the site settings
    cache.clear()
    for _ in range(5):
        make_poll(title="Another open poll")
    with django_assert_max_num_queries(4):
        response = client.get(reverse("polls:index"))
    page = response.content.decode()
    assert "Open poll" in page and "Published poll" in page
    assert "Upcoming poll" in page and "Opens on" in page
    assert "Unpublished closed poll" not in page
    assert page.count("Another open poll") == 5
