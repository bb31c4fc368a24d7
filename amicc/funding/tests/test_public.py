"""The public Funders page: listed funders with awarded grants only, no amounts, cached."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from amicc.core.page_cache import CACHE_HEADER
from amicc.funding.choices import FunderKind, GrantStatus
from amicc.funding.tests.factories import FunderFactory, GrantFactory

pytestmark = pytest.mark.django_db

FUNDERS = "/funders/"


def names(client) -> str:
    response = client.get(FUNDERS)
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_is_named():
    assert reverse("funding:funders") == FUNDERS


def test_only_listed_funders_with_an_awarded_grant_are_named(client):
    shown = {
        "Awarded Trust": GrantFactory(funder__name="Awarded Trust", awarded=True),
        "Closed Trust": GrantFactory(
            funder__name="Closed Trust", awarded=True, status=GrantStatus.CLOSED
        ),
    }
    hidden = [
        GrantFactory(
            funder__name="Unlisted Trust", funder__agreed_to_be_listed=False, awarded=True
        ),
        GrantFactory(funder__name="Prospect Trust"),
        GrantFactory(funder__name="Applied Trust", status=GrantStatus.APPLIED),
        GrantFactory(
            funder__name="Declined Trust",
            status=GrantStatus.DECLINED,
            declined_on=datetime.date(2025, 1, 1),
        ),
        GrantFactory(funder__name="Dropped Trust", status=GrantStatus.CLOSED),
    ]
    FunderFactory(name="Grantless Trust")
    html = names(client)
    assert all(name in html for name in shown)
    assert not any(grant.funder.name in html for grant in hidden)
    assert "Grantless Trust" not in html


def test_funders_are_credited_as_asked_grouped_and_sorted_without_amounts(client):
    GrantFactory(
        funder__name="Zeta Internal Name",
        funder__public_name="Alpha Credited Foundation",
        funder__website="https://alpha.example.org/",
        funder__contact_notes="Program officer: Dana",
        awarded=True,
        amount=Decimal("123456.78"),
    )
    GrantFactory(funder__name="Beta Fund", awarded=True)
    GrantFactory(funder__name="Casey Donor", funder__kind=FunderKind.INDIVIDUAL, awarded=True)
    html = names(client)
    assert "Zeta Internal Name" not in html and "Program officer" not in html
    assert "123" not in re.sub(r"<(head|header|footer).*?</\1>", "", html, flags=re.S)
    assert html.index("Institutions") < html.index("Alpha Credited") < html.index("Beta Fund")
    assert html.index("Beta Fund") < html.index("Individuals") < html.index("Casey Donor")
    assert (
        '<a href="https://alpha.example.org/" rel="noopener">Alpha Credited Foundation</a>' in html
    )


def test_an_empty_page_says_so(client):
    assert "No funder is listed yet." in names(client)


def test_no_inline_style_or_script_for_the_content_security_policy(client):
    GrantFactory(awarded=True)
    html = names(client)
    assert "style=" not in html and "<script" not in html
    assert "funding/funding.css" in html


def test_only_get(client):
    assert client.post(FUNDERS).status_code == 405


def test_queries_stay_bounded_as_funders_grow(client, django_assert_max_num_queries):
    for _ in range(3):
        GrantFactory(awarded=True)
    with django_assert_max_num_queries(12) as few:
        names(client)
    for _ in range(30):
        GrantFactory(awarded=True, funder__kind=FunderKind.INDIVIDUAL)
    cache.clear()  # the page cache would answer without a query
    with django_assert_max_num_queries(len(few.captured_queries)):
        names(client)


def test_the_page_is_cached_and_retired_when_a_funder_changes(
    client, django_capture_on_commit_callbacks
):
    grant = GrantFactory(funder__name="Before Rename Fund", awarded=True)
    client.get(FUNDERS)
    assert client.get(FUNDERS)[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        funder = grant.funder
        funder.public_name = "After Rename Fund"
        funder.save()
    response = client.get(FUNDERS)
    assert response[CACHE_HEADER] == "miss" and b"After Rename Fund" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        grant.status, grant.awarded_on, grant.declined_on = (
            GrantStatus.DECLINED,
            None,
            datetime.date(2025, 1, 1),
        )
        grant.save()
    assert b"After Rename Fund" not in client.get(FUNDERS).content
