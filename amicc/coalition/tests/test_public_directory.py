"""The public member directory and organization pages."""

import pytest
from django.urls import reverse

from amicc.coalition.choices import Constituency
from amicc.coalition.tests.factories import (
    AllianceFactory,
    MemberOrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

MEMBERS = reverse("coalition:members")


def _names(response) -> set[str]:
    return {organization.name for organization in response.context["organizations"]}


@pytest.fixture
def directory():
    return {
        "bar": MemberOrganizationFactory(
            name="Chicago Bar Association",
            constituency=Constituency.BAR_ASSOCIATION,
            city="Chicago",
            state="IL",
        ),
        "women": MemberOrganizationFactory(
            name="Women for Justice",
            constituency=Constituency.WOMENS_GROUP,
            city="Boston",
            state="MA",
            description="Ending impunity for gender crimes.",
        ),
        "veterans": MemberOrganizationFactory(
            name="Veterans for the Rule of Law",
            constituency=Constituency.VETERANS,
            city="Springfield",
            state="IL",
        ),
        "unlisted": MemberOrganizationFactory(name="Quiet Society", unlisted=True),
        "lapsed": MemberOrganizationFactory(name="Lapsed League", lapsed=True),
        "applicant": MemberOrganizationFactory(name="Hopeful Guild", applicant=True),
    }


def test_directory_lists_only_listed_active_organizations(client, directory):
    response = client.get(MEMBERS)
    assert response.status_code == 200
    assert _names(response) == {
        "Chicago Bar Association",
        "Women for Justice",
        "Veterans for the Rule of Law",
    }
    html = response.content.decode()
    assert "Quiet Society" not in html and "Lapsed League" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"constituency": "bar_association"}, {"Chicago Bar Association"}),
        ({"state": "IL"}, {"Chicago Bar Association", "Veterans for the Rule of Law"}),
        ({"state": "il"}, {"Chicago Bar Association", "Veterans for the Rule of Law"}),
        ({"state": "IL", "constituency": "veterans"}, {"Veterans for the Rule of Law"}),
        ({"q": "gender"}, {"Women for Justice"}),  # description
        ({"q": "BOSTON"}, {"Women for Justice"}),  # city, any case
        ({"q": "rule law"}, {"Veterans for the Rule of Law"}),  # every word must match
        ({"q": "quiet"}, set()),  # unlisted organizations are never found
    ],
)
def test_directory_filters_and_search(client, directory, query, expected):
    assert _names(client.get(MEMBERS, query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"constituency": "nonsense"},
        {"state": "ZZ"},
        {"state": "\x00"},
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
        {"q": "%"},
        {"q": "_"},
        {"q": "' OR 1=1 --"},
        {"q": "\x00nul"},
        {"q": "a" * 5000},
        {"q": '"unbalanced AND (OR NOT*'},
        {"q": "🙂 ünïcödé 中文"},
    ],
)
def test_directory_ignores_bad_parameters(client, directory, query):
    response = client.get(MEMBERS, query)
    assert response.status_code == 200


def test_bad_filter_values_are_ignored_not_applied(client, directory):
    assert len(_names(client.get(MEMBERS, {"constituency": "nonsense", "state": "ZZ"}))) == 3
    assert _names(client.get(MEMBERS, {"q": "%"})) == set()


def test_directory_is_paginated(client):
    for n in range(30):
        MemberOrganizationFactory(name=f"Org {n:02d}")
    first = client.get(MEMBERS)
    assert len(first.context["organizations"]) == 24
    last = client.get(MEMBERS, {"page": "99"})
    assert last.status_code == 200
    assert last.context["organizations"].number == 2
    assert len(last.context["organizations"]) == 6


def test_organization_page_shows_public_details_only(client):
    representative = PersonFactory(name="Rita Representative", email="rita@example.org")
    organization = MemberOrganizationFactory(
        name="Lawyers for Justice",
        constituency=Constituency.BAR_ASSOCIATION,
        city="Denver",
        state="CO",
        website="https://www.lawyers.example.org/",
        description="We train lawyers in international criminal law.",
        representatives=[representative],
    )
    AllianceFactory(name="Denver Alliance", state="CO", founding_organizations=[organization])
    response = client.get(organization.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Lawyers for Justice",
        "Bar association",
        "Denver, Colorado",
        "https://www.lawyers.example.org/",
        "We train lawyers",
        "Denver Alliance",
    ):
        assert text in html
    assert "Rita" not in html and "rita@example.org" not in html


@pytest.mark.parametrize("trait", ["unlisted", "lapsed", "applicant"])
def test_organization_page_is_404_unless_listed_and_active(client, trait):
    organization = MemberOrganizationFactory(**{trait: True})
    assert client.get(organization.get_absolute_url()).status_code == 404
    assert client.get(reverse("coalition:organization", args=["no-such-org"])).status_code == 404


def test_organization_page_shows_its_logo(client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    logo = Image.objects.create(title="Logo", file=get_test_image_file())
    organization = MemberOrganizationFactory(name="Logo Org", logo=logo)
    html = client.get(organization.get_absolute_url()).content.decode()
    assert 'alt="Logo Org logo"' in html
