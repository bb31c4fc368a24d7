"""The benchmark generator writes pages that Wagtail routes, lists, renders and finds."""

import pytest
from wagtail.models import Page

from amicc.pages.bench_data import bench_data_generate
from amicc.pages.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
)

pytestmark = pytest.mark.django_db

NEWS = 30
PUBLICATIONS = 30


@pytest.fixture
def generated():
    return bench_data_generate(news=NEWS, publications=PUBLICATIONS)


def english(model):
    """The pages generated, without their Spanish aliases."""
    return model.objects.filter(locale__language_code="en")


def test_pages_are_live_children_of_their_index_with_a_sound_tree(generated):
    news_index = english(NewsIndexPage).get()
    library = english(PublicationIndexPage).get()
    assert NewsPage.objects.child_of(news_index).live().count() == NEWS
    assert PublicationPage.objects.child_of(library).live().count() == PUBLICATIONS
    assert Page.find_problems() == ([], [], [], [], [])
    news_index.refresh_from_db()
    assert news_index.numchild == NEWS
    assert all(page.topics.count() <= 2 for page in NewsPage.objects.all())


def test_every_page_has_a_spanish_alias_at_its_spanish_address(client, generated):
    spanish = NewsPage.objects.filter(locale__language_code="es")
    assert spanish.count() == NEWS
    alias = spanish.order_by("pk").first()
    assert alias.alias_of_id is not None
    assert alias.url.startswith("/es/news/")
    response = client.get(alias.url)
    assert response.status_code == 200
    assert response.context["page"] == alias


def test_running_again_adds_nothing(generated):
    again = bench_data_generate(news=NEWS, publications=PUBLICATIONS)
    assert (again.news_added, again.publications_added) == (0, 0)
    assert (again.news_total, again.publications_total) == (NEWS, PUBLICATIONS)


def test_every_page_renders_at_its_url(client, generated):
    home_path = english(HomePage).get().url_path
    for page in [*english(NewsPage), *english(PublicationPage)]:
        assert page.url == page.url_path.removeprefix(home_path.rstrip("/"))
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.get_specific() == response.context["page"]


def test_latest_items_appear_in_the_listings(client, generated):
    latest_news = english(NewsPage).order_by("-date", "-pk").first()
    latest_publication = english(PublicationPage).order_by("-date", "-pk").first()
    news_listing = client.get(english(NewsIndexPage).get().url)
    library = client.get(english(PublicationIndexPage).get().url)
    assert latest_news in news_listing.context["items"].object_list
    assert latest_publication in library.context["items"].object_list
    assert library.context["items"].paginator.count == PUBLICATIONS


@pytest.mark.parametrize("model", [NewsPage, PublicationPage])
def test_pages_are_found_by_search(client, generated, model):
    page = english(model).order_by("pk")[NEWS // 2]
    response = client.get("/search/", {"q": page.title})
    assert response.status_code == 200
    assert page.pk in [hit.page.pk for hit in response.context["hits"]]
