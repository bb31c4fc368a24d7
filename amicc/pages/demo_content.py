"""Load the demo site: a home page and its sections, topics, sample news and publications.

Running it again changes nothing that exists, so `amicc demo` can be run as often as one
likes without duplicating pages or undoing what an editor changed: pages, topics and
documents are found by slug or title and only the missing ones are created. The default
site is pointed at the home page, and its settings are filled in while they are still at
their defaults.
"""

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from amicc.core.models import CoalitionDocument, SiteSettings
from amicc.core.pdf import pdf_build
from amicc.pages import demo_articles, demo_text
from amicc.pages.models import (
    HomePage,
    HomePageFeaturedPublication,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    Topic,
    TopicIndexPage,
)
from amicc.pages.translation import locale_trees_sync


@dataclass(frozen=True)
class DemoSummary:
    pages: int
    topics: int
    news_items: int
    publications: int
    documents: int
    created: int
    updated: int

    def __str__(self) -> str:
        return (
            f"{_count(self.pages, 'page')}, {_count(self.topics, 'topic')}, "
            f"{_count(self.news_items, 'news item')}, "
            f"{_count(self.publications, 'publication')}, "
            f"{_count(self.documents, 'document')} "
            f"(created {self.created}, updated {self.updated})"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@transaction.atomic
def demo_content_load() -> DemoSummary:
    """Create whatever part of the demo site is missing; returns what the site now holds.

    The action guide's PDF text is extracted, and the guide reindexed, once the
    transaction commits (see `amicc.core.signals`). The summary counts the English pages.
    """
    loader = _DemoLoader()
    home = loader.load()
    # Created outside the admin, the pages get their Spanish aliases here.
    locale_trees_sync()
    return DemoSummary(
        pages=Page.objects.descendant_of(home, inclusive=True).count(),
        topics=Topic.objects.count(),
        news_items=NewsPage.objects.descendant_of(home).count(),
        publications=PublicationPage.objects.descendant_of(home).count(),
        documents=CoalitionDocument.objects.count(),
        created=loader.created,
        updated=loader.updated,
    )


class _DemoLoader:
    """Builds the demo content once, counting what it creates and what it changes."""

    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def load(self) -> HomePage:
        topics = {topic.slug: topic for topic in self._topics()}
        home, home_is_new = self._home()
        site = self._default_site(home)
        self._site_settings(site)
        self._section_pages(home, demo_text.SECTION_PAGES_BEFORE_INDEXES)
        news_index, library = self._index_pages(home)
        self._section_pages(home, demo_text.SECTION_PAGES_AFTER_INDEXES)
        for spec in demo_articles.NEWS:
            self._news(news_index, spec, topics)
        featured = []
        for spec in demo_articles.PUBLICATIONS:
            publication = self._publication(library, spec, topics)
            if spec["featured"]:
                featured.append(publication)
        if home_is_new:
            self._feature(home, featured)
        return home

    def _topics(self) -> list[Topic]:
        found = []
        for sort_order, spec in enumerate(demo_text.TOPICS):
            topic = Topic.objects.filter(slug=spec["slug"]).first()
            if topic is None:
                topic = Topic(sort_order=sort_order, **spec)
                topic.full_clean()
                topic.save()
                self.created += 1
            found.append(topic)
        return found

    def _home(self) -> tuple[HomePage, bool]:
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is not None:
            return home, False
        root = Page.get_first_root_node()
        _remove_welcome_page(root)
        return self._publish_child(root, HomePage(**copy.deepcopy(demo_text.HOME))), True

    def _default_site(self, home: HomePage) -> Site:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
            self.created += 1
        elif site.root_page_id == home.pk:
            return site
        else:
            self.updated += 1
        site.root_page = home
        site.site_name = site.site_name or "AMICC"
        site.full_clean()
        site.save()
        return site

    def _site_settings(self, site: Site) -> None:
        """Fill in the settings unless staff have already changed any of them."""
        settings = SiteSettings.objects.filter(site=site).first()
        if settings is not None and not _settings_untouched(settings):
            return
        if settings is None:
            settings = SiteSettings(site=site)
            self.created += 1
        else:
            self.updated += 1
        for name, value in demo_text.SITE_SETTINGS.items():
            setattr(settings, name, value)
        settings.full_clean()
        settings.save()

    def _section_pages(self, home: HomePage, specs: list[dict[str, Any]]) -> None:
        for spec in specs:
            self._child(home, StandardPage, spec)

    def _index_pages(self, home: HomePage) -> tuple[NewsIndexPage, PublicationIndexPage]:
        texts = demo_text.INDEX_PAGES
        menu = {"show_in_menus": True}
        news_index = self._child(home, NewsIndexPage, {"slug": "news", **menu, **texts["news"]})
        library = self._child(
            home, PublicationIndexPage, {"slug": "publications", **menu, **texts["publications"]}
        )
        self._child(home, TopicIndexPage, {"slug": "topics", **menu, **texts["topics"]})
        return news_index, library

    def _news(self, index: NewsIndexPage, spec: dict[str, Any], topics: dict) -> NewsPage:
        fields = {key: value for key, value in spec.items() if key != "tags"}
        fields["topics"] = [topics[slug] for slug in spec["topics"]]
        return self._child(index, NewsPage, fields, tags=spec["tags"])

    def _publication(
        self, library: PublicationIndexPage, spec: dict[str, Any], topics: dict
    ) -> PublicationPage:
        fields = {key: value for key, value in spec.items() if key not in _PUBLICATION_FLAGS}
        fields["topics"] = [topics[slug] for slug in spec["topics"]]
        existing = _find_child(library, PublicationPage, fields)
        if existing is not None:
            return existing
        if spec.get("attach_guide"):
            fields["document"] = self._guide_document()
        return self._child(library, PublicationPage, fields)

    def _guide_document(self) -> CoalitionDocument:
        spec = demo_articles.GUIDE_DOCUMENT
        document = CoalitionDocument.objects.filter(title=spec["title"]).first()
        if document is not None:
            return document
        document = CoalitionDocument(title=spec["title"])
        content = ContentFile(pdf_build(heading=spec["heading"], paragraphs=spec["lines"]))
        document.file.save(spec["filename"], content, save=False)
        document._set_document_file_metadata()
        document.full_clean()
        # Saving schedules the text extraction for when the transaction commits.
        document.save()
        self.created += 1
        return document

    def _feature(self, home: HomePage, publications: list[PublicationPage]) -> None:
        home.featured_publications = [
            HomePageFeaturedPublication(publication=page) for page in publications
        ]
        home.save_revision().publish()

    def _child(
        self, parent: Page, model: type[Page], fields: dict[str, Any], tags: Sequence[str] = ()
    ) -> Any:
        """The child of `parent` with the spec's slug, created and published if missing."""
        existing = _find_child(parent, model, fields)
        if existing is not None:
            return existing
        values = {key: value for key, value in fields.items() if key != "slug"}
        if "body" in values:
            # A copy, so that the spec stays as written whatever the StreamField does to it.
            values["body"] = copy.deepcopy(values["body"])
        page = model(slug=_slug(fields), **values)
        if tags:
            page.tags.add(*tags)
        return self._publish_child(parent, page)

    def _publish_child(self, parent: Page, page: Page) -> Any:
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page


_PUBLICATION_FLAGS = {"featured", "attach_guide"}


def _slug(fields: dict[str, Any]) -> str:
    return fields.get("slug") or slugify(fields["title"])


def _find_child(parent: Page, model: type[Page], fields: dict[str, Any]) -> Any:
    return model.objects.child_of(parent).filter(slug=_slug(fields)).first()


def _remove_welcome_page(root: Page) -> None:
    """Delete the placeholder page Wagtail's migrations create, which holds the slug "home".

    The default site points at it; it is pointed at the tree root until the home page
    exists. A welcome page someone has built on is kept, only renamed and unpublished.
    """
    plain_page = ContentType.objects.get_for_model(Page)
    welcome = root.get_children().filter(slug="home", content_type=plain_page).first()
    if welcome is None:
        return
    Site.objects.filter(root_page=welcome).update(root_page=root)
    if welcome.is_leaf():
        welcome.delete()
        return
    welcome.slug = "welcome"
    welcome.save()
    welcome.unpublish()


def _settings_untouched(settings: SiteSettings) -> bool:
    """Whether every field the demo fills still holds its model default."""
    return all(
        getattr(settings, name) == SiteSettings._meta.get_field(name).get_default()
        for name in demo_text.SITE_SETTINGS
    )
