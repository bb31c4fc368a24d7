"""The running tallies: incremental upserts, and a rebuild from raw responses that agrees."""

import pytest

from amicc.polls.choices import QuestionKind
from amicc.polls.models import ANSWERED, Poll, PollAnswer, PollCellTally, PollResponse, PollTally
from amicc.polls.tallies import RESPONDENTS, tallies_rebuild, tally_response
from amicc.polls.tests.factories import make_poll

pytestmark = pytest.mark.django_db

_browser = iter(range(10**9))


def answer_poll(
    poll: Poll,
    *,
    state: str = "NY",
    district: int = 12,
    choices: dict[int, list[str] | str] | None = None,
    age_band: str = "",
    gender: str = "",
    party: str = "",
) -> PollResponse:
    """Save a response the way the respond service does: the response, answers, tallies.

    `choices` maps a question's position to the labels chosen (or a free text).
    """
    response = PollResponse.objects.create(
        poll=poll,
        state=state,
        district=district,
        age_band=age_band,
        gender=gender,
        party=party,
        browser_key=f"{next(_browser):064x}",
    )
    questions = list(poll.questions.order_by("sort_order").prefetch_related("options"))
    answers = []
    for position, chosen in (choices or {}).items():
        question = questions[position]
        if isinstance(chosen, str):
            answers.append(PollAnswer(response=response, question=question, text=chosen))
            continue
        options = {option.label: option for option in question.options.all()}
        answers += [
            PollAnswer(response=response, question=question, option=options[label])
            for label in chosen
        ]
    answers = PollAnswer.objects.bulk_create(answers)
    tally_response(response=response, answers=answers)
    return response


def _tallies(poll: Poll) -> dict:
    rows = PollTally.objects.filter(question__poll=poll)
    return {(r.question_id, r.option_key, r.state, r.district): r.count for r in rows}


def _cells(poll: Poll) -> dict:
    rows = PollCellTally.objects.filter(poll=poll).values_list(
        "question_key", "option_key", "state", "district", "age_band", "gender", "party", "count"
    )
    return {row[:-1]: row[-1] for row in rows}


@pytest.fixture
def poll() -> Poll:
    return make_poll(
        questions=[
            (QuestionKind.SINGLE, "Join the ICC?", ["Yes", "No"]),
            (QuestionKind.MULTIPLE, "Which issues?", ["Aggression", "Victims", "Darfur"]),
            (QuestionKind.TEXT, "Anything else?", []),
        ],
        asks_age=True,
        asks_party=True,
    )


def test_one_response_counts_answered_and_each_option(poll):
    answer_poll(poll, choices={0: ["Yes"], 1: ["Aggression", "Darfur"], 2: "More news"})
    single, multiple, text = poll.questions.order_by("sort_order")
    yes = single.options.get(label="Yes")
    aggression, darfur = (multiple.options.get(label=label) for label in ("Aggression", "Darfur"))
    assert _tallies(poll) == {
        (single.pk, ANSWERED, "NY", 12): 1,
        (single.pk, yes.pk, "NY", 12): 1,
        (multiple.pk, ANSWERED, "NY", 12): 1,
        (multiple.pk, aggression.pk, "NY", 12): 1,
        (multiple.pk, darfur.pk, "NY", 12): 1,
        (text.pk, ANSWERED, "NY", 12): 1,
    }
    cells = _cells(poll)
    assert cells[(RESPONDENTS, ANSWERED, "NY", 12, "", "", "")] == 1
    assert cells[(multiple.pk, darfur.pk, "NY", 12, "", "", "")] == 1
    assert len(cells) == 7


def test_repeated_calls_add_up_on_the_same_counters(poll):
    for _ in range(5):
        answer_poll(poll, choices={0: ["No"]}, age_band="18-29", party="democrat")
    answer_poll(poll, choices={0: ["Yes"]}, age_band="18-29", party="democrat")
    answer_poll(poll, state="CA", district=1, choices={0: ["No"]})
    single = poll.questions.get(sort_order=0)
    no = single.options.get(label="No")
    tallies = _tallies(poll)
    assert tallies[(single.pk, ANSWERED, "NY", 12)] == 6
    assert tallies[(single.pk, no.pk, "NY", 12)] == 5
    assert tallies[(single.pk, no.pk, "CA", 1)] == 1
    cells = _cells(poll)
    assert cells[(RESPONDENTS, ANSWERED, "NY", 12, "18-29", "", "democrat")] == 6
    assert cells[(single.pk, no.pk, "NY", 12, "18-29", "", "democrat")] == 5
    assert cells[(RESPONDENTS, ANSWERED, "CA", 1, "", "", "")] == 1


def test_a_response_that_skips_every_question_counts_as_a_respondent_only(poll):
    answer_poll(poll, choices={})
    assert _tallies(poll) == {}
    assert _cells(poll) == {(RESPONDENTS, ANSWERED, "NY", 12, "", "", ""): 1}


def test_rebuild_equals_incremental(poll):
    other = make_poll(questions=[(QuestionKind.SINGLE, "Other?", ["A", "B"])])
    answer_poll(other, choices={0: ["A"]})
    places = [("NY", 12), ("NY", 3), ("CA", 1), ("AK", 0)]
    ages, parties = ["18-29", "65+", ""], ["democrat", "republican", "", "other"]
    labels = [["Aggression"], ["Victims", "Darfur"], ["Aggression", "Victims", "Darfur"], []]
    for n in range(40):
        state, district = places[n % 4]
        choices: dict = {0: ["Yes" if n % 3 else "No"]}
        if labels[n % 4]:
            choices[1] = labels[n % 4]
        if n % 5 == 0:
            choices[2] = f"comment {n}"
        answer_poll(
            poll,
            state=state,
            district=district,
            choices=choices,
            age_band=ages[n % 3],
            party=parties[n % 4],
        )
    incremental_tallies, incremental_cells = _tallies(poll), _cells(poll)
    other_tallies = _tallies(other)
    PollTally.objects.filter(question__poll=poll).update(count=999)
    PollCellTally.objects.filter(poll=poll).delete()

    tallies_rebuild(poll=poll)

    assert _tallies(poll) == incremental_tallies
    assert _cells(poll) == incremental_cells
    assert _tallies(other) == other_tallies
    assert sum(v for k, v in incremental_cells.items() if k[0] == RESPONDENTS) == 40
