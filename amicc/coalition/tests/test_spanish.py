"""The coalition's public pages, forms and emails in Spanish under /es/, English unchanged."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from amicc.coalition.tests.factories import (
    AllianceFactory,
    InitiativeFactory,
    MemberOrganizationFactory,
)

pytestmark = pytest.mark.django_db

SEATTLE = {"slug": "seattle"}


@pytest.fixture(autouse=True)
def _english_outside_requests():
    # A request under /es/ leaves Spanish active in the test's thread; keep it from
    # reaching the test's own reverse() calls and the tests that run after these.
    with translation.override("en"):
        yield


def spanish(name: str, **kwargs) -> str:
    with translation.override("es"):
        return reverse(name, **kwargs)


def english(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, **kwargs)


@pytest.fixture
def alliance():
    alliance = AllianceFactory(
        name="Seattle Alliance",
        slug="seattle",
        city="Seattle",
        state="WA",
        founded_on=datetime.date(2019, 5, 1),
    )
    InitiativeFactory(
        alliance=alliance, public=True, date=datetime.date(2024, 3, 5), title="Town hall"
    )
    return alliance


def test_members_list_in_spanish_and_english(client):
    MemberOrganizationFactory(name="Friends of the Court")
    url = spanish("coalition:members")
    assert url == "/es" + english("coalition:members")

    html = client.get(url).content.decode()
    assert "<h1>Organizaciones miembro</h1>" in html
    assert "1 organización" in html
    assert "Organización de derechos humanos" in html  # the constituency's label
    assert f'href="{spanish("coalition:join")}"' in html
    assert "Member organizations</h1>" not in html and "Kind of organization" not in html

    html = client.get(english("coalition:members")).content.decode()
    assert "<h1>Member organizations</h1>" in html and "1 organization<" in html
    assert "Human rights organization" in html and "Organizaciones miembro" not in html


def test_alliances_list_and_alliance_page_in_spanish(client, alliance):
    html = client.get(spanish("coalition:alliances")).content.decode()
    assert "<h1>Alianzas locales</h1>" in html
    assert "Mapa de alianzas por estado" in html
    assert "Washington: 1 alianza" in html  # the map tile's label
    assert f'href="{spanish("coalition:alliance", kwargs=SEATTLE)}"' in html
    assert "Local alliances</h1>" not in html and "1 member<" not in html

    page = client.get(spanish("coalition:alliance", kwargs=SEATTLE))
    html = page.content.decode()
    assert "Alianza local · Activa" in html
    assert "mayo de 2019" in html and "5 de marzo de 2024" in html
    assert "40 personas participaron o fueron alcanzadas" in html
    assert "Únase a esta alianza" in html
    assert f'href="{spanish("coalition:alliance-join", kwargs=SEATTLE)}"' in html
    assert "Join this alliance" not in html and "March 5, 2024" not in html

    html = client.get(english("coalition:alliance", kwargs=SEATTLE)).content.decode()
    assert "Local alliance · Active" in html and "May 2019" in html
    assert "March 5, 2024" in html and "Join this alliance" in html
    assert "Únase" not in html


def test_english_map_labels_are_not_served_from_the_spanish_cache(client, alliance):
    client.get(spanish("coalition:alliances"))
    html = client.get(english("coalition:alliances")).content.decode()
    assert "Washington: 1 alliance" in html and "alianza" not in html


def test_join_form_errors_in_spanish(client, alliance):
    url = spanish("coalition:alliance-join", kwargs=SEATTLE)
    response = client.post(url, {"name": "Grace Hopper", "email": "grace", "zip_code": "9810"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Únase a Seattle Alliance" in html
    assert "Corrija lo que se indica a continuación" in html
    assert "Escriba un código postal de 5 dígitos" in html
    assert "Marque esta casilla para que podamos conservar sus datos." in html
    assert "Please correct what is marked below" not in html and "Enter a 5-digit" not in html
    assert "Enter a valid email address." not in html  # Django's own message, translated too


def test_organization_application_form_in_spanish(client):
    url = spanish("coalition:join")
    html = client.get(url).content.decode()
    assert "<h1>Únase a la coalición</h1>" in html
    assert "Nombre de la organización" in html and "Declaración de apoyo" in html
    assert "Acepto que AMICC conserve los datos de contacto" in html
    assert "Enviar la solicitud" in html
    assert "Join the coalition" not in html and "Organization name" not in html

    errors = client.post(url, {"organization_name": ""})
    assert errors.status_code == 200, errors
    text = errors.content.decode()
    assert "Nombre de la organización: Este campo es" in text  # Django's own message
    assert "This field is required." not in text

    html = client.get(english("coalition:join")).content.decode()
    assert "<h1>Join the coalition</h1>" in html and "Organization name" in html
    assert "Únase" not in html


def test_signing_up_in_spanish_sends_a_spanish_confirmation(
    client, alliance, django_capture_on_commit_callbacks
):
    url = spanish("coalition:alliance-join", kwargs=SEATTLE)
    data = {"name": "Grace Hopper", "email": "grace@example.org", "zip_code": "98101"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "consent": "on"})
    assert response.status_code == 302
    assert response["Location"] == spanish("coalition:alliance-join-sent", kwargs=SEATTLE)

    (message,) = mail.outbox
    assert message.subject == "Confirme que desea unirse a Seattle Alliance"
    assert "Hola, Grace Hopper:" in message.body
    assert "Para confirmar, abra este enlace en un plazo de" in message.body
    assert "/es/alliances/confirm/" in message.body  # the link keeps the visitor in Spanish
    html = message.alternatives[0][0]
    assert "Confirmar mi membresía" in html and "Confirm my membership" not in html

    sent = client.get(response["Location"]).content.decode()
    assert "<h1>Revise su correo electrónico</h1>" in sent


def test_signing_up_in_english_sends_the_english_confirmation(
    client, alliance, django_capture_on_commit_callbacks
):
    url = english("coalition:alliance-join", kwargs=SEATTLE)
    data = {"name": "Grace Hopper", "email": "grace@example.org", "zip_code": "98101"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "consent": "on"})
    (message,) = mail.outbox
    assert message.subject == "Confirm that you want to join Seattle Alliance"
    assert message.body.startswith("Hello Grace Hopper,")
    assert "/es/" not in message.body
