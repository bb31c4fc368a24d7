"""Remembered routes serve the right page, and a stale one never serves a wrong one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from amicc.pages.tests.factories import make_news, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.AMICC_PAGE_CACHE_SECONDS = 0


def _queries(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, len(queries)


def test_a_remembered_route_serves_the_page_with_fewer_queries(client, site_tree):
    make_news(site_tree.news_index, "Route me")
    first_status, first = _queries(client, "/news/route-me/")
    second_status, second = _queries(client, "/news/route-me/")
    assert first_status == second_status == 200
    assert second < first


def test_a_renamed_page_is_found_at_its_new_address_only(client, site_tree):
    item = make_news(site_tree.news_index, "Old name")
    assert client.get("/news/old-name/").status_code == 200
    # Changed without the publish signal, so the remembered route is not retired.
    Page.objects.filter(pk=item.pk).update(slug="new-name", url_path="/home-test/news/new-name/")
    assert client.get("/news/old-name/").status_code == 404
    assert client.get("/news/new-name/").status_code == 200


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client, site_tree):
    item = make_news(site_tree.news_index, "Short lived")
    assert client.get("/news/short-lived/").status_code == 200
    Page.objects.filter(pk=item.pk).update(live=False)
    assert client.get("/news/short-lived/").status_code == 404


def test_routable_sub_urls_are_remembered_per_url(client, site_tree):
    make_topic(name="Peace and justice", slug="peace-and-justice")
    for _ in range(2):
        response = client.get("/topics/peace-and-justice/")
        assert response.status_code == 200 and b"Peace and justice" in response.content
        assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/topics/").status_code == 200


def test_a_private_section_is_enforced_once_restrictions_exist(
    client, site_tree, django_capture_on_commit_callbacks
):
    make_news(site_tree.news_index, "Members only")
    assert client.get("/news/members-only/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.news_index, restriction_type=PageViewRestriction.LOGIN
        )
    response = client.get("/news/members-only/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert b"Members only" not in client.get("/").content


def test_a_password_protected_page_opens_with_its_password(client, site_tree):
    """Wagtail's password form posts under /_util/, which the page route leaves alone."""
    restriction = PageViewRestriction.objects.create(
        page=site_tree.about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    form = client.get("/about/")
    assert form.status_code == 200 and b"The coalition." not in form.content
    action = f"/_util/authenticate_with_password/{restriction.pk}/{site_tree.about.pk}/"
    assert action.encode() in form.content
    wrong = client.post(action, {"password": "wrong", "return_url": "/about/"})
    assert wrong.status_code == 200 and b"The coalition." not in client.get("/about/").content
    right = client.post(action, {"password": "s3cret", "return_url": "/about/"})
    assert right.status_code == 302 and right["Location"] == "/about/"
    assert b"The coalition." in client.get("/about/").content


def test_the_login_page_of_private_pages_is_wagtails(client, site_tree):
    assert client.get("/_util/login/").status_code == 200


@pytest.mark.parametrize("return_url", ["abc", "\ufffd", ""])
def test_password_forms_with_an_odd_return_address_go_home(client, site_tree, return_url):
    """Wagtail redirects with redirect(return_url), which reads "abc" as a view's name."""
    from wagtail.models import Collection, CollectionViewRestriction

    page = PageViewRestriction.objects.create(
        page=site_tree.about, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    collection = Collection.get_first_root_node().add_child(name="Private")
    documents = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="s3cret",
    )
    for action in (
        f"/_util/authenticate_with_password/{page.pk}/{site_tree.about.pk}/",
        f"/documents/authenticate_with_password/{documents.pk}/",
    ):
        response = client.post(action, {"password": "s3cret", "return_url": return_url})
        assert response.status_code in (200, 302), action
        if response.status_code == 302:
            assert response["Location"] == "/"
