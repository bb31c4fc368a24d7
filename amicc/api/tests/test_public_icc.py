"""The ICC tracker through the public API: states parties on a day, situations and cases."""

import datetime

import pytest

from amicc.icc.choices import CaseStatus, CrimeCategory, Instrument, RegionalGroup, Trigger
from amicc.icc.models import Case, Charge, Situation

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(make_statute_state):
    """Dates from the depositary's record; every one in the past, so "today" is stable."""
    make_statute_state(
        "SEN", "Senegal", datetime.date(1999, 2, 2), regional_group=RegionalGroup.AFRICAN
    )
    make_statute_state("FRA", "France", datetime.date(2000, 6, 9))
    make_statute_state(
        "BDI",
        "Burundi",
        datetime.date(2004, 9, 21),
        regional_group=RegionalGroup.AFRICAN,
        withdrawal_notified_on=datetime.date(2016, 10, 27),
        withdrawal_effective_on=datetime.date(2017, 10, 27),
    )
    make_statute_state(
        "JPN",
        "Japan",
        datetime.date(2007, 7, 17),
        signed_on=None,
        instrument=Instrument.ACCESSION,
        regional_group=RegionalGroup.ASIA_PACIFIC,
    )
    make_statute_state(
        "USA",
        "United States",
        signed_on=datetime.date(2000, 12, 31),
        declared_non_party_on=datetime.date(2002, 5, 6),
    )
    make_statute_state("IRN", "Iran", signed_on=datetime.date(2000, 12, 31))


def iso_codes(answer: dict) -> list[str]:
    return [state["iso_code"] for state in answer["results"]]


def test_states_parties_today_with_their_dates(states, public_get):
    listed = public_get("/states-parties")

    assert iso_codes(listed) == ["FRA", "JPN", "SEN"]
    japan = listed["results"][1]
    assert japan == {
        "iso_code": "JPN",
        "name": "Japan",
        "slug": "japan",
        "regional_group": "asia_pacific",
        "status": "party",
        "signed_on": None,
        "instrument": "accession",
        "deposited_on": "2007-07-17",
        "succeeded_on": None,
        "entry_into_force_on": "2007-10-01",
        "declared_non_party_on": None,
        "withdrawal_notified_on": None,
        "withdrawal_effective_on": None,
        "source_url": "https://treaties.un.org/Pages/ViewDetails.aspx?mtdsg_no=XVIII-10",
        "url": "http://testserver/icc/states/japan/",
    }
    assert iso_codes(public_get("/states-parties", regional_group="african")) == ["SEN"]


def test_states_parties_on_a_day(states, public_get):
    # Burundi was a party from 1 December 2004 until its withdrawal took effect.
    assert iso_codes(public_get("/states-parties", on="2010-01-01")) == ["BDI", "FRA", "JPN", "SEN"]
    assert iso_codes(public_get("/states-parties", on="2002-07-01")) == ["FRA", "SEN"]
    assert iso_codes(public_get("/states-parties", on="2002-06-30")) == []


@pytest.mark.parametrize(
    ("day", "count"),
    [("2002-06-30", 0), ("2002-07-01", 2), ("2010-01-01", 4), ("2017-10-27", 3)],
)
def test_count_of_states_parties_on_a_day(states, public_get, day, count):
    assert public_get("/states-parties/count", on=day) == {"on": day, "count": count}


def test_count_today_and_bad_days(states, public_get):
    answer = public_get("/states-parties/count")
    assert answer["count"] == 3
    assert datetime.date.fromisoformat(answer["on"]) >= datetime.date(2025, 1, 1)
    for bad in ("2017-02-29", "1 July 2002", "20020701x", "1500-01-01", "2300-01-01"):
        assert public_get("/states-parties/count", expect=422, on=bad)["errors"]


def test_every_state_with_its_status_and_a_status_filter(states, public_get):
    listed = public_get("/rome-statute/states", on="2020-01-01")

    statuses = {state["iso_code"]: state["status"] for state in listed["results"]}
    assert statuses == {
        "BDI": "withdrawn",
        "FRA": "party",
        "IRN": "signatory",
        "JPN": "party",
        "SEN": "party",
        "USA": "declared_non_party",
    }
    assert iso_codes(public_get("/rome-statute/states", status="signatory")) == ["IRN"]
    assert iso_codes(public_get("/rome-statute/states", status="withdrawn")) == ["BDI"]
    public_get("/rome-statute/states", status="friend", expect=422)


@pytest.fixture
def court(states):
    drc = Situation.objects.create(
        number="ICC-01/04",
        slug="drc",
        name="Democratic Republic of the Congo",
        country_codes=["COD"],
        trigger=Trigger.STATE_REFERRAL,
        investigation_opened_on=datetime.date(2004, 6, 21),
        summary="Crimes in Ituri.",
        source_url="https://www.icc-cpi.int/drc",
    )
    burundi = Situation.objects.create(
        number="ICC-01/17",
        slug="burundi",
        name="Burundi",
        country_codes=["BDI"],
        trigger=Trigger.PROPRIO_MOTU,
        summary="Crimes against humanity.",
        source_url="https://www.icc-cpi.int/burundi",
    )
    lubanga = Case.objects.create(
        situation=drc,
        number="ICC-01/04-01/06",
        slug="lubanga",
        name="The Prosecutor v. Thomas Lubanga Dyilo",
        accused="Thomas Lubanga Dyilo",
        status=CaseStatus.CONVICTED,
        verdict_on=datetime.date(2012, 3, 14),
        summary="Child soldiers.",
        source_url="https://www.icc-cpi.int/lubanga",
    )
    Charge.objects.create(
        case=lubanga,
        category=CrimeCategory.WAR_CRIMES,
        description="Enlisting children",
        counts=3,
        sort_order=0,
    )
    Case.objects.create(
        situation=drc,
        number="ICC-01/04-02/06",
        slug="ntaganda",
        name="The Prosecutor v. Bosco Ntaganda",
        accused="Bosco Ntaganda",
        status=CaseStatus.CONVICTED,
        summary="Crimes in Ituri.",
        source_url="https://www.icc-cpi.int/ntaganda",
    )
    return {"drc": drc, "burundi": burundi}


def test_situations_with_their_cases(court, public_get):
    listed = public_get("/situations")

    assert [(s["slug"], s["case_count"]) for s in listed["results"]] == [
        ("drc", 2),
        ("burundi", 0),
    ]
    detail = public_get("/situations/drc")
    assert [case["slug"] for case in detail["cases"]] == ["lubanga", "ntaganda"]
    assert detail["trigger"] == "state_referral"
    assert detail["url"] == "http://testserver/icc/situations/drc/"
    public_get("/situations/nowhere", expect=404)


def test_cases_filtered_by_situation_and_a_case_with_its_charges(court, public_get):
    def slugs(**params):
        return [case["slug"] for case in public_get("/cases", **params)["results"]]

    assert slugs() == ["lubanga", "ntaganda"]
    assert slugs(situation="drc") == ["lubanga", "ntaganda"]
    assert slugs(situation="burundi") == []
    assert slugs(status="at_large") == []

    lubanga = public_get("/cases/lubanga")
    assert lubanga["situation"] == {
        "number": "ICC-01/04",
        "slug": "drc",
        "name": "Democratic Republic of the Congo",
    }
    assert lubanga["charges"] == [
        {
            "category": "war_crimes",
            "description": "Enlisting children",
            "counts": 3,
            "is_gender_based": False,
            "is_sexual_violence": False,
        }
    ]
    assert lubanga["status_label"] == "Convicted"


def test_a_state_links_the_situations_concerning_it(court, public_get):
    answer = public_get("/rome-statute/states/burundi")

    assert answer["status"] == "withdrawn"
    assert answer["situations"] == [{"number": "ICC-01/17", "slug": "burundi", "name": "Burundi"}]
    public_get("/rome-statute/states/atlantis", expect=404)


def test_icc_queries_do_not_grow(
    court, make_statute_state, public_get, django_assert_max_num_queries
):
    public_get("/situations")  # finds the request's Wagtail site once; cached from then on
    for n in range(30):
        make_statute_state(
            f"Q{n:02d}", f"State {n:02d}", datetime.date(2003, 1, 1) + datetime.timedelta(n)
        )
    for path in ("/states-parties", "/rome-statute/states", "/situations", "/cases"):
        with django_assert_max_num_queries(2):
            public_get(path, limit=100)
    with django_assert_max_num_queries(1):
        public_get("/states-parties/count")
    with django_assert_max_num_queries(2):
        public_get("/situations/drc")
    with django_assert_max_num_queries(2):
        public_get("/cases/lubanga")
    with django_assert_max_num_queries(2):
        public_get("/rome-statute/states/france")
