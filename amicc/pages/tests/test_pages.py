"""Page types are created in the tree and render for the public."""

import datetime

import pytest

from amicc.pages.tests.factories import make_news, make_publication, make_topic

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_featured_publications_and_calls_to_action(client, site_tree):
    for day in range(1, 7):
        make_news(site_tree.news_index, f"Item {day}", date=datetime.date(2025, 3, day))
    report = make_publication(site_tree.library, "Annual report")
    site_tree.home.featured_publications.create(publication=report)
    site_tree.home.body = [
        {
            "type": "call_to_action",
            "value": {"title": "Join", "link_text": "Apply", "page": None, "url": "/contact/"},
        }
    ]
    site_tree.home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Justice for atrocities" in html
    assert "Item 6" in html and "Item 3" in html
    assert "Item 2" not in html  # only the four latest
    assert html.index("Item 6") < html.index("Item 3")
    assert "Annual report" in html
    assert '<a class="button" href="/contact/">Apply</a>' in html


def test_navigation_comes_from_the_page_tree(client, site_tree):
    html = client.get("/about/").content.decode()
    nav = html[html.index('aria-label="Main"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/about/" aria-current="page">About</a>' in nav
    assert 'href="/news/"' in nav
    assert "Topics" not in nav  # not shown in menus


def test_standard_page_renders_its_body(client, site_tree):
    response = client.get("/about/")
    assert response.status_code == 200
    assert b"The coalition." in response.content


def test_news_page_shows_date_author_topics_and_tags(client, site_tree):
    topic = make_topic()
    item = make_news(site_tree.news_index, "Delegation returns", topics=[topic])
    item.tags.add("asp")
    item.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert "January 15, 2025" in html
    assert "AMICC staff" in html
    assert 'href="/topics/gender-crimes/"' in html
    assert "asp" in html


def test_unpublished_news_is_not_listed_or_served(client, site_tree):
    draft = make_news(site_tree.news_index, "Secret draft", live=False)
    assert b"Secret draft" not in client.get("/news/").content
    assert client.get(draft.url_path.replace("/home-test", "")).status_code == 404


def test_news_index_paginates_and_survives_bad_page_numbers(client, site_tree):
    for n in range(15):
        make_news(site_tree.news_index, f"News {n:02d}", date=datetime.date(2024, 1, n + 1))
    first = client.get("/news/").content.decode()
    assert "News 14" in first and "News 02" not in first
    second = client.get("/news/", {"page": 2}).content.decode()
    assert "News 02" in second and "News 14" not in second
    for bad in ["abc", "-1", "99999", "", "1.5", "\x00"]:
        assert client.get("/news/", {"page": bad}).status_code == 200


def test_news_index_filters_by_topic(client, site_tree):
    topic = make_topic()
    make_news(site_tree.news_index, "On topic", topics=[topic])
    make_news(site_tree.news_index, "Off topic")
    html = client.get("/news/", {"topic": topic.slug}).content.decode()
    assert "On topic" in html and "Off topic" not in html
    html = client.get("/news/", {"topic": "no-such-topic"}).content.decode()
    assert "On topic" in html and "Off topic" in html


def test_library_filters_by_kind_topic_and_year(client, site_tree):
    topic = make_topic()
    make_publication(
        site_tree.library, "Guide 2023", kind="action_guide", date=datetime.date(2023, 5, 1)
    )
    make_publication(
        site_tree.library,
        "Analysis 2024",
        kind="analysis",
        date=datetime.date(2024, 5, 1),
        topics=[topic],
    )

    def titles(**params) -> set[str]:
        html = client.get("/publications/", params).content.decode()
        return {t for t in ("Guide 2023", "Analysis 2024") if t in html}

    assert titles() == {"Guide 2023", "Analysis 2024"}
    assert titles(kind="action_guide") == {"Guide 2023"}
    assert titles(topic=topic.slug) == {"Analysis 2024"}
    assert titles(year="2023") == {"Guide 2023"}
    assert titles(year="2023", kind="analysis") == set()
    # Nonsense filters are ignored rather than failing.
    assert titles(kind="<script>", year="20x3", topic="zzz", page="last") == {
        "Guide 2023",
        "Analysis 2024",
    }


@pytest.mark.parametrize("year", ["²", "٢٠٢٣", "9" * 5000, "02023", " 2023"])
def test_library_ignores_years_int_cannot_read_or_that_are_not_years(client, site_tree, year):
    make_publication(site_tree.library, "Guide 2023", date=datetime.date(2023, 5, 1))
    response = client.get("/publications/", {"year": year})
    assert response.status_code == 200
    assert "Guide 2023" in response.content.decode()


@pytest.mark.parametrize("listing", ["/news/", "/publications/"])
def test_listings_ignore_a_topic_no_slug_can_be(client, site_tree, listing):
    # PostgreSQL refused the NUL byte in the topic lookup: a 500 on that database.
    make_publication(site_tree.library, "Guide 2023", date=datetime.date(2023, 5, 1))
    make_news(site_tree.news_index, "Budget adopted")
    for topic in ("gender\x00crimes", "\x00", "x" * 5000):
        assert client.get(listing, {"topic": topic}).status_code == 200


def test_publication_page_links_its_pdf(client, site_tree):
    from amicc.pages.tests.factories import make_document

    document = make_document("Fact sheet", "The Court sits in The Hague.")
    page = make_publication(site_tree.library, "ICC fact sheet", document=document)
    html = client.get(page.url).content.decode()
    assert "Download the PDF" in html
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_topic_pages_list_what_is_filed_under_them(client, site_tree):
    topic = make_topic("Peace and justice", "peace-and-justice")
    make_news(site_tree.news_index, "Peace talks and the Court", topics=[topic])
    make_publication(site_tree.library, "Sequencing justice", topics=[topic])
    index_html = client.get("/topics/").content.decode()
    assert 'href="/topics/peace-and-justice/"' in index_html
    html = client.get("/topics/peace-and-justice/").content.decode()
    assert "Peace talks and the Court" in html and "Sequencing justice" in html
    assert client.get("/topics/unknown/").status_code == 404
    assert client.get("/topics/peace-and-justice/extra/deep/").status_code == 404


def test_sitemap_robots_and_metadata(client, site_tree):
    item = make_news(site_tree.news_index, "Shared widely")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/news/shared-widely/" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    html = client.get(item.url).content.decode()
    assert '<link rel="canonical" href="http://testserver/news/shared-widely/">' in html
    assert '<meta property="og:title" content="Shared widely">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert 'media="print"' in html


def test_moved_banner_appears_when_configured(client, site_tree):
    from amicc.core.models import SiteSettings

    settings = SiteSettings.for_site(site_tree.home.get_site())
    settings.moved_to_url = "https://new.example.org/"
    settings.save()
    html = client.get("/").content.decode()
    assert "This site has moved" in html and "https://new.example.org/" in html


def test_unknown_path_is_a_friendly_404(client, site_tree):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_documents_are_not_served_raw_from_media(client, site_tree):
    from amicc.pages.tests.factories import make_document

    document = make_document("Private memo", "Internal text.")
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(document.url).status_code == 200
