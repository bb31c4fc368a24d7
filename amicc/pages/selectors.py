"""Reads for the public website, each with a fixed number of queries."""

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import QueryDict
from wagtail.models import Page

from amicc.core.page_cache import cache_key_for
from amicc.pages.choices import PublicationKind


def _model(name: str):
    return apps.get_model("pages", name)


def topics_all() -> list:
    return list(_model("Topic").objects.all())


def topic_from_query(slug: str | None):
    if not slug:
        return None
    return _model("Topic").objects.filter(slug=slug[:120]).first()


def topic_index_url() -> str | None:
    """The URL of the topics page, looked up once per content change."""
    key = cache_key_for("topic-index-url")
    url = cache.get(key)
    if url is None:
        index = _model("TopicIndexPage").objects.live().first()
        url = index.url if index else ""
        cache.set(key, url, 3600)
    return url or None


def topic_url(slug: str) -> str:
    base = topic_index_url()
    return f"{base}{slug}/" if base else ""


def first_descendant(page: Page, model) -> Page | None:
    return model.objects.live().descendant_of(page).order_by("path").first()


def _listing(queryset: QuerySet) -> QuerySet:
    return queryset.live().public().defer_streamfields()


def news_for_listing(*, index: Page, topic=None) -> QuerySet:
    queryset = _listing(_model("NewsPage").objects.child_of(index))
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    return queryset.order_by("-date", "-pk")


def news_latest(*, site_root: Page, limit: int) -> list:
    queryset = _listing(_model("NewsPage").objects.descendant_of(site_root))
    return list(queryset.order_by("-date", "-pk")[:limit])


def news_for_topic(*, topic, limit: int) -> list:
    return list(_listing(_model("NewsPage").objects.filter(topics=topic)).order_by("-date")[:limit])


def publications_for_topic(*, topic, limit: int) -> list:
    queryset = _listing(_model("PublicationPage").objects.filter(topics=topic))
    return list(queryset.order_by("-date")[:limit])


def publications_featured(*, home: Page) -> list:
    publication_ids = list(
        home.featured_publications.order_by("sort_order").values_list("publication_id", flat=True)
    )
    found = _listing(_model("PublicationPage").objects.filter(pk__in=publication_ids))
    by_id = {page.pk: page for page in found}
    return [by_id[pk] for pk in publication_ids if pk in by_id]


@dataclass(frozen=True)
class LibraryFilters:
    kind: str = ""
    topic: object = None
    year: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> "LibraryFilters":
        kind = query.get("kind", "")
        year_raw = query.get("year", "")
        year = int(year_raw) if year_raw.isdigit() and 1900 < int(year_raw) < 2200 else None
        return cls(
            kind=kind if kind in PublicationKind.values else "",
            topic=topic_from_query(query.get("topic")),
            year=year,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.topic or self.year)


def publications_for_listing(*, index: Page, filters: LibraryFilters) -> QuerySet:
    queryset = _listing(_model("PublicationPage").objects.child_of(index))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.topic is not None:
        queryset = queryset.filter(topics=filters.topic)
    if filters.year:
        queryset = queryset.filter(date__year=filters.year)
    return queryset.order_by("-date", "-pk")


def publication_years(*, index: Page) -> list[int]:
    key = cache_key_for(f"publication-years:{index.pk}")
    years = cache.get(key)
    if years is None:
        dates = _model("PublicationPage").objects.child_of(index).live().dates("date", "year")
        years = sorted({d.year for d in dates}, reverse=True)
        cache.set(key, years, 3600)
    return years
