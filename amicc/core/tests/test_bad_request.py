"""A request Django refuses as malformed answers 400, never 500 (found by the public fuzz)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import Client, RequestFactory

from amicc.core.errors import bad_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("charset", ["utf-16", "iso-8859-1"])
def test_a_form_post_declaring_another_charset_than_utf8_is_a_400(charset):
    # Django refuses such a body with BadRequest; its own 400 view then runs the CSRF
    # check, which read the body again and raised inside the error handler: a 500.
    client = Client(enforce_csrf_checks=True)
    client.get("/join/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/join/",
        f"csrfmiddlewaretoken={token}&organization_name=caf%E9".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    assert b"Bad Request" in response.content


def test_the_api_is_answered_in_json():
    request = RequestFactory().post("/api/v1/anything", b"x=1", content_type="text/plain")
    response = bad_request(request, BadRequest("unreadable"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
