"""The results: tabulation from the tallies, weighting, suppression, and the public page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amicc.coalition.tests.admin_fixtures import COORDINATORS, STAFF, user_in
from amicc.coalition.tests.factories import AllianceFactory, PersonFactory
from amicc.polls.choices import AgeBand, Gender, QuestionKind
from amicc.polls.models import DistrictPopulationMargin, Poll
from amicc.polls.statistics import wilson_interval
from amicc.polls.tabulation import tabulate_poll
from amicc.polls.tests.factories import make_poll
from amicc.polls.tests.test_tallies import answer_poll

pytestmark = pytest.mark.django_db

YES_NO = [(QuestionKind.SINGLE, "Should the US join the ICC?", ["Yes", "No"])]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _answer(poll: Poll, times: int, **kwargs) -> None:
    for _ in range(times):
        answer_poll(poll, **kwargs)


def test_counts_proportions_and_wilson_intervals_by_place():
    poll = make_poll(questions=YES_NO, min_cell_size=5)
    _answer(poll, 6, state="NY", district=12, choices={0: ["Yes"]})
    _answer(poll, 4, state="NY", district=12, choices={0: ["No"]})
    _answer(poll, 3, state="NY", district=3, choices={0: ["No"]})
    _answer(poll, 7, state="CA", district=1, choices={0: ["Yes"]})
    question = tabulate_poll(poll=poll).questions[0]

    overall = question.overall
    assert overall.n == 20 and not overall.suppressed
    yes, no = overall.figures
    assert (yes.label, yes.count, yes.proportion) == ("Yes", 13, 0.65)
    assert (yes.low, yes.high) == pytest.approx(wilson_interval(13, 20))
    assert no.count == 7
    assert "(n = 20)" in overall.margin

    assert [(g.key, g.n) for g in question.states] == [("CA", 7), ("NY", 13)]
    districts = {g.key: g for g in question.districts}
    assert districts["NY-3"].suppressed
    assert districts["NY-3"].figures == []
    assert districts["NY-3"].margin == "Fewer than 5 responses: not shown."
    # New York's total minus NY-12 would give NY-3 away: NY-12 is not shown either.
    assert districts["NY-12"].suppressed and districts["NY-12"].figures == []
    assert "would reveal a group of fewer than 5" in districts["NY-12"].margin
    assert districts["CA-1"].label == "California, district 1"
    assert districts["CA-1"].figures[0].proportion == 1


def _shown(groups) -> dict[str, int]:
    return {group.key: group.n for group in groups if not group.suppressed}


def test_no_suppressed_group_can_be_worked_out_from_the_totals_around_it():
    poll = make_poll(questions=YES_NO, min_cell_size=5)
    _answer(poll, 3, state="NY", district=3, choices={0: ["No"]})  # small
    _answer(poll, 20, state="NY", district=12, choices={0: ["Yes"]})
    _answer(poll, 6, state="NY", district=14, choices={0: ["Yes"]})
    _answer(poll, 2, state="WY", district=0, choices={0: ["No"]})  # a small state
    _answer(poll, 40, state="CA", district=1, choices={0: ["Yes"]})
    _answer(poll, 25, state="TX", district=7, choices={0: ["Yes"]})  # all in one district
    question = tabulate_poll(poll=poll).questions[0]
    overall = question.overall
    assert not overall.suppressed and overall.n == 96
    states, districts = _shown(question.states), _shown(question.districts)
    # In New York the smallest other district joins NY-3, so NY-12 shown leaves 9 unknown.
    assert "NY-3" not in districts and "NY-14" not in districts and districts["NY-12"] == 20
    # Wyoming alone would be the country minus the other states: Texas, the smallest
    # other state, is hidden with it, and its only district too.
    assert "WY" not in states and "TX" not in states and "TX-7" not in districts
    assert states == {"CA": 40, "NY": 29}
    assert overall.n - sum(states.values()) >= 5
    # Every page hides the same groups, whatever place it shows.
    for state, district in (("TX", None), ("TX", 7), ("NY", 14), ("WY", 0)):
        place = tabulate_poll(poll=poll, state=state, district=district).questions[0]
        assert place.overall.suppressed and place.overall.figures == []
    by_state = tabulate_poll(poll=poll, state="NY").questions[0]
    assert not by_state.overall.suppressed
    assert _shown(by_state.districts) == {"NY-12": 20}


def test_filtering_by_state_and_district():
    poll = make_poll(questions=YES_NO, min_cell_size=1)
    _answer(poll, 2, state="NY", district=12, choices={0: ["Yes"]})
    _answer(poll, 1, state="NY", district=3, choices={0: ["No"]})
    _answer(poll, 5, state="CA", district=1, choices={0: ["No"]})
    by_state = tabulate_poll(poll=poll, state="NY").questions[0]
    assert by_state.overall.n == 3
    assert [g.key for g in by_state.districts] == ["NY-3", "NY-12"]
    by_district = tabulate_poll(poll=poll, state="NY", district=12).questions[0]
    assert by_district.overall.n == 2
    assert by_district.overall.figures[0].proportion == 1


def test_multiple_choice_shares_are_of_those_who_answered_and_text_only_counts():
    poll = make_poll(
        questions=[
            (QuestionKind.MULTIPLE, "Which issues?", ["Aggression", "Victims"]),
            (QuestionKind.TEXT, "Anything else?", []),
        ],
        min_cell_size=1,
    )
    answer_poll(poll, choices={0: ["Aggression", "Victims"], 1: "Thanks"})
    answer_poll(poll, choices={0: ["Victims"]})
    multiple, text = tabulate_poll(poll=poll).questions
    assert [f.proportion for f in multiple.overall.figures] == [0.5, 1.0]
    assert text.overall.n == 1 and text.overall.figures == []


def _margins(state: str, district: int, dimension: str, shares: dict[str, float]) -> None:
    DistrictPopulationMargin.objects.bulk_create(
        DistrictPopulationMargin(
            state=state, district=district, dimension=dimension, category=c, share=s
        )
        for c, s in shares.items()
    )


def test_weighted_figures_rake_each_district_to_its_margins():
    # The sample of tests/test_statistics.py: 8 young women, 12 young men, 32 older women,
    # 48 older men, raked to half and half: weights 25/8, 25/12, 25/32, 25/48 and an
    # effective sample size of 61.44. Only the young women say yes: 8% as answered,
    # 8·(25/8)/100 = 25% weighted.
    poll = make_poll(questions=YES_NO, asks_age=True, asks_gender=True, weighted=True)
    sample = [("18-29", "woman", 8), ("18-29", "man", 12), ("65+", "woman", 32), ("65+", "man", 48)]
    for age, gender, times in sample:
        chosen = "Yes" if (age, gender) == ("18-29", "woman") else "No"
        _answer(poll, times, age_band=age, gender=gender, choices={0: [chosen]})
    _answer(poll, 10, state="CA", district=1, age_band="18-29", choices={0: ["Yes"]})
    ages = dict.fromkeys(AgeBand.values, 0.0) | {"18-29": 0.5, "65+": 0.5}
    _margins("NY", 12, "age_band", ages)
    _margins("NY", 12, "gender", dict.fromkeys(Gender.values, 0.0) | {"woman": 0.5, "man": 0.5})
    _margins("CA", 1, "age_band", {"18-29": 0.5, "65+": 0.4})  # incomplete: not used

    results = tabulate_poll(poll=poll)
    assert results.weighted_districts == 1
    question = results.questions[0]
    ny12 = next(g for g in question.districts if g.key == "NY-12")
    assert ny12.figures[0].proportion == pytest.approx(0.08)
    weighted_yes = ny12.weighted.figures[0]
    assert weighted_yes.proportion == pytest.approx(0.25)
    assert ny12.weighted.effective_n == pytest.approx(61.44)
    assert (weighted_yes.low, weighted_yes.high) == pytest.approx(
        wilson_interval(0.25 * 61.44, 61.44)
    )
    assert "effective sample size 61" in ny12.weighted.margin
    ca1 = next(g for g in question.districts if g.key == "CA-1")
    assert ca1.weighted.figures[0].proportion == 1  # unweighted: weight 1 for everyone
    # Overall: NY-12's weights add up to its 100 respondents; CA-1 adds its 10 yeses.
    assert question.overall.weighted.figures[0].proportion == pytest.approx((25 + 10) / 110)


def test_unweighted_polls_have_no_weighted_figures():
    poll = make_poll(questions=YES_NO, min_cell_size=1)
    answer_poll(poll, choices={0: ["Yes"]})
    assert tabulate_poll(poll=poll).questions[0].overall.weighted is None


# The page


def _url(poll: Poll, query: str = "") -> str:
    return reverse("polls:results", kwargs={"slug": poll.slug}) + query


def test_published_results_are_public(client):
    poll = make_poll(questions=YES_NO, results_published=True, min_cell_size=2)
    _answer(poll, 3, choices={0: ["Yes"]})
    answer_poll(poll, choices={0: ["No"]})
    response = client.get(_url(poll))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Should the US join the ICC?" in html
    assert "<svg" in html and "<table" in html
    assert "75%" in html
    assert "Wilson score interval" in html
    assert "style=" not in html.split("<main", 1)[-1]


def test_unpublished_results_are_not_public(client):
    poll = make_poll(questions=YES_NO)
    assert client.get(_url(poll)).status_code == 404
    assert client.get("/polls/no-such-poll/results/").status_code == 404


def test_staff_and_the_polls_coordinators_preview_unpublished_results(client):
    coordinator = user_in(COORDINATORS)
    alliance = AllianceFactory(coordinators=[PersonFactory(user=coordinator)])
    poll = make_poll(questions=YES_NO, alliance=alliance)
    other = user_in(COORDINATORS)
    AllianceFactory(coordinators=[PersonFactory(user=other)])

    client.force_login(other)
    assert client.get(_url(poll)).status_code == 404
    client.force_login(coordinator)
    response = client.get(_url(poll))
    assert response.status_code == 200
    assert b"Preview." in response.content
    assert "no-store" in response["Cache-Control"]
    client.force_login(user_in(STAFF))
    assert client.get(_url(poll)).status_code == 200


@pytest.mark.parametrize(
    "query,message",
    [
        ("?state=ZZ", "Choose a state from the list"),
        ("?district=NY", "is not a district"),
        ("?district=NY-99", "New York has no district 99; its districts are 1 to 26."),
        ("?district=WY-1", "its districts are 0 (at large)"),
        ("?state=CA&district=NY-12", "NY-12 is not in California."),
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(client, query, message):
    poll = make_poll(questions=YES_NO, results_published=True)
    response = client.get(_url(poll, query))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_filtered_pages(client):
    poll = make_poll(questions=YES_NO, results_published=True, min_cell_size=1)
    answer_poll(poll, state="NY", district=12, choices={0: ["Yes"]})
    response = client.get(_url(poll, "?state=NY"))
    assert response.status_code == 200
    assert "?district=NY-12" in response.content.decode()
    response = client.get(_url(poll, "?district=ny-12"))
    assert response.status_code == 200
    assert "New York, district 12" in response.content.decode()


def _queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_page_queries_do_not_grow_with_districts_or_questions(client):
    small = make_poll(questions=YES_NO, results_published=True, weighted=True, asks_age=True)
    answer_poll(small, choices={0: ["Yes"]})
    big = make_poll(
        questions=[*YES_NO, (QuestionKind.MULTIPLE, "Which?", ["A", "B", "C"])] * 3,
        results_published=True,
        weighted=True,
        asks_age=True,
        min_cell_size=1,
    )
    for number in range(1, 27):
        answer_poll(big, state="NY", district=number, age_band="65+", choices={0: ["No"], 1: ["A"]})
        _margins("NY", number, "age_band", dict.fromkeys(AgeBand.values, 0.25))
    _queries(client, _url(small))  # the first request of a test also loads the site's settings
    small_count = _queries(client, _url(small))
    assert small_count == _queries(client, _url(big))
    assert small_count == _queries(client, _url(big, "?state=NY"))
    assert small_count <= 12
