"""Poll results through the public API: published polls only, figures only, small groups hidden."""

import json

import pytest

from amicc.coalition.tests.factories import AllianceFactory
from amicc.polls.choices import QuestionKind
from amicc.polls.statistics import wilson_interval
from amicc.polls.tests.factories import make_poll
from amicc.polls.tests.test_tallies import answer_poll

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (QuestionKind.SINGLE, "Should the US join the ICC?", ["Yes", "No"]),
    (QuestionKind.TEXT, "Anything else?", []),
]


def answer(poll, times: int, **kwargs) -> None:
    for _ in range(times):
        answer_poll(poll, **kwargs)


@pytest.fixture
def poll():
    alliance = AllianceFactory(name="Denver Alliance", slug="denver")
    poll = make_poll(
        questions=QUESTIONS,
        slug="join-the-court",
        alliance=alliance,
        min_cell_size=5,
        results_published=True,
        closed=True,
    )
    answer(poll, 6, state="NY", district=12, choices={0: ["Yes"], 1: "Private words of Ada"})
    answer(poll, 4, state="NY", district=12, choices={0: ["No"]})
    answer(poll, 3, state="NY", district=3, choices={0: ["No"]})
    answer(poll, 7, state="CA", district=1, choices={0: ["Yes"]})
    return poll


def test_only_polls_with_published_results_are_listed(poll, public_get):
    make_poll(slug="unpublished", closed=True)
    make_poll(slug="open-poll")

    listed = public_get("/polls")

    assert [item["slug"] for item in listed["results"]] == ["join-the-court"]
    assert listed["results"][0]["alliance"] == {"name": "Denver Alliance", "slug": "denver"}
    assert listed["results"][0]["url"] == "http://testserver/polls/join-the-court/results/"
    assert public_get("/polls/unpublished", expect=404) == {
        "detail": "No poll with published results has this slug."
    }


def test_results_for_the_whole_country_with_intervals_and_states(poll, public_get):
    answer_ = public_get("/polls/join-the-court")

    assert answer_["place"] == "The whole country"
    single, text = answer_["questions"]
    assert single["answers"] == ["Yes", "No"]
    overall = single["results"]
    assert overall["responses"] == 20 and overall["suppressed"] is False
    yes, no = overall["figures"]
    assert (yes["label"], yes["count"], yes["share"]) == ("Yes", 13, 0.65)
    assert (yes["low"], yes["high"]) == pytest.approx(wilson_interval(13, 20))
    assert no["count"] == 7
    assert "(n = 20)" in overall["note"]
    assert [(group["key"], group["responses"]) for group in single["breakdown"]] == [
        ("CA", 7),
        ("NY", 13),
    ]
    # Free-text answers are counted, never published.
    assert text["results"]["figures"] == [] and text["results"]["responses"] == 6
    assert "Private words" not in json.dumps(answer_)


def test_small_groups_are_suppressed_with_neither_count_nor_share(poll, public_get):
    answer_ = public_get("/polls/join-the-court", state="NY")

    assert answer_["place"] == "New York"
    breakdown = {group["key"]: group for group in answer_["questions"][0]["breakdown"]}
    assert breakdown["NY-3"] == {
        "key": "NY-3",
        "label": "New York, district 3",
        "suppressed": True,
        "responses": None,
        "figures": [],
        "note": "Fewer than 5 responses: not shown.",
        "weighted": None,
    }
    # New York's total minus NY-12 would give NY-3 away, so NY-12 is hidden too.
    assert breakdown["NY-12"]["suppressed"] and breakdown["NY-12"]["responses"] is None

    district = public_get("/polls/join-the-court", district="CA-1")
    assert district["place"] == "California, district 1"
    assert district["questions"][0]["breakdown"] == []
    assert district["questions"][0]["results"]["figures"][0]["share"] == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"district": "NY-99"}, "New York has no district 99; its districts are 1 to 26."),
        ({"district": "WY-2"}, "Wyoming has no district 2; its districts are 0 (at large)."),
        ({"state": "CA", "district": "NY-12"}, "NY-12 is not in California."),
    ],
)
def test_a_place_that_is_not_one_is_a_422_with_the_reason(poll, public_get, params, message):
    assert public_get("/polls/join-the-court", expect=422, **params) == {"detail": message}


@pytest.mark.parametrize("params", [{"district": "12"}, {"state": "XX"}, {"district": "NY-12\x00"}])
def test_malformed_places_are_422s(poll, public_get, params):
    assert public_get("/polls/join-the-court", expect=422, **params)["errors"]


def test_results_queries_do_not_grow_with_districts(
    poll, public_get, django_assert_max_num_queries
):
    public_get("/polls")  # finds the request's Wagtail site once; cached from then on
    for district in range(1, 27):
        answer(poll, 1, state="NY", district=district, choices={0: ["Yes"]})
    with django_assert_max_num_queries(5):
        public_get("/polls/join-the-court", state="NY")
    with django_assert_max_num_queries(2):
        public_get("/polls", limit=100)
