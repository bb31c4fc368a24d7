"""Topics, news and publications: live pages outside private sections, as the site shows them."""

import datetime
from typing import Literal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from amicc.api.pagination import Pagination
from amicc.api.public.common import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    DateFilter,
    NamedRefOut,
    SearchText,
    SlugFilter,
    absolute,
    id_path,
    search_words,
    slug_path,
)
from amicc.pages.choices import PublicationKind
from amicc.pages.models import NewsPage, PublicationPage, Topic
from amicc.pages.selectors import public, topic_url
from amicc.pages.text import streamfield_text

topics_router = Router(tags=["Topics"])
news_router = Router(tags=["News"])
publications_router = Router(tags=["Publications"])


def _page_url(page, context) -> str | None:
    request = context["request"]
    return absolute(request, page.get_url(request))


class TopicOut(Schema):
    name: str = Field(description="The focus area's name.")
    slug: str = Field(description="Its identifier: filter news and publications with it.")
    description: str = Field(description="What the coalition does in this area.")
    url: str | None = Field(description="Its page on the website; null without a topics page.")

    @staticmethod
    def resolve_url(topic: Topic, context) -> str | None:
        return absolute(context["request"], topic_url(topic.slug))


@topics_router.get(
    "",
    response={200: list[TopicOut], **LIST_ERRORS},
    summary="List topics",
    description="The coalition's focus areas, in the order the website lists them.",
)
@paginate(Pagination)
def topic_list(request: HttpRequest):
    return Topic.objects.order_by("sort_order", "name", "pk")


@topics_router.get(
    "/{slug:slug}",
    response={200: TopicOut, **DETAIL_ERRORS},
    summary="Get a topic",
)
def topic_detail(request: HttpRequest, slug: str = slug_path("The topic's slug.")):
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("No topic has this slug.")
    return topic


class SitePageOut(Schema):
    id: int = Field(description="The page's id.")
    title: str
    date: datetime.date = Field(description="Its date.")
    intro: str = Field(description="One or two sentences shown under the title.")
    topics: list[NamedRefOut] = Field(description="The topics it is filed under.")
    url: str | None = Field(description="Its page on the website.")

    @staticmethod
    def resolve_url(page, context) -> str | None:
        return _page_url(page, context)


class NewsOut(SitePageOut):
    author: str = Field(description="Who wrote it; may be empty.")


class NewsDetailOut(NewsOut):
    body_text: str = Field(description="The text of the item, without markup.")

    @staticmethod
    def resolve_body_text(page: NewsPage) -> str:
        return streamfield_text(page.body)


class PublicationOut(SitePageOut):
    kind: PublicationKind = Field(description="What kind of publication it is.")
    kind_label: str = Field(description="The kind, in words.")
    summary: str = Field(description="What it is about.")

    @staticmethod
    def resolve_kind_label(page: PublicationPage) -> str:
        return page.get_kind_display()


class PublicationDetailOut(PublicationOut):
    body_text: str = Field(description="The text of the page, without markup.")
    document_url: str | None = Field(description="The publication as a PDF, when there is one.")

    @staticmethod
    def resolve_body_text(page: PublicationPage) -> str:
        return streamfield_text(page.body)

    @staticmethod
    def resolve_document_url(page: PublicationPage, context) -> str | None:
        document = page.document
        return absolute(context["request"], document.url) if document else None


class PageFilters(Schema):
    topic: SlugFilter | None = Field(None, description="Only items filed under this topic.")
    date_from: DateFilter | None = Field(None, description="Only items dated on or after.")
    date_to: DateFilter | None = Field(None, description="Only items dated on or before.")
    q: SearchText | None = None
    language: Literal["en", "es"] = Field(
        "en",
        description=(
            "The website's language whose pages are listed: `en` (English) or `es` "
            "(Spanish). A Spanish page not yet translated shows the English text; its `id` "
            "and `url` are its own."
        ),
    )


class PublicationFilters(PageFilters):
    kind: PublicationKind | None = Field(None, description="Only publications of this kind.")


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "name", "pk"))


def _listing(model, filters: PageFilters, text_fields: tuple[str, ...]) -> QuerySet:
    """Live public pages of `model` matching the filters, newest first."""
    pages = public(model.objects.live().filter(locale__language_code=filters.language))
    if filters.topic:
        pages = pages.filter(topics__slug=filters.topic)
    if filters.date_from:
        pages = pages.filter(date__gte=filters.date_from)
    if filters.date_to:
        pages = pages.filter(date__lte=filters.date_to)
    for word in search_words(filters.q):
        match = Q()
        for name in text_fields:
            match |= Q(**{f"{name}__icontains": word})
        pages = pages.filter(match)
    return pages.prefetch_related(_topics()).order_by("-date", "-pk")


def _detail(queryset: QuerySet, page_id: int, noun: str):
    page = public(queryset.live()).filter(pk=page_id).prefetch_related(_topics()).first()
    if page is None:
        raise Http404(f"No published {noun} has this id.")
    return page


@news_router.get(
    "",
    response={200: list[NewsOut], **LIST_ERRORS},
    summary="List news",
    description="Published news items, newest first.",
)
@paginate(Pagination)
def news_list(request: HttpRequest, filters: Query[PageFilters]):
    items = _listing(NewsPage, filters, ("title", "intro", "author"))
    return items.defer_streamfields()


@news_router.get(
    "/{int:news_id}",
    response={200: NewsDetailOut, **DETAIL_ERRORS},
    summary="Get a news item",
)
def news_detail(request: HttpRequest, news_id: int = id_path("The news item's id.")):
    return _detail(NewsPage.objects.all(), news_id, "news item")


@publications_router.get(
    "",
    response={200: list[PublicationOut], **LIST_ERRORS},
    summary="List publications",
    description="Action guides, analyses, reports, fact sheets and statements, newest first.",
)
@paginate(Pagination)
def publication_list(request: HttpRequest, filters: Query[PublicationFilters]):
    items = _listing(PublicationPage, filters, ("title", "intro", "summary"))
    if filters.kind:
        items = items.filter(kind=filters.kind)
    return items.defer_streamfields()


@publications_router.get(
    "/{int:publication_id}",
    response={200: PublicationDetailOut, **DETAIL_ERRORS},
    summary="Get a publication",
)
def publication_detail(
    request: HttpRequest, publication_id: int = id_path("The publication's id.")
):
    return _detail(
        PublicationPage.objects.select_related("document"), publication_id, "publication"
    )
