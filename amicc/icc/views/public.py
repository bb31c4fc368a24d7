"""The ICC tracker's public pages: states and the Rome Statute, situations and cases, and
the sessions of the Assembly of States Parties.

Every page only reads, so the page cache keeps it whole for anonymous visitors until the
next data load retires it. Statuses are worked out for today with `status_on`, from one
read of every state, so no page makes a query per state. A filter value that is not in
its list is a 400 with the form's message.
"""

import csv
import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from amicc.icc import worldmap
from amicc.icc.charts import timeline_chart
from amicc.icc.choices import CrimeCategory, RegionalGroup, StatuteStatus
from amicc.icc.models import AspSession, Case, DelegationCall, Situation, StatuteState
from amicc.icc.selectors.states import (
    StatuteRow,
    data_as_of,
    parties_by_regional_group,
    ratifications_by_year,
    statute_table,
)
from amicc.icc.services.delegation import call_is_open, delegation_summary

DOWNLOAD_COLUMNS = (
    "iso_code",
    "name",
    "regional_group",
    "signed_on",
    "instrument",
    "deposited_on",
    "entry_into_force_on",
    "declared_non_party_on",
    "withdrawal_notified_on",
    "withdrawal_effective_on",
    "status",
)
DATE_COLUMNS = {name for name in DOWNLOAD_COLUMNS if name.endswith("_on")}
# The map changes only with the data or the day; its URL carries a digest of what it shows.
MAP_MAX_AGE = 24 * 60 * 60
MONTHS = (
    pgettext_lazy("abbrev. month", "Jan"),
    pgettext_lazy("abbrev. month", "Feb"),
    pgettext_lazy("abbrev. month", "Mar"),
    pgettext_lazy("abbrev. month", "Apr"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "Jun"),
    pgettext_lazy("abbrev. month", "Jul"),
    pgettext_lazy("abbrev. month", "Aug"),
    pgettext_lazy("abbrev. month", "Sep"),
    pgettext_lazy("abbrev. month", "Oct"),
    pgettext_lazy("abbrev. month", "Nov"),
    pgettext_lazy("abbrev. month", "Dec"),
)


def _short_date(day: datetime.date | None) -> str:
    # The table shows some 600 dates: the `date` filter would take most of its render time.
    if not day:
        return ""
    values = {"month": MONTHS[day.month - 1], "day": day.day, "year": day.year}
    return _("%(month)s %(day)s, %(year)s") % values


@dataclass(frozen=True)
class StateRow:
    """A row of the table of states, with its dates as the table shows them."""

    state: StatuteState
    status: StatuteStatus

    @property
    def signed(self) -> str:
        return _short_date(self.state.signed_on)

    @property
    def deposited(self) -> str:
        return _short_date(self.state.deposited_on)

    @property
    def in_force(self) -> str:
        return _short_date(self.state.entry_into_force_on)

    @property
    def withdrawal_notified(self) -> str:
        return _short_date(self.state.withdrawal_notified_on)

    @property
    def withdrawal_effective(self) -> str:
        return _short_date(self.state.withdrawal_effective_on)


def _map_states(rows: list[StatuteRow]) -> list[worldmap.MapState]:
    return [worldmap.MapState(row.state.iso_code, row.state.name, row.status) for row in rows]


def _map_title(today: datetime.date) -> str:
    day = date_format(today, _("F j, Y"))
    return _("States and the Rome Statute on %(date)s") % {"date": day}


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = statute_table(today)
    by_status = Counter(row.status for row in rows)
    timeline = ratifications_by_year(until=today)
    context = {
        "today": today,
        "as_of": data_as_of(),
        "parties_count": by_status[StatuteStatus.PARTY],
        "timeline": timeline,
        "timeline_chart": timeline_chart(timeline),
        "statuses": [
            (status, worldmap.STATUS_FILLS[status], by_status[status]) for status in StatuteStatus
        ],
        "by_group": parties_by_regional_group(today),
        "map_version": worldmap.statute_map_version(_map_states(rows)),
        "map_width": worldmap.WIDTH,
        "map_height": worldmap.HEIGHT,
    }
    return render(request, "icc/overview.html", context)


@require_safe
@cache_control(max_age=MAP_MAX_AGE)
def states_map(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    svg = worldmap.statute_map_svg(_map_states(statute_table(today)), title=_map_title(today))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


class StatesFilterForm(forms.Form):
    """The filters of the table of states and of its downloads; both may be left empty."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status today"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *StatuteStatus.choices],
        error_messages={
            "invalid_choice": gettext_lazy("Choose a status from the list; “%(value)s” is not one.")
        },
    )
    group = forms.ChoiceField(
        label=gettext_lazy("Regional group"),
        required=False,
        choices=[("", gettext_lazy("All regional groups")), *RegionalGroup.choices],
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose a regional group from the list; “%(value)s” is not one."
            )
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def error_text(self) -> str:
        return " ".join(
            f"{self[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()
        )


def _filtered_rows(form: StatesFilterForm, today: datetime.date) -> list[StateRow]:
    status = form.cleaned_data["status"]
    return [
        StateRow(row.state, row.status)
        for row in statute_table(today, regional_group=form.cleaned_data["group"])
        if not status or row.status == status
    ]


@require_safe
def states(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StatesFilterForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "rows": None, "today": today}
        return render(request, "icc/states.html", context, status=400)
    rows = _filtered_rows(form, today)
    context = {
        "form": form,
        "rows": rows,
        "today": today,
        "as_of": data_as_of(),
        "filtered": any(form.cleaned_data.values()),
        "query": urlencode({name: value for name, value in form.cleaned_data.items() if value}),
        # One reverse() for the table rather than one per state.
        "state_url_prefix": reverse("icc:state", args=["-"]).removesuffix("-/"),
    }
    return render(request, "icc/states.html", context)


def _download_record(row: StateRow) -> dict[str, str | None]:
    state = row.state
    record = {name: getattr(state, name, None) for name in DOWNLOAD_COLUMNS}
    for name in DATE_COLUMNS:
        record[name] = record[name].isoformat() if record[name] else None
    record["instrument"] = state.instrument or None
    record["status"] = row.status.value
    return record


def _download_filename(today: datetime.date, extension: str) -> str:
    return f'attachment; filename="rome-statute-states-{today.isoformat()}.{extension}"'


@require_safe
def states_csv(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StatesFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.error_text(), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _download_filename(today, "csv")
    writer = csv.DictWriter(response, fieldnames=DOWNLOAD_COLUMNS)
    writer.writeheader()
    for row in _filtered_rows(form, today):
        writer.writerow(_download_record(row))
    return response


@require_safe
def states_json(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = StatesFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    rows = _filtered_rows(form, today)
    as_of = data_as_of()
    payload = {
        "as_of": as_of.isoformat() if as_of else None,
        "status_on": today.isoformat(),
        "count": len(rows),
        "states_parties": sum(row.status == StatuteStatus.PARTY for row in rows),
        "columns": list(DOWNLOAD_COLUMNS),
        "regional_groups": dict(RegionalGroup.choices),
        "statuses": dict(StatuteStatus.choices),
        "states": [_download_record(row) for row in rows],
    }
    response = JsonResponse(payload)
    response["Content-Disposition"] = _download_filename(today, "json")
    return response


@require_safe
def state(request: HttpRequest, slug: str) -> HttpResponse:
    statute_state = get_object_or_404(StatuteState, slug=slug)
    situations = [
        situation
        for situation in Situation.objects.only("number", "slug", "name", "country_codes")
        if statute_state.iso_code in situation.country_codes
    ]
    context = {
        "state": statute_state,
        "status": statute_state.status_on(timezone.localdate()),
        "situations": situations,
    }
    return render(request, "icc/state.html", context)


@require_safe
def situations(request: HttpRequest) -> HttpResponse:
    listed = Situation.objects.annotate(case_count=Count("cases")).order_by("number")
    return render(request, "icc/situations.html", {"situations": listed})


@require_safe
def situation(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Situation, slug=slug)
    context = {"situation": found, "cases": found.cases.order_by("number")}
    return render(request, "icc/situation.html", context)


@dataclass(frozen=True)
class ChargeGroup:
    category: str
    charges: list


@require_safe
def case(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Case.objects.select_related("situation"), slug=slug)
    charges = list(found.charges.all())
    groups = [
        ChargeGroup(label, [charge for charge in charges if charge.category == value])
        for value, label in CrimeCategory.choices
    ]
    context = {
        "case": found,
        "charge_groups": [group for group in groups if group.charges],
    }
    return render(request, "icc/case.html", context)


def _report_is_published(call: DelegationCall | None) -> bool:
    return call is not None and call.report_published_at is not None


@require_safe
def asp_sessions(request: HttpRequest) -> HttpResponse:
    sessions = AspSession.objects.select_related("delegation_call").order_by("-number")
    rows = [
        (session, _report_is_published(getattr(session, "delegation_call", None)))
        for session in sessions
    ]
    return render(request, "icc/asp_sessions.html", {"rows": rows})


@require_safe
def asp_session(request: HttpRequest, number: int) -> HttpResponse:
    """The session, and of its delegation only how many were accepted and the report."""
    session = get_object_or_404(AspSession, number=number)
    delegation = delegation_summary(session=session)
    context = {
        "session": session,
        "elections": [
            (election, election.elected.splitlines()) for election in session.elections.all()
        ],
        "delegation": delegation,
        "call_is_open": delegation is not None and call_is_open(delegation.call),
        "report_is_published": delegation is not None and _report_is_published(delegation.call),
    }
    return render(request, "icc/asp_session.html", context)
