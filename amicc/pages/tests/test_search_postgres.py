"""PostgreSQL: site search finds its matches through an index, not by reading every entry.

bench/load found each uncached search reading the whole search index twice (490 ms for a
word on 2,500 of 20,000 pages): migration pages 0002 indexes the vector Wagtail matches.
"""

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from amicc.pages.search import SearchForm, _ranked
from amicc.pages.tests.factories import make_news

pytestmark = pytest.mark.django_db

INDEX = "amicc_search_title_body_gin"
VECTOR = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches its own FTS5 table (amicc.pages.search_sqlite)")


def _plan(sql: str, params=()) -> str:
    with transaction.atomic(), connection.cursor() as cursor:
        # A test database is small enough to scan; ask whether the index can serve at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_site_search_matches_the_vector_the_index_covers(site_tree):
    make_news(site_tree.news_index, "Darfur hearing", body="The Court heard the appeal.")
    with CaptureQueriesContext(connection) as queries:
        titles = [page.title for page in _ranked(SearchForm.from_query(QueryDict("q=darfur")))]
    assert titles == ["Darfur hearing"]
    # Should a Wagtail upgrade match another expression, the index would serve no search.
    assert any(VECTOR in query["sql"] for query in queries.captured_queries)


def test_a_match_on_the_vector_uses_the_index():
    plan = _plan(
        "SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery(%s)",
        ["darfur"],
    )
    assert INDEX in plan, plan
