"""District polls in Spanish, under /es/: the index, a questionnaire, the results."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from amicc.polls.statistics import margin_of_error_words
from amicc.polls.tests.factories import make_poll
from amicc.polls.tests.test_respond import QUESTIONS, _answers, zip_codes  # noqa: F401
from amicc.polls.tests.test_results import YES_NO, _answer
from amicc.polls.tests.test_tallies import answer_poll

pytestmark = pytest.mark.django_db


def spanish(name: str, **kwargs) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def test_the_index_in_spanish(client):
    make_poll(questions=YES_NO, title="The ICC and you")

    html = client.get(spanish("polls:index")).content.decode()

    assert "<h1>Encuestas por distrito</h1>" in html
    assert "Encuestas abiertas" in html and "Abierta hasta el" in html
    assert 'href="/es/polls/' in html and "The ICC and you" in html
    assert "District polls" not in html and "Open until" not in html


def test_the_index_in_english_is_unchanged(client):
    make_poll(questions=YES_NO, title="The ICC and you")

    html = client.get(reverse("polls:index")).content.decode()

    assert "<h1>District polls</h1>" in html and "Open until" in html
    assert "Encuestas por distrito" not in html


def test_a_questionnaire_in_spanish_with_an_error():
    poll = make_poll(questions=QUESTIONS, slug="icc-poll")
    url = spanish("polls:poll", slug=poll.slug)
    visitor = Client()
    html = visitor.get(url).content.decode()
    assert (
        "Sus respuestas" in html and "Dónde vive" in html and "Cómo funciona esta encuesta" in html
    )
    assert "Strongly agree" in html  # the options are what staff entered

    response = visitor.post(url, _answers(poll, zip_code=""))

    assert response.status_code == 400
    html = response.content.decode()
    assert "código postal" in html  # the message may come from the shared ZIP code field
    assert "Enviar mis respuestas" in html
    assert "Enter your ZIP code." not in html and "Send my answers" not in html


def test_results_in_spanish_with_spanish_numbers(client):
    poll = make_poll(questions=YES_NO, results_published=True, min_cell_size=2)
    _answer(poll, 3, choices={0: ["Yes"]})
    answer_poll(poll, choices={0: ["No"]})

    html = client.get(spanish("polls:results", slug=poll.slug)).content.decode()

    assert "Resultados:" in html and "Cómo se calculan estas cifras" in html
    assert '<th scope="col">Intervalo del 95%</th>' in html
    assert "Todas las personas encuestadas: 4 respuestas" in html
    assert "75%" in html
    with translation.override("es"):
        margin = margin_of_error_words(4)
    assert margin in html
    assert re.search(r"±\d+,\d puntos porcentuales", margin)
    assert "How these figures are worked out" not in html and "percentage points" not in html


def test_results_in_english_are_unchanged(client):
    poll = make_poll(questions=YES_NO, results_published=True, min_cell_size=2)
    _answer(poll, 3, choices={0: ["Yes"]})
    answer_poll(poll, choices={0: ["No"]})
    with translation.override("en"):
        url = reverse("polls:results", kwargs={"slug": poll.slug})
    client.get(spanish("polls:results", slug=poll.slug))  # the Spanish results, cached first

    html = client.get(url).content.decode()

    assert "How these figures are worked out" in html
    assert "All respondents: 4 responses" in html
    assert re.search(r"±\d+\.\d percentage points", html)
    assert "puntos porcentuales" not in html
