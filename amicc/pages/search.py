"""Site-wide search over every public page, publications' PDF text included.

Only the pages of the language being served are searched: a Spanish page that is an alias
of an English one carries the English text, and is found by it, under /es/.
"""

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page
from wagtail.search.backends.base import BaseSearchResults

from amicc.core.models import CoalitionDocument
from amicc.core.page_cache import cache_key_for
from amicc.pages import search_sqlite
from amicc.pages.choices import PublicationKind
from amicc.pages.models import NewsPage, PublicationPage, Topic
from amicc.pages.selectors import in_active_locale, public, topic_from_query
from amicc.pages.translation import active_locale_id

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
PASSAGE_LENGTH = 260


@dataclass(frozen=True)
class SearchForm:
    query: str
    kind: str
    topic: Topic | None
    truncated: bool

    @classmethod
    def from_query(cls, params: QueryDict) -> "SearchForm":
        raw = " ".join(params.get("q", "").replace("\x00", " ").split())
        kind = params.get("kind", "")
        return cls(
            query=raw[:MAX_QUERY_LENGTH],
            kind=kind if kind in PublicationKind.values else "",
            topic=topic_from_query(params.get("topic")),
            truncated=len(raw) > MAX_QUERY_LENGTH,
        )


@dataclass(frozen=True)
class SearchHit:
    page: Page
    passage: SafeString


def _candidates(form: SearchForm) -> QuerySet:
    base = PublicationPage.objects.filter(kind=form.kind) if form.kind else Page.objects.all()
    queryset = public(in_active_locale(base.live()))
    if form.topic is not None:
        tagged = [
            *NewsPage.objects.filter(topics=form.topic).values_list("pk", flat=True),
            *PublicationPage.objects.filter(topics=form.topic).values_list("pk", flat=True),
        ]
        queryset = queryset.filter(pk__in=tagged)
    return queryset


# Candidate pages per filter and content generation, kept in each process: a common word
# matches thousands of pages, and a set answers "is it a candidate" faster than the
# database can look each one up.
_candidate_sets: dict[str, frozenset[int]] = {}
CANDIDATE_SETS_KEPT = 16


def candidate_ids(form: SearchForm) -> frozenset[int]:
    topic = form.topic.pk if form.topic else ""
    key = cache_key_for(f"search-candidates:{active_locale_id()}:{form.kind}:{topic}")
    found = _candidate_sets.get(key)
    if found is None:
        if len(_candidate_sets) >= CANDIDATE_SETS_KEPT:
            _candidate_sets.clear()
        found = _candidate_sets[key] = frozenset(_candidates(form).values_list("pk", flat=True))
    return found


def search_terms(query: str) -> str:
    """The words of a query, without the punctuation full-text engines treat as syntax."""
    return " ".join(re.sub(r"[^\w\s]", " ", query).split())


def _ranked(form: SearchForm) -> list[int] | BaseSearchResults:
    """The matching pages, most relevant first: their pks on SQLite, else search results."""
    terms = search_terms(form.query)
    if not terms:
        return []
    if search_sqlite.applies():
        return search_sqlite.ranked_page_ids(candidate_ids(form), terms)
    return _candidates(form).search(terms)


def search_site(form: SearchForm, page_number: str | None) -> tuple[PaginatorPage, list[SearchHit]]:
    page = Paginator(_ranked(form), RESULTS_PER_PAGE).get_page(page_number)
    ids = [result if isinstance(result, int) else result.pk for result in page.object_list]
    specific = {found.pk: found for found in Page.objects.filter(pk__in=ids).specific()}
    _attach_documents(list(specific.values()))
    hits = [
        SearchHit(page=specific[pk], passage=passage(specific[pk], form.query))
        for pk in ids
        if pk in specific
    ]
    return page, hits


def _attach_documents(pages: list[Page]) -> None:
    """Load the attached documents of a page of results in one query, for their passages."""
    wanted = {page.document_id for page in pages if getattr(page, "document_id", None)}
    documents = CoalitionDocument.objects.in_bulk(wanted)
    for page in pages:
        if getattr(page, "document_id", None):
            page.document = documents.get(page.document_id)


def _best_window_start(source: str, pattern: re.Pattern) -> int:
    """Where the window holding the most distinct query words begins (first such, if tied).

    One pass with a sliding window: the matches are in order, so the window that starts at
    each match only ever gains matches on the right as it loses them on the left.
    """
    matches = list(islice(pattern.finditer(source), 200))
    words = [match.group(1).lower() for match in matches]
    best_start, best_score = 0, 0
    in_window: Counter[str] = Counter()
    end = 0
    for first, match in enumerate(matches):
        limit = match.start() + PASSAGE_LENGTH * 2 // 3
        while end < len(matches) and matches[end].start() < limit:
            in_window[words[end]] += 1
            end += 1
        if len(in_window) > best_score:
            best_start, best_score = match.start(), len(in_window)
        in_window[words[first]] -= 1
        if not in_window[words[first]]:
            del in_window[words[first]]
    start = max(0, best_start - PASSAGE_LENGTH // 3)
    return source.find(" ", start) + 1 or start if start else 0


def passage(page: Page, query: str) -> SafeString:
    """The stretch of the page's text where the words of the query cluster, marked."""
    source = getattr(page, "passage_source", lambda: "")() or page.search_description or ""
    source = source.replace("\x01", "").replace("\x02", "")
    terms = [re.escape(word) for word in re.findall(r"\w{2,}", query)]
    if not source:
        return SafeString("")
    if not terms:
        return SafeString(escape(source[:PASSAGE_LENGTH]))
    pattern = re.compile(r"\b(" + "|".join(terms) + r")\w*", re.IGNORECASE)
    start = _best_window_start(source, pattern)
    excerpt = source[start : start + PASSAGE_LENGTH]
    marked = pattern.sub(lambda m: f"\x01{m.group(0)}\x02", excerpt)
    html = escape(marked).replace("\x01", "<mark>").replace("\x02", "</mark>")
    prefix = "… " if start else ""
    suffix = " …" if start + PASSAGE_LENGTH < len(source) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - built from escaped text
