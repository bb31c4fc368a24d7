"""Builders for a small public site in tests: a home page with its sections."""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.models import Page, Site

from amicc.core.models import CoalitionDocument
from amicc.core.pdf import pdf_build
from amicc.pages.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    Topic,
    TopicIndexPage,
)


@dataclass
class SiteTree:
    home: HomePage
    news_index: NewsIndexPage
    library: PublicationIndexPage
    topics_page: TopicIndexPage
    about: StandardPage


def paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def build_site() -> SiteTree:
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Home", slug="home-test", hero_heading="Justice for atrocities")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "AMICC"},
    )
    about = home.add_child(
        instance=StandardPage(
            title="About",
            slug="about",
            intro="Who we are",
            body=paragraph("The coalition."),
            show_in_menus=True,
        )
    )
    news_index = home.add_child(
        instance=NewsIndexPage(title="News", slug="news", show_in_menus=True)
    )
    library = home.add_child(
        instance=PublicationIndexPage(title="Publications", slug="publications", show_in_menus=True)
    )
    topics_page = home.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    return SiteTree(home, news_index, library, topics_page, about)


def make_topic(name: str = "Gender crimes", slug: str = "gender-crimes") -> Topic:
    return Topic.objects.create(name=name, slug=slug, description=f"About {name}.")


def make_news(
    index: NewsIndexPage,
    title: str,
    *,
    date: datetime.date | None = None,
    body: str = "News body.",
    topics: list[Topic] | None = None,
    live: bool = True,
) -> NewsPage:
    page = NewsPage(
        title=title,
        date=date or datetime.date(2025, 1, 15),
        author="AMICC staff",
        intro=f"Intro of {title}",
        body=paragraph(body),
        live=live,
    )
    page.topics = topics or []
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def make_document(title: str, text: str) -> CoalitionDocument:
    """A PDF document, its text extracted as the background task does after upload."""
    document = CoalitionDocument(title=title)
    filename = f"{title.lower().replace(' ', '-')}.pdf"
    document.file.save(
        filename, ContentFile(pdf_build(heading=title, paragraphs=[text])), save=False
    )
    document._set_document_file_metadata()
    with TestCase.captureOnCommitCallbacks(execute=True):
        document.save()
    document.refresh_from_db()
    return document


def make_publication(
    library: PublicationIndexPage,
    title: str,
    *,
    kind: str = "report",
    date: datetime.date | None = None,
    summary: str = "A summary.",
    document: CoalitionDocument | None = None,
    topics: list[Topic] | None = None,
) -> PublicationPage:
    page = PublicationPage(
        title=title,
        kind=kind,
        date=date or datetime.date(2024, 6, 1),
        summary=summary,
        body=paragraph(f"Body of {title}."),
        document=document,
    )
    page.topics = topics or []
    library.add_child(instance=page)
    page.save_revision().publish()
    return page
