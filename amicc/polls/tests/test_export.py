"""The anonymized export of a poll's responses, and who may have it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from amicc.coalition.tests.admin_fixtures import COORDINATORS, STAFF, user_in
from amicc.coalition.tests.factories import AllianceFactory, PersonFactory
from amicc.polls.choices import QuestionKind
from amicc.polls.models import DistrictPopulationMargin
from amicc.polls.tests.factories import make_poll
from amicc.polls.tests.test_tallies import answer_poll

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (QuestionKind.SINGLE, "Join the ICC?", ["Yes", "No"]),
    (QuestionKind.MULTIPLE, "Which issues?", ["Aggression", "Victims", "Darfur"]),
    (QuestionKind.TEXT, "Anything else?", []),
]


@pytest.fixture
def coordinated():
    coordinator = user_in(COORDINATORS)
    alliance = AllianceFactory(coordinators=[PersonFactory(user=coordinator)])
    poll = make_poll(questions=QUESTIONS, alliance=alliance, asks_age=True)
    answer_poll(poll, choices={0: ["Yes"], 1: ["Darfur", "Aggression"]}, age_band="65+")
    answer_poll(poll, state="CA", district=1, choices={2: '=HYPERLINK("http://x")'})
    return poll, coordinator


def _url(poll, query="?format=csv"):
    return f"/admin/polls/{poll.pk}/export/{query}"


def test_csv_export_is_anonymized_and_defused(client, coordinated):
    poll, coordinator = coordinated
    client.force_login(coordinator)
    response = client.get(_url(poll))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{poll.slug}-responses'
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Response", "Submitted on", "State", "District", "Age", "Join the ICC?",
        "Which issues?", "Anything else?",
    ]  # fmt: skip
    first, second = rows[1:]
    assert first[0] == "1" and first[2:] == [
        "NY",
        "12",
        "65 or older",
        "Yes",
        "Aggression; Darfur",
        "",
    ]
    assert len(first[1]) == 10  # the day only
    assert second[0] == "2" and second[-1] == '\'=HYPERLINK("http://x")'
    assert "browser" not in text.lower()


def test_xlsx_export(client, coordinated):
    poll, _ = coordinated
    client.force_login(user_in(STAFF))
    response = client.get(_url(poll, "?format=xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Response" and len(rows) == 3
    assert rows[1][6] == "Aggression; Darfur"


@pytest.mark.parametrize("query", ["?format=pdf", "?format=", "?format=%3Cscript%3E"])
def test_an_invalid_export_request_is_a_400_with_a_message(client, coordinated, query):
    poll, coordinator = coordinated
    client.force_login(coordinator)
    response = client.get(_url(poll, query))
    assert response.status_code == 400
    assert "choose format=csv or format=xlsx" in response.content.decode()


def test_other_coordinators_cannot_export(client, coordinated):
    poll, _ = coordinated
    other = user_in(COORDINATORS)
    AllianceFactory(coordinators=[PersonFactory(user=other)])
    client.force_login(other)
    assert client.get(_url(poll)).status_code == 404
    assert client.get("/admin/polls/999999/export/?format=csv").status_code in (404,)


def test_population_margins_are_staff_only_and_shares_are_checked(client):
    client.force_login(user_in(COORDINATORS))
    listing = "/admin/snippets/polls/districtpopulationmargin/"
    assert client.get(listing).status_code in (302, 403)
    client.force_login(user_in(STAFF))
    assert client.get(listing).status_code == 200
    data = {"state": "NY", "district": "12", "dimension": "age_band", "category": "65+"}
    response = client.post(listing + "add/", {**data, "share": "1.5"})
    assert response.status_code == 200
    assert "A share is between 0 and 1" in response.content.decode()
    response = client.post(listing + "add/", {**data, "category": "old", "share": "0.2"})
    assert "Not a category of age_band" in response.content.decode()
    response = client.post(listing + "add/", {**data, "share": "0.2100"})
    assert response.status_code == 302
    assert str(DistrictPopulationMargin.objects.get().share) == "0.2100"


def test_population_margins_are_in_no_chooser_or_bulk_action_of_coordinators(client):
    margin = DistrictPopulationMargin.objects.create(
        state="NY", district=12, dimension="age_band", category="65+", share="0.2100"
    )
    chooser = DistrictPopulationMargin.snippet_viewset.chooser_viewset
    addresses = [
        reverse(chooser.get_url_name("choose")),
        reverse(chooser.get_url_name("choose_results")),
        reverse(chooser.get_url_name("chosen"), args=[margin.pk]),
        f"/admin/bulk/polls/districtpopulationmargin/delete/?id={margin.pk}",
    ]
    client.force_login(user_in(COORDINATORS))
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        assert "0.2100" not in response.content.decode(), address
    client.force_login(user_in(STAFF))
    assert "0.2100" in client.get(addresses[2]).content.decode()
