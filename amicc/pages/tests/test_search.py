"""Site-wide search: pages, publications and the text inside their PDFs."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amicc.pages.search import passage
from amicc.pages.tests.factories import make_document, make_news, make_publication, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(site_tree):
    topic = make_topic()
    document = make_document("Checklist", "Bring the district office visit checklist to Congress")
    guide = make_publication(
        site_tree.library,
        "Lobbying guide",
        kind="action_guide",
        summary="How to meet your representative.",
        document=document,
        topics=[topic],
    )
    make_publication(site_tree.library, "Court budget analysis", kind="analysis")
    make_news(site_tree.news_index, "Budget hearing in The Hague", body="The budget was adopted.")
    return {"topic": topic, "guide": guide}


def _titles(client, **params) -> list[str]:
    response = client.get("/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    return [t for t in ("Lobbying guide", "Court budget analysis", "Budget hearing") if t in html]


def test_finds_text_inside_an_attached_pdf_and_shows_the_passage(client, corpus):
    html = client.get("/search/", {"q": "checklist"}).content.decode()
    assert "Lobbying guide" in html
    assert "<mark>checklist</mark>" in html


def test_search_spans_page_types(client, corpus):
    assert set(_titles(client, q="budget")) == {"Court budget analysis", "Budget hearing"}


def test_filters_by_kind_and_topic(client, corpus):
    assert _titles(client, q="budget", kind="analysis") == ["Court budget analysis"]
    assert _titles(client, q="guide", topic=corpus["topic"].slug) == ["Lobbying guide"]
    assert _titles(client, q="budget", topic=corpus["topic"].slug) == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 10_000},
        {"q": "budget", "page": "999"},
        {"q": "budget", "page": "-3"},
        {"q": "budget", "page": "abc"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "budget\x00null"},
        {"q": 'AND OR NOT ( ) * " ^ NEAR'},
        {"q": "budget", "kind": "nonsense", "topic": "../../etc"},
        {"q": "budget", "topic": "gender\x00crimes"},
    ],
)
def test_odd_queries_answer_sensibly(client, corpus, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_long_query_is_truncated_and_says_so(client, corpus):
    html = client.get("/search/", {"q": "budget " * 100}).content.decode()
    assert "only its first 200 characters" in html


def test_out_of_range_page_shows_the_last_page(client, corpus):
    html = client.get("/search/", {"q": "budget", "page": "999"}).content.decode()
    assert "Court budget analysis" in html or "Budget hearing" in html


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300), page=st.one_of(st.none(), st.text(max_size=12)))
def test_search_never_fails_on_arbitrary_input(client, site_tree, query, page):
    params = {"q": query}
    if page is not None:
        params["page"] = page
    assert client.get("/search/", params).status_code == 200


def test_passage_marks_terms_and_escapes_html(site_tree):
    page = make_news(
        site_tree.news_index, "Escaping", body="Before <b>bold</b> the budget & more after."
    )
    html = str(passage(page, "budget"))
    assert "<mark>budget</mark>" in html
    assert "<b>" not in html and "&amp;" in html


def test_passage_prefers_where_the_query_words_cluster(site_tree):
    filler = "Unrelated words about other matters entirely. " * 12
    page = make_news(
        site_tree.news_index,
        "Clusters",
        body=f"A district note. {filler} Bring the district office visit checklist today.",
    )
    html = str(passage(page, "district office visit checklist"))
    assert "<mark>checklist</mark>" in html and "<mark>office</mark>" in html
    assert html.startswith("… ")


def test_htmx_requests_get_the_results_fragment_cached_apart(client, corpus):
    full = client.get("/search/", {"q": "budget"})
    fragment = client.get("/search/", {"q": "budget"}, headers={"HX-Request": "true"})
    again = client.get("/search/", {"q": "budget"})
    assert b"<html" in full.content and b"<html" in again.content
    assert b"<html" not in fragment.content and b"Court budget analysis" in fragment.content
    assert "HX-Request" in full["Vary"]


def test_search_sees_new_pages_after_the_cache_is_flushed(client, site_tree):
    make_news(site_tree.news_index, "Zebra crossing one")
    assert client.get("/search/?q=zebra").content.count(b'class="result"') == 1
    cache.clear()  # a restarted cache server: generations must not start over
    make_news(site_tree.news_index, "Zebra crossing two")
    assert client.get("/search/?q=zebra").content.count(b'class="result"') == 2
