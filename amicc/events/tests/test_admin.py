"""Events and RSVPs in the admin: who reaches what, local times, capacity, attendance."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from amicc.events.choices import RsvpStatus
from amicc.events.models import Event, Rsvp
from amicc.events.services.rsvps import rsvp_create
from amicc.events.tests.factories import EventFactory, RsvpFactory

pytestmark = pytest.mark.django_db

LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"
ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]


def url(model, name: str, *args) -> str:
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def outcome(response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED
    return {200: OK, 403: DENIED, 404: NOT_FOUND}.get(response.status_code, "other")


@pytest.fixture
def events(coalition):
    able = EventFactory(title="Able talk", slug="able", alliance=coalition.alliance_a, capacity=1)
    baker = EventFactory(title="Baker talk", slug="baker", alliance=coalition.alliance_b)
    staff = EventFactory(title="Coalition webinar", slug="webinar")
    return {
        "a": able,
        "b": baker,
        "staff": staff,
        "rsvp_a": RsvpFactory(event=able, name="Amy Able", person__email="amy@example.org"),
        "rsvp_b": RsvpFactory(event=baker, name="Ben Baker"),
    }


def form_data(**overrides) -> dict:
    return {
        "title": "Teach-in on the Rome Statute",
        "slug": "teach-in",
        "event_type": "public_discussion",
        "alliance": "",
        "organization": "",
        "description": "What the Court does.",
        "starts_at": "2031-03-05 18:30",
        "ends_at": "2031-03-05 20:00",
        "time_zone": "America/Denver",
        "venue": "Library",
        "address": "",
        "city": "Denver",
        "state": "CO",
        "online_url": "",
        "capacity": "40",
        "is_published": "on",
        **overrides,
    }


def test_roles_hold_the_event_permissions():
    def codenames(name):
        permissions = Group.objects.get(name=name).permissions
        return set(
            permissions.filter(content_type__app_label="events").values_list("codename", flat=True)
        )

    coordinators = codenames("Alliance coordinators")
    assert coordinators == {
        "add_event", "change_event", "view_event", "delete_event", "view_rsvp", "change_rsvp",
    }  # fmt: skip
    assert {"add_rsvp", "delete_rsvp", "add_event"} <= codenames("Coalition staff")
    assert codenames("Organization representatives") == set()


def expected(role: str, model, view: str, label: str | None) -> str:
    if role in ("anonymous", "supporter"):
        return LOGIN
    if role == "representative":  # no events permission, and nothing in reach
        return NOT_FOUND if label else DENIED
    if model is Rsvp and view in ("add", "delete"):  # nobody adds or deletes RSVPs here
        return NOT_FOUND if role == "coordinator" and label == "b" else DENIED
    if role in ("staff", "administrator") or label in (None, "a"):
        return OK
    return NOT_FOUND


@pytest.mark.parametrize("role", ROLES)
def test_every_event_and_rsvp_view_allows_or_denies_each_role(client, coalition, events, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    wrong = []
    for model, records in (
        (Event, {"a": events["a"], "b": events["b"], "staff": events["staff"]}),
        (Rsvp, {"a": events["rsvp_a"], "b": events["rsvp_b"]}),
    ):
        viewset = model.snippet_viewset
        for pattern in viewset.get_urlpatterns():
            targets = records.items() if "pk" in pattern.pattern.converters else [(None, None)]
            for label, record in targets:
                args = [record.pk] if record else []
                path = reverse(viewset.get_url_name(pattern.name), args=args)
                want = expected(role, model, pattern.name, label)
                if (got := outcome(client.get(path))) != want:
                    wrong.append(f"{role} {path}: expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_coordinator_lists_and_exports_only_their_own(client, coalition, events):
    client.force_login(coalition.coordinator)
    assert list(client.get(url(Event, "list")).context["object_list"]) == [events["a"]]
    assert list(client.get(url(Rsvp, "list")).context["object_list"]) == [events["rsvp_a"]]
    response = client.get(url(Rsvp, "list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Name"] for row in rows] == ["Amy Able"] and "Email" not in rows[0]
    client.force_login(coalition.staff)
    response = client.get(url(Rsvp, "list"), {"export": "xlsx"})
    assert response.status_code == 200
    response = client.get(url(Rsvp, "list"), {"export": "csv", "event": events["a"].pk})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["Name"], row["Email"], row["Event"]) for row in rows] == [
        ("Amy Able", "amy@example.org", "Able talk")
    ]


def test_staff_create_an_event_in_local_time_and_it_is_logged(client, coalition):
    client.force_login(coalition.staff)
    response = client.post(url(Event, "add"), form_data())
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get(slug="teach-in")
    denver = zoneinfo.ZoneInfo("America/Denver")
    assert event.starts_at == datetime.datetime(2031, 3, 5, 18, 30, tzinfo=denver)
    assert event.starts_at.astimezone(datetime.UTC).hour == 1  # 6:30 PM MST is 01:30 UTC
    assert event.created_by == coalition.staff and event.alliance is None
    assert ModelLogEntry.objects.filter(object_id=str(event.pk), action="wagtail.create").exists()
    html = client.get(url(Event, "edit", event.pk)).content.decode()
    assert 'value="2031-03-05 18:30"' in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"capacity": "0"}, "capacity", "at least 1 seat"),
        ({"capacity": "-3"}, "capacity", "at least 1 seat"),
        ({"capacity": "many"}, "capacity", "Enter a whole number"),
        (
            {"starts_at": "2020-01-01 10:00", "ends_at": "2020-01-01 12:00"},
            "starts_at",
            "has passed",
        ),
        ({"ends_at": "2031-03-05 17:00"}, "ends_at", "end after it starts"),
        ({"starts_at": "next tuesday"}, "starts_at", "Enter a valid date/time"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list"),
        (
            {"starts_at": "2031-03-09 02:30", "time_zone": "America/New_York"},
            "starts_at",
            "clocks skip it",
        ),
        ({"city": "", "online_url": ""}, "city", "a place (at least its city) or an online link"),
        ({"online_url": "not a url"}, "online_url", "Enter a valid URL"),
        ({"slug": "past"}, "slug", "taken by a page of the site"),
        ({"slug": "has space"}, "slug", "Enter a valid “slug”"),
        ({"state": "ZZ"}, "state", "Select a valid choice"),
    ],
)
def test_bad_input_gives_form_errors_not_500s(client, coalition, overrides, field, message):
    client.force_login(coalition.staff)
    response = client.post(url(Event, "add"), form_data(**overrides))
    assert response.status_code == 400 if response.status_code != 200 else True
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not Event.objects.exists()


def test_both_hosts_is_refused(client, coalition):
    client.force_login(coalition.staff)
    data = form_data(alliance=coalition.alliance_a.pk, organization=coalition.organization.pk)
    response = client.post(url(Event, "add"), data)
    assert "one host" in " ".join(response.context["form"].errors["organization"])


def test_coordinator_hosts_only_for_their_own_alliance(client, coalition):
    client.force_login(coalition.coordinator)
    form = client.get(url(Event, "add")).context["form"]
    assert "organization" not in form.fields
    assert list(form.fields["alliance"].queryset) == [coalition.alliance_a]
    for alliance in ("", coalition.alliance_b.pk):
        response = client.post(url(Event, "add"), form_data(alliance=alliance))
        assert "alliance" in response.context["form"].errors
    response = client.post(
        url(Event, "add"),
        form_data(alliance=coalition.alliance_a.pk, organization=coalition.organization.pk),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.alliance == coalition.alliance_a and event.organization is None


def test_coordinator_cannot_move_an_event_to_another_alliance(client, coalition, events):
    client.force_login(coalition.coordinator)
    event = events["a"]
    data = form_data(slug=event.slug, alliance=coalition.alliance_b.pk)
    response = client.post(url(Event, "edit", event.pk), data)
    assert "alliance" in response.context["form"].errors
    event.refresh_from_db()
    assert event.alliance == coalition.alliance_a


def test_raising_capacity_in_the_admin_promotes_the_waitlist(client, coalition, events, send):
    event = events["a"]  # one seat, held by Amy
    send(rsvp_create, event=event, name="Wes Waiting", email="wes@example.org")
    mail.outbox.clear()
    client.force_login(coalition.coordinator)
    local = event.starts_at.astimezone(event.zone)
    data = form_data(
        title=event.title, slug=event.slug, alliance=coalition.alliance_a.pk, capacity="2",
        starts_at=local.strftime("%Y-%m-%d %H:%M"),
        ends_at=(local + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        time_zone=event.time_zone,
    )  # fmt: skip
    response = send(client.post, url(Event, "edit", event.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Rsvp.objects.get(name="Wes Waiting").status == RsvpStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["wes@example.org"]]
    # An edit keeps the event where it was in time.
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at


def test_marking_attendance_is_logged_and_checked(client, coalition, events):
    client.force_login(coalition.coordinator)
    rsvp = events["rsvp_a"]
    response = client.post(url(Rsvp, "edit", rsvp.pk), {"attended": "True"})
    assert response.status_code == 302
    rsvp.refresh_from_db()
    assert rsvp.attended is True
    assert ModelLogEntry.objects.filter(object_id=str(rsvp.pk), action="wagtail.edit").exists()
    response = client.get(url(Rsvp, "list"), {"attended": "true"})
    assert list(response.context["object_list"]) == [rsvp]
    client.post(url(Rsvp, "edit", rsvp.pk), {"attended": ""})
    rsvp.refresh_from_db()
    assert rsvp.attended is None
    waiting = RsvpFactory(event=events["a"], status=RsvpStatus.WAITLISTED)
    response = client.post(url(Rsvp, "edit", waiting.pk), {"attended": "True"})
    assert "Only someone with a seat" in " ".join(response.context["form"].errors["attended"])
    assert (
        client.post(url(Rsvp, "edit", events["rsvp_b"].pk), {"attended": "True"}).status_code == 404
    )


def test_bulk_delete_never_reaches_another_alliances_event(client, coalition, events):
    client.force_login(coalition.coordinator)
    path = reverse("wagtail_bulk_action", args=["events", "event", "delete"])
    response = client.get(path, {"id": events["b"].pk})
    assert response.status_code == 404 and b"Baker" not in response.content
    assert client.get(path, {"id": events["a"].pk}).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "staff"])
def test_bulk_delete_of_rsvps_names_nobody(client, coalition, events, role):
    # Nobody may delete RSVPs; Wagtail's own action would still list the refused ones.
    client.force_login(getattr(coalition, role))
    path = reverse("wagtail_bulk_action", args=["events", "rsvp", "delete"])
    response = client.get(path, {"id": [events["rsvp_a"].pk, events["rsvp_b"].pk]})
    assert response.status_code == 404
    assert b"Amy Able" not in response.content and b"Ben Baker" not in response.content


def test_listing_queries_do_not_grow(client, coalition, events, django_assert_max_num_queries):
    client.force_login(coalition.staff)
    client.get(url(Event, "list"))
    client.get(url(Rsvp, "list"))
    with django_assert_max_num_queries(40) as before:
        client.get(url(Event, "list"))
    for number in range(10):
        RsvpFactory(event=EventFactory(slug=f"more-{number}", alliance=coalition.alliance_a))
    with django_assert_max_num_queries(len(before)):
        client.get(url(Event, "list"))
    with django_assert_max_num_queries(40) as rsvp_queries:
        client.get(url(Rsvp, "list"))
    for _ in range(10):
        RsvpFactory(event=events["b"])
    with django_assert_max_num_queries(len(rsvp_queries)):
        client.get(url(Rsvp, "list"))


def test_the_admin_menu_has_events(client, coalition):
    client.force_login(coalition.coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "RSVPs and attendance" in html
    assert timezone.now()  # the home page renders for a coordinator
