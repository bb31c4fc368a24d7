"""The coalition menus: listing, filtering, editing and exporting, as staff and coordinators."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from amicc.coalition.choices import ApplicationStatus, MembershipStatus
from amicc.coalition.models import (
    Alliance,
    AllianceMembership,
    Initiative,
    OrganizationApplication,
    Person,
)
from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.coalition.tests.factories import OrganizationApplicationFactory, PersonFactory

pytestmark = pytest.mark.django_db

NO_LINKS = {
    "links-TOTAL_FORMS": "0",
    "links-INITIAL_FORMS": "0",
    "links-MIN_NUM_FORMS": "0",
    "links-MAX_NUM_FORMS": "1000",
}


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def initiative_data(alliance, title="Town hall on the ICC"):
    return {
        "alliance": alliance.pk,
        "initiative_type": "public_discussion",
        "date": "2025-03-01",
        "title": title,
        "reach": "30",
        **NO_LINKS,
    }


def test_coalition_menu_groups_the_models_each_role_may_use(client, coalition):
    client.force_login(coalition.staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for label in [
        "Coalition",
        "Member organizations",
        "Alliances",
        "People",
        "Alliance memberships",
        "Initiatives",
        "Organization applications",
        "State interest lists",
    ]:
        assert f'"label": "{label}"' in html

    client.force_login(coalition.coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Initiatives"' in html and '"label": "People"' in html
    assert '"label": "Organization applications"' not in html
    assert '"label": "Member organizations"' not in html


def test_coordinator_can_only_file_initiatives_under_their_own_alliance(client, coalition):
    client.force_login(coalition.coordinator)
    form = client.get(url(Initiative, "add")).context["form"]
    assert list(form.fields["alliance"].queryset) == [coalition.alliance_a]

    response = client.post(url(Initiative, "add"), initiative_data(coalition.alliance_b))
    assert response.status_code == 200
    assert "alliance" in response.context["form"].errors
    assert not Initiative.objects.filter(title="Town hall on the ICC").exists()

    response = client.post(url(Initiative, "add"), initiative_data(coalition.alliance_a))
    assert response.status_code == 302
    initiative = Initiative.objects.get(title="Town hall on the ICC")
    assert initiative.alliance == coalition.alliance_a
    entry = ModelLogEntry.objects.for_instance(initiative).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.coordinator)


def test_coordinator_cannot_move_an_initiative_to_another_alliance(client, coalition):
    client.force_login(coalition.coordinator)
    initiative = coalition.initiative_a
    response = client.post(
        url(Initiative, "edit", initiative.pk), initiative_data(coalition.alliance_b, "Moved")
    )
    assert response.status_code == 200
    initiative.refresh_from_db()
    assert (initiative.alliance, initiative.title) == (coalition.alliance_a, "Able teach-in")


def test_person_added_by_a_coordinator_becomes_an_active_member_they_can_see(client, coalition):
    client.force_login(coalition.coordinator)
    form = client.get(url(Person, "add")).context["form"]
    assert form.fields["alliance"].required
    assert list(form.fields["alliance"].queryset) == [coalition.alliance_a]
    assert "user" not in form.fields  # linking accounts is for staff

    data = {"name": "Nora New", "email": "Nora@Example.org", "state": "NY", "zip_code": "10001"}
    response = client.post(url(Person, "add"), {**data, "alliance": coalition.alliance_b.pk})
    assert response.status_code == 200 and "alliance" in response.context["form"].errors

    response = client.post(url(Person, "add"), {**data, "alliance": coalition.alliance_a.pk})
    assert response.status_code == 302
    person = Person.objects.get(email="nora@example.org")
    membership = person.memberships.get()
    assert (membership.alliance, membership.status) == (coalition.alliance_a, "active")
    assert membership.confirmed_at is not None
    assert ModelLogEntry.objects.for_instance(membership).get().user == coalition.coordinator
    assert "Nora New" in client.get(url(Person, "list")).content.decode()


def test_coordinator_memberships_cannot_be_set_pending_and_get_their_dates(client, coalition):
    client.force_login(coalition.coordinator)
    membership = coalition.membership_a
    form = client.get(url(AllianceMembership, "edit", membership.pk)).context["form"]
    assert [value for value, _ in form.fields["status"].choices] == ["active", "left"]
    assert list(form.fields["person"].queryset) == list(
        Person.objects.filter(
            memberships__alliance=coalition.alliance_a, memberships__status="active"
        )
    )
    response = client.post(
        url(AllianceMembership, "edit", membership.pk),
        {"alliance": coalition.alliance_a.pk, "person": membership.person.pk, "status": "left"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT and membership.left_at is not None
    # Someone who left is no longer among the coordinator's people.
    assert client.get(url(Person, "edit", membership.person.pk)).status_code == 404


def test_staff_edit_alliance_districts_as_codes(client, coalition):
    client.force_login(coalition.staff)
    alliance = coalition.alliance_a
    data = {
        "name": alliance.name,
        "slug": alliance.slug,
        "city": alliance.city,
        "state": alliance.state,
        "status": alliance.status,
        "district_codes": "NY-10, ny-12 , VT-AL, NY-10",
        "coordinators": [p.pk for p in alliance.coordinators.all()],
    }
    response = client.post(url(Alliance, "edit", alliance.pk), data)
    assert response.status_code == 302
    assert [d.code for d in alliance.districts.all()] == ["NY-10", "NY-12", "VT-AL"]
    form = client.get(url(Alliance, "edit", alliance.pk)).context["form"]
    assert form["district_codes"].value() == "NY-10, NY-12, VT-AL"

    response = client.post(
        url(Alliance, "edit", alliance.pk), {**data, "district_codes": "NY-99, XX-1, 12"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["district_codes"] == [
        "Not a district code: NY-99, XX-1, 12."
    ]
    assert alliance.districts.count() == 3


def test_coordinator_edits_their_alliance_but_not_its_status_or_districts(client, coalition):
    client.force_login(coalition.coordinator)
    alliance = coalition.alliance_a
    form = client.get(url(Alliance, "edit", alliance.pk)).context["form"]
    assert set(form.fields) == {"city", "description", "founded_on"}
    response = client.post(
        url(Alliance, "edit", alliance.pk),
        {"city": "Albany", "description": "Upstate.", "status": "dormant", "founded_on": ""},
    )
    assert response.status_code == 302
    alliance.refresh_from_db()
    assert (alliance.city, alliance.status) == ("Albany", "active")


def test_staff_changes_are_recorded_in_the_audit_log(client, coalition):
    client.force_login(coalition.staff)
    response = client.post(
        url(Person, "add"), {"name": "Logged Person", "email": "logged@example.org"}
    )
    assert response.status_code == 302
    person = Person.objects.get(email="logged@example.org")
    client.post(url(Person, "edit", person.pk), {"name": "Logged Again", "email": person.email})
    client.post(url(Person, "delete", person.pk))
    assert not Person.objects.filter(pk=person.pk).exists()
    entries = ModelLogEntry.objects.filter(object_id=str(person.pk), content_type__model="person")
    assert sorted(entries.values_list("action", flat=True)) == [
        "wagtail.create",
        "wagtail.delete",
        "wagtail.edit",
    ]
    assert set(entries.values_list("user", flat=True)) == {coalition.staff.pk}


def test_listing_searches_with_the_database_and_filters_by_alliance(client, coalition):
    client.force_login(coalition.staff)
    html = client.get(url(Person, "list"), {"q": "amy"}).content.decode()
    assert "Amy Member" in html and "Ben Member" not in html
    html = client.get(url(Person, "list"), {"alliance": coalition.alliance_b.pk}).content.decode()
    assert "Ben Member" in html and "Amy Member" not in html and "Pat Pending" not in html
    html = client.get(url(Initiative, "list"), {"q": "baker"}).content.decode()
    assert "Baker teach-in" in html and "Able teach-in" not in html


def test_coordinator_filter_offers_only_their_alliances(client, coalition):
    client.force_login(coalition.coordinator)
    response = client.get(url(Initiative, "list"))
    assert list(response.context["filters"].form.fields["alliance"].queryset) == [
        coalition.alliance_a
    ]


def test_csv_export_has_headings_and_defuses_formulas(client, coalition):
    PersonFactory(name='=HYPERLINK("http://evil.example")', email="evil@example.org")
    client.force_login(coalition.staff)
    response = client.get(url(Person, "list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert {"Name", "Email", "Phone", "ZIP code", "State"} <= set(rows[0])
    assert '\'=HYPERLINK("http://evil.example")' in [row["Name"] for row in rows]

    response = client.get(url(Initiative, "list"), {"export": "xlsx"})
    assert response["Content-Disposition"] == 'attachment; filename="initiatives.xlsx"'


def test_application_queue_lists_pending_first(client, coalition):
    OrganizationApplicationFactory(
        organization_name="Decided Earlier", status=ApplicationStatus.DECLINED
    )
    OrganizationApplicationFactory(organization_name="Waiting Too")
    client.force_login(coalition.staff)
    response = client.get(url(OrganizationApplication, "list"))
    names = [application.organization_name for application in response.context["object_list"]]
    assert names == ["Waiting Too", "Applicant Lawyers", "Decided Earlier"]


def test_person_inspect_shows_staff_everything_and_coordinators_their_alliance(client, coalition):
    person = coalition.member_a
    AllianceMembership.objects.create(alliance=coalition.alliance_b, person=person, status="active")
    client.force_login(coalition.staff)
    html = client.get(url(Person, "inspect", person.pk)).content.decode()
    assert "Alliance Able (active)" in html and "Alliance Baker (active)" in html
    assert reverse("coalition_admin:person-export", args=[person.pk]) in html
    assert reverse("coalition_admin:person-erase", args=[person.pk]) in html

    client.force_login(coalition.coordinator)
    html = client.get(url(Person, "inspect", person.pk)).content.decode()
    assert "Alliance Able (active)" in html
    assert "Alliance Baker" not in html
    assert "Consents" not in html
    assert reverse("coalition_admin:person-export", args=[person.pk]) not in html


def test_escaped_names_in_listing(client, coalition):
    PersonFactory(name="<b>Bold</b>")
    client.force_login(coalition.staff)
    html = client.get(url(Person, "list")).content.decode()
    assert escape("<b>Bold</b>") in html and "<b>Bold</b>" not in html
