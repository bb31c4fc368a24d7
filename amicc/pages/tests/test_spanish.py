"""The public website in Spanish: its own page tree under /es/, the interface translated."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from amicc.pages.models import NewsPage
from amicc.pages.tests.factories import make_news, make_publication, make_topic
from amicc.pages.translation import locale_trees_sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_site(site_tree):
    """The test site with a topic, a news item and a publication, and its Spanish tree."""
    topic = make_topic("Peace and justice", "peace-and-justice")
    make_news(
        site_tree.news_index,
        "Court opens hearings",
        date=datetime.date(2025, 3, 4),
        topics=[topic],
        body="Hearings began in The Hague.",
    )
    publication = make_publication(
        site_tree.library,
        "Guide to the Rome Statute",
        date=datetime.date(2024, 6, 1),
        topics=[topic],
    )
    site_tree.home.featured_publications.create(publication=publication)
    site_tree.home.save_revision().publish()
    locale_trees_sync()
    return site_tree


def _html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_home_page_in_spanish(client, spanish_site):
    html = _html(client, "/es/")
    assert "Últimas noticias" in html and "Publicaciones destacadas" in html
    assert "Latest news" not in html
    # The news item and the featured publication are the Spanish tree's own pages.
    assert 'href="/es/news/court-opens-hearings/"' in html
    assert 'href="/es/publications/guide-to-the-rome-statute/"' in html
    assert "4 de marzo de 2025" in html
    english = _html(client, "/")
    assert "Latest news" in english and "March 4, 2025" in english
    assert 'href="/news/court-opens-hearings/"' in english


def test_news_index_and_news_page_in_spanish(client, spanish_site):
    index = _html(client, "/es/news/")
    assert "Filtrar noticias" in index and "Todos los temas" in index
    assert "All topics" not in index
    assert index.count('href="/es/news/court-opens-hearings/"') == 1
    item = _html(client, "/es/news/court-opens-hearings/")
    assert "Por AMICC staff" in item and "4 de marzo de 2025" in item
    assert 'aria-label="Temas"' in item
    assert 'href="/es/topics/peace-and-justice/"' in item
    assert "By AMICC staff" in _html(client, "/news/court-opens-hearings/")


def test_library_in_spanish(client, spanish_site):
    html = _html(client, "/es/publications/")
    assert "1 publicación" in html and "Todos los tipos" in html and "Informe" in html
    assert "All kinds" not in html
    assert "1 publication" in _html(client, "/publications/")


def test_topic_page_in_spanish(client, spanish_site):
    html = _html(client, "/es/topics/peace-and-justice/")
    assert "Siga este tema:" in html
    assert "Todas las publicaciones sobre Peace and justice" in html
    assert 'href="/es/news/court-opens-hearings/"' in html
    assert "Follow this topic:" not in html


def test_search_in_spanish_finds_each_spanish_page_once(client, spanish_site):
    html = _html(client, "/es/search/?q=hearings")
    assert "1 resultado para «hearings»." in html
    assert html.count('href="/es/news/court-opens-hearings/"') == 1
    assert 'href="/news/court-opens-hearings/"' not in html
    english = _html(client, "/search/?q=hearings")
    assert "1 result for “hearings”." in english
    assert 'href="/news/court-opens-hearings/"' in english


def test_feeds_follow_the_language(client, spanish_site):
    feed = _html(client, "/es/feeds/news/rss/")
    assert "<title>Noticias de AMICC</title>" in feed
    assert "/es/news/court-opens-hearings/" in feed
    assert feed.count("<item>") == 1
    assert "<title>AMICC news</title>" in _html(client, "/feeds/news/rss/")


def test_missing_page_in_spanish(client, spanish_site):
    response = client.get("/es/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Página no encontrada" in html and 'href="/es/search/"' in html
    assert "Page not found" not in html


def test_a_private_page_stays_private_in_spanish(
    client, django_capture_on_commit_callbacks, spanish_site
):
    about = spanish_site.about
    group = Group.objects.create(name="Board")
    # Committed, as the admin's privacy form commits, so the page cache learns of it.
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    spanish_about = Page.objects.get(
        translation_key=about.translation_key, locale__language_code="es"
    )
    mirrored = PageViewRestriction.objects.get(page=spanish_about)
    assert mirrored.restriction_type == PageViewRestriction.GROUPS
    assert list(mirrored.groups.all()) == [group]

    response = client.get("/es/about/")
    assert response.status_code == 302
    assert "login" in response["Location"]

    restriction.delete()
    assert not PageViewRestriction.objects.filter(page=spanish_about).exists()


def test_aliases_made_later_are_as_private_as_their_page(client, site_tree):
    PageViewRestriction.objects.create(
        page=site_tree.about, restriction_type=PageViewRestriction.LOGIN
    )
    locale_trees_sync()
    assert PageViewRestriction.objects.filter(page__locale__language_code="es").count() == 1
    assert client.get("/es/about/").status_code == 302


def test_an_editor_translates_a_page_through_the_admin(
    client, django_user_model, django_capture_on_commit_callbacks, spanish_site
):
    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    about = spanish_site.about
    spanish = Locale.objects.get(language_code="es")
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    url = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"locales": [spanish.pk]})
    assert response.status_code == 302

    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale=spanish
    )
    title = StringSegment.objects.get(source=translation.source, string__data="About")
    StringTranslation.objects.create(
        translation_of=title.string, locale=spanish, context=title.context, data="Quiénes somos"
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=editor, publish=True)
    client.logout()

    spanish_about = Page.objects.get(translation_key=about.translation_key, locale=spanish)
    assert spanish_about.alias_of_id is None and spanish_about.live
    html = _html(client, "/es/about/")
    assert "<h1>Quiénes somos</h1>" in html
    assert "<h1>About</h1>" in _html(client, "/about/")


def test_the_api_lists_english_pages_unless_asked_for_spanish(client, spanish_site):
    english = client.get("/api/v1/news").json()
    assert english["count"] == 1
    assert english["results"][0]["url"] == "http://testserver/news/court-opens-hearings/"
    spanish = client.get("/api/v1/news", {"language": "es"}).json()
    assert spanish["count"] == 1
    item = spanish["results"][0]
    assert item["url"] == "http://testserver/es/news/court-opens-hearings/"
    assert item["id"] == NewsPage.objects.get(locale__language_code="es").pk
    publications = client.get("/api/v1/publications", {"language": "es"}).json()
    assert publications["results"][0]["kind_label"] == "Report"  # the API speaks English
    assert client.get("/api/v1/news", {"language": "fr"}).status_code == 422
