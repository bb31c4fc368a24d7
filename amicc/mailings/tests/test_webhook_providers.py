"""The webhook address of a mail provider the site is not configured for is not found."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/anymail/brevo/inbound/", "/anymail/mailgun/tracking/", "/anymail/mandrill/"]
)
def test_an_unconfigured_provider_answers_404_not_500(client, path):
    # Each of these views needs a key the test settings do not give it.
    assert client.get(path).status_code in (404, 405)
    assert client.post(path, b"{}", content_type="application/json").status_code == 404


def test_a_configured_provider_still_checks_its_secret(client):
    response = client.post("/anymail/postmark/tracking/", b"{}", content_type="application/json")
    assert response.status_code == 400
