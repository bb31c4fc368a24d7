"""The archive, preferences and unsubscribe pages in Spanish under /es/; English unchanged.

A newsletter stays in the language staff wrote it in, and no recipient's language is on
record, so its chrome (the footer with its unsubscribe and preferences links) is English
even when it is prepared while Spanish is active.
"""

import pytest
from django.utils import translation

from amicc.coalition.tests.factories import PersonFactory
from amicc.mailings.models import MailingList
from amicc.mailings.rendering import newsletter_template
from amicc.mailings.tests.test_compose_fixtures import mark_sent, newsletter_make
from amicc.mailings.tokens import preferences_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_outside_requests():
    """A request under /es/ leaves Spanish active in the test's thread: not for the next."""
    with translation.override("en"):
        yield


@pytest.fixture
def newsletter(site_tree):
    supporters = MailingList.objects.get(slug="coalition-newsletter")
    made = newsletter_make(supporters, slug="march-update", is_public=True)
    return mark_sent(made, total=9)


def test_archive_in_spanish_and_english(client, newsletter):
    spanish = client.get("/es/newsletters/").content.decode()
    assert "Archivo del boletín" in spanish and "Administre los correos que recibe" in spanish
    assert "Enviado el" in spanish and 'href="/es/newsletters/march-update/"' in spanish
    assert "Newsletter archive" not in spanish
    english = client.get("/newsletters/").content.decode()
    assert "Newsletter archive" in english and "Manage the emails you get" in english
    assert "Archivo del boletín" not in english


def test_archive_detail_in_spanish_keeps_the_newsletter_as_written(client, newsletter):
    page = client.get("/es/newsletters/march-update/").content.decode()
    assert "Boletín" in page and "Todos los boletines" in page
    assert newsletter.title in page


def test_preferences_page_in_spanish(client, site_tree):
    PersonFactory(email="ada@example.org", wants_newsletter=True)
    path = preferences_url(email="ada@example.org").split("/newsletters/", 1)[1]
    page = client.get(f"/es/newsletters/{path}").content.decode()
    assert "Sus preferencias de correo" in page and "Guardar mis opciones" in page
    assert "Detener todos los correos" in page
    assert "Your email preferences" not in page and "Save my choices" not in page
    english = client.get(f"/newsletters/{path}").content.decode()
    assert "Your email preferences" in english and "Save my choices" in english


def test_preferences_request_with_an_error_in_spanish(client, site_tree):
    response = client.post("/es/newsletters/preferences/", {"email": "not an address"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ingrese una dirección de correo electrónico como nombre@ejemplo.org." in page
    assert "Enter an email address" not in page


def test_newsletter_chrome_stays_english_while_spanish_is_active(newsletter):
    with translation.override("es"):
        rendered = newsletter_template(newsletter)
    assert "Unsubscribe from this list" in rendered.html
    assert "Your email preferences" in rendered.text
    assert "/es/" not in rendered.html
