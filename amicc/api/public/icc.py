"""The ICC tracker: states and the Rome Statute, situations before the Court and their cases.

Statuses are worked out for the day asked (today unless `on` is given) from each state's
dated events, in the database, the way `amicc.icc.selectors.states` does.
"""

import datetime

from django.db import models
from django.db.models import Count, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    DateFilter,
    SlugFilter,
    absolute,
    slug_path,
)
from amicc.icc.choices import CaseStatus, CrimeCategory, Instrument, RegionalGroup, StatuteStatus
from amicc.icc.choices import Trigger as TriggerChoice
from amicc.icc.models import Case, Charge, Situation, StatuteState
from amicc.icc.selectors.states import states_parties_count, states_with_status

states_router = Router(tags=["ICC: states and the Rome Statute"])
court_router = Router(tags=["ICC: situations and cases"])

ON_DESCRIPTION = "The day to work statuses out for (YYYY-MM-DD); today when left out."


def _status_on(day: datetime.date) -> models.Case:
    """Each state's `status_on(day)`, as an expression: the same order of precedence."""
    return models.Case(
        When(withdrawal_effective_on__lte=day, then=Value(StatuteStatus.WITHDRAWN.value)),
        When(entry_into_force_on__lte=day, then=Value(StatuteStatus.PARTY.value)),
        When(declared_non_party_on__lte=day, then=Value(StatuteStatus.DECLARED_NON_PARTY.value)),
        When(signed_on__lte=day, then=Value(StatuteStatus.SIGNATORY.value)),
        default=Value(StatuteStatus.NON_PARTY.value),
    )


class StatuteStateOut(Schema):
    iso_code: str = Field(description="ISO 3166-1 alpha-3 code.")
    name: str
    slug: str = Field(description="The state's identifier in URLs.")
    regional_group: RegionalGroup = Field(description="Its UN regional group.")
    status: StatuteStatus = Field(description="Where it stands with the Statute on the day asked.")
    signed_on: datetime.date | None = Field(description="When it signed the Statute.")
    instrument: Instrument | None = Field(
        description="How it consented to be bound: ratification, accession, …"
    )
    deposited_on: datetime.date | None = Field(
        description="When it deposited its instrument of ratification, accession, acceptance "
        "or approval."
    )
    succeeded_on: datetime.date | None = Field(description="For a succession: its date.")
    entry_into_force_on: datetime.date | None = Field(
        description="When the Statute entered into force for it (article 126)."
    )
    declared_non_party_on: datetime.date | None = Field(
        description="When it declared it does not intend to become a party."
    )
    withdrawal_notified_on: datetime.date | None
    withdrawal_effective_on: datetime.date | None = Field(
        description="When its withdrawal took effect (article 127)."
    )
    source_url: str = Field(description="Where the record comes from.")
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_status(state: StatuteState) -> str:
        return state.status_on_day

    @staticmethod
    def resolve_instrument(state: StatuteState) -> str | None:
        return state.instrument or None

    @staticmethod
    def resolve_url(state: StatuteState, context) -> str:
        return absolute(context["request"], state.get_absolute_url())


class SituationRefOut(Schema):
    number: str = Field(description='The Court\'s number, e.g. "ICC-01/04".')
    slug: str
    name: str


class StatuteStateDetailOut(StatuteStateOut):
    notes: str
    situations: list[SituationRefOut] = Field(description="Situations concerning the state.")


class StatesQuery(Schema):
    on: DateFilter | None = Field(None, description=ON_DESCRIPTION)
    regional_group: RegionalGroup | None = Field(None, description="Only this regional group.")


class CountQuery(Schema):
    on: DateFilter | None = Field(None, description=ON_DESCRIPTION)


class AllStatesQuery(StatesQuery):
    status: StatuteStatus | None = Field(None, description="Only states with this status.")


class StatesPartiesCountOut(Schema):
    on: datetime.date = Field(description="The day counted.")
    count: int = Field(description="States parties on that day.")


def _day(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def _states(query: StatesQuery, day: datetime.date) -> QuerySet[StatuteState]:
    states = StatuteState.objects.annotate(status_on_day=_status_on(day))
    if query.regional_group:
        states = states.filter(regional_group=query.regional_group)
    # By slug rather than name: the same order on every database, accents or not.
    return states.order_by("slug", "pk")


@states_router.get(
    "/states-parties",
    response={200: list[StatuteStateOut], **LIST_ERRORS},
    summary="List states parties",
    description="The states the Rome Statute binds on the day asked (in force for them, no "
    "withdrawal in effect), with the dates of their signature, instrument, entry into force "
    "and any withdrawal.",
)
@paginate(Pagination)
def states_parties(request: HttpRequest, query: Query[StatesQuery]):
    day = _day(query.on)
    return _states(query, day).filter(pk__in=StatuteState.objects.parties_on(day).values("pk"))


@states_router.get(
    "/states-parties/count",
    response={200: StatesPartiesCountOut, **LIST_ERRORS},
    summary="Count states parties on a day",
    description="0 before 1 July 2002, when the Statute entered into force.",
)
def states_parties_on(request: HttpRequest, query: Query[CountQuery]):
    day = _day(query.on)
    return {"on": day, "count": states_parties_count(day)}


@states_router.get(
    "/rome-statute/states",
    response={200: list[StatuteStateOut], **LIST_ERRORS},
    summary="List states and the Rome Statute",
    description="Every state on record (states parties, signatories, states that withdrew), "
    "with its status on the day asked.",
)
@paginate(Pagination)
def state_list(request: HttpRequest, query: Query[AllStatesQuery]):
    day = _day(query.on)
    states = _states(query, day)
    if query.status:
        states = states_with_status(states, query.status, on=day)
    return states


@states_router.get(
    "/rome-statute/states/{slug:slug}",
    response={200: StatuteStateDetailOut, **DETAIL_ERRORS},
    summary="Get a state",
    description="A state's record with the Rome Statute, its status today, and the "
    "situations before the Court that concern it.",
)
def state_detail(request: HttpRequest, slug: str = slug_path("The state's slug.")):
    state = (
        StatuteState.objects.annotate(status_on_day=_status_on(timezone.localdate()))
        .filter(slug=slug)
        .first()
    )
    if state is None:
        raise Http404("No state on record has this slug.")
    # A handful of situations: filtered here, as the website does, on every database alike.
    state.situations = [
        situation
        for situation in Situation.objects.only("number", "slug", "name", "country_codes")
        if state.iso_code in situation.country_codes
    ]
    return state


class SituationOut(Schema):
    number: str = Field(description='The Court\'s number, e.g. "ICC-01/04".')
    slug: str = Field(description="The situation's identifier in URLs.")
    name: str
    country_codes: list[str] = Field(description="ISO 3166 alpha-3 codes of the states concerned.")
    trigger: TriggerChoice = Field(description="How it reached the Court (article 13).")
    referred_on: datetime.date | None
    preliminary_examination_opened_on: datetime.date | None
    investigation_opened_on: datetime.date | None
    investigation_closed_on: datetime.date | None
    summary: str
    case_count: int = Field(description="Cases in the situation.")
    source_url: str
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_url(situation: Situation, context) -> str:
        return absolute(context["request"], situation.get_absolute_url())


class CaseRefOut(Schema):
    number: str
    slug: str
    name: str
    status: CaseStatus


class SituationDetailOut(SituationOut):
    cases: list[CaseRefOut]


@court_router.get(
    "/situations",
    response={200: list[SituationOut], **LIST_ERRORS},
    summary="List situations",
    description="Situations before the International Criminal Court, by number.",
)
@paginate(Pagination)
def situation_list(request: HttpRequest):
    return Situation.objects.annotate(case_count=Count("cases")).order_by("number", "pk")


@court_router.get(
    "/situations/{slug:slug}",
    response={200: SituationDetailOut, **DETAIL_ERRORS},
    summary="Get a situation",
)
def situation_detail(request: HttpRequest, slug: str = slug_path("The situation's slug.")):
    situation = (
        Situation.objects.annotate(case_count=Count("cases"))
        .prefetch_related(Prefetch("cases", queryset=Case.objects.order_by("number", "pk")))
        .filter(slug=slug)
        .first()
    )
    if situation is None:
        raise Http404("No situation has this slug.")
    return situation


class CaseOut(Schema):
    number: str = Field(description='The Court\'s number, e.g. "ICC-01/04-01/06".')
    slug: str = Field(description="The case's identifier in URLs.")
    name: str = Field(description='"The Prosecutor v. …".')
    accused: str
    status: CaseStatus
    status_label: str
    situation: SituationRefOut
    warrant_issued_on: datetime.date | None = Field(description="Warrant of arrest or summons.")
    custody_on: datetime.date | None = Field(description="When the accused came into custody.")
    trial_opened_on: datetime.date | None
    verdict_on: datetime.date | None = Field(description="Verdict or end of proceedings.")
    summary: str
    source_url: str
    url: str = Field(description="Its page on the website.")

    @staticmethod
    def resolve_status_label(case: Case) -> str:
        return case.get_status_display()

    @staticmethod
    def resolve_url(case: Case, context) -> str:
        return absolute(context["request"], case.get_absolute_url())


class ChargeOut(Schema):
    category: CrimeCategory
    description: str
    counts: int
    is_gender_based: bool
    is_sexual_violence: bool


class CaseDetailOut(CaseOut):
    charges: list[ChargeOut]


class CasesQuery(Schema):
    situation: SlugFilter | None = Field(None, description="Only cases in this situation.")
    status: CaseStatus | None = Field(None, description="Only cases where they stand so.")


@court_router.get(
    "/cases",
    response={200: list[CaseOut], **LIST_ERRORS},
    summary="List cases",
    description="Cases before the Court, by number.",
)
@paginate(Pagination)
def case_list(request: HttpRequest, query: Query[CasesQuery]):
    cases = Case.objects.select_related("situation").order_by("number", "pk")
    if query.situation:
        cases = cases.filter(situation__slug=query.situation)
    if query.status:
        cases = cases.filter(status=query.status)
    return cases


@court_router.get(
    "/cases/{slug:slug}",
    response={200: CaseDetailOut, **DETAIL_ERRORS},
    summary="Get a case",
    description="A case with the crimes charged.",
)
def case_detail(request: HttpRequest, slug: str = slug_path("The case's slug.")):
    charges = Charge.objects.order_by("sort_order", "pk")
    case = (
        Case.objects.select_related("situation")
        .prefetch_related(Prefetch("charges", queryset=charges))
        .filter(slug=slug)
        .first()
    )
    if case is None:
        raise Http404("No case has this slug.")
    return case
