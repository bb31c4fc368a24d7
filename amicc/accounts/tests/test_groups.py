"""The roles the admin starts with are created by migration."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

pytestmark = pytest.mark.django_db


def _codenames(group: Group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


def test_editors_can_publish_content_but_not_manage_users():
    editors = Group.objects.get(name="Editors")
    assert {"access_admin", "add_document", "add_image", "change_topic"} <= _codenames(editors)
    assert "add_user" not in _codenames(editors)
    page_perms = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= page_perms


def test_administrators_manage_users_and_settings():
    administrators = Group.objects.get(name="Administrators")
    codenames = _codenames(administrators)
    assert {"access_admin", "add_user", "change_user", "change_sitesettings"} <= codenames


def test_editor_can_reach_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("ed", password="pw-for-tests")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_email_is_unique_ignoring_case(django_user_model):
    from django.db import IntegrityError, transaction

    django_user_model.objects.create_user("a", email="Same@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        django_user_model.objects.create_user("b", email="same@example.org")
    django_user_model.objects.create_user("c", email="")
    django_user_model.objects.create_user("d", email="")
