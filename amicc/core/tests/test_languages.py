"""English at the plain paths, Spanish under /es/, and a switcher between the two."""

import pytest
from wagtail.models import Locale, Page

from amicc.pages.translation import locale_trees_sync

pytestmark = pytest.mark.django_db


def test_spanish_locale_follows_english_after_migrating():
    from wagtail_localize.models import LocaleSynchronization

    spanish = Locale.objects.get(language_code="es")
    sync = LocaleSynchronization.objects.get(locale=spanish)
    assert sync.sync_from.language_code == "en"


def test_english_page_is_english_and_links_to_spanish(client, site_tree):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert 'href="/es/" lang="es" hreflang="es">Español</a>' in html
    assert response["Content-Language"] == "en"


def test_spanish_address_serves_the_spanish_interface(client, site_tree):
    response = client.get("/es/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Ir al contenido principal" in html
    assert "Skip to main content" not in html
    assert 'href="/" lang="en" hreflang="en">English</a>' in html
    assert response["Content-Language"] == "es"


def test_a_language_cookie_or_header_never_changes_an_english_address(client, site_tree):
    client.cookies["django_language"] = "es"
    response = client.get("/", headers={"accept-language": "es"})
    assert '<html lang="en">' in response.content.decode()


def test_cached_pages_are_kept_per_language(client, site_tree):
    assert client.get("/")["X-Page-Cache"] == "miss"
    spanish = client.get("/es/")
    assert spanish["X-Page-Cache"] == "miss"
    assert client.get("/es/")["X-Page-Cache"] == "hit"
    assert "Ir al contenido principal" in client.get("/es/").content.decode()
    assert "Skip to main content" in client.get("/").content.decode()


def test_views_outside_wagtail_answer_in_both_languages(client, site_tree):
    english = client.get("/events/")
    spanish = client.get("/es/events/")
    assert english.status_code == spanish.status_code == 200
    assert 'href="/es/events/"' in english.content.decode()
    assert '<html lang="es">' in spanish.content.decode()


def test_the_api_and_admin_keep_their_plain_addresses(client, site_tree):
    assert client.get("/api/v1/events").status_code == 200
    assert client.get("/es/api/v1/events/").status_code == 404


def test_every_english_page_gets_a_spanish_alias(client, site_tree):
    spanish = Locale.objects.get(language_code="es")
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1).count()
    made = locale_trees_sync()
    assert made == english_pages
    assert Page.objects.filter(locale=spanish).count() == english_pages
    assert locale_trees_sync() == 0  # nothing left to make

    response = client.get("/es/")
    assert response.status_code == 200
    # The Spanish tree's menu keeps the visitor under /es/.
    home = Page.objects.get(locale=spanish, alias_of=site_tree.home)
    for child in home.get_children().live().in_menu():
        assert f'href="/es/{child.slug}/"' in response.content.decode()
