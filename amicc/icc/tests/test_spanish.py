"""The ICC tracker and the delegation's call in Spanish, under /es/; English unchanged."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from amicc.icc.choices import ApplicantRole
from amicc.icc.tests import test_delegation, test_public
from amicc.icc.tests.test_delegation import upload

SPANISH_DAY = r"j \d\e F \d\e Y"

# The fixtures of the English tests, shared.
case = test_public.case
states = test_public.states
delegation = test_delegation.delegation


def spanish_url(name: str, **kwargs) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def spanish_day(day: datetime.date) -> str:
    with translation.override("es"):
        return date_format(day, SPANISH_DAY)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_the_overview_in_spanish(client, site_tree, states):
    html = page(client, spanish_url("icc:overview"))

    assert '<html lang="es">' in html
    assert "<h1>La Corte Penal Internacional hoy</h1>" in html
    assert "Estados Partes, año por año" in html
    assert f"{spanish_day(timezone.localdate())}</time>" in html
    assert "Estados de África" in html and "Todos los grupos" in html
    assert 'href="/es/icc/states/"' in html
    assert "The International Criminal Court today" not in html
    assert "States parties, year by year" not in html


def test_the_overview_in_english_is_unchanged(client, site_tree, states):
    with translation.override("en"):
        url = reverse("icc:overview")
    html = page(client, url)

    assert "<h1>The International Criminal Court today</h1>" in html
    assert "States parties, year by year" in html
    assert "La Corte Penal Internacional hoy" not in html


def test_the_states_table_in_spanish_with_spanish_dates(client, site_tree, states):
    html = page(client, spanish_url("icc:states"))

    assert "<h1>Los Estados y el Estatuto de Roma</h1>" in html
    assert '<th scope="col">Grupo regional</th>' in html
    assert "Estado Parte" in html
    assert "2 feb 1999" in html  # Senegal's deposit, in the table's short form
    assert "Feb 2, 1999" not in html and "States and the Rome Statute" not in html


def test_a_bad_filter_is_explained_in_spanish(client, site_tree, states):
    html = page(client, spanish_url("icc:states") + "?status=member", status=400)

    # Another app's catalog may word the shared message; what matters is that it is Spanish.
    assert "La tabla no se puede filtrar de esta manera" in html
    assert "member" in html and "Choose a status from the list" not in html


def test_a_situation_and_a_case_in_spanish(client, site_tree, case):
    with translation.override("es"):
        situation_url, case_url = case.situation.get_absolute_url(), case.get_absolute_url()
    assert situation_url.startswith("/es/") and case_url.startswith("/es/")

    html = page(client, situation_url)
    assert "Cómo llegó a la Corte" in html and "Remitida por un Estado Parte" in html
    assert "3 de marzo de 2004" in html
    assert "How it reached the Court" not in html and "March 3, 2004" not in html

    html = page(client, case_url)
    assert '<h2 id="charges-heading">Cargos</h2>' in html
    assert "Crímenes de guerra" in html and "Crimen de género" in html
    assert "Condenado" in html and "8 de julio de 2019" in html
    assert "Rape as a war crime" in html  # what staff typed stays as typed
    assert "Gender-based crime" not in html and "Where it stands" not in html


def _application(delegation, **overrides) -> dict:
    data = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "affiliation": "Columbia Law School",
        "role": ApplicantRole.STUDENT,
        "statement": "I study international criminal law.",
        "cv": upload(),
        "available_days": delegation.days[:2],
        "consent": "on",
        **overrides,
    }
    return {name: value for name, value in data.items() if value is not None}


def test_the_application_form_in_spanish_with_an_error(client, site_tree, delegation):
    url = spanish_url("icc:delegation", number=delegation.session.number)

    response = client.post(url, _application(delegation, consent=None))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Marque esta casilla para que podamos conservar su solicitud." in html
    assert "Acepto que AMICC conserve los datos anteriores" in html
    assert "Enviar mi solicitud" in html and "Su consentimiento" in html
    assert "3\xa0000 caracteres" in html  # the limit with Spanish digit grouping
    assert "Tick this box" not in html and "Send my application" not in html


def test_the_confirmation_sent_through_spanish_is_in_spanish(
    client,
    site_tree,
    delegation,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    number = delegation.session.number
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            spanish_url("icc:delegation", number=number), _application(delegation)
        )

    assert response.status_code == 302
    assert response["Location"] == spanish_url("icc:delegation_thanks", number=number)
    [message] = mailoutbox
    assert message.subject == (
        f"Recibimos su solicitud a nuestra delegación a la Asamblea, período de sesiones {number}"
    )
    assert "Estimado/a Ada Lovelace:" in message.body
    assert "El equipo de AMICC" in message.body
    assert re.search(rf"/es/icc/asp/{number}/delegation/withdraw/\S+/", message.body)
    assert spanish_day(delegation.session.ends_on) in message.body
    assert "Dear Ada" not in message.body

    html = page(client, response["Location"])
    assert "Recibimos su solicitud a nuestra delegación a la Asamblea de los Estados Partes" in html
    assert "Thank you for applying" not in html
