"""Anonymous pages come from the cache until content changes; signed-in people never do."""

import socket

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import override_settings

from amicc.core.page_cache import CACHE_HEADER
from amicc.pages.tests.factories import make_news

pytestmark = pytest.mark.django_db


def _state(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response[CACHE_HEADER], response.content.decode()


def test_second_anonymous_request_is_a_hit(client, site_tree):
    assert _state(client)[0] == "miss"
    assert _state(client)[0] == "hit"
    assert _state(client, "/?page=2")[0] == "miss"  # the query string is part of the key


def test_publishing_invalidates(client, site_tree, django_capture_on_commit_callbacks):
    _state(client)
    with django_capture_on_commit_callbacks(execute=True):
        make_news(site_tree.news_index, "Fresh statement")
    state, html = _state(client)
    assert state == "miss" and "Fresh statement" in html


def test_unpublishing_invalidates(client, site_tree, django_capture_on_commit_callbacks):
    item = make_news(site_tree.news_index, "Withdrawn statement")
    assert "Withdrawn statement" in _state(client)[1]
    with django_capture_on_commit_callbacks(execute=True):
        item.unpublish()
    state, html = _state(client)
    assert state == "miss" and "Withdrawn statement" not in html


def test_moving_invalidates(client, site_tree, django_capture_on_commit_callbacks):
    _state(client, "/about/")
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.about.move(site_tree.home, pos="last-child")
    assert _state(client, "/about/")[0] == "miss"


def test_signed_in_people_are_never_served_cached_pages(client, site_tree, django_user_model):
    _state(client)
    _state(client)
    user = django_user_model.objects.create_user("editor", password="pw-for-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.get("/")
    assert CACHE_HEADER not in response
    assert client.get("/admin/").status_code == 200
    assert CACHE_HEADER not in client.get("/admin/")


def test_responses_setting_cookies_are_not_cached(client, site_tree):
    client.get("/admin/login/")  # sets the CSRF cookie, and is under the admin prefix
    assert _state(client, "/")[0] == "miss"
    assert _state(client, "/")[0] == "hit"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_up(), reason="Redis is not answering on 127.0.0.1:6379")
def test_page_cache_works_on_redis(client, site_tree, django_capture_on_commit_callbacks):
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "amicc-test",
        }
    }
    with override_settings(CACHES=redis_cache):
        caches["default"].clear()
        try:
            assert _state(client)[0] == "miss"
            assert _state(client)[0] == "hit"
            with django_capture_on_commit_callbacks(execute=True):
                make_news(site_tree.news_index, "Redis news")
            state, html = _state(client)
            assert state == "miss" and "Redis news" in html
        finally:
            caches["default"].clear()


def test_making_a_page_private_invalidates(client, site_tree, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    assert _state(client, "/about/")[0] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=site_tree.about, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )
    response = client.get("/about/")
    assert response.status_code == 200
    assert b"The coalition." not in response.content  # the password form, not the page
