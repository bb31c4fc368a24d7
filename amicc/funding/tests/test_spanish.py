"""The public Funders page in Spanish under /es/, and unchanged in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from amicc.funding.choices import FunderKind
from amicc.funding.tests.factories import GrantFactory

pytestmark = pytest.mark.django_db


def test_the_funders_page_is_in_spanish(client):
    GrantFactory(funder__public_name="Open Justice Fund", awarded=True)
    GrantFactory(funder__kind=FunderKind.INDIVIDUAL, awarded=True)
    with translation.override("es"):
        url = reverse("funding:funders")
    assert url == "/es/funders/"
    html = client.get(url).content.decode()
    assert "Nuestros financiadores" in html
    assert "Instituciones" in html and "Personas" in html
    assert "Open Justice Fund" in html  # names stay as the funders gave them
    assert "Our funders" not in html and "Institutions" not in html


def test_the_english_funders_page_is_unchanged(client):
    GrantFactory(funder__public_name="Open Justice Fund", awarded=True)
    html = client.get("/funders/").content.decode()
    assert "Our funders" in html and "Institutions" in html
    assert "We thank the funders below, named as they asked to be credited." in html
    assert "Nuestros financiadores" not in html


def test_an_empty_funders_page_says_so_in_spanish(client):
    html = client.get("/es/funders/").content.decode()
    assert "Todavía no figura ningún financiador." in html
    assert "No funder is listed yet." not in html
