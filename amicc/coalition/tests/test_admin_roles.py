"""The roles: groups made by migration, and the permission policy that narrows them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.permissions import policy_registry

from amicc.coalition.models import Alliance, Initiative, OrganizationApplication
from amicc.coalition.permissions import CoalitionPermissionPolicy
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def app_permissions(app_label: str) -> set[tuple[str, str]]:
    return {
        (app_label, codename)
        for codename in Permission.objects.filter(content_type__app_label=app_label).values_list(
            "codename", flat=True
        )
    }


def coalition_permissions() -> set[tuple[str, str]]:
    return app_permissions("coalition")


def test_groups_hold_exactly_their_roles_permissions():
    access = {("wagtailadmin", "access_admin")}
    assert ("coalition", "manage_coalition") in coalition_permissions()
    congress, icc = app_permissions("congress"), app_permissions("icc")
    assert ("congress", "change_watchlistitem") in congress
    assert ("icc", "change_delegationapplication") in icc
    assert codenames("Coalition staff") == access | coalition_permissions() | congress | icc
    assert codenames("Administrators") >= coalition_permissions() | congress | icc
    assert codenames("Alliance coordinators") == access | {
        ("coalition", f"{action}_{model}")
        for action in ("view", "add", "change")
        for model in ("person", "initiative", "alliancemembership")
    } | {("coalition", "view_alliance"), ("coalition", "change_alliance")} | {
        ("congress", f"{action}_officevisit") for action in ("view", "add", "change", "delete")
    }
    assert codenames("Organization representatives") == access | {
        ("coalition", "view_memberorganization"),
        ("coalition", "change_memberorganization"),
    }


def test_coalition_models_use_the_narrowing_policy():
    for model in (Alliance, Initiative, OrganizationApplication):
        assert isinstance(policy_registry.get_by_type(model), CoalitionPermissionPolicy)


def test_policy_names_who_may_change_a_record(coalition):
    policy = policy_registry.get_by_type(Initiative)
    expected = {coalition.coordinator, coalition.staff, coalition.administrator}
    assert (
        set(policy.users_with_any_permission_for_instance(["change"], coalition.initiative_a))
        == expected
    )
    assert set(
        policy.users_with_any_permission_for_instance(["change"], coalition.initiative_b)
    ) == (expected - {coalition.coordinator})
    assert coalition.representative not in set(policy.users_with_any_permission(["change"]))
    applications = policy_registry.get_by_type(OrganizationApplication)
    assert set(applications.users_with_any_permission(["change"])) == {
        coalition.staff,
        coalition.administrator,
    }


def test_administrators_can_grant_coalition_wide_reach_in_the_group_editor(client, coalition):
    client.force_login(coalition.administrator)
    group = Group.objects.get(name="Alliance coordinators")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert "Can manage every alliance, organization and person" in html
