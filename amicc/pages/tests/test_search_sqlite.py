"""The one-pass SQLite ranking orders results exactly as the search backend would."""

import pytest
from wagtail.models import Locale, Page

from amicc.pages import search_sqlite
from amicc.pages.bench_data import bench_data_generate
from amicc.pages.models import PublicationPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def corpus():
    if not search_sqlite.applies():
        pytest.skip("the site does not search with SQLite's full-text index")
    bench_data_generate(news=40, publications=40)


def _ids(queryset) -> frozenset[int]:
    return frozenset(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("terms", ["rome statute", "darfur", "congress alliance", "nothingmatches"])
def test_ranking_matches_the_backend(terms):
    # The site searches one language's pages; the Spanish aliases tie with their pages.
    candidates = Page.objects.live().public().filter(locale=Locale.get_default())
    expected = [page.pk for page in candidates.search(terms)]
    assert search_sqlite.ranked_page_ids(_ids(candidates), terms) == expected


def test_candidates_narrow_the_results():
    reports = (
        PublicationPage.objects.filter(kind="report", locale=Locale.get_default()).live().public()
    )
    ranked = search_sqlite.ranked_page_ids(_ids(reports), "statute")
    assert ranked
    assert set(ranked) <= set(reports.values_list("pk", flat=True))
    assert ranked == [page.pk for page in reports.search("statute")]


def test_words_are_quoted_so_none_is_syntax():
    assert (
        search_sqlite.match_expression('NEAR or "x') == '{title body} : ("NEAR" AND "or" AND """x")'
    )
