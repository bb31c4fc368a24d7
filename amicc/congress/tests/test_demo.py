"""The Congress demo: a labelled sample that works end to end and never touches real data."""

import datetime

import pytest
from django.urls import reverse

from amicc.coalition.demo_content import coalition_demo_load
from amicc.congress.demo_content import congress_demo_load
from amicc.congress.models import (
    ActionAlert,
    Legislator,
    OfficeEmail,
    OfficeVisit,
    StanceAssessment,
    WatchlistItem,
    ZipDistrict,
)
from amicc.congress.tests.conftest import DATA, run

TODAY = datetime.date(2026, 11, 25)
DEMO_MODELS = (
    Legislator,
    ZipDistrict,
    OfficeEmail,
    WatchlistItem,
    ActionAlert,
    OfficeVisit,
    StanceAssessment,
)


@pytest.fixture
def demo(db, site_tree):
    coalition_demo_load(today=TODAY)
    return congress_demo_load(today=TODAY)


def test_demo_loads_a_labelled_sample_once(demo):
    assert "23 sample members" in demo
    counts = [model.objects.count() for model in DEMO_MODELS]
    assert counts == [23, 13, 8, 7, 1, 5, 2]
    assert all(
        name.endswith("(sample)")
        for name in Legislator.objects.values_list("display_name", flat=True)
    )
    assert Legislator.objects.filter(is_current=True).count() == 23

    again = congress_demo_load(today=TODAY)

    assert "members or ZIP codes already loaded, so no sample" in again
    assert "0 sample resolutions, 0 assessed stances, 0 letter campaigns, 0 office visits" in again
    assert counts == [model.objects.count() for model in DEMO_MODELS]


def test_sample_terms_are_current_whenever_the_demo_is_loaded(db, site_tree):
    congress_demo_load(today=datetime.date(2031, 2, 1))

    assert Legislator.objects.filter(is_current=True).count() == 23
    senator = Legislator.objects.get(bioguide_id="Z900004")  # a class 1 senator
    assert (senator.current_term.start, senator.current_term.end) == (
        datetime.date(2031, 1, 3),
        datetime.date(2037, 1, 3),
    )


def test_demo_pages_work_end_to_end(client, demo):
    found = client.get(reverse("congress:representatives"), {"zip": "10001"})
    assert found.status_code == 200
    html = found.content.decode()
    assert "Priya Raman (sample)" in html and "Thomas Greer (sample)" in html

    scorecard = client.get(reverse("congress:scorecard"), {"sort": "score"}).content.decode()
    assert scorecard.index("Priya Raman (sample)") < scorecard.index("Cody Marsh (sample)")
    assert client.get(reverse("congress:watchlist")).status_code == 200
    alert = ActionAlert.objects.get()
    assert client.get(alert.get_absolute_url()).status_code == 200


def test_demo_leaves_real_members_alone(db, site_tree, today):
    run("import_legislators", str(DATA / "sample-legislators.yaml"))
    real = set(Legislator.objects.values_list("bioguide_id", "is_current"))

    summary = congress_demo_load(today=TODAY)

    assert set(Legislator.objects.values_list("bioguide_id", "is_current")) == real
    assert not ZipDistrict.objects.exists()
    assert "already loaded, so no sample" in summary
