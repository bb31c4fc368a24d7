"""News feeds are valid RSS 2.0 and Atom, site-wide and per topic."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest

from amicc.pages.tests.factories import make_news, make_topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(site_tree):
    topic = make_topic()
    make_news(site_tree.news_index, "Older item", date=datetime.date(2024, 1, 1))
    make_news(
        site_tree.news_index, "Newer & topical", date=datetime.date(2025, 2, 1), topics=[topic]
    )
    return topic


def test_rss_feed_is_valid_rss_2(client, news):
    response = client.get("/feeds/news/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Newer & topical", "Older item"]
    # Links are absolute, on the host configured for the Wagtail site.
    assert items[0].findtext("link") == "http://localhost/news/newer-topical/"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert parsed.entries[0].published_parsed[:3] == (2025, 2, 1)


def test_atom_feed_is_valid_atom(client, news):
    response = client.get("/feeds/news/atom/")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/news/newer-topical/")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"


def test_topic_feeds_hold_only_that_topic(client, news):
    for url in (f"/feeds/topics/{news.slug}/rss/", f"/feeds/topics/{news.slug}/atom/"):
        parsed = feedparser.parse(client.get(url).content)
        assert [entry.title for entry in parsed.entries] == ["Newer & topical"]
        assert news.name in parsed.feed.title


def test_unknown_topic_feed_is_404(client, news):
    assert client.get("/feeds/topics/nope/rss/").status_code == 404
