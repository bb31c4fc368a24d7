"""API keys in the admin: who manages them, the key shown once, the listing, renaming, revoking."""

import hashlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from amicc.api.models import ApiKey
from amicc.coalition.tests.admin_fixtures import coalition_fixture, user_in  # noqa: F401
from amicc.coalition.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("api_keys:index")
ADD = reverse("api_keys:add")


def edit_url(key):
    return reverse("api_keys:edit", args=[key.pk])


def revoke_url(key):
    return reverse("api_keys:revoke", args=[key.pk])


@pytest.fixture
def administrator(db):
    """An Administrator who is not a superuser."""
    return user_in("Administrators", username="admin-group")


def create(client, **fields):
    return client.post(ADD, {"name": "CRM sync", "scope": "read", **fields})


def shown_key(response) -> str:
    return response.context["full_text"]


def test_only_administrators_hold_the_key_permissions():
    def codenames(name):
        permissions = Group.objects.get(name=name).permissions
        return set(
            permissions.filter(content_type__app_label="api").values_list("codename", flat=True)
        )

    assert codenames("Administrators") == {
        "add_apikey",
        "change_apikey",
        "delete_apikey",
        "view_apikey",
    }
    for group in ["Coalition staff", "Alliance coordinators", "Organization representatives"]:
        assert codenames(group) == set()


def test_the_key_is_shown_once_and_only_its_hash_is_kept(client, coalition, administrator):
    client.force_login(administrator)
    response = create(client, owner=coalition.staff.pk, scope="read_write")
    assert response.status_code == 200
    full_text = shown_key(response)
    html = response.content.decode()
    assert full_text in html
    assert "it will not be shown again" in html
    assert "no-store" in response["Cache-Control"]

    key = ApiKey.objects.get()
    assert (key.name, key.owner, key.scope, key.created_by) == (
        "CRM sync",
        coalition.staff,
        "read_write",
        administrator,
    )
    secret = full_text.split("_", 2)[2]
    assert key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    for page in [INDEX, edit_url(key), reverse("api_keys:history", args=[key.pk])]:
        answer = client.get(page)
        assert answer.status_code == 200
        assert secret not in answer.content.decode()
    assert not any(secret in str(entry.data) for entry in ModelLogEntry.objects.all())
    # The key works with the API at once.
    api = client.get("/api/v1/people", headers={"Authorization": f"Bearer {full_text}"})
    assert api.status_code == 200


def test_creating_a_key_is_audit_logged_without_the_secret(client, coalition, administrator):
    client.force_login(administrator)
    full_text = shown_key(create(client, owner=coalition.staff.pk))
    entry = ModelLogEntry.objects.for_instance(ApiKey.objects.get()).get()
    assert entry.action == "wagtail.create"
    assert entry.user == administrator
    assert entry.data["owner"] == "staff" and entry.data["scope"] == "read"
    assert full_text.split("_", 2)[2] not in str(entry.data)


def test_the_listing_shows_each_keys_facts(client, coalition, administrator, make_key):
    make_key(coalition.staff, scope="read_write", name="Newsletter sync")
    client.force_login(administrator)
    html = client.get(INDEX).content.decode()
    key = ApiKey.objects.get()
    for text in ["Newsletter sync", key.prefix, str(coalition.staff), "Read and write"]:
        assert text in html
    for heading in ["Prefix", "Owner", "Scope", "Created", "Last used", "Revoked"]:
        assert heading in html
    assert revoke_url(key) in html


def test_revoking_asks_then_stops_the_key_and_is_logged(
    client, coalition, administrator, make_key, key_api
):
    full_text = make_key(coalition.staff)
    key = ApiKey.objects.get()
    client.force_login(administrator)
    confirm = client.get(revoke_url(key))
    assert confirm.status_code == 200
    assert "Yes, revoke" in confirm.content.decode()
    assert ApiKey.objects.get().revoked_at is None, "a GET revokes nothing"

    response = client.post(revoke_url(key))
    assert response.status_code == 302 and response["Location"] == INDEX
    key.refresh_from_db()
    assert key.revoked_at is not None
    entry = ModelLogEntry.objects.for_instance(key).get(action="api.key_revoke")
    assert entry.user == administrator
    assert key_api(full_text).get("/people").status_code == 401
    # Revoked keys stay listed, with no revoke button, and cannot be deleted.
    html = client.get(INDEX).content.decode()
    assert key.name in html and revoke_url(key) not in html
    assert client.get(reverse("api_keys:delete", args=[key.pk])).status_code == 403


def test_only_the_name_of_a_key_can_change(client, coalition, administrator, make_key):
    full_text = make_key(coalition.staff, scope="read")
    key = ApiKey.objects.get()
    client.force_login(administrator)
    response = client.post(
        edit_url(key),
        {"name": "Renamed", "owner": administrator.pk, "scope": "read_write", "prefix": "x"},
    )
    assert response.status_code == 302
    renamed = ApiKey.objects.get()
    assert renamed.name == "Renamed"
    assert (renamed.owner, renamed.scope, renamed.prefix, renamed.secret_hash) == (
        coalition.staff,
        "read",
        key.prefix,
        key.secret_hash,
    )
    entry = ModelLogEntry.objects.for_instance(key).get()
    assert (entry.action, entry.user) == ("wagtail.edit", administrator)
    page = client.get(edit_url(key)).content.decode()
    assert key.prefix in page and "Only the name can change" in page
    assert full_text.split("_", 2)[2] not in page


@pytest.mark.parametrize("role", ["coordinator", "staff", "representative", "supporter"])
def test_other_roles_get_403_on_every_key_page(client, coalition, make_key, role):
    make_key(coalition.staff)
    key = ApiKey.objects.get()
    user = getattr(coalition, role)
    client.force_login(user)
    for page in [INDEX, ADD, edit_url(key), revoke_url(key)]:
        answer = client.get(page)
        # Supporters have no admin access at all: Wagtail sends them to its login.
        assert answer.status_code == (302 if role == "supporter" else 403), page
    assert client.post(revoke_url(key)).status_code in (302, 403)
    assert create(client, owner=user.pk).status_code in (302, 403)
    assert ApiKey.objects.count() == 1 and ApiKey.objects.get().revoked_at is None


def test_the_menu_shows_api_keys_to_administrators_only(client, coalition, administrator):
    client.force_login(administrator)
    assert '"label": "API keys"' in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(coalition.staff)
    assert '"label": "API keys"' not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_no_key_for_someone_with_more_rights(client, coalition, administrator):
    client.force_login(administrator)
    form = client.get(ADD).context["form"]
    owners = set(form.fields["owner"].queryset)
    assert coalition.administrator not in owners, "superusers are not even offered"
    assert {coalition.staff, coalition.coordinator, administrator} <= owners
    assert coalition.supporter not in owners, "a supporter's key could do nothing"

    refused = create(client, owner=coalition.administrator.pk)
    assert refused.status_code == 200
    assert "owner" in refused.context["form"].errors
    assert not ApiKey.objects.exists()


def test_no_key_for_someone_holding_a_permission_the_creator_lacks(
    client, coalition, administrator
):
    richer = user_in("Administrators", username="richer")
    richer.user_permissions.add(Permission.objects.get(codename="view_session"))
    client.force_login(administrator)
    response = create(client, owner=richer.pk)
    assert response.status_code == 200
    assert "holds permissions you do not" in str(response.context["form"].errors["owner"])
    assert not ApiKey.objects.exists()


def test_a_superuser_may_create_a_key_for_a_superuser(client, coalition):
    other = UserFactory(username="root2", superuser=True)
    client.force_login(coalition.administrator)
    response = create(client, owner=other.pk)
    assert response.status_code == 200
    assert ApiKey.objects.get().owner == other


def test_an_administrator_may_create_a_key_for_a_coordinator(client, coalition, administrator):
    client.force_login(administrator)
    response = create(client, owner=coalition.coordinator.pk)
    assert response.status_code == 200
    assert ApiKey.objects.get().owner == coalition.coordinator
