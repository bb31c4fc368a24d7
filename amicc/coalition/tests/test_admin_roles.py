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


def crud(app_label: str, *models: str, actions=("view", "add", "change", "delete")):
    return {(app_label, f"{action}_{model}") for action in actions for model in models}


def test_groups_hold_exactly_their_roles_permissions():
    access = {("wagtailadmin", "access_admin")}
    assert ("coalition", "manage_coalition") in coalition_permissions()
    apps = ("congress", "icc", "events", "polls", "outreach", "funding", "mailings")
    everything = coalition_permissions().union(*(app_permissions(app) for app in apps))
    assert ("congress", "change_watchlistitem") in everything
    assert ("icc", "change_delegationapplication") in everything
    assert ("funding", "change_grant") in everything
    assert ("mailings", "change_suppression") in everything
    assert codenames("Coalition staff") == access | everything
    assert codenames("Administrators") >= everything
    # Coordinators run their alliance: its people, initiatives, office visits, events,
    # polls, media coverage and newsletters; never funding, presentation requests, the
    # ICC or the mailing lists, deliveries and suppressions.
    assert codenames("Alliance coordinators") == (
        access
        | crud(
            "coalition",
            "person",
            "initiative",
            "alliancemembership",
            actions=("view", "add", "change"),
        )
        | crud("coalition", "alliance", actions=("view", "change"))
        | crud("congress", "officevisit")
        | crud("events", "event")
        | crud("events", "rsvp", actions=("view", "change"))
        | crud("polls", "poll", "pollquestion", "polloption", "pollarea")
        | crud("outreach", "mediacoverage")
        | crud("mailings", "newsletter")
    )
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
