"""A poll's results page: charts and tables per question, for the country, a state or a district.

Public only once staff publish the results; until then the coalition's staff and the
poll's alliance coordinators (signed in) see a preview and everyone else a 404. The
figures come from `tabulation.poll_results` in a bounded number of queries. A filter
value that is not a state or a district is a 400 with the form's message.
"""

import re
from dataclasses import dataclass

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from amicc.coalition.geography import USState
from amicc.coalition.models import Alliance
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.congress.models import district_label
from amicc.congress.selectors_visits import HOUSE_SEATS
from amicc.polls.charts import BarChart, question_chart
from amicc.polls.models import Poll
from amicc.polls.statistics import Z_95
from amicc.polls.tabulation import Group, QuestionResults, poll_results

DISTRICT_PATTERN = re.compile(r"^(?P<state>[A-Za-z]{2})-(?P<number>\d{1,2})$")


class ResultsFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("The whole country")), *USState.choices],
        error_messages={
            "invalid_choice": gettext_lazy("Choose a state from the list; “%(value)s” is not one.")
        },
    )
    district = forms.CharField(
        label=gettext_lazy("Congressional district"),
        required=False,
        max_length=5,
        help_text=gettext_lazy(
            "A state's code and the district's number, such as NY-12 (0 for at large)."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_district(self) -> tuple[str, int] | None:
        value = self.cleaned_data["district"].strip()
        if not value:
            return None
        match = DISTRICT_PATTERN.match(value)
        state = match["state"].upper() if match else ""
        if not match or state not in USState.values:
            message = _(
                "“%(value)s” is not a district: write a state's code and a number, such as NY-12."
            )
            raise forms.ValidationError(message % {"value": value})
        number, seats = int(match["number"]), HOUSE_SEATS.get(state, 1)
        if (seats == 1 and number != 0) or (seats > 1 and not 1 <= number <= seats):
            valid = _("0 (at large)") if seats == 1 else _("1 to %(seats)s") % {"seats": seats}
            message = _("%(state)s has no district %(number)s; its districts are %(valid)s.")
            values = {"state": USState(state).label, "number": number, "valid": valid}
            raise forms.ValidationError(message % values)
        return state, number

    def clean(self):
        cleaned = super().clean()
        state, district = cleaned.get("state"), cleaned.get("district")
        if state and district and district[0] != state:
            self.add_error(
                "district",
                _("%(district)s is not in %(state)s.")
                % {"district": f"{district[0]}-{district[1]}", "state": USState(state).label},
            )
        return cleaned


@dataclass(frozen=True)
class QuestionSection:
    """A question as the page shows it: the chart and table of the chosen place, the breakdown."""

    question: QuestionResults
    group: Group
    chart: BarChart | None
    breakdown: list[Group]


def _may_preview(request: HttpRequest, poll: Poll) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if user_is_coalition_staff(user):
        return True
    return poll.alliance_id is not None and (
        reachable(Alliance, user).filter(pk=poll.alliance_id).exists()
    )


def _sections(results, *, state: str | None, district: int | None) -> list[QuestionSection]:
    sections = []
    for question in results.questions:
        if district is not None:
            breakdown = []
        elif state:
            breakdown = question.districts
        else:
            breakdown = question.states
        sections.append(
            QuestionSection(question, question.overall, question_chart(question.overall), breakdown)
        )
    return sections


def _place_label(state: str | None, district: int | None) -> str:
    if district is not None:
        return district_label(state, district)
    return USState(state).label if state else _("The whole country")


@require_safe
def results(request: HttpRequest, slug: str) -> HttpResponse:
    poll = get_object_or_404(Poll.objects.select_related("alliance"), slug=slug)
    preview = not poll.results_published
    if preview and not _may_preview(request, poll):
        raise Http404("No published results for this poll.")
    form = ResultsFilterForm(request.GET)
    context = {"poll": poll, "form": form, "preview": preview, "z": Z_95}
    if not form.is_valid():
        return render(request, "polls/results.html", context, status=400)
    state = form.cleaned_data["state"] or None
    district = None
    if form.cleaned_data["district"]:
        state, district = form.cleaned_data["district"]
    data = poll_results(poll=poll, state=state, district=district)
    context.update(
        results=data,
        sections=_sections(data, state=state, district=district),
        place=_place_label(state, district),
        state=state,
        district=district,
        filtered=bool(state),
    )
    response = render(request, "polls/results.html", context)
    if preview:
        response["Cache-Control"] = "private, no-store"
    return response
