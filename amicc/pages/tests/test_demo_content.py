import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult
from taggit.models import TaggedItem
from wagtail.models import Page, Revision, Site

from amicc.core.models import CoalitionDocument, SiteSettings
from amicc.pages.demo_articles import GUIDE_PDF_PHRASE, NEWS, PUBLICATIONS
from amicc.pages.demo_content import demo_content_load
from amicc.pages.demo_text import SITE_SETTINGS
from amicc.pages.models import (
    HomePage,
    HomePageFeaturedPublication,
    NewsPage,
    NewsPageTag,
    PublicationPage,
    Topic,
)


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    """The demo loaded as `amicc demo` loads it, with the work done after commit run too."""
    with django_capture_on_commit_callbacks(execute=True):
        return demo_content_load()


def english_home() -> HomePage:
    """The demo's home page; the Spanish tree has its alias."""
    return HomePage.objects.get(locale__language_code="en")


def counts() -> dict[str, int]:
    models = [
        Page,
        Revision,
        Site,
        SiteSettings,
        Topic,
        CoalitionDocument,
        HomePageFeaturedPublication,
        NewsPageTag,
        TaggedItem,
    ]
    return {model.__name__: model.objects.count() for model in models}


def main_nav_titles(html: str) -> list[str]:
    nav = re.search(r'<nav class="wrap main-nav".*?</nav>', html, re.DOTALL).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


def test_loading_again_creates_and_changes_nothing(demo, django_capture_on_commit_callbacks):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        again = demo_content_load()
    assert counts() == before
    assert (again.created, again.updated) == (0, 0)
    assert (again.pages, again.news_items, again.publications) == (
        demo.pages,
        demo.news_items,
        demo.publications,
    )


def test_summary_reads_as_one_line(demo):
    assert str(demo) == (
        "20 pages, 4 topics, 6 news items, 5 publications, 1 document (created 26, updated 1)"
    )


def test_home_is_the_default_site_root_and_the_welcome_page_is_gone(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert site.root_page.slug == "home"
    assert not Page.objects.filter(title__startswith="Welcome to").exists()


def test_every_page_is_live_with_a_published_revision(demo):
    home = english_home()
    pages = Page.objects.descendant_of(home, inclusive=True)
    assert pages.count() == demo.pages
    for page in pages:
        assert page.live and page.live_revision_id is not None, page.title
        assert not page.has_unpublished_changes, page.title


def test_news_and_publications_are_marked_as_samples_and_filed(demo):
    for news in NewsPage.objects.all():
        assert news.intro.startswith("Sample:")
        assert news.author and news.topics.exists() and news.tags.exists()
    kinds = set()
    for publication in PublicationPage.objects.all():
        assert publication.summary.startswith("Sample:")
        assert publication.topics.exists() and publication.body
        kinds.add(publication.kind)
    assert kinds == {"action_guide", "analysis", "report", "fact_sheet", "statement"}


def test_home_shows_latest_news_and_featured_publications(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    latest = max(NEWS, key=lambda item: item["date"])
    assert escape(latest["title"]) in html
    featured = [spec["title"] for spec in PUBLICATIONS if spec["featured"]]
    section = html.split('id="featured-publications"', 1)[1]
    for title in featured:
        assert escape(title) in section
    assert 'href="/join/"' in html and 'href="/alliances/"' in html


def test_main_nav_lists_the_sections(client, demo):
    html = client.get("/").content.decode()
    assert main_nav_titles(html) == [
        "About us",
        "News",
        "Publications",
        "Topics",
        "The ICC in brief",
        "Contact",
        "Members",
        "Alliances",
        "Find your representatives",
        "Congress watch",
        "ICC tracker",
        "Events",
        "Join",
    ]


def test_every_page_and_topic_renders(client, demo):
    home = english_home()
    paths = [page.url for page in Page.objects.descendant_of(home, inclusive=True).specific()]
    paths += [topic.get_absolute_url() for topic in Topic.objects.all()]
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert len(paths) == demo.pages + demo.topics


def test_pdf_only_phrase_finds_the_action_guide(client, demo):
    document = CoalitionDocument.objects.get()
    assert GUIDE_PDF_PHRASE in document.extracted_text
    for revision in Revision.objects.all():
        assert GUIDE_PDF_PHRASE not in json.dumps(revision.content).lower()
    response = client.get("/search/", {"q": GUIDE_PDF_PHRASE})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meeting your member of Congress about the ICC" in html
    only_in_pdf = Page.objects.live().filter(locale=english_home().locale).search("checklist")
    assert [page.title for page in only_in_pdf] == ["Meeting your member of Congress about the ICC"]


def test_the_spanish_tree_follows_the_demo(client, demo):
    spanish_home = HomePage.objects.get(locale__language_code="es")
    assert spanish_home.alias_of_id == english_home().pk
    spanish = Page.objects.descendant_of(spanish_home, inclusive=True)
    assert spanish.count() == demo.pages
    html = client.get("/es/").content.decode()
    assert "Últimas noticias" in html and 'href="/es/news/' in html
    assert main_nav_titles(html)[:3] == ["About us", "News", "Publications"]


def test_pdf_is_served(client, demo):
    document = CoalitionDocument.objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_site_settings_appear_in_the_footer(client, demo):
    html = client.get("/about/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    for name in ("organization_name", "legal_line", "contact_email", "contact_phone"):
        assert escape(SITE_SETTINGS[name]) in footer, name
    assert SITE_SETTINGS["twitter_url"] in footer


def test_settings_staff_changed_are_kept(demo, django_capture_on_commit_callbacks):
    settings = SiteSettings.objects.get()
    settings.tagline = "Edited by staff"
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        demo_content_load()
    settings.refresh_from_db()
    assert settings.tagline == "Edited by staff"


def test_command_prints_the_summary(db, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=out)
    assert "20 pages, 4 topics, 6 news items, 5 publications" in out.getvalue()
    assert not DBTaskResult.objects.exists()
