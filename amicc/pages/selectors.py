"""Reads for the public website, each with a fixed number of queries.

Every language has its own page tree, so whatever lists pages lists those of the
language being served (`active_locale_id()`), and never the same page twice.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from wagtail.models import Page, PageViewRestriction

from amicc.core.forms import is_slug
from amicc.core.page_cache import remember
from amicc.pages.choices import PublicationKind
from amicc.pages.translation import active_locale_id


def _model(name: str):
    return apps.get_model("pages", name)


def topics_all() -> list:
    return list(_model("Topic").objects.all())


def topic_from_query(slug: str | None):
    if not is_slug(slug, max_length=120):
        return None
    return _model("Topic").objects.filter(slug=slug).first()


def topic_index_url() -> str | None:
    """The URL of the topics page in the language served, looked up once per content change."""
    locale_id = active_locale_id()

    def compute() -> str:
        index = _model("TopicIndexPage").objects.live().filter(locale_id=locale_id).first()
        return index.url if index else ""

    return remember(f"topic-index-url:{locale_id}", compute) or None


def topic_url(slug: str) -> str:
    base = topic_index_url()
    return f"{base}{slug}/" if base else ""


def first_descendant(path: str, model) -> Page | None:
    """The first live `model` page under the tree path `path`, looked up once per content change.

    Uncached this walks the path index through every page that comes before it, each news
    item included when the library follows the news index: about 4 ms at 10,000 items.
    """
    found = remember(
        f"first-descendant:{path}:{model._meta.label_lower}",
        lambda: (
            model.objects.live()
            .filter(path__startswith=path, depth__gt=len(path) // Page.steplen)
            .order_by("path")
            .first()
            or False
        ),
    )
    return found or None


def view_restrictions_exist() -> bool:
    """Whether any page is private, looked up once per change of content or restrictions."""
    return remember("view-restrictions-exist", PageViewRestriction.objects.exists)


def public(queryset: QuerySet) -> QuerySet:
    """The pages of `queryset` outside private sections; no query while no page is private."""
    return queryset.public() if view_restrictions_exist() else queryset


def in_active_locale(queryset: QuerySet) -> QuerySet:
    """The pages of `queryset` in the language being served."""
    return queryset.filter(locale_id=active_locale_id())


def _listing(queryset: QuerySet) -> QuerySet:
    return public(in_active_locale(queryset.live())).defer_streamfields()


def _filed_under(queryset: QuerySet, topic) -> QuerySet:
    """Items filed under `topic`, tested row by row against the (item, topic) index.

    Unlike a join this leaves SQLite free to walk the date index newest first and stop after
    a page, rather than sorting every item on the topic (4-5 ms for 4,000 items).
    """
    links = queryset.model.topics.through.objects.filter(
        topic=topic, **{queryset.model._meta.model_name: OuterRef("pk")}
    )
    return queryset.filter(Exists(links))


def _newest_first(queryset: QuerySet) -> QuerySet:
    """News or publications by date, newest first, read along the date index.

    Without ANALYZE statistics SQLite answers "children of this index, by date" by reading
    every page row and sorting (20-40 ms at 10,000 items, the StreamField bodies making
    each row long); the always-true range on the indexed date makes it walk the date
    index instead and stop after one page of results.
    """
    return queryset.filter(date__lte=datetime.date.max).order_by("-date", "-pk")


class CountedListing:
    """A listing for the paginator whose length is counted once per content change.

    The paginator counts on every page view; at 10,000 items the count reads a row for
    each item (4-10 ms) while fetching the page of items shown takes about a millisecond.
    """

    def __init__(self, queryset: QuerySet, name: str):
        self.queryset = queryset
        self.name = f"listing-count:{name}"

    def count(self) -> int:
        return remember(self.name, self.queryset.count)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return self.queryset[index]


def news_for_listing(*, index: Page, topic=None) -> CountedListing:
    queryset = _listing(_model("NewsPage").objects.child_of(index))
    if topic is not None:
        queryset = _filed_under(queryset, topic)
    name = f"news:{index.pk}:{topic.pk if topic else ''}"
    return CountedListing(_newest_first(queryset), name)


def news_latest(*, site_root: Page, limit: int) -> list:
    queryset = _listing(_model("NewsPage").objects.descendant_of(site_root))
    return list(_newest_first(queryset)[:limit])


def news_for_topic(*, topic, limit: int) -> list:
    queryset = _filed_under(_listing(_model("NewsPage").objects.all()), topic)
    return list(_newest_first(queryset)[:limit])


def publications_for_topic(*, topic, limit: int) -> list:
    queryset = _filed_under(_listing(_model("PublicationPage").objects.all()), topic)
    return list(_newest_first(queryset)[:limit])


def publications_featured(*, home: Page) -> list:
    """The home page's featured publications, in the language being served.

    A Spanish home page that is an alias of the English one lists the English
    publications; each is shown in its version in the language served.
    """
    translation_keys = list(
        home.featured_publications.order_by("sort_order").values_list(
            "publication__translation_key", flat=True
        )
    )
    found = _listing(_model("PublicationPage").objects.filter(translation_key__in=translation_keys))
    by_key = {page.translation_key: page for page in found}
    return [by_key[key] for key in translation_keys if key in by_key]


@dataclass(frozen=True)
class LibraryFilters:
    kind: str = ""
    topic: object = None
    year: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "LibraryFilters":
        kind = query.get("kind", "")
        year_raw = query.get("year", "")
        # isdigit() alone accepts "²" and digit strings too long for int().
        four_digits = len(year_raw) == 4 and year_raw.isascii() and year_raw.isdigit()
        year = int(year_raw) if four_digits and 1900 < int(year_raw) < 2200 else None
        return cls(
            kind=kind if kind in PublicationKind.values else "",
            topic=topic_from_query(query.get("topic")),
            year=year,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.topic or self.year)


def publications_for_listing(*, index: Page, filters: LibraryFilters) -> CountedListing:
    queryset = _listing(_model("PublicationPage").objects.child_of(index))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.topic is not None:
        queryset = _filed_under(queryset, filters.topic)
    if filters.year:
        queryset = queryset.filter(date__year=filters.year)
    topic = filters.topic.pk if filters.topic else ""
    name = f"publications:{index.pk}:{filters.kind}:{topic}:{filters.year or ''}"
    return CountedListing(_newest_first(queryset), name)


def publication_years(*, index: Page) -> list[int]:
    def compute() -> list[int]:
        dates = _model("PublicationPage").objects.child_of(index).live().dates("date", "year")
        return sorted({d.year for d in dates}, reverse=True)

    return remember(f"publication-years:{index.pk}", compute)
