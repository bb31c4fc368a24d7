"""Every public page renders with a fixed number of queries, however much content exists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amicc.pages.tests.factories import make_document, make_news, make_publication, make_topic

pytestmark = pytest.mark.django_db

# The most queries any public page may take on a cold cache.
QUERY_BUDGET = 10

PATHS = [
    "/",
    "/news/",
    "/news/?topic=gender-crimes&page=2",
    "/news/item-0/",
    "/publications/",
    "/publications/?kind=report&year=2024",
    "/publications/publication-0/",
    "/topics/",
    "/topics/gender-crimes/",
    # Search loads the specific pages of a results page with one query per page type, so
    # a query whose hits are all of one type keeps the count comparable between runs.
    "/search/?q=publication",
    "/search/?q=body&topic=gender-crimes&kind=report",
    "/feeds/news/rss/",
    "/feeds/topics/gender-crimes/atom/",
    "/sitemap.xml",
]


def _add_content(site_tree, topic, start: int, count: int) -> None:
    for n in range(start, start + count):
        item = make_news(
            site_tree.news_index, f"Item {n}", date=datetime.date(2024, 1, 1), topics=[topic]
        )
        item.tags.add(f"tag{n}", "common")
        item.save_revision().publish()
        document = make_document(f"Doc {n}", f"Document body {n}") if n % 2 else None
        publication = make_publication(
            site_tree.library, f"Publication {n}", topics=[topic], document=document
        )
        site_tree.home.featured_publications.create(publication=publication)


def _count(client, path: str) -> int:
    client.get(path)  # warm the per-site caches (menu, topic index), not the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_query_counts_are_bounded_and_do_not_grow_with_content(client, site_tree, settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 0
    topic = make_topic()
    _add_content(site_tree, topic, 0, 3)
    site_tree.home.save_revision().publish()
    small = {path: _count(client, path) for path in PATHS}
    _add_content(site_tree, topic, 3, 12)
    large = {path: _count(client, path) for path in PATHS}
    assert {p: n for p, n in large.items() if n > QUERY_BUDGET} == {}
    assert large == small
