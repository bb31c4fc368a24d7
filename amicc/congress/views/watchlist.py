"""The public watchlist: the list with its filters, its RSS feed, and a page per item.

All three only read, so the page cache keeps them whole for anonymous visitors; a filter
value that is not one gives 400 with the form's message, which the cache never keeps.
The reads live here rather than in `selectors.py` because nothing else reads them.
"""

import datetime
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django import forms
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from amicc.congress.choices import Position, WatchlistKind, WatchlistStatus
from amicc.congress.models import (
    ActionAlert,
    BillAction,
    Cosponsorship,
    WatchlistEvent,
    WatchlistItem,
)
from amicc.congress.models.bills import congress_name

ITEMS_PER_PAGE = 25
FEED_LENGTH = 30
# What the date an item was introduced, signed or issued is called, by kind.
INTRODUCED_LABELS = {
    WatchlistKind.BILL: _("Introduced"),
    WatchlistKind.RESOLUTION: _("Introduced"),
    WatchlistKind.AMENDMENT: _("Introduced"),
    WatchlistKind.STATUTE: _("Enacted"),
    WatchlistKind.EXECUTIVE_ORDER: _("Signed"),
}
CHAMBERS = {"h": _("House"), "s": _("Senate")}
VOTE_RESULTS = {
    "pass": pgettext_lazy("vote result", "passed"),
    "fail": pgettext_lazy("vote result", "failed"),
}
CONGRESS_INVALID = _("Choose a Congress from the list, or give its number, such as 119.")


def _choice_field(label: str, choices, everything: str, invalid: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", everything), *choices],
        error_messages={"invalid_choice": invalid},
    )


class WatchlistFilterForm(forms.Form):
    """The list's and the feed's filters, from the query string."""

    kind = _choice_field(
        _("Kind"),
        WatchlistKind.choices,
        _("All kinds"),
        _("Choose a kind from the list; “%(value)s” is not one."),
    )
    position = _choice_field(
        _("Coalition position"),
        Position.choices,
        _("Any position"),
        _("Choose a position from the list; “%(value)s” is not one."),
    )
    status = _choice_field(
        _("Status"),
        WatchlistStatus.choices,
        _("Any status"),
        _("Choose a status from the list; “%(value)s” is not one."),
    )
    congress = forms.IntegerField(
        label=_("Congress"),
        required=False,
        min_value=1,
        max_value=999,
        widget=forms.Select,
        error_messages={
            "invalid": CONGRESS_INVALID,
            "min_value": CONGRESS_INVALID,
            "max_value": CONGRESS_INVALID,
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def offer_congresses(self, congresses: list[int]) -> None:
        """Lists these Congresses in the select, and the one asked for; after `is_valid()`."""
        asked = self.cleaned_data.get("congress")
        numbers = sorted({*congresses, *([asked] if asked else [])}, reverse=True)
        self.fields["congress"].widget.choices = [
            ("", _("Every Congress")),
            *((number, congress_name(number)) for number in numbers),
        ]


@dataclass(frozen=True)
class WatchlistFilters:
    kind: str = ""
    position: str = ""
    status: str = ""
    congress: int | None = None

    @classmethod
    def from_form(cls, form: WatchlistFilterForm) -> "WatchlistFilters":
        """The valid values of a checked form (a field with an error filters nothing)."""
        data = form.cleaned_data
        return cls(
            kind=data.get("kind") or "",
            position=data.get("position") or "",
            status=data.get("status") or "",
            congress=data.get("congress"),
        )

    @property
    def active(self) -> bool:
        return any(getattr(self, field.name) for field in fields(self))

    @property
    def query_string(self) -> str:
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        query = urlencode({name: value for name, value in values.items() if value})
        return f"?{query}" if query else ""

    def describe(self) -> str:
        """ "Bills, oppose, 119th Congress", for the feed's title."""
        parts = [
            WatchlistKind(self.kind).label if self.kind else "",
            Position(self.position).label.lower() if self.position else "",
            WatchlistStatus(self.status).label.lower() if self.status else "",
            congress_name(self.congress) if self.congress else "",
        ]
        return ", ".join(str(part) for part in parts if part)


def watchlist_items_for_list(*, filters: WatchlistFilters) -> QuerySet[WatchlistItem]:
    """Published items matching the filters, the latest first; `latest_on` is their latest date.

    Items without any date come last on SQLite and PostgreSQL alike; title and id break
    ties so a page never shows an item twice.
    """
    items = WatchlistItem.objects.published().annotate(
        latest_on=Coalesce("last_action_on", "introduced_on")
    )
    for name in ("kind", "position", "status", "congress"):
        value = getattr(filters, name)
        if value:
            items = items.filter(**{name: value})
    return items.only(
        "slug", "kind", "identifier", "title", "position", "status", "status_note"
    ).order_by(F("latest_on").desc(nulls_last=True), "title", "pk")


def watchlist_congresses() -> list[int]:
    """The Congresses of published items, for the filter's select."""
    published = WatchlistItem.objects.published().exclude(congress=None)
    return list(published.order_by().values_list("congress", flat=True).distinct())


def watchlist_item_for_public_page(*, slug: str) -> WatchlistItem | None:
    """The published item with everything its page shows, in six queries at most.

    `active_cosponsors` counts the linked bill's cosponsors who have not withdrawn.
    """
    cosponsors = (
        Cosponsorship.objects.filter(bill=OuterRef("bill"), withdrawn_at__isnull=True)
        .order_by()
        .values("bill")
        .annotate(count=Count("pk"))
        .values("count")
    )
    related = WatchlistItem.objects.published().only(
        "slug", "kind", "identifier", "title", "position"
    )
    return (
        WatchlistItem.objects.published()
        .filter(slug=slug)
        .select_related("bill__sponsor")
        .annotate(active_cosponsors=Coalesce(Subquery(cosponsors), 0))
        .prefetch_related(
            "links",
            Prefetch(
                "events",
                queryset=WatchlistEvent.objects.order_by("occurred_on", "sort_order", "pk"),
            ),
            Prefetch("related_items", queryset=related.order_by("identifier", "pk")),
            Prefetch(
                "action_alerts",
                queryset=ActionAlert.objects.open().only("slug", "title", "watchlist_item_id"),
            ),
            Prefetch("bill__actions", queryset=BillAction.objects.order_by("position")),
        )
        .first()
    )


@dataclass(frozen=True)
class TimelineStep:
    """A dated step of an item: entered by staff, or an action of the imported bill."""

    day: datetime.date
    text: str
    source_url: str = ""
    from_bill: bool = False
    chamber: str = ""
    vote_result: str = ""
    roll: str = ""
    is_vote: bool = False
    # Within a day: the bill's actions in their order first, then staff's steps in theirs.
    order: tuple[int, int] = (0, 0)

    @property
    def vote_summary(self) -> str:
        """ "Senate vote: failed, roll call 22"."""
        where = CHAMBERS.get(self.chamber)
        result = VOTE_RESULTS.get(self.vote_result, self.vote_result)
        summary = (
            gettext("%(where)s vote") % {"where": where} if where else gettext("Recorded vote")
        )
        if result:
            summary = gettext("%(summary)s: %(result)s") % {"summary": summary, "result": result}
        if self.roll:
            summary = gettext("%(summary)s, roll call %(roll)s") % {
                "summary": summary,
                "roll": self.roll,
            }
        return summary


def watchlist_timeline(item: WatchlistItem) -> list[TimelineStep]:
    """Staff's events and the linked bill's actions, in date order (prefetched: no queries)."""
    steps = [
        TimelineStep(
            day=event.occurred_on,
            text=event.description,
            source_url=event.source_url,
            order=(1, event.sort_order or 0),
        )
        for event in item.events.all()
    ]
    if item.bill is not None:
        steps += [
            TimelineStep(
                day=action.acted_at,
                text=action.text,
                from_bill=True,
                chamber=action.chamber,
                vote_result=action.result,
                roll=action.roll,
                is_vote=action.is_vote,
                order=(0, action.position),
            )
            for action in item.bill.actions.all()
        ]
    return sorted(steps, key=lambda step: (step.day, step.order))


@require_GET
def watchlist(request: HttpRequest) -> HttpResponse:
    form = WatchlistFilterForm(request.GET)
    valid = form.is_valid()
    filters = WatchlistFilters.from_form(form)
    form.offer_congresses(watchlist_congresses())
    items = None
    if valid:
        items = Paginator(watchlist_items_for_list(filters=filters), ITEMS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    context = {
        "form": form,
        "filters": filters,
        "items": items,
        "feed_url": reverse("congress:watchlist_feed") + filters.query_string,
    }
    return render(request, "congress/watchlist/list.html", context, status=200 if valid else 400)


@require_GET
def watchlist_item(request: HttpRequest, slug: str) -> HttpResponse:
    item = watchlist_item_for_public_page(slug=slug)
    if item is None:
        raise Http404("No such item on the watchlist.")
    context = {
        "item": item,
        "timeline": watchlist_timeline(item),
        "introduced_label": INTRODUCED_LABELS.get(item.kind, _("Issued")),
        "congress_label": congress_name(item.congress) if item.congress else "",
    }
    return render(request, "congress/watchlist/item.html", context)


class InvalidWatchlistFilters(Exception):
    def __init__(self, form: WatchlistFilterForm) -> None:
        messages = [
            f"{form[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        ]
        super().__init__(" ".join(messages))


class WatchlistFeed(Feed):
    """RSS of the published items most recently changed, with the list's filters."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidWatchlistFilters as invalid:
            return HttpResponseBadRequest(str(invalid), content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs) -> WatchlistFilters:
        form = WatchlistFilterForm(request.GET)
        if not form.is_valid():
            raise InvalidWatchlistFilters(form)
        return WatchlistFilters.from_form(form)

    def title(self, filters: WatchlistFilters) -> str:
        described = filters.describe()
        if described:
            return gettext("AMICC watchlist: %(filters)s") % {"filters": described}
        return gettext("AMICC watchlist")

    def link(self, filters: WatchlistFilters) -> str:
        return reverse("congress:watchlist") + filters.query_string

    def description(self, filters: WatchlistFilters) -> str:
        return gettext(
            "Bills, executive orders and other US government action on the International "
            "Criminal Court that the coalition follows, and where it stands on them."
        )

    def items(self, filters: WatchlistFilters):
        items = watchlist_items_for_list(filters=filters).defer(None)
        return items.order_by("-updated_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item: WatchlistItem) -> str:
        return str(item)

    def item_description(self, item: WatchlistItem) -> str:
        status = item.get_status_display()
        if item.status_note:
            status = f"{status} ({item.status_note.rstrip('.')})"
        return gettext("Coalition position: %(position)s. Status: %(status)s. %(summary)s") % {
            "position": item.get_position_display(),
            "status": status,
            "summary": item.summary,
        }

    def item_pubdate(self, item: WatchlistItem) -> datetime.datetime:
        return item.updated_at

    def item_categories(self, item: WatchlistItem) -> list[str]:
        return [item.get_kind_display(), item.get_position_display()]


watchlist_feed = WatchlistFeed()
