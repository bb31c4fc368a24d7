"""API keys at the door: stored hashed, refused when wrong, revoked or orphaned, rate-limited."""

import hashlib

import pytest
from django.utils import timezone

from amicc.api.admin_views import key_revoke
from amicc.api.keys import api_key_create
from amicc.api.models import ApiKey
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

PEOPLE = "/people"


def assert_unauthenticated(response):
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert "A valid API key is required" in response.json()["detail"]


def test_only_the_hash_of_the_secret_is_stored(coalition):
    key, full_text = api_key_create(owner=coalition.staff, name="CRM sync", scope="read")
    prefix, secret = full_text.removeprefix("amicc_").split("_", 1)
    stored = ApiKey.objects.get(pk=key.pk)
    assert stored.prefix == prefix
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiKey.objects.filter(pk=key.pk).values().get()), (
        "the secret itself is in no column"
    )


def test_a_key_is_accepted_as_bearer_token_or_header(coalition, make_key, client):
    key = make_key(coalition.staff, scope="read")
    bearer = client.get(f"/api/v1{PEOPLE}", headers={"Authorization": f"Bearer {key}"})
    header = client.get(f"/api/v1{PEOPLE}", headers={"X-API-Key": key})
    assert bearer.status_code == header.status_code == 200
    assert ApiKey.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        {},
        {"Authorization": "Bearer "},
        {"Authorization": "Bearer amicc_nothing"},
        {"Authorization": "Bearer amicc_00000000_not-the-secret"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"X-API-Key": "x" * 500},
        {"X-API-Key": "amicc_../../_secret"},
    ],
)
def test_a_missing_or_wrong_key_answers_401(coalition, make_key, client, header):
    make_key(coalition.staff)
    assert_unauthenticated(client.get(f"/api/v1{PEOPLE}", headers=header))


def test_the_right_prefix_with_another_secret_answers_401(coalition, make_key, key_api):
    key = make_key(coalition.staff)
    assert_unauthenticated(key_api(key[:-4] + "AAAA").get(PEOPLE))


def test_a_revoked_key_answers_401_at_once(coalition, make_key, key_api):
    key = make_key(coalition.staff)
    assert key_api(key).get(PEOPLE).status_code == 200
    key_revoke(key=ApiKey.objects.get(), by=coalition.administrator)
    assert_unauthenticated(key_api(key).get(PEOPLE))


def test_the_key_of_a_deactivated_owner_answers_401(coalition, make_key, key_api):
    key = make_key(coalition.staff)
    coalition.staff.is_active = False
    coalition.staff.save()
    assert_unauthenticated(key_api(key).get(PEOPLE))


def test_a_read_only_key_cannot_write(coalition, make_key, key_api):
    key = make_key(coalition.staff, scope="read")
    response = key_api(key).post(
        f"/organization-applications/{coalition.application.pk}/decline", {"reason": "No."}
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    coalition.application.refresh_from_db()
    assert coalition.application.status == "pending"


def test_revoking_twice_keeps_the_first_time(coalition, make_key):
    make_key(coalition.staff)
    key = key_revoke(key=ApiKey.objects.get(), by=coalition.administrator)
    first = key.revoked_at
    assert first is not None and first <= timezone.now()
    assert key_revoke(key=key, by=coalition.administrator).revoked_at == first


# --- Rate limits


def test_the_address_limit_counts_every_request_of_an_address(
    coalition, make_key, key_api, settings
):
    settings.AMICC_API_RATE_PER_ADDRESS = 3
    settings.AMICC_API_RATE_PER_KEY = 100
    key = make_key(coalition.staff)
    api = key_api(key, address="203.0.113.5")
    assert [api.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get(PEOPLE)
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["detail"].startswith("Too many requests")
    # Another address is counted on its own.
    assert key_api(key, address="203.0.113.6").get(PEOPLE).status_code == 200


def test_the_address_limit_applies_to_anonymous_requests(client, settings, db):
    settings.AMICC_API_RATE_PER_ADDRESS = 2
    answers = [client.get("/api/v1/topics", REMOTE_ADDR="198.51.100.7") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    assert client.get("/api/v1/topics", REMOTE_ADDR="198.51.100.8").status_code == 200


def test_a_keys_limit_holds_whatever_address_it_comes_from(coalition, make_key, key_api, settings):
    settings.AMICC_API_RATE_PER_ADDRESS = 100
    settings.AMICC_API_RATE_PER_KEY = 3
    key = make_key(coalition.staff)
    addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]
    answers = [key_api(key, address=address).get(PEOPLE) for address in addresses]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    # Another key from the same address is not limited by the first key's count.
    other = make_key(coalition.staff, name="Other")
    assert key_api(other, address="192.0.2.4").get(PEOPLE).status_code == 200


def test_refused_keys_count_against_the_address_limit(coalition, client, settings):
    settings.AMICC_API_RATE_PER_ADDRESS = 3
    wrong = {"Authorization": "Bearer amicc_00000000_not-the-secret"}
    answers = [
        client.get(f"/api/v1{PEOPLE}", headers=wrong, REMOTE_ADDR="198.51.100.9") for _ in range(4)
    ]
    assert [answer.status_code for answer in answers] == [401, 401, 401, 429]
    assert int(answers[-1]["Retry-After"]) >= 1
    assert answers[-1].json()["detail"].startswith("Too many requests")
