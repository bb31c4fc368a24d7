from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from amicc.pages import selectors
from amicc.pages.blocks import BodyBlock
from amicc.pages.choices import PublicationKind
from amicc.pages.text import streamfield_text

LISTING_PAGE_SIZE = 12


def paginate(request: HttpRequest, queryset, per_page: int = LISTING_PAGE_SIZE):
    """One page of `queryset`; a page number out of range or malformed gives the nearest page."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


class Topic(index.Indexed, models.Model):
    """One of the coalition's focus areas; news and publications are filed under topics."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return selectors.topic_url(self.slug)


class SitePage(Page):
    """What every public page shares: a short introduction and a text for search passages."""

    intro = models.TextField(blank=True, help_text=_("One or two sentences shown under the title."))

    class Meta:
        abstract = True

    def passage_source(self) -> str:
        return self.intro

    def get_view_restrictions(self):
        # Wagtail checks restrictions on every page view with two queries; skip them while
        # no page on the site is private.
        if not selectors.view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def description_for_sharing(self) -> str:
        return self.search_description or self.intro


class HomePage(SitePage):
    hero_heading = models.CharField(max_length=200)
    hero_text = models.TextField(blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = SitePage.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        InlinePanel("featured_publications", label=_("Featured publications"), max_num=6),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.StandardPage",
        "pages.NewsIndexPage",
        "pages.PublicationIndexPage",
        "pages.TopicIndexPage",
    ]
    max_count = 1

    def passage_source(self) -> str:
        return f"{self.hero_text} {self.intro} {streamfield_text(self.body)}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = selectors.news_latest(site_root=self, limit=4)
        context["featured_publications"] = selectors.publications_featured(home=self)
        context["news_index"] = selectors.first_descendant(self.path, NewsIndexPage)
        context["library"] = selectors.first_descendant(self.path, PublicationIndexPage)
        return context


class HomePageFeaturedPublication(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_publications")
    publication = models.ForeignKey(
        "pages.PublicationPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("publication")]


class StandardPage(SitePage):
    body = StreamField(BodyBlock(), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    def passage_source(self) -> str:
        return f"{self.intro} {streamfield_text(self.body)}"


class NewsIndexPage(SitePage):
    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = selectors.topic_from_query(request.GET.get("topic"))
        context["topic"] = topic
        context["topics"] = selectors.topics_all()
        context["items"] = paginate(request, selectors.news_for_listing(index=self, topic=topic))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(SitePage):
    date = models.DateField(_("news date"), default=timezone.localdate, db_index=True)
    author = models.CharField(max_length=200, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock())
    topics = ParentalManyToManyField("pages.Topic", blank=True, related_name="news")
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = SitePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("author"), FieldPanel("topics"), FieldPanel("tags")],
            heading=_("About this item"),
        ),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["-date"]

    def passage_source(self) -> str:
        return f"{self.intro} {streamfield_text(self.body)}"


class PublicationIndexPage(SitePage):
    """The library: every publication, filterable by kind, topic and year."""

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.PublicationPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = selectors.LibraryFilters.from_query(request.GET)
        context["filters"] = filters
        context["kinds"] = PublicationKind.choices
        context["topics"] = selectors.topics_all()
        context["years"] = selectors.publication_years(index=self)
        context["items"] = paginate(
            request, selectors.publications_for_listing(index=self, filters=filters)
        )
        return context


class PublicationPage(SitePage):
    kind = models.CharField(max_length=20, choices=PublicationKind.choices, db_index=True)
    date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    summary = models.TextField()
    body = StreamField(BodyBlock(), blank=True)
    document = models.ForeignKey(
        "core.CoalitionDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The publication as a PDF; its text becomes searchable."),
    )
    topics = ParentalManyToManyField("pages.Topic", blank=True, related_name="publications")

    content_panels = SitePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("topics")],
            heading=_("About this publication"),
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("attachment_text"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["pages.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        ordering = ["-date"]

    def attachment_text(self) -> str:
        document = self.document if self.document_id else None
        return document.extracted_text if document else ""

    def passage_source(self) -> str:
        return f"{self.summary} {streamfield_text(self.body)} {self.attachment_text()}"

    @property
    def description_for_sharing(self) -> str:
        return self.search_description or self.summary


class TopicIndexPage(RoutablePageMixin, SitePage):
    """Lists the focus areas at its own URL and serves one page per topic beneath it."""

    content_panels = SitePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    @path("")
    def topic_list(self, request):
        return self.render(request, context_overrides={"topics": selectors.topics_all()})

    @path("<slug:slug>/")
    def topic_detail(self, request, slug: str):
        topic = get_object_or_404(Topic, slug=slug)
        site_root_path = self.path[: -self.steplen]
        return self.render(
            request,
            template="pages/topic_detail.html",
            context_overrides={
                "topic": topic,
                "news_items": selectors.news_for_topic(topic=topic, limit=10),
                "publications": selectors.publications_for_topic(topic=topic, limit=10),
                "news_index": selectors.first_descendant(site_root_path, NewsIndexPage),
                "library": selectors.first_descendant(site_root_path, PublicationIndexPage),
            },
        )
