"""The ICC tracker's public pages on hand-built records with known answers.

Every date below is in the past, so the statuses "today" are the same on any day from
2025 on: six states parties (Ukraine's ratification of October 2024 in force since January
2025), a signatory, a signatory that declared it will not ratify, and a withdrawal.
"""

import csv
import datetime
import io
import json
import re
from xml.etree import ElementTree

import factory
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from amicc.core.page_cache import invalidate_page_cache
from amicc.icc.charts import timeline_chart
from amicc.icc.choices import (
    ApplicantRole,
    ApplicationStatus,
    CaseStatus,
    CrimeCategory,
    ElectedOffice,
    Instrument,
    RegionalGroup,
    StatuteStatus,
    Trigger,
)
from amicc.icc.models import (
    AspElection,
    AspSession,
    Case,
    Charge,
    DelegationApplication,
    DelegationCall,
    Situation,
    StatuteState,
)
from amicc.icc.selectors.states import RatificationYear
from amicc.icc.worldmap import STATUS_FILLS

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
PRIVATE_NAMES = ("Private Applicant", "Declined Person", "Waiting Person")
PRIVATE_EMAILS = ("applicant.private@example.org", "declined@example.org", "waiting@example.org")


class StatuteStateFactory(DjangoModelFactory):
    class Meta:
        model = StatuteState

    name = factory.Sequence(lambda n: f"State {n:03d}")
    slug = factory.LazyAttribute(lambda state: slugify(state.name))
    regional_group = RegionalGroup.WESTERN_EUROPEAN_OTHER
    signed_on = datetime.date(1998, 7, 18)
    source_url = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10"


def party(iso_code: str, name: str, deposited_on: datetime.date, **fields) -> StatuteState:
    fields.setdefault("instrument", Instrument.RATIFICATION)
    return StatuteStateFactory(iso_code=iso_code, name=name, deposited_on=deposited_on, **fields)


class SituationFactory(DjangoModelFactory):
    class Meta:
        model = Situation

    number = factory.Sequence(lambda n: f"ICC-{n:02d}/04")
    slug = factory.Sequence(lambda n: f"situation-{n}")
    name = factory.Sequence(lambda n: f"Situation {n}")
    trigger = Trigger.STATE_REFERRAL
    summary = "A situation under investigation."
    source_url = "https://www.icc-cpi.int/situations"


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    situation = factory.SubFactory(SituationFactory)
    number = factory.Sequence(lambda n: f"ICC-01/04-{n:02d}/06")
    slug = factory.Sequence(lambda n: f"case-{n}")
    name = factory.Sequence(lambda n: f"The Prosecutor v. Accused {n}")
    accused = factory.Sequence(lambda n: f"Accused {n}")
    status = CaseStatus.AT_LARGE
    summary = "A case."
    source_url = "https://www.icc-cpi.int/cases"


class AspSessionFactory(DjangoModelFactory):
    class Meta:
        model = AspSession

    number = factory.Sequence(lambda n: n + 1)
    starts_on = datetime.date(2025, 12, 1)
    ends_on = datetime.date(2025, 12, 6)
    place = "The Hague"


class DelegationCallFactory(DjangoModelFactory):
    class Meta:
        model = DelegationCall

    session = factory.SubFactory(AspSessionFactory)
    introduction = "Students and scholars may apply."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    places = 8


class DelegationApplicationFactory(DjangoModelFactory):
    class Meta:
        model = DelegationApplication

    call = factory.SubFactory(DelegationCallFactory)
    token = factory.Sequence(lambda n: f"{n:043d}")
    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    affiliation = "A university"
    role = ApplicantRole.STUDENT
    statement = "I follow the Court."
    cv = "delegation-cvs/test.pdf"


@pytest.fixture
def states() -> dict[str, StatuteState]:
    made = [
        party("SEN", "Senegal", datetime.date(1999, 2, 2), regional_group=RegionalGroup.AFRICAN),
        party("FRA", "France", datetime.date(2000, 6, 9)),
        party("DEU", "Germany", datetime.date(2000, 12, 11)),
        party(
            "BDI",
            "Burundi",
            datetime.date(2004, 9, 21),
            regional_group=RegionalGroup.AFRICAN,
            withdrawal_notified_on=datetime.date(2016, 10, 27),
            withdrawal_effective_on=datetime.date(2017, 10, 27),
            notes="The first state to leave the Court.",
        ),
        party(
            "JPN",
            "Japan",
            datetime.date(2007, 7, 17),
            signed_on=None,
            instrument=Instrument.ACCESSION,
            regional_group=RegionalGroup.ASIA_PACIFIC,
        ),
        party("CIV", "Côte d'Ivoire", datetime.date(2013, 2, 15), regional_group="african"),
        party(
            "UKR",
            "Ukraine",
            datetime.date(2024, 10, 25),
            regional_group=RegionalGroup.EASTERN_EUROPEAN,
        ),
        StatuteStateFactory(
            iso_code="USA",
            name="United States",
            signed_on=datetime.date(2000, 12, 31),
            declared_non_party_on=datetime.date(2002, 5, 6),
        ),
        StatuteStateFactory(
            iso_code="IRN",
            name="Iran",
            signed_on=datetime.date(2000, 12, 31),
            regional_group=RegionalGroup.ASIA_PACIFIC,
        ),
    ]
    return {state.iso_code: state for state in made}


NAMES_IN_ORDER = [
    "Burundi",
    "Côte d'Ivoire",
    "France",
    "Germany",
    "Iran",
    "Japan",
    "Senegal",
    "Ukraine",
    "United States",
]


def body(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    # The Content Security Policy allows no inline script or style.
    assert "<script" not in html and "style=" not in html and "<style" not in html
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def listed_states(html: str) -> list[str]:
    names = re.findall(r'<th scope="row"><a href="/icc/states/[^/]+/">([^<]+)</a></th>', html)
    return [name.replace("&#x27;", "'") for name in names]


def table_row(html: str, header: str) -> str:
    """The table row whose header cell reads `header`."""
    rows = [row.split("</tr>", 1)[0] for row in html.split("<tr")[1:]]
    pattern = re.compile(rf'<th scope="row">(?:(?:(?!</th>).)*>)?{re.escape(header)}<', re.DOTALL)
    (row,) = [row for row in rows if pattern.search(row)]
    return row


# --- The timeline


@pytest.mark.parametrize(
    ("year", "cells"),
    [
        ("1999", (1, 1, 0)),  # deposited before the Statute was in force
        ("2000", (2, 3, 0)),
        ("2002", (0, 3, 3)),  # in force on July 1, 2002
        ("2004", (1, 4, 4)),  # Burundi: in force on December 1, 2004
        ("2013", (1, 6, 6)),
        ("2017", (0, 6, 5)),  # Burundi's withdrawal took effect in October
        ("2024", (1, 7, 5)),  # Ukraine deposited in October; in force in January
        ("2025", (0, 7, 6)),
    ],
)
def test_timeline_table_counts_deposits_and_parties_at_each_year_end(
    client, site_tree, states, year, cells
):
    row = table_row(body(client, reverse("icc:overview")), year)
    assert re.findall(r"<td>(\d+)</td>", row) == [str(cell) for cell in cells]


def test_timeline_chart_draws_a_column_per_year_on_round_gridlines():
    timeline = [
        RatificationYear(2002, 10, 70, 0),
        RatificationYear(2003, 3, 73, 12),
        RatificationYear(2004, 0, 73, 7),
    ]
    chart = timeline_chart(timeline)

    assert [bar.label for bar in chart.bars] == [
        "2002: 0 states parties",
        "2003: 12 states parties",
        "2004: 7 states parties",
    ]
    assert chart.bars[0].height == 0
    assert chart.bars[1].height > chart.bars[2].height > 0
    assert chart.bars[1].y + chart.bars[1].height == chart.baseline
    assert [mark.text for mark in chart.gridlines] == ["0", "5", "10", "15"]
    assert timeline_chart([]).bars == []


# --- The overview


def test_overview_counts_parties_today_with_chart_map_and_tables(client, site_tree, states):
    html = body(client, reverse("icc:overview"))

    assert '<strong class="icc-count">6</strong> states are parties' in html
    assert "Data as of" in html
    # The timeline: an SVG with its title, beside a table with the same figures.
    assert '<svg class="icc-chart"' in html and 'role="img"' in html
    assert '<title id="timeline-chart-title">' in html
    assert "<title>2017: 5 states parties</title>" in html
    assert "<td>0</td><td>6</td><td>5</td>" in table_row(html, "2017")
    # The map: an image from its own URL, beside the count of states by status.
    assert re.search(r'<img class="icc-map" src="/icc/states-map\.svg\?v=[0-9a-f]{16}"', html)
    assert "<td>6</td>" in table_row(html, "State party")
    assert "<td>1</td>" in table_row(html, "Withdrew")
    assert "<td>1</td>" in table_row(html, "Signatory")
    # States parties by regional group: Senegal and Côte d'Ivoire; Burundi has left.
    assert "<td>2</td>" in table_row(html, "African States")
    assert "<td>1</td>" in table_row(html, "Asia-Pacific States")
    assert "<td>0</td>" in table_row(html, "Latin American and Caribbean States")
    assert "<td>2</td>" in table_row(html, "Western European and other States")
    assert "<td>6</td>" in table_row(html, "All groups")
    for name in ("states", "situations", "asp_sessions", "states_csv", "states_json"):
        assert f'href="{reverse(f"icc:{name}")}"' in html


def test_overview_of_an_empty_tracker(client, site_tree):
    html = body(client, reverse("icc:overview"))
    assert '<strong class="icc-count">0</strong> states are parties' in html
    assert "No ratification on record yet." in html


def map_areas(client) -> dict[str, ElementTree.Element]:
    response = client.get(reverse("icc:states_map"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"]
    svg = response.content.decode()
    assert "<style" not in svg and "<script" not in svg and "style=" not in svg
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("States and the Rome Statute on ")
    return {
        node.get("class").split()[0]: node
        for node in root.iter(f"{SVG}g")
        if "country" in node.get("class", "").split()
    }


def test_map_shades_each_country_by_its_status_today(client, states):
    areas = map_areas(client)

    expected = {
        "fr": StatuteStatus.PARTY,
        "gf": StatuteStatus.PARTY,  # French Guiana counts with France
        "sn": StatuteStatus.PARTY,
        "ua": StatuteStatus.PARTY,
        "ir": StatuteStatus.SIGNATORY,
        "us": StatuteStatus.DECLARED_NON_PARTY,
        "bi": StatuteStatus.WITHDRAWN,
        "cn": StatuteStatus.NON_PARTY,  # no record at all
        "br": StatuteStatus.NON_PARTY,
    }
    for code, status in expected.items():
        area = areas[code]
        assert area.get("class") == f"{code} country {status.value}", code
        assert area.get("fill") == STATUS_FILLS[status], code
    assert areas["bi"].find(f"{SVG}title").text == "Burundi: Withdrew"
    assert areas["gf"].find(f"{SVG}title").text == "French Guiana: State party"


def test_map_url_changes_with_what_the_map_shows(client, site_tree, states):
    def map_src() -> str:
        cache.clear()
        return re.search(r'src="(/icc/states-map\.svg\?v=\w+)"', body(client, "/icc/")).group(1)

    before = map_src()
    assert map_src() == before
    StatuteStateFactory(iso_code="BRA", name="Brazil", signed_on=datetime.date(2000, 2, 7))
    assert map_src() != before
    assert map_areas(client)["br"].get("class") == "br country signatory"


# --- The table of states and its downloads


def test_states_table_lists_every_state_by_name_with_dates_and_status(client, site_tree, states):
    html = body(client, reverse("icc:states"))

    assert listed_states(html) == NAMES_IN_ORDER
    assert "9 states." in html
    burundi = table_row(html, "Burundi")
    assert "<td>African States</td>" in burundi
    assert "<td>Ratification, Sep 21, 2004</td>" in burundi
    assert "<td>Dec 1, 2004</td>" in burundi
    assert "Notified Oct 27, 2016; took effect Oct 27, 2017" in burundi
    assert ">Withdrew</td>" in burundi
    japan = table_row(html, "Japan")
    assert "<td>—</td>" in japan and "<td>Accession, Jul 17, 2007</td>" in japan
    assert "Signatory that declared it will not ratify" in table_row(html, "United States")
    assert f'href="{states["BDI"].get_absolute_url()}"' in html


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?status=party", ["Côte d'Ivoire", "France", "Germany", "Japan", "Senegal", "Ukraine"]),
        ("?group=african", ["Burundi", "Côte d'Ivoire", "Senegal"]),
        ("?status=withdrawn&group=african", ["Burundi"]),
        ("?status=declared_non_party", ["United States"]),
        ("?status=signatory&group=asia_pacific", ["Iran"]),
        ("?status=withdrawn&group=weog", []),
        ("?status=&group=", NAMES_IN_ORDER),
    ],
)
def test_states_filters(client, site_tree, states, query, names):
    html = body(client, reverse("icc:states") + query)
    assert listed_states(html) == names
    if query.startswith("?status=party"):
        assert 'href="/icc/states.csv?status=party" download' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?status=member", "Choose a status from the list; “member” is not one."),
        ("?group=nato", "Choose a regional group from the list; “nato” is not one."),
        ("?status=party&group=%3Cb%3E", "“&lt;b&gt;” is not one."),
    ],
)
def test_bad_state_filter_is_a_400_with_a_message(client, site_tree, states, query, message):
    html = body(client, reverse("icc:states") + query, status=400)
    assert message in html
    assert "The table cannot be filtered this way" in html
    assert listed_states(html) == []

    download = client.get(reverse("icc:states_csv") + query)
    assert download.status_code == 400
    assert download["Content-Type"].startswith("text/plain")
    problem = client.get(reverse("icc:states_json") + query)
    assert problem.status_code == 400
    assert "is not one." in " ".join(sum(problem.json()["errors"].values(), []))


def test_csv_download(client, states):
    response = client.get(reverse("icc:states_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="rome-statute-states-{today}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == NAMES_IN_ORDER
    assert list(rows[0]) == [
        "iso_code",
        "name",
        "regional_group",
        "signed_on",
        "instrument",
        "deposited_on",
        "entry_into_force_on",
        "declared_non_party_on",
        "withdrawal_notified_on",
        "withdrawal_effective_on",
        "status",
    ]
    assert rows[0] == {
        "iso_code": "BDI",
        "name": "Burundi",
        "regional_group": "african",
        "signed_on": "1998-07-18",
        "instrument": "ratification",
        "deposited_on": "2004-09-21",
        "entry_into_force_on": "2004-12-01",
        "declared_non_party_on": "",
        "withdrawal_notified_on": "2016-10-27",
        "withdrawal_effective_on": "2017-10-27",
        "status": "withdrawn",
    }
    usa = rows[-1]
    assert (usa["declared_non_party_on"], usa["status"]) == ("2002-05-06", "declared_non_party")

    filtered = client.get(reverse("icc:states_csv") + "?group=asia_pacific")
    names = [row["name"] for row in csv.DictReader(io.StringIO(filtered.content.decode()))]
    assert names == ["Iran", "Japan"]


def test_json_download(client, states):
    response = client.get(reverse("icc:states_json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    latest = max(state.updated_at for state in StatuteState.objects.all())
    assert data["as_of"] == timezone.localdate(latest).isoformat()
    assert data["status_on"] == timezone.localdate().isoformat()
    assert (data["count"], data["states_parties"]) == (9, 6)
    assert [state["name"] for state in data["states"]] == NAMES_IN_ORDER
    assert data["states"][5] == {
        "iso_code": "JPN",
        "name": "Japan",
        "regional_group": "asia_pacific",
        "signed_on": None,
        "instrument": "accession",
        "deposited_on": "2007-07-17",
        "entry_into_force_on": "2007-10-01",
        "declared_non_party_on": None,
        "withdrawal_notified_on": None,
        "withdrawal_effective_on": None,
        "status": "party",
    }
    assert data["statuses"]["withdrawn"] == "Withdrew"

    parties = client.get(reverse("icc:states_json") + "?status=party&group=weog").json()
    assert (parties["count"], parties["states_parties"]) == (2, 2)


def test_state_page(client, site_tree, states):
    SituationFactory(name="Burundi", slug="burundi", country_codes=["BDI"])
    SituationFactory(name="Elsewhere", country_codes=["COD"])
    html = body(client, states["BDI"].get_absolute_url())

    assert "<h1>Burundi and the Rome Statute</h1>" in html
    assert ">Withdrew</strong>" in html
    assert "September 21, 2004" in html and "December 1, 2004" in html
    assert "<dt>Withdrawal took effect</dt>" in html and "October 27, 2017" in html
    assert "The first state to leave the Court." in html
    assert (
        'href="https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XVIII-10"'
        in html
    )
    assert 'href="/icc/situations/burundi/"' in html and "Elsewhere" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/icc/states/atlantis/",
        "/icc/situations/atlantis/",
        "/icc/cases/atlantis/",
        "/icc/asp/99/",
        "/icc/asp/99999999999999999999/",
    ],
)
def test_unknown_records_are_404(client, site_tree, states, url):
    assert client.get(url).status_code == 404


def test_pages_only_answer_get_and_head(client, states):
    assert client.post(reverse("icc:states")).status_code == 405
    assert client.post(reverse("icc:states_csv")).status_code == 405
    assert client.head(reverse("icc:states_csv")).status_code == 200


# --- Situations and cases


@pytest.fixture
def case() -> Case:
    situation = SituationFactory(
        number="ICC-01/04",
        slug="drc",
        name="Democratic Republic of the Congo",
        referred_on=datetime.date(2004, 3, 3),
        investigation_opened_on=datetime.date(2004, 6, 21),
    )
    case = CaseFactory(
        situation=situation,
        slug="exemple",
        name="The Prosecutor v. Jean Exemple",
        accused="Jean Exemple",
        status=CaseStatus.CONVICTED,
        warrant_issued_on=datetime.date(2006, 8, 22),
        verdict_on=datetime.date(2019, 7, 8),
    )
    for category, description, gender, sexual in [
        (CrimeCategory.WAR_CRIMES, "Murder as a war crime", False, False),
        (CrimeCategory.WAR_CRIMES, "Rape as a war crime", True, True),
        (CrimeCategory.CRIMES_AGAINST_HUMANITY, "Persecution on grounds of gender", True, False),
    ]:
        Charge.objects.create(
            case=case,
            category=category,
            description=description,
            is_gender_based=gender,
            is_sexual_violence=sexual,
        )
    CaseFactory(situation=situation, name="The Prosecutor v. Someone Else", slug="else")
    return case


def test_situations_list_and_page(client, site_tree, case):
    html = body(client, reverse("icc:situations"))
    row = table_row(html, "Democratic Republic of the Congo")
    assert "<td>ICC-01/04</td>" in row and "<td>Referred by a state party</td>" in row
    assert "<td>Jun 21, 2004</td>" in row and "<td>2</td>" in row

    html = body(client, case.situation.get_absolute_url())
    assert "March 3, 2004" in html and "June 21, 2004" in html
    assert f'href="{case.get_absolute_url()}">The Prosecutor v. Jean Exemple</a>' in html
    assert "Convicted" in html and "At large" in html


def test_case_page_groups_charges_and_marks_gender_crimes(client, site_tree, case):
    html = body(client, case.get_absolute_url())

    assert "<dt>Accused</dt><dd>Jean Exemple</dd>" in html
    assert "<dt>Status</dt><dd>Convicted</dd>" in html
    assert "August 22, 2006" in html and "July 8, 2019" in html
    groups = re.findall(r'<h3 id="charges-\d-heading">([^<]+)</h3>', html)
    assert groups == ["Crimes against humanity", "War crimes"]
    war_crimes = html.split(">War crimes</h3>", 1)[1]
    rape = war_crimes.split("Rape as a war crime", 1)[1].split("</li>", 1)[0]
    assert "Gender-based crime" in rape and "Sexual violence" in rape
    murder = war_crimes.split("Murder as a war crime", 1)[1].split("</li>", 1)[0]
    assert "icc-mark" not in murder
    assert html.count('class="icc-mark icc-mark-gender"') == 2
    assert html.count('class="icc-mark icc-mark-sexual"') == 1
    assert "The coalition marks the charges of gender-based crimes" in html


def test_case_without_charges(client, site_tree, case):
    other = Case.objects.get(slug="else")
    html = body(client, other.get_absolute_url())
    assert "No charge is on record for this case." in html
    assert "The coalition marks" not in html


# --- Sessions of the Assembly and the delegation


@pytest.fixture
def sessions() -> dict[int, AspSession]:
    past = AspSessionFactory(number=24, notes="The Assembly adopted the budget.")
    AspElection.objects.create(
        session=past,
        office=ElectedOffice.JUDGES,
        description="Six judges",
        elected="Judge One\nJudge Two",
    )
    closed = DelegationCallFactory(
        session=past,
        deadline=timezone.now() - datetime.timedelta(days=60),
        report_title="What we saw in The Hague",
        report="<p>Our delegates met 40 delegations.</p>",
    )
    for name, email, status in zip(
        PRIVATE_NAMES,
        PRIVATE_EMAILS,
        [ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED, ApplicationStatus.WAITLISTED],
        strict=True,
    ):
        DelegationApplicationFactory(call=closed, name=name, email=email, status=status)
    DelegationApplicationFactory(call=closed, status=ApplicationStatus.ACCEPTED)
    upcoming = AspSessionFactory(
        number=25, starts_on=datetime.date(2026, 12, 7), ends_on=datetime.date(2026, 12, 12)
    )
    DelegationApplicationFactory(call=DelegationCallFactory(session=upcoming))
    without_call = AspSessionFactory(number=23, place="New York", is_resumed=True)
    return {23: without_call, 24: past, 25: upcoming}


def test_sessions_list(client, site_tree, sessions):
    html = body(client, reverse("icc:asp_sessions"))
    numbers = re.findall(r'href="/icc/asp/(\d+)/">Session', html)
    assert numbers == ["25", "24", "23"]
    assert "<td>New York</td>" in html and "(resumed or special)" in html


def test_session_page_shows_elections_and_the_number_of_delegates(client, site_tree, sessions):
    html = body(client, sessions[24].get_absolute_url())

    assert "<h1>Session 24 of the Assembly</h1>" in html
    assert "December 1, 2025" in html and "The Hague" in html
    assert "Judges: Six judges" in html
    assert "<li>Judge One</li><li>Judge Two</li>" in html
    assert "The Assembly adopted the budget." in html
    assert '<h2 id="delegation-heading">The coalition\'s delegation</h2>' in html
    assert "2 delegates have been accepted" in html
    assert "Apply to join" not in html and "/icc/asp/24/delegation/" not in html
    assert "Our delegates met 40 delegations." not in html  # not published yet


def test_open_call_links_to_the_application(client, site_tree, sessions):
    html = body(client, sessions[25].get_absolute_url())
    assert 'href="/icc/asp/25/delegation/">Apply to join the delegation</a>' in html
    assert "No delegate has been accepted yet." in html

    html = body(client, sessions[23].get_absolute_url())
    assert "delegation-heading" not in html and "/delegation/" not in html


def test_report_is_shown_once_published(client, site_tree, sessions):
    call = sessions[24].delegation_call
    call.report_published_at = timezone.now()
    call.save(update_fields=["report_published_at"])
    cache.clear()

    html = body(client, sessions[24].get_absolute_url())
    assert '<h3 id="report-heading">What we saw in The Hague</h3>' in html
    assert "<p>Our delegates met 40 delegations.</p>" in html
    listing = body(client, reverse("icc:asp_sessions"))
    assert '<a href="/icc/asp/24/delegation/report/">Report published</a>' in table_row(
        listing, "Session 24"
    )


def test_no_applicant_is_named_on_any_public_page(client, site_tree, states, case, sessions):
    call = sessions[24].delegation_call
    call.report_published_at = timezone.now()
    call.save(update_fields=["report_published_at"])
    urls = [
        reverse("icc:overview"),
        reverse("icc:states"),
        reverse("icc:states_csv"),
        reverse("icc:states_json"),
        reverse("icc:situations"),
        reverse("icc:asp_sessions"),
        *(session.get_absolute_url() for session in sessions.values()),
    ]
    for url in urls:
        content = client.get(url).content.decode()
        for private in (*PRIVATE_NAMES, *PRIVATE_EMAILS, "Applicant ", "@example.org"):
            assert private not in content, (url, private)


# --- Query budgets


def queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# The site's own reads come on top of the page's: the site for every response, and its
# settings and menu for a page; and two more on a page since the Spanish translation
# (the translated base template's per-language reads), the same on every page.
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        (reverse("icc:overview"), 7 + 4 + 2),
        (reverse("icc:states"), 4 + 4 + 2),
        (reverse("icc:states") + "?status=party&group=weog", 4 + 4 + 2),
        (reverse("icc:states_csv"), 1 + 1),
        (reverse("icc:states_json"), 4 + 1),
        (reverse("icc:states_map"), 1 + 1),
    ],
)
def test_query_count_does_not_grow_with_the_states(client, site_tree, states, url, budget):
    queries(client, url)  # the first request also loads what the process keeps (site, settings)
    few = queries(client, url)
    for number in range(40):
        party(
            f"X{number:02d}",
            f"Extra {number:02d}",
            datetime.date(2010 + number % 10, 1 + number % 12, 1),
        )

    assert queries(client, url) == few <= budget


def test_session_page_reads_in_a_few_queries(client, site_tree, sessions):
    url = sessions[24].get_absolute_url()
    queries(client, url)
    # The session, its call, the count, the elections; two more for the translated base template.
    assert queries(client, url) <= 8 + 2


# --- In Chromium: the Content Security Policy and accessibility


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_in_a_browser_break_no_policy_and_pass_axe(
    page, console_errors, site_tree, states, case, sessions, live_server
):
    from amicc.pages.tests.test_browser import blocking_violations, save_screenshot

    tour = {
        "icc-overview": reverse("icc:overview"),
        "icc-states": reverse("icc:states") + "?group=african",
        "icc-states-error": reverse("icc:states") + "?status=member",
        "icc-state": states["BDI"].get_absolute_url(),
        "icc-case": case.get_absolute_url(),
        "icc-session": sessions[25].get_absolute_url(),
    }
    findings = []
    for name, url in tour.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        save_screenshot(page, name)
        findings += blocking_violations(page)
    page.goto(reverse("icc:overview"))
    page.locator("img.icc-map").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.icc-map').naturalWidth > 0")

    # The page answered 400 for the bad filter; every other message is a violation.
    errors = [error for error in console_errors if "400 (Bad Request)" not in error]
    assert not errors, errors
    assert not findings, "axe-core found serious or critical violations:\n" + "\n".join(findings)


def test_a_staff_edit_of_a_state_retires_the_cached_pages(db, django_capture_on_commit_callbacks):
    state = StatuteState.objects.create(
        iso_code="UKR", name="Ukraine", slug="ukraine", regional_group="eastern_european",
        signed_on=datetime.date(2000, 1, 20), source_url="https://treaties.un.org/",
    )  # fmt: skip
    with django_capture_on_commit_callbacks() as callbacks:
        state.notes = "Edited by staff."
        state.save()
    assert invalidate_page_cache in callbacks
