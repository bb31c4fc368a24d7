"""The public map of presentations and "In the news": counts and stories, never people."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from amicc.outreach.tests.factories import MediaCoverageFactory, PresentationRequestFactory

pytestmark = pytest.mark.django_db
# A public page's queries include one for the language switcher's links (base.html).
PRESENTATIONS = "/presentations/"
NEWS = "/in-the-news/"


def warm_up(client, url: str) -> None:
    """The site's settings are made on the first request; the page cache is then emptied."""
    client.get(url)
    cache.clear()


def delivered(state: str, year: int, **fields):
    return PresentationRequestFactory(
        delivered=True, state=state, delivered_on=datetime.date(year, 5, 1), **fields
    )


@pytest.fixture
def given(db):
    return [
        delivered("IL", 2023, contact_name="Private Pat", contact_email="pat@example.org"),
        delivered("IL", 2024),
        delivered("NY", 2024, audience_type="faith"),
        delivered("CA", 2024),
        PresentationRequestFactory(state="TX"),  # not given: not counted
        PresentationRequestFactory(state="WA", status="declined", decline_reason="No speaker"),
    ]


def test_the_map_and_table_count_delivered_presentations_by_state_and_year(
    client, given, django_assert_max_num_queries
):
    warm_up(client, PRESENTATIONS)
    with django_assert_max_num_queries(5):
        response = client.get(PRESENTATIONS)
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.years == [2023, 2024]
    assert [(row.code, row.counts, row.total) for row in summary.rows] == [
        ("CA", [0, 1], 1),
        ("IL", [1, 1], 2),
        ("NY", [0, 1], 1),
    ]
    assert summary.year_totals == [1, 3] and summary.total == 4
    html = response.content.decode()
    assert "<svg" in html and "Illinois: 2 presentations" in html
    assert "Texas: no presentations" in html
    for private in ("Private Pat", "pat@example.org", "Requesting Group", "Speaker"):
        assert private not in html
    assert "style=" not in html.split("<main", 1)[1]
    assert "private" not in response.get("Cache-Control", "")


def test_a_year_narrows_the_map(client, given):
    response = client.get(PRESENTATIONS, {"year": "2023"})
    assert response.status_code == 200
    assert response.context["map_total"] == 1
    assert response.context["summary"].by_state == {"IL": 1}
    assert "Illinois: 1 presentation<" in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "1999", "3000", "-1", "2024.5", "٢٠٢٤", "2024 "])
def test_a_bad_year_answers_400_with_a_message(client, given, year):
    response = client.get(PRESENTATIONS, {"year": year})
    assert response.status_code == 400
    assert "is not a year we can show" in response.content.decode()


def test_an_empty_year_is_all_years_and_no_data_reads_well(client):
    response = client.get(PRESENTATIONS, {"year": ""})
    assert response.status_code == 200
    assert "No presentations are recorded yet" in response.content.decode()


def test_the_map_follows_delivery(client, django_capture_on_commit_callbacks, settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 300
    assert client.get(PRESENTATIONS).context["summary"].total == 0
    with django_capture_on_commit_callbacks(execute=True):
        delivered("OH", timezone.localdate().year)
    response = client.get(PRESENTATIONS)
    assert response["X-Page-Cache"] == "miss"
    assert "Ohio: 1 presentation" in response.content.decode()


def test_in_the_news_lists_featured_items_only(client, coalition, django_assert_max_num_queries):
    MediaCoverageFactory(
        headline="Featured op-ed", kind="op_ed", featured=True, url="https://paper.example/a"
    )
    MediaCoverageFactory(headline="Not chosen", featured=False)
    MediaCoverageFactory(
        headline="Coordinator's story", alliance=coalition.alliance_a, featured=True, url=""
    )
    warm_up(client, NEWS)
    with django_assert_max_num_queries(5):
        response = client.get(NEWS)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="https://paper.example/a" rel="noopener">Featured op-ed</a>' in html
    assert "Op-ed" in html and "Coordinator&#x27;s story" in html
    assert "Not chosen" not in html
    assert "private" not in response.get("Cache-Control", "")


def test_in_the_news_paginates_with_bounded_queries(client, django_assert_max_num_queries):
    today = timezone.localdate()
    for day in range(45):
        MediaCoverageFactory(featured=True, published_on=today - datetime.timedelta(days=day))
    warm_up(client, NEWS)
    with django_assert_max_num_queries(5):
        first = client.get(NEWS)
    assert len(first.context["page"].object_list) == 20
    cache.clear()
    with django_assert_max_num_queries(5):
        third = client.get(NEWS, {"page": "3"})
    assert len(third.context["page"].object_list) == 5
    assert client.get(NEWS, {"page": "4"}).status_code == 404
    bad = client.get(NEWS, {"page": "two"})
    assert bad.status_code == 400 and "whole number" in bad.content.decode()


def test_featuring_an_item_retires_the_cached_page(
    client, coalition, django_capture_on_commit_callbacks, settings
):
    from amicc.outreach.services.media import media_coverage_log, media_coverage_update

    settings.AMICC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item = media_coverage_log(
            by=coalition.staff, outlet="Gazette", published_on=timezone.localdate(),
            headline="Hidden at first", kind="news",
        )  # fmt: skip
    assert "Hidden at first" not in client.get(NEWS).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        media_coverage_update(item=item, by=coalition.staff, data={"featured": True})
    assert "Hidden at first" in client.get(NEWS).content.decode()


def test_the_pages_are_linked_from_each_other(client):
    assert reverse("outreach:request") in client.get(PRESENTATIONS).content.decode()
