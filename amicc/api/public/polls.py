"""Published district poll results: the figures of the results page, never a response.

The figures come from `amicc.polls.tabulation.poll_results`, small groups suppressed as
on the page; a poll whose results staff have not published is a 404 here for everyone.
"""

import datetime

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    NamedRefOut,
    absolute,
    slug_path,
)
from amicc.coalition.geography import USState
from amicc.congress.models import district_label
from amicc.polls.choices import PollScope, QuestionKind
from amicc.polls.models import Poll
from amicc.polls.tabulation import Group, QuestionResults, poll_results
from amicc.polls.views_results import ResultsFilterForm

router = Router(tags=["Poll results"])


class PollOut(Schema):
    title: str
    slug: str = Field(description="The poll's identifier in URLs.")
    introduction: str
    alliance: NamedRefOut | None = Field(description="The alliance that ran it; null for staff.")
    scope: PollScope = Field(description="Who could answer: the whole country or chosen areas.")
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    weighted: bool = Field(description="Whether weighted figures are given beside the raw ones.")
    min_cell_size: int = Field(
        description="Groups with fewer responses than this are not shown (suppressed)."
    )
    url: str = Field(description="The results page on the website.")

    @staticmethod
    def resolve_url(poll: Poll, context) -> str:
        return absolute(context["request"], reverse("polls:results", kwargs={"slug": poll.slug}))


class PollFigureOut(Schema):
    label: str = Field(description="The answer.")
    count: int = Field(description="Respondents who chose it.")
    share: float = Field(description="Its share of those who answered the question, 0 to 1.")
    low: float = Field(description="The 95% Wilson interval's lower bound.")
    high: float = Field(description="The 95% Wilson interval's upper bound.")


class PollWeightedFigureOut(Schema):
    label: str
    share: float
    low: float
    high: float


class PollWeightedOut(Schema):
    figures: list[PollWeightedFigureOut]
    effective_n: float = Field(description="Kish's effective sample size.")
    margin: str = Field(description="The margin of error, in words.")


class PollGroupOut(Schema):
    key: str = Field(description='The place: "" for the country, "NY" or "NY-12".')
    label: str
    suppressed: bool = Field(
        description="True when the group is too small to show, or would let a small group be "
        "worked out from the totals around it."
    )
    responses: int | None = Field(description="Who answered the question; null if suppressed.")
    figures: list[PollFigureOut] = Field(description="Per answer; empty if suppressed.")
    note: str = Field(description="The margin of error, or why the group is not shown.")
    weighted: PollWeightedOut | None


class PollQuestionOut(Schema):
    id: int
    text: str
    kind: QuestionKind
    answers: list[str] = Field(description="The answers offered, in order.")
    results: PollGroupOut = Field(description="The results for the place asked.")
    breakdown: list[PollGroupOut] = Field(
        description="By state for the whole country, by district for a state, none for a district."
    )


class PollResultsOut(Schema):
    poll: PollOut
    place: str = Field(description="The place the results are for, in words.")
    weighted_districts: int = Field(description="Districts weighted to their population.")
    questions: list[PollQuestionOut]


class ResultsQuery(Schema):
    state: USState | None = Field(None, description="Results for one state.")
    district: str | None = Field(
        None,
        max_length=5,
        pattern=r"^[A-Za-z]{2}-[0-9]{1,2}$",
        description="Results for one congressional district, such as NY-12 (0 for at large).",
    )


def _group(group: Group) -> dict:
    shown = not group.suppressed
    weighted = group.weighted if shown else None
    return {
        "key": group.key,
        "label": group.label,
        "suppressed": group.suppressed,
        "responses": group.n if shown else None,
        "figures": [
            {
                "label": figure.label,
                "count": round(figure.count),
                "share": figure.proportion,
                "low": figure.low,
                "high": figure.high,
            }
            for figure in (group.figures if shown else [])
        ],
        "note": group.margin,
        "weighted": weighted
        and {
            "figures": [
                {"label": f.label, "share": f.proportion, "low": f.low, "high": f.high}
                for f in weighted.figures
            ],
            "effective_n": weighted.effective_n,
            "margin": weighted.margin,
        },
    }


def _question(question: QuestionResults, *, state: str | None, district: int | None) -> dict:
    if district is not None:
        breakdown = []
    elif state:
        breakdown = question.districts
    else:
        breakdown = question.states
    return {
        "id": question.pk,
        "text": question.text,
        "kind": question.kind,
        "answers": question.labels,
        "results": _group(question.overall),
        "breakdown": [_group(group) for group in breakdown],
    }


def _place(state: str | None, district: int | None) -> str:
    if district is not None:
        return district_label(state, district)
    return USState(state).label if state else "The whole country"


@router.get(
    "",
    response={200: list[PollOut], **LIST_ERRORS},
    summary="List polls with published results",
    description="District polls whose results the coalition has published, latest first.",
)
@paginate(Pagination)
def poll_list(request: HttpRequest):
    polls = Poll.objects.with_published_results().select_related("alliance")
    return polls.order_by("-closes_at", "-pk")


@router.get(
    "/{slug:slug}",
    response={200: PollResultsOut, **DETAIL_ERRORS},
    summary="Get a poll's results",
    description="Every question's results for the whole country, a state or a district, with "
    "95% intervals and margins of error. Small groups are suppressed as on the website.",
)
def poll_detail(
    request: HttpRequest,
    query: Query[ResultsQuery],
    slug: str = slug_path("The poll's slug."),
):
    poll = (
        Poll.objects.with_published_results().select_related("alliance").filter(slug=slug).first()
    )
    if poll is None:
        raise Http404("No poll with published results has this slug.")
    form = ResultsFilterForm({"state": query.state or "", "district": query.district or ""})
    if not form.is_valid():
        messages = [message for errors in form.errors.values() for message in errors]
        raise HttpError(422, " ".join(messages))
    state = form.cleaned_data["state"] or None
    district = None
    if form.cleaned_data["district"]:
        state, district = form.cleaned_data["district"]
    results = poll_results(poll=poll, state=state, district=district)
    return {
        "poll": poll,
        "place": _place(state, district),
        "weighted_districts": results.weighted_districts,
        "questions": [
            _question(question, state=state, district=district) for question in results.questions
        ],
    }
