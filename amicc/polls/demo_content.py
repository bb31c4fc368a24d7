"""Load the polls part of the demo: a national poll with published, weighted results and an
open alliance poll.

The national poll's responses are synthetic (a seeded random generator, so every demo
shows the same numbers), placed in the districts of the sample ZIP codes
(`amicc.congress.demo_data`); they are inserted in bulk and counted by
`tallies_rebuild`, the tallies' own function for data loaded in bulk. Population margins
are made up for those districts, where none exist, so that weighting has something to
rake to. Nothing is loaded once any poll exists, so running it again changes nothing.
"""

import datetime
import hashlib
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from amicc.coalition.models import Alliance
from amicc.congress import demo_data as congress_demo_data
from amicc.polls.choices import AGREEMENT_SCALE, AgeBand, Demographic, Gender, Party, PollScope
from amicc.polls.choices import QuestionKind as K
from amicc.polls.models import (
    DistrictPopulationMargin,
    Poll,
    PollAnswer,
    PollArea,
    PollOption,
    PollQuestion,
    PollResponse,
)
from amicc.polls.tallies import tallies_rebuild

RESPONSES = 3000
SEED = 20021
NATIONAL_QUESTIONS = [
    (K.SINGLE, "Should the United States join the International Criminal Court?",
     ["Yes", "No", "Not sure"]),
    (K.AGREEMENT, "The United States should share evidence with the ICC's investigations.", []),
    (K.MULTIPLE, "Which of these should Congress do?",
     ["Oppose sanctions on the Court's staff", "Fund evidence gathering for the Court",
      "Hold hearings on joining the Court", "None of these"]),
    (K.TEXT, "What else would you tell your members of Congress about the Court?", []),
]  # fmt: skip
ALLIANCE_QUESTIONS = [
    (K.SINGLE, "Would you come to a town hall on the ICC in your district?",
     ["Yes", "Maybe", "No"]),
    (K.AGREEMENT, "My representative should speak up for the Court.", []),
]  # fmt: skip
# Made-up shares of the adult population, the same in every sample district.
MARGINS = {
    Demographic.AGE: {AgeBand.AGE_18_29: "0.2000", AgeBand.AGE_30_44: "0.2600",
                      AgeBand.AGE_45_64: "0.3200", AgeBand.AGE_65_PLUS: "0.2200"},
    Demographic.GENDER: {Gender.WOMAN: "0.5100", Gender.MAN: "0.4800", Gender.ANOTHER: "0.0100"},
    Demographic.PARTY: {Party.DEMOCRAT: "0.3300", Party.REPUBLICAN: "0.2900",
                        Party.INDEPENDENT: "0.3000", Party.OTHER: "0.0800"},
}  # fmt: skip
# How likely each party is to say "Yes" to joining; the other answers follow from it.
SUPPORT = {Party.DEMOCRAT: 0.72, Party.REPUBLICAN: 0.38, Party.INDEPENDENT: 0.58, "": 0.55}
COMMENTS = [
    "Justice for victims should not depend on where the crime happened.",
    "I worry about our soldiers being tried abroad.",
    "Please hold a town hall on this.",
]


def _poll_with_questions(questions: list, **fields) -> Poll:
    poll = Poll(**fields)
    poll.full_clean()
    poll.save()
    for position, (kind, text, labels) in enumerate(questions):
        question = PollQuestion(poll=poll, kind=kind, text=text, sort_order=position)
        question.required = kind != K.TEXT
        question.full_clean(exclude=["poll"])
        question.save()
        labels = AGREEMENT_SCALE if kind == K.AGREEMENT else labels
        PollOption.objects.bulk_create(
            PollOption(question=question, label=label, sort_order=order)
            for order, label in enumerate(labels)
        )
    return poll


def _districts() -> list[tuple[str, int]]:
    return sorted({(state, district) for _, state, _, district in congress_demo_data.ZIP_DISTRICTS})


def _load_margins(districts: list[tuple[str, int]]) -> int:
    rows = [
        DistrictPopulationMargin(
            state=state, district=district, dimension=dimension, category=category,
            share=Decimal(share),
        )
        for state, district in districts
        if not DistrictPopulationMargin.objects.filter(state=state, district=district).exists()
        for dimension, shares in MARGINS.items()
        for category, share in shares.items()
    ]  # fmt: skip
    return len(DistrictPopulationMargin.objects.bulk_create(rows))


def _answer(rng: random.Random, question: PollQuestion, options: list, support: float) -> list:
    """The answers of one synthetic respondent to one question, leaning with `support`."""
    if question.kind == K.TEXT:
        return (
            [PollAnswer(question=question, text=rng.choice(COMMENTS))] if rng.random() < 0.1 else []
        )
    if question.kind == K.MULTIPLE:
        chosen = [o for o in options[:-1] if rng.random() < support * 0.8] or [options[-1]]
        return [PollAnswer(question=question, option=option) for option in chosen]
    if question.kind == K.AGREEMENT:
        index = min(4, max(0, round(rng.gauss((1 - support) * 4, 1.0))))
    else:
        roll = rng.random()
        index = 0 if roll < support else (2 if roll < support + 0.12 else 1)
    return [PollAnswer(question=question, option=options[index])]


def _respondent(rng: random.Random, poll: Poll, number: int, districts: list) -> PollResponse:
    state, district = rng.choice(districts)
    # Younger people and women answer polls like this more often: weighting corrects it.
    return PollResponse(
        poll=poll, state=state, district=district,
        age_band=rng.choices([*AgeBand.values, ""], weights=[34, 28, 22, 10, 6])[0],
        gender=rng.choices([*Gender.values, ""], weights=[58, 37, 2, 3])[0],
        party=rng.choices([*Party.values, ""], weights=[40, 20, 28, 6, 6])[0],
        browser_key=hashlib.sha256(f"demo:{poll.pk}:{number}".encode()).hexdigest(),
    )  # fmt: skip


def _load_responses(poll: Poll, districts: list) -> int:
    rng = random.Random(SEED)
    responses = PollResponse.objects.bulk_create(
        _respondent(rng, poll, number, districts) for number in range(RESPONSES)
    )
    questions = list(poll.questions.order_by("sort_order").prefetch_related("options"))
    answers = []
    for response in responses:
        support = SUPPORT.get(response.party, SUPPORT[""])
        for question in questions:
            for answer in _answer(rng, question, list(question.options.all()), support):
                answer.response = response
                answers.append(answer)
    PollAnswer.objects.bulk_create(answers, batch_size=2000)
    tallies_rebuild(poll=poll)
    return len(responses)


def _alliance_poll(now: datetime.datetime) -> Poll | None:
    alliance = Alliance.objects.filter(slug="new-york").first() or Alliance.objects.first()
    if alliance is None or not alliance.districts.exists():
        return None
    poll = _poll_with_questions(
        ALLIANCE_QUESTIONS,
        title=f"{alliance.name}: a town hall on the ICC?",
        slug=f"{alliance.slug}-town-hall",
        introduction="Our alliance is planning a town hall. Two questions for people in our "
        "districts.",
        alliance=alliance,
        scope=PollScope.DISTRICTS,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=40),
    )
    PollArea.objects.bulk_create(
        PollArea(poll=poll, state=d.state, district=d.number) for d in alliance.districts.all()
    )
    return poll


@transaction.atomic
def polls_demo_load() -> str:
    """Create the demo polls into an installation without polls; returns a one-line summary."""
    if Poll.objects.exists():
        return "Polls: polls already exist, so no demo polls"
    now = timezone.now()
    districts = _districts()
    national = _poll_with_questions(
        NATIONAL_QUESTIONS,
        title="The United States and the International Criminal Court",
        slug="us-and-the-icc",
        introduction="Where do people in each congressional district stand on the "
        "International Criminal Court? Four short questions.",
        opens_at=now - datetime.timedelta(days=45),
        closes_at=now - datetime.timedelta(days=5),
        asks_age=True,
        asks_gender=True,
        asks_party=True,
        weighted=True,
        results_published=True,
    )
    margins = _load_margins(districts)
    responses = _load_responses(national, districts)
    alliance_poll = _alliance_poll(now)
    extra = f" and an open poll of {alliance_poll.alliance.name}" if alliance_poll else ""
    return (
        f"Polls: a national poll with {responses} synthetic responses in {len(districts)} "
        f"districts and published results{extra}; {margins} population margins"
    )
