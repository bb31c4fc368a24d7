"""Addresses of uploaded files that cannot name one answer 404, never 500 (public fuzz)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("digits", [20, 5000])
def test_a_document_id_longer_than_any_is_not_found(client, digits):
    # Wagtail's view converts the id with int(), which refuses more than 4,300 digits.
    assert client.get(f"/documents/{'9' * digits}/report.pdf").status_code == 404


@pytest.mark.parametrize("name", ["x" * 300, "a/" * 3000 + "b"])
def test_a_media_path_too_long_for_the_file_system_is_not_found(client, settings, name):
    settings.AMICC_SERVE_MEDIA = True
    assert client.get(f"/media/{name}").status_code == 404
