from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from amicc.coalition.geography import USState
from amicc.congress.choices import Chamber
from amicc.congress.scorecard import ScorecardSort, scorecard_for
from amicc.congress.selectors import current_parties
from amicc.core.page_cache import remember


class ScorecardFilterForm(forms.Form):
    """Which members the scorecard lists and in what order; every field may be left empty."""

    state = forms.ChoiceField(
        required=False,
        choices=[("", _("All states")), *USState.choices],
        error_messages={"invalid_choice": _("Choose a state from the list; %(value)s is not one.")},
    )
    chamber = forms.ChoiceField(
        required=False,
        choices=[("", _("Both chambers")), *Chamber.choices],
        error_messages={
            "invalid_choice": _("Choose the Senate or the House; %(value)s is neither.")
        },
    )
    party = forms.ChoiceField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose a party from the list; no member serving now is of the party %(value)s."
            )
        },
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=ScorecardSort.choices,
        error_messages={"invalid_choice": _("Sort by state, name or score; not by %(value)s.")},
    )

    def __init__(self, *args, parties: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", _("All parties")), *((p, p) for p in parties)]


@require_GET
def scorecard(request: HttpRequest) -> HttpResponse:
    """The scorecard of every member serving now; a filter that is not in its list is a 400."""
    form = ScorecardFilterForm(request.GET, parties=current_parties())
    if not form.is_valid():
        context = {"form": form, "card": None}
        return render(request, "congress/scorecard/scorecard.html", context, status=400)
    filters = form.cleaned_data
    sort = ScorecardSort(filters["sort"] or ScorecardSort.STATE)
    chosen = (filters["state"], filters["chamber"], filters["party"], sort.value)
    # Scoring every member is the costly part: it is done once per content generation (any
    # import, or a change to the watchlist, weights or stances, starts a new one), per
    # language, as the table's words and links are in the visitor's.
    key = f"scorecard:{get_language()}:{':'.join(chosen)}"
    table = remember(key, lambda: _scores_html(*chosen))
    context = {"form": form, "table": table, "filtered": any(chosen[:3])}
    return render(request, "congress/scorecard/scorecard.html", context)


def _scores_html(state: str, chamber: str, party: str, sort: str) -> str:
    card = scorecard_for(state=state, chamber=chamber, party=party, sort=ScorecardSort(sort))
    context = {
        "card": card,
        "sort": sort,
        "sort_label": ScorecardSort(sort).label,
        "filtered": bool(state or chamber or party),
        # One reverse() for the whole table rather than one per member.
        "member_url_prefix": reverse("congress:legislator", args=["-"]).removesuffix("-/"),
    }
    return render_to_string("congress/scorecard/_scores.html", context)
