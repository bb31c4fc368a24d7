"""Topics, news and publications through the public API: live, public pages only."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from amicc.pages.tests.factories import (
    make_document,
    make_news,
    make_publication,
    make_topic,
)

pytestmark = pytest.mark.django_db


def test_topics_in_site_order_with_their_page(site_tree, public_get):
    make_topic("Peace and justice", "peace-and-justice")
    gender = make_topic("Gender crimes", "gender-crimes")
    gender.sort_order = 0
    gender.save()

    listed = public_get("/topics")

    assert [topic["slug"] for topic in listed["results"]] == ["gender-crimes", "peace-and-justice"]
    detail = public_get("/topics/gender-crimes")
    assert detail == {
        "name": "Gender crimes",
        "slug": "gender-crimes",
        "description": "About Gender crimes.",
        "url": "http://testserver/topics/gender-crimes/",
    }


def test_an_unknown_topic_is_a_json_404(site_tree, public_get):
    assert public_get("/topics/nothing-here", expect=404) == {"detail": "No topic has this slug."}
    # Not a slug at all: no operation answers it, and the answer is still JSON.
    assert "detail" in public_get("/topics/not%20a%20slug", expect=404)


def test_news_lists_live_items_newest_first(site_tree, public_get):
    tree = site_tree
    older = make_news(tree.news_index, "Older", date=datetime.date(2025, 1, 1))
    newer = make_news(tree.news_index, "Newer", date=datetime.date(2025, 3, 1))
    make_news(tree.news_index, "Draft", date=datetime.date(2025, 4, 1), live=False)

    listed = public_get("/news")

    assert listed["count"] == 2
    assert [item["id"] for item in listed["results"]] == [newer.pk, older.pk]
    first = listed["results"][0]
    assert first["url"] == f"http://testserver/news/{newer.slug}/"
    assert first["date"] == "2025-03-01"
    assert first["author"] == "AMICC staff"
    assert "body_text" not in first


def test_news_detail_has_its_text_and_drafts_are_not_found(site_tree, public_get):
    topic = make_topic()
    item = make_news(site_tree.news_index, "Verdict", body="The Court delivered.", topics=[topic])
    draft = make_news(site_tree.news_index, "Not yet", live=False)

    detail = public_get(f"/news/{item.pk}")

    assert detail["title"] == "Verdict"
    assert detail["body_text"] == "The Court delivered."
    assert detail["topics"] == [{"name": "Gender crimes", "slug": "gender-crimes"}]
    assert public_get(f"/news/{draft.pk}", expect=404) == {
        "detail": "No published news item has this id."
    }
    # A publication is not a news item.
    publication = make_publication(site_tree.library, "A report")
    public_get(f"/news/{publication.pk}", expect=404)


def test_pages_in_a_private_section_are_not_exposed(
    site_tree, public_get, django_capture_on_commit_callbacks
):
    item = make_news(site_tree.news_index, "Members only")
    publication = make_publication(site_tree.library, "Open report")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.news_index, restriction_type=PageViewRestriction.LOGIN
        )

    assert public_get("/news")["count"] == 0
    public_get(f"/news/{item.pk}", expect=404)
    assert public_get("/publications")["count"] == 1
    public_get(f"/publications/{publication.pk}")


def test_news_filters(site_tree, public_get):
    tree = site_tree
    topic = make_topic()
    filed = make_news(
        tree.news_index, "Hearing on reparations", date=datetime.date(2025, 2, 1), topics=[topic]
    )
    make_news(tree.news_index, "Assembly opens", date=datetime.date(2024, 12, 1))

    def ids(**params):
        return [item["id"] for item in public_get("/news", **params)["results"]]

    assert ids(topic="gender-crimes") == [filed.pk]
    assert ids(topic="no-such-topic") == []
    assert ids(date_from="2025-01-01") == [filed.pk]
    assert ids(date_to="2024-12-31") != [filed.pk]
    assert ids(date_from="2025-02-01", date_to="2025-02-01") == [filed.pk]
    assert ids(q="REPARATIONS hearing") == [filed.pk]
    assert ids(q="reparations assembly") == []


def test_publications_filter_by_kind_and_link_their_pdf(site_tree, public_get):
    document = make_document("Fact sheet on the Court", "The Court sits in The Hague.")
    sheet = make_publication(
        site_tree.library, "The Court in brief", kind="fact_sheet", document=document
    )
    make_publication(site_tree.library, "Annual report", kind="report")

    listed = public_get("/publications", kind="fact_sheet")

    assert [item["id"] for item in listed["results"]] == [sheet.pk]
    assert listed["results"][0]["kind_label"] == "Fact sheet"
    detail = public_get(f"/publications/{sheet.pk}")
    assert detail["document_url"].startswith("http://testserver/documents/")
    assert detail["body_text"] == "Body of The Court in brief."
    assert detail["summary"] == "A summary."
    assert public_get("/publications", kind="novel", expect=422)["errors"][0]["loc"][-1] == "kind"


def test_paging_is_stable_when_dates_tie(site_tree, public_get):
    same_day = datetime.date(2024, 5, 1)
    made = [make_publication(site_tree.library, f"Report {n}", date=same_day) for n in range(5)]

    first = public_get("/publications", limit=2)
    second = public_get("/publications", limit=2, offset=2)
    last = public_get("/publications", limit=2, offset=4)

    seen = [item["id"] for page in (first, second, last) for item in page["results"]]
    assert seen == sorted((page.pk for page in made), reverse=True)
    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/publications?limit=2&offset=2"
    assert second["previous"] == "http://testserver/api/v1/publications?limit=2&offset=0"
    assert last["next"] is None


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/news", {"date_from": "2025-02-30"}),
        ("/news", {"date_to": "yesterday"}),
        ("/news", {"date_from": "0001-01-01"}),
        ("/news", {"q": "court\x00"}),
        ("/news", {"q": "x" * 5000}),
        ("/news", {"topic": "bad\x00slug"}),
        ("/news", {"limit": "0"}),
        ("/news", {"limit": "101"}),
        ("/news", {"offset": "99999999999999999999"}),
        ("/publications", {"kind": "\x00"}),
        ("/news/99999999999999999999", {}),
        ("/news/0", {}),
    ],
)
def test_bad_input_is_a_422_with_the_field(site_tree, public_get, path, params):
    answer = public_get(path, expect=422, **params)
    assert answer["detail"].startswith("Invalid input")
    assert answer["errors"]


def test_page_queries_do_not_grow_with_the_number_of_items(
    site_tree, public_get, django_assert_max_num_queries
):
    topics = [make_topic("Gender crimes", "gender-crimes"), make_topic("Peace", "peace")]

    def add(count: int) -> None:
        for n in range(count):
            make_news(site_tree.news_index, f"News {n}", topics=topics)
            make_publication(site_tree.library, f"Report {n}", topics=topics)

    add(2)
    public_get("/news")  # fills the site's cached lookups (site root paths, restrictions)
    for added in (0, 20):
        add(added)
        for path in ("/news", "/publications", "/topics"):
            with django_assert_max_num_queries(4):
                answer = public_get(path, limit=100)
            assert answer["results"]
        news_id = answer and public_get("/news", limit=1)["results"][0]["id"]
        with django_assert_max_num_queries(3):
            public_get(f"/news/{news_id}")
