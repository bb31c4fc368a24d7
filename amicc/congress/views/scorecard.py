from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amicc.coalition.geography import USState
from amicc.congress.choices import Chamber
from amicc.congress.scorecard import ScorecardSort, scorecard_for
from amicc.congress.selectors import current_parties


class ScorecardFilterForm(forms.Form):
    """Which members the scorecard lists and in what order; every field may be left empty."""

    state = forms.ChoiceField(
        required=False,
        choices=[("", "All states"), *USState.choices],
        error_messages={"invalid_choice": "Choose a state from the list; %(value)s is not one."},
    )
    chamber = forms.ChoiceField(
        required=False,
        choices=[("", "Both chambers"), *Chamber.choices],
        error_messages={"invalid_choice": "Choose the Senate or the House; %(value)s is neither."},
    )
    party = forms.ChoiceField(
        required=False,
        error_messages={
            "invalid_choice": "Choose a party from the list; no member serving now is of "
            "the party %(value)s."
        },
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=ScorecardSort.choices,
        error_messages={"invalid_choice": "Sort by state, name or score; not by %(value)s."},
    )

    def __init__(self, *args, parties: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [("", "All parties"), *((p, p) for p in parties)]


@require_GET
def scorecard(request: HttpRequest) -> HttpResponse:
    """The scorecard of every member serving now; a filter that is not in its list is a 400."""
    form = ScorecardFilterForm(request.GET, parties=current_parties())
    if not form.is_valid():
        context = {"form": form, "card": None}
        return render(request, "congress/scorecard/scorecard.html", context, status=400)
    filters = form.cleaned_data
    sort = ScorecardSort(filters["sort"] or ScorecardSort.STATE)
    card = scorecard_for(
        state=filters["state"], chamber=filters["chamber"], party=filters["party"], sort=sort
    )
    context = {
        "form": form,
        "card": card,
        "sort": sort.value,
        "sort_label": sort.label,
        "filtered": any(filters[name] for name in ("state", "chamber", "party")),
    }
    return render(request, "congress/scorecard/scorecard.html", context)
