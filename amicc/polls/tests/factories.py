"""Factories for district polls, shared by the design, respond and results tests.

Defaults make an open national coalition poll (opened yesterday, closing in a month)
with no questions. `make_poll` builds one with its questions and options in one call:

    make_poll(
        questions=[
            (QuestionKind.SINGLE, "Should the US join the ICC?", ["Yes", "No"]),
            (QuestionKind.AGREEMENT, "The ICC deters atrocities.", []),
            (QuestionKind.TEXT, "Anything else?", []),
        ],
        results_published=True,
    )
"""

import datetime
from collections.abc import Sequence

import factory
from django.utils import timezone

from amicc.polls.choices import AGREEMENT_SCALE, PollScope, QuestionKind
from amicc.polls.models import (
    Poll,
    PollAnswer,
    PollArea,
    PollOption,
    PollQuestion,
    PollResponse,
)


class PollFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"District poll {n}")
    slug = factory.Sequence(lambda n: f"district-poll-{n}")
    introduction = "Tell us what you think."
    scope = PollScope.NATIONAL
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = Poll

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
        )
        demographics = factory.Trait(asks_age=True, asks_gender=True, asks_party=True)


class PollAreaFactory(factory.django.DjangoModelFactory):
    poll = factory.SubFactory(PollFactory)
    state = "NY"
    district = None

    class Meta:
        model = PollArea


class PollQuestionFactory(factory.django.DjangoModelFactory):
    poll = factory.SubFactory(PollFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.SINGLE
    required = True
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = PollQuestion


class PollOptionFactory(factory.django.DjangoModelFactory):
    question = factory.SubFactory(PollQuestionFactory)
    label = factory.Sequence(lambda n: f"Option {n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = PollOption


class PollResponseFactory(factory.django.DjangoModelFactory):
    """A saved response only: answers and tallies are the caller's (or the service's)."""

    poll = factory.SubFactory(PollFactory)
    state = "NY"
    district = 12
    browser_key = factory.Sequence(lambda n: f"{n:064x}")

    class Meta:
        model = PollResponse


class PollAnswerFactory(factory.django.DjangoModelFactory):
    response = factory.SubFactory(PollResponseFactory)
    question = factory.SubFactory(PollQuestionFactory)
    option = None
    text = ""

    class Meta:
        model = PollAnswer


QuestionSpec = tuple[str, str, Sequence[str]]


def make_poll(*, questions: Sequence[QuestionSpec] = (), **poll_fields) -> Poll:
    """A poll with its questions (in order) and their options.

    Each question is `(kind, text, labels)`; agreement questions always get the 5 labels
    of AGREEMENT_SCALE and text questions none, whatever labels are given.
    """
    poll = PollFactory(**poll_fields)
    for position, (kind, text, labels) in enumerate(questions):
        question = PollQuestionFactory(poll=poll, kind=kind, text=text, sort_order=position)
        if kind == QuestionKind.AGREEMENT:
            labels = AGREEMENT_SCALE
        elif kind == QuestionKind.TEXT:
            labels = ()
        for order, label in enumerate(labels):
            PollOptionFactory(question=question, label=label, sort_order=order)
    return poll
