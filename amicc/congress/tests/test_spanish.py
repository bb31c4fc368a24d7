"""The congress pages and emails in Spanish under /es/; letters to offices stay English."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from amicc.coalition.models import ConsentRecord
from amicc.congress.models import WatchlistItem
from amicc.congress.tests.test_letters import delegation as delegation  # noqa: F401 - fixture
from amicc.congress.tests.test_letters import letter_data, main_html

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delegation")]


def spanish(name: str, **kwargs) -> str:
    with translation.override("es"):
        return reverse(name, **kwargs)


def test_the_lookup_by_zip_code_is_in_spanish(client):
    url = spanish("congress:representatives")
    assert url == "/es/representatives/"
    html = main_html(client.get(url, {"zip": "10002"}))
    assert "Sus miembros del Congreso para el código postal 10002" in html
    assert "Senadores por " in html and "Formulario de contacto" in html
    assert "Historial de Paula Reyes sobre la Corte Penal Internacional" in html
    assert 'href="/es/congress/legislators/R000001/"' in html
    assert "Your members of Congress" not in html and "Senators for" not in html


def test_a_zip_code_that_is_not_one_gets_a_spanish_error(client):
    response = client.get(spanish("congress:representatives"), {"zip": "12ab"})
    assert response.status_code == 400
    html = main_html(response)
    assert "Ingrese un código postal (ZIP) de cinco dígitos, como 10017" in html
    assert "Busque a sus miembros del Congreso" in html
    assert "Enter a ZIP code" not in html


def test_the_english_lookup_is_unchanged(client):
    html = main_html(client.get("/representatives/", {"zip": "10002"}))
    assert "Your members of Congress for ZIP code 10002" in html
    assert "Senators for New York" in html
    assert "Paula Reyes's record on the International Criminal Court" in html
    assert "código postal" not in html


def test_a_legislator_page_is_in_spanish(client):
    url = spanish("congress:legislator", args=["R000001"])
    html = main_html(client.get(url))
    assert "Representante Paula Reyes" in html
    assert ", distrito 10" in html
    assert "Contactar a la oficina" in html and "Escribir a Paula Reyes" in html
    assert "Historial sobre la Corte Penal Internacional" in html
    assert "Reuniones con la coalición" in html
    assert "Contact the office" not in html and "Meetings with the coalition" not in html


def test_the_watchlist_and_an_item_are_in_spanish(client):
    item = WatchlistItem.objects.get(slug="hr-23")
    item.position = "oppose"
    item.save()
    html = main_html(client.get(spanish("congress:watchlist")))
    assert "Lista de seguimiento" in html
    assert "1 elemento" in html
    assert "Posición de la coalición:" in html and "Oposición" in html
    assert 'href="/es/congress/watchlist/hr-23/"' in html
    assert "No item on the watchlist" not in html and "Coalition position" not in html

    html = main_html(client.get(spanish("congress:watchlist_item", args=["hr-23"])))
    assert "La posición de la coalición: oposición" in html
    assert "En qué punto está" in html and "Actúe" in html
    assert "Where it stands" not in html


def test_a_bad_watchlist_filter_is_explained_in_spanish(client):
    response = client.get(spanish("congress:watchlist"), {"kind": "nonsense"})
    assert response.status_code == 400
    assert "Elija un tipo de la lista; «nonsense» no es uno de ellos." in main_html(response)


def test_the_scorecard_is_in_spanish(client):
    html = main_html(client.get(spanish("congress:scorecard")))
    assert "Calificación CPI" in html
    assert "Cómo se calcula la puntuación" in html
    assert "6 miembros en funciones." in html
    assert 'href="/es/congress/legislators/R000001/"' in html
    assert "ICC scorecard" not in html and "How the score is worked out" not in html
    # The table is cached per language: English still reads English afterwards.
    english = main_html(client.get("/congress/scorecard/"))
    assert "How the score is worked out" in english and "Calificación" not in english
    assert 'href="/congress/legislators/R000001/"' in english


def test_a_letter_with_an_error_is_refused_in_spanish(client):
    url = spanish("congress:action_alert", kwargs={"slug": "protect-the-court"})
    response = client.post(url, letter_data(name="", zip_code="99999"))
    assert response.status_code == 400
    html = main_html(response)
    assert "Ingrese su nombre." in html
    assert "Escriba a sus miembros del Congreso" in html
    assert "Enviar mi carta" in html
    assert "My own words." in html  # what they typed is kept
    assert "Enter your name." not in html and "Send my letter" not in html


def test_a_spanish_sender_gets_a_spanish_receipt_and_the_office_an_english_letter(
    client, django_capture_on_commit_callbacks
):
    url = spanish("congress:action_alert", kwargs={"slug": "protect-the-court"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, letter_data(wants_action_alerts="on"))
    assert response.status_code == 302
    assert response["Location"] == "/es/act/protect-the-court/sent/"

    (receipt,) = [message for message in mail.outbox if message.to == ["grace@example.org"]]
    assert receipt.subject == "Confirme que desea recibir nuestras alertas de acción"
    assert "Hola, Grace Hopper:" in receipt.body
    assert "Gracias por escribir al Congreso sobre «Protect the Court»." in receipt.body
    assert "Confirm" not in receipt.body
    link = re.search(r"http://[^/\s]+(/es/act/protect-the-court/subscribe/\S+/)", receipt.body)[1]
    assert "Alertas de acción confirmadas" in main_html(client.get(link))
    assert ConsentRecord.objects.get().wording.startswith("Envíenme por correo electrónico")

    (letter,) = [m for m in mail.outbox if m.to == ["letters@reyes.house.example"]]
    assert letter.body.startswith("Dear Representative Reyes,\n\nPlease support the ICC.")
    assert "ZIP code 10002 (New York, district 10)" in letter.body
    assert "wrote this letter on the website" in letter.body
    assert (
        "American NGO Coalition for the International Criminal Court" in letter.alternatives[0][0]
    )
    assert "Coalición" not in letter.alternatives[0][0] and "distrito" not in letter.body

    html = main_html(client.get("/es/act/protect-the-court/sent/"))
    assert "Gracias, Grace Hopper" in html
    assert "Cartas que debe enviar usted" in html
    assert "Dear Senator Sterling," in html  # the copy for a contact form stays English
    assert 'data-copy-label="Copiar la carta"' in html
