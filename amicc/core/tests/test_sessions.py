"""A session cookie Django could not have written is no session (found by the public fuzz)."""

import pytest
from django.test import Client

from amicc.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "cookie",
    [
        'sessionid="\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000"',
        'sessionid="\\355\\240\\200abcdefgh"',
        "sessionid=ABCDEFGH<script>",
    ],
)
def test_pages_that_read_the_session_ignore_a_forged_key(site_tree, cookie):
    # The quoted cookie carries NUL bytes, which PostgreSQL refused in the lookup: a 500.
    response = Client().get("/", HTTP_COOKIE=cookie)
    assert response.status_code == 200


def test_keys_of_other_characters_than_djangos_are_refused():
    assert SessionStore("\x00" * 32).session_key is None
    assert SessionStore("ABCDEFGH12345678").session_key is None
    store = SessionStore()
    store["visited"] = True
    store.save()
    assert SessionStore(store.session_key).load() == {"visited": True}


def test_a_signed_in_session_still_works(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user("reader")
    client.force_login(user)
    assert client.get("/").wsgi_request.user == user
