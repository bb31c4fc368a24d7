"""Changing what the coalition's public pages show retires the cached pages."""

import pytest

from amicc.coalition.tests.factories import AllianceFactory, MemberOrganizationFactory
from amicc.core.page_cache import CACHE_HEADER

pytestmark = pytest.mark.django_db


def test_saving_an_organization_or_alliance_retires_cached_pages(
    client, django_capture_on_commit_callbacks
):
    organization = MemberOrganizationFactory(name="Before Rename Society")
    alliance = AllianceFactory(name="Before Rename Alliance")
    client.get("/members/")
    client.get("/alliances/")
    assert client.get("/members/")[CACHE_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        organization.name = "After Rename Society"
        organization.save()
        alliance.name = "After Rename Alliance"
        alliance.save()
    members = client.get("/members/")
    assert members[CACHE_HEADER] == "miss" and b"After Rename Society" in members.content
    assert b"After Rename Alliance" in client.get("/alliances/").content
