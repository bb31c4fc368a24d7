"""Office visits: who reaches which, the form's rules, the seat copied, the district report."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import ModelLogEntry

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401
from amicc.congress.choices import Chamber, OfficeKind
from amicc.congress.models import Legislator, OfficeVisit, Term
from amicc.congress.selectors_visits import office_visit_report
from amicc.congress.services.visits import office_visit_log, office_visit_update

pytestmark = pytest.mark.django_db

REPORT = "/admin/congress/visits/report/"
LOGIN, DENIED, NOT_FOUND, OK = "login", "denied", "not found", "ok"
DISTRICT = OfficeKind.CONGRESS_DISTRICT
STATE_LEGISLATURE = OfficeKind.STATE_LEGISLATURE


def serving(bioguide: str, name: str, state: str, district: int | None = None) -> Legislator:
    """A current member: a senator without a district, else a representative."""
    chamber = Chamber.SENATE if district is None else Chamber.HOUSE
    first, last = name.split()
    member = Legislator.objects.create(bioguide_id=bioguide, first_name=first, last_name=last)
    term = Term.objects.create(
        legislator=member,
        type=chamber,
        start=datetime.date(2025, 1, 3),
        end=datetime.date(2031, 1, 3),
        state=state,
        district=district,
        senate_class=1 if district is None else None,
    )
    member.is_current, member.current_term, member.current_chamber = True, term, chamber
    member.current_state, member.current_district = state, district
    member.save()
    return member


@pytest.fixture
def seats(db) -> dict[str, Legislator]:
    return {
        "senator": serving("S000001", "Sara Senator", "NY"),
        "ny12": serving("R000012", "Rhea Representative", "NY", 12),
        "ca5": serving("R000005", "Otto Oakland", "CA", 5),
        "wy": serving("R000000", "Ada Atlarge", "WY", 0),
        "former": Legislator.objects.create(
            bioguide_id="F000001", first_name="Fred", last_name="Former"
        ),
    }


def log_visit(by, legislator=None, *, alliance=None, days_ago=10, visited_on=None, **fields):
    """A visit logged through the service, `days_ago` days before today unless dated."""
    return office_visit_log(
        by=by,
        alliance=alliance,
        legislator=legislator,
        visited_on=visited_on or timezone.localdate() - datetime.timedelta(days=days_ago),
        **{
            "office_kind": DISTRICT,
            "people_met": "Jo Aide, legislative director",
            "attendees": 2,
            "asks": "Cosponsor the resolution",
            **fields,
        },
    )


@pytest.fixture
def visits(coalition, seats) -> dict[str, OfficeVisit]:
    staff = coalition.staff
    return {
        "a": log_visit(staff, seats["ny12"], alliance=coalition.alliance_a, asks="Able's ask"),
        "b": log_visit(staff, seats["ca5"], alliance=coalition.alliance_b, asks="Baker's ask"),
        "staff": log_visit(staff, seats["senator"], asks="Staff's ask"),
    }


def ago(days: int) -> str:
    return str(timezone.localdate() - datetime.timedelta(days))


def url(name: str, *args) -> str:
    return reverse(OfficeVisit.snippet_viewset.get_url_name(name), args=args)


def form_data(**overrides) -> dict:
    return {
        "alliance": "",
        "visited_on": ago(3),
        "office_kind": DISTRICT,
        "legislator": "",
        "state_office": "",
        "state": "",
        "people_met": "Jo Aide, legislative director",
        "attendees": "3",
        "asks": "Cosponsor the resolution",
        "outcome": "",
        "follow_up_on": "",
        "followed_up_on": "",
        **overrides,
    }


def outcome(client, response) -> str:
    if response.status_code == 302:
        if response["Location"].startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if response["Location"] == reverse("wagtailadmin_home"):
            return DENIED  # how Wagtail answers a permission the user lacks
    return {200: OK, 403: DENIED, 404: NOT_FOUND}.get(response.status_code, "other")


# --- Reach: the roles and their groups.


def test_coordinators_and_staff_hold_the_visit_permissions():
    for name in ("Alliance coordinators", "Coalition staff", "Administrators"):
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="congress")
            .values_list("codename", flat=True)
        )
        assert {f"{action}_officevisit" for action in ("add", "change", "view", "delete")} <= (
            codenames
        )
    representatives = Group.objects.get(name="Organization representatives")
    assert not representatives.permissions.filter(codename__endswith="_officevisit").exists()


ROLES = ["anonymous", "supporter", "coordinator", "representative", "staff", "administrator"]


@pytest.mark.parametrize("role", ROLES)
def test_every_visit_view_allows_or_denies_each_role(client, coalition, visits, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    reaching = {"a": {"coordinator"}, "b": set(), "staff": set()}
    viewset, checked, wrong = OfficeVisit.snippet_viewset, 0, []
    for pattern in viewset.get_urlpatterns():
        records = reaching if "pk" in pattern.pattern.converters else {None: None}
        for label, roles in records.items():
            args = [visits[label].pk] if label else []
            path = reverse(viewset.get_url_name(pattern.name), args=args)
            if role in ("anonymous", "supporter"):
                expected = LOGIN
            elif role in ("staff", "administrator") or (roles and role in roles):
                expected = OK
            elif role == "representative" and roles is None:
                expected = DENIED  # no visit permissions at all
            else:
                expected = NOT_FOUND if label else OK
            checked += 1
            if (got := outcome(client, client.get(path))) != expected:
                wrong.append(f"{path}: expected {expected}, got {got}")
    assert checked == 3 + 6 * 3  # list, results, add; six views of each of three visits
    assert not wrong, "\n".join(wrong)


def test_coordinator_lists_and_exports_only_their_alliances_visits(client, coalition, visits):
    client.force_login(coalition.coordinator)
    listed = list(client.get(url("list")).context["object_list"])
    assert listed == [visits["a"]]
    response = client.get(url("list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Asks"] for row in rows] == ["Able's ask"]
    assert "People met" not in rows[0]  # personal data stays in the admin for coordinators
    assert rows[0]["Made by"] == "Alliance Able" and rows[0]["Congressional district"] == "12"

    client.force_login(coalition.staff)
    assert set(client.get(url("list")).context["object_list"]) == set(visits.values())
    response = client.get(url("list"), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["Made by"] for row in rows} == {
        "Alliance Able",
        "Alliance Baker",
        "Coalition staff",
    }
    assert {row["People met"] for row in rows} == {"Jo Aide, legislative director"}


def test_bulk_delete_never_reaches_another_alliances_visit(client, coalition, visits):
    client.force_login(coalition.coordinator)
    path = reverse("wagtail_bulk_action", args=["congress", "officevisit", "delete"])
    response = client.get(f"{path}?{urlencode({'id': visits['b'].pk})}")
    assert response.status_code == 404 and b"Baker" not in response.content
    assert client.get(f"{path}?{urlencode({'id': visits['a'].pk})}").status_code == 200


def test_listing_filters_and_search(client, coalition, visits, seats):
    visits["b"].follow_up_on = timezone.localdate() - datetime.timedelta(days=1)
    visits["b"].save()
    client.force_login(coalition.staff)

    def listed(**params):
        return set(client.get(url("list"), params).context["object_list"])

    assert listed(follow_up="overdue") == {visits["b"]}
    assert listed(follow_up="none") == {visits["a"], visits["staff"]}
    assert listed(state="CA") == {visits["b"]}
    assert listed(alliance="null") == {visits["staff"]}
    assert listed(alliance=coalition.alliance_a.pk) == {visits["a"]}
    assert listed(q="rhea") == {visits["a"]}
    assert listed(office_kind=STATE_LEGISLATURE) == set()
    assert client.get(url("list"), {"state": "ZZ", "follow_up": "soon"}).status_code == 200


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_listing_queries_do_not_grow_with_visits(client, coalition, visits, seats):
    client.force_login(coalition.coordinator)
    client.get(url("list"))
    few = queries(client, url("list"))
    for _ in range(12):
        log_visit(coalition.staff, seats["wy"], alliance=coalition.alliance_a)
    assert queries(client, url("list")) == few


# --- The form: choices, rules and the seat.


def test_coordinator_files_visits_only_under_their_own_alliance(client, coalition, seats):
    client.force_login(coalition.coordinator)
    form = client.get(url("add")).context["form"]
    assert list(form.fields["alliance"].queryset) == [coalition.alliance_a]
    assert form.fields["alliance"].required
    assert seats["former"] not in form.fields["legislator"].queryset

    data = form_data(legislator=seats["ny12"].pk)
    for alliance in (coalition.alliance_b.pk, ""):
        response = client.post(url("add"), {**data, "alliance": alliance})
        assert response.status_code == 200 and "alliance" in response.context["form"].errors
    assert not OfficeVisit.objects.exists()

    response = client.post(url("add"), {**data, "alliance": coalition.alliance_a.pk})
    assert response.status_code == 302
    visit = OfficeVisit.objects.get()
    assert (visit.alliance, visit.logged_by) == (coalition.alliance_a, coalition.coordinator)
    entry = ModelLogEntry.objects.for_instance(visit).get()
    assert (entry.action, entry.user) == ("wagtail.create", coalition.coordinator)


def test_coordinator_cannot_move_a_visit_to_another_alliance(client, coalition, visits):
    client.force_login(coalition.coordinator)
    visit = visits["a"]
    data = form_data(alliance=coalition.alliance_b.pk, legislator=visit.legislator_id)
    response = client.post(url("edit", visit.pk), data)
    assert response.status_code == 200 and "alliance" in response.context["form"].errors
    visit.refresh_from_db()
    assert visit.alliance == coalition.alliance_a

    data = {**data, "alliance": coalition.alliance_a.pk, "outcome": "Will cosponsor"}
    assert client.post(url("edit", visit.pk), data).status_code == 302
    visit.refresh_from_db()
    assert (visit.outcome, visit.logged_by) == ("Will cosponsor", coalition.staff)
    entry = ModelLogEntry.objects.for_instance(visit).first()
    assert (entry.action, entry.user) == ("wagtail.edit", coalition.coordinator)
    with pytest.raises(ValidationError) as error:
        office_visit_log(
            by=coalition.coordinator,
            alliance=coalition.alliance_b,
            visited_on=timezone.localdate(),
            office_kind=DISTRICT,
            legislator=visit.legislator,
            people_met="",
            attendees=1,
            asks="x",
        )
    assert "alliance" in error.value.message_dict


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"office_kind": STATE_LEGISLATURE, "state": "OH"}, "state_office"),
        ({"office_kind": STATE_LEGISLATURE, "state_office": "Sen. Doe"}, "state"),
        ({"office_kind": STATE_LEGISLATURE, "state_office": "Sen. Doe", "state": "OH",
          "legislator": "ny12"}, "legislator"),
        ({}, "legislator"),
        ({"legislator": "ny12", "state_office": "Sen. Doe"}, "state_office"),
        ({"legislator": "former"}, "legislator"),
        ({"legislator": "999999"}, "legislator"),
        ({"legislator": "ny12", "visited_on": "2026-02-01", "follow_up_on": "2026-01-31"},
         "follow_up_on"),
        ({"legislator": "ny12", "visited_on": "2026-02-01", "followed_up_on": "2026-01-31"},
         "followed_up_on"),
        ({"legislator": "ny12", "attendees": "0"}, "attendees"),
        ({"legislator": "ny12", "attendees": "many"}, "attendees"),
        ({"legislator": "ny12", "visited_on": "2026-02-30"}, "visited_on"),
        ({"legislator": "ny12", "visited_on": str(datetime.date.today() + datetime.timedelta(9))},
         "visited_on"),
        ({"legislator": "ny12", "office_kind": "embassy"}, "office_kind"),
    ],
)  # fmt: skip
def test_bad_input_gives_form_errors_not_500s(client, coalition, seats, overrides, field):
    if overrides.get("legislator") in seats:
        overrides = {**overrides, "legislator": seats[overrides["legislator"]].pk}
    client.force_login(coalition.staff)
    response = client.post(url("add"), form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert all(message.strip() for message in errors[field])
    assert not OfficeVisit.objects.exists()


@pytest.mark.parametrize(
    ("seat", "state", "district"), [("ny12", "NY", 12), ("senator", "NY", None), ("wy", "WY", 0)]
)
def test_state_and_district_come_from_the_member(client, coalition, seats, seat, state, district):
    client.force_login(coalition.staff)
    data = form_data(
        legislator=seats[seat].pk, state="TX", office_kind=OfficeKind.CONGRESS_WASHINGTON
    )
    assert client.post(url("add"), data).status_code == 302
    visit = OfficeVisit.objects.get()
    assert (visit.state, visit.district, visit.alliance) == (state, district, None)


def test_a_rule_the_service_enforces_comes_back_as_a_form_error(
    client, coalition, seats, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError({"district": "No such district.", "asks": "Too vague."})

    monkeypatch.setattr("amicc.congress.admin_visits.office_visit_log", refuse)
    client.force_login(coalition.staff)
    response = client.post(url("add"), form_data(legislator=seats["ny12"].pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["asks"] == ["Too vague."]
    assert form.non_field_errors() == ["No such district."]


def test_state_legislative_visit_keeps_the_state_given(client, coalition):
    client.force_login(coalition.staff)
    data = form_data(office_kind=STATE_LEGISLATURE, state_office="Sen. Jane Doe", state="OH")
    assert client.post(url("add"), data).status_code == 302
    visit = OfficeVisit.objects.get()
    assert (visit.state, visit.district, visit.legislator) == ("OH", None, None)


def test_an_edit_keeps_the_recorded_seat_unless_the_member_changes(coalition, seats, visits):
    visit, member = visits["a"], seats["ny12"]
    member.current_state, member.current_district = "NJ", 3  # moved after the visit
    member.save()
    data = {"outcome": "Agreed", "state": "NJ", "office_kind": OfficeKind.CONGRESS_WASHINGTON}
    visit = office_visit_update(visit=visit, by=coalition.staff, data=data)
    assert (visit.state, visit.district, visit.outcome) == ("NY", 12, "Agreed")
    visit.refresh_from_db()
    assert (visit.state, visit.district, visit.office_kind) == ("NY", 12, "congress_washington")

    visit = office_visit_update(visit=visit, by=coalition.staff, data={"legislator": seats["wy"]})
    assert (visit.state, visit.district) == ("WY", 0)
    assert [entry.action for entry in ModelLogEntry.objects.for_instance(visit)] == [
        "wagtail.edit",
        "wagtail.edit",
        "wagtail.create",
    ]
    with pytest.raises(ValueError):
        office_visit_update(visit=visit, by=coalition.staff, data={"district": 3})


# --- The report.


class _TableRows(HTMLParser):
    """The cell texts of each row of the table with the given class."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.inside, self.rows, self.cell = css_class, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.inside = self.css_class in (dict(attrs).get("class") or "").split()
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th"):
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, css_class: str) -> list[list[str]]:
    parser = _TableRows(css_class)
    parser.feed(html)
    return parser.rows[1:]  # without the heading row


def test_report_windows_count_calendar_months_both_ends_included(coalition, seats):
    today = datetime.date(2026, 5, 31)  # three months before is February's last day
    for day in ["2026-05-31", "2026-02-28", "2026-02-27", "2025-11-30", "2025-11-29",
                "2025-05-31", "2025-05-30", "2026-06-01"]:  # fmt: skip
        log_visit(coalition.staff, seats["ny12"], visited_on=datetime.date.fromisoformat(day))
    log_visit(coalition.staff, seats["senator"], visited_on=datetime.date(2025, 12, 1))
    log_visit(coalition.staff, office_kind=STATE_LEGISLATURE, state_office="Sen. Doe", state="NY")

    report = office_visit_report(today=today)
    assert report.since == {
        3: datetime.date(2026, 2, 28),
        6: datetime.date(2025, 11, 30),
        12: datetime.date(2025, 5, 31),
    }
    ny12 = next(d for d in report.districts if d.code == "NY-12")
    assert ny12.representative == "Rhea Representative"
    counts = ny12.counts
    assert (counts.in_3_months, counts.in_6_months, counts.in_12_months) == (2, 4, 6)
    assert counts.last_visit == today and counts.recency == 3  # the day after is not counted
    new_york = next(state for state in report.states if state.state == "NY")
    assert (new_york.senate.in_3_months, new_york.senate.in_6_months) == (0, 1)
    assert new_york.senators == "Sara Senator" and new_york.senate.recency == 6
    assert len(report.districts) == 441  # 435 seats, DC and five territories
    wyoming = next(state for state in report.states if state.state == "WY")
    assert [(d.code, d.counts.last_visit) for d in wyoming.districts] == [("WY-AL", None)]


def test_report_shows_map_tables_and_overdue_follow_ups(client, coalition, seats, visits):
    today = timezone.localdate()
    overdue = log_visit(
        coalition.staff, seats["wy"], days_ago=40, follow_up_on=today - datetime.timedelta(1)
    )
    log_visit(coalition.staff, seats["wy"], days_ago=200, follow_up_on=today)  # due, not late
    log_visit(
        coalition.staff,
        seats["ca5"],
        days_ago=300,
        follow_up_on=today - datetime.timedelta(2),
        followed_up_on=today - datetime.timedelta(3),
    )
    client.force_login(coalition.staff)
    html = client.get(REPORT).content.decode()

    assert html.count('class="visits-map-district"') == 441
    assert "<title>New York, district 12, Rhea Representative: last visited" in html
    districts = {row[1]: row for row in table_rows(html, "visits-districts")}
    assert len(districts) == 441
    assert districts["NY-12"] == ["NY", "NY-12", "Rhea Representative", ago(10), "1", "1", "1"]
    assert districts["WY-AL"][2:] == ["Ada Atlarge", ago(40), "1", "1", "2"]
    assert districts["CA-5"][4:] == ["1", "1", "2"]
    assert districts["TX-38"] == ["TX", "TX-38", "Vacant", "Never", "0", "0", "0"]
    senate = {row[0]: row for row in table_rows(html, "visits-senate")}
    assert senate["New York"][1:] == ["Sara Senator", ago(10), "1", "1", "1"]
    assert "District of Columbia" not in senate

    late = table_rows(html, "visits-overdue")
    assert [row[:3] for row in late] == [[ago(1), ago(40), "Ada Atlarge"]]
    assert f'href="{url("edit", overdue.pk)}"' in html


def test_report_queries_do_not_grow_with_districts_or_visits(client, coalition, seats):
    client.force_login(coalition.staff)
    client.get(REPORT)
    few = queries(client, REPORT)
    for number in range(1, 30):
        member = serving(f"X{number:06d}", f"Rep Number{number}", "TX", number)
        log_visit(
            coalition.staff, member, follow_up_on=timezone.localdate() - datetime.timedelta(1)
        )
    log_visit(coalition.staff, seats["senator"])
    # 13 = the report's 12 + one on every admin page: is the user set up for two-step
    # verification (amicc.accounts.two_factor.second_step_redirect)?
    assert queries(client, REPORT) == few <= 13


@pytest.mark.parametrize("role", ["anonymous", "supporter", "coordinator", "representative"])
def test_report_is_for_staff_only(client, coalition, role):
    if role != "anonymous":
        client.force_login(getattr(coalition, role))
    expected = LOGIN if role in ("anonymous", "supporter") else DENIED
    response = client.get(REPORT)
    assert outcome(client, response) == expected
    if expected == DENIED:
        assert response.status_code == 403


def test_staff_find_the_report_in_the_menu_and_the_listing(client, coalition):
    client.force_login(coalition.staff)
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT in client.get(url("list")).content.decode()
    client.force_login(coalition.coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT not in html and '"label": "Office visits"' in html
    assert REPORT not in client.get(url("list")).content.decode()


def test_inspect_names_a_staff_visit_and_an_at_large_seat(client, coalition, seats):
    visit = log_visit(coalition.staff, seats["wy"])
    client.force_login(coalition.staff)
    html = client.get(url("inspect", visit.pk)).content.decode()
    assert "None: a visit by the coalition&#x27;s staff" in html and "At large" in html
    assert "None</dd>" not in html.replace("\n", "").replace(" ", "")
