import datetime

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from amicc.congress.models import Legislator, StanceAssessment, StanceEvidence, Term
from amicc.congress.scorecard import member_scorecard
from amicc.congress.selectors_visits import office_visit_totals
from amicc.core.forms import is_slug
from amicc.core.page_cache import remember


def _in_order(terms: list[Term]) -> list[Term]:
    # An undated term (from the CSV layout) can only be the current one: it goes last.
    return sorted(terms, key=lambda term: (term.start is None, term.start or datetime.date.min))


def _published_stance(member: Legislator) -> StanceAssessment | None:
    return (
        StanceAssessment.objects.filter(legislator=member, is_published=True)
        .prefetch_related(
            Prefetch(
                "evidence",
                StanceEvidence.objects.select_related("watchlist_item").order_by(
                    "-occurred_on", "sort_order"
                ),
            )
        )
        .first()
    )


@require_GET
def legislator_detail(request: HttpRequest, bioguide_id: str) -> HttpResponse:
    """A member of Congress, serving or former: offices, record on the watchlist, score."""
    member = None
    if is_slug(bioguide_id, max_length=10):
        members = Legislator.objects.select_related("current_term")
        member = members.filter(bioguide_id=bioguide_id).first()
    if member is None:
        raise Http404("No member of Congress has this Bioguide id.")
    terms = _in_order(list(member.terms.all()))
    context = {
        "member": member,
        "term": member.current_term,
        "terms": terms,
        "last_term": terms[-1] if terms else None,
        "offices": list(member.district_offices.all()) if member.is_current else [],
        # The record is the costly part (a line per vote); it is kept per content generation
        # and language.
        "record": remember(
            f"legislator-record:{get_language()}:{member.pk}",
            lambda: render_to_string(
                "congress/legislators/_record.html",
                {"member": member, "card": member_scorecard(member)},
            ),
        ),
        "visits": office_visit_totals(member, timezone.localdate()),
        "stance": _published_stance(member),
    }
    return render(request, "congress/legislators/detail.html", context)
