"""Wagtail's site history report never shows a coordinator other alliances' records."""

import pytest
from django.contrib.auth.models import Group
from wagtail.log_actions import log

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PATHS = ["/admin/reports/site-history/", "/admin/reports/site-history/results/"]


def _statuses(client, user) -> list[int]:
    client.force_login(user)
    return [client.get(path).status_code for path in PATHS]


def test_coordinators_and_representatives_are_refused(client, coalition):
    log(instance=coalition.member_b, action="wagtail.edit", user=coalition.staff)
    assert _statuses(client, coalition.coordinator) == [403, 403]
    assert _statuses(client, coalition.representative) == [403, 403]


def test_staff_administrators_and_editors_see_the_report(client, coalition):
    log(instance=coalition.member_b, action="wagtail.edit", user=coalition.staff)
    client.force_login(coalition.staff)
    assert "Ben Member" in client.get(PATHS[0]).content.decode()
    assert _statuses(client, coalition.administrator) == [200, 200]
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    assert _statuses(client, editor) == [200, 200]


def test_anonymous_visitors_are_sent_to_the_login_page(client, coalition):
    """The report is routed outside Wagtail's admin URLs, so it adds their access check."""
    log(instance=coalition.member_b, action="wagtail.edit", user=coalition.staff)
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
