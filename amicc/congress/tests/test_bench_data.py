"""The Congress benchmark generator writes a sound Congress the measured pages can show."""

from collections import Counter

import pytest
from django.db.models import Count

from amicc.coalition.bench_data import CoalitionScale, coalition_bench_generate
from amicc.coalition.geography import DELEGATE_ONLY
from amicc.coalition.geography_zip import state_for_zip
from amicc.congress.bench_data import CongressScale, congress_bench_generate
from amicc.congress.choices import Chamber, OfficeKind
from amicc.congress.importers.legislators import BIOGUIDE_PATTERN
from amicc.congress.models import (
    ActionAlert,
    Cosponsorship,
    Legislator,
    Letter,
    LetterSubmission,
    OfficeVisit,
    RollCallVote,
    WatchlistItem,
    ZipDistrict,
)
from amicc.congress.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

TINY = CongressScale(zip_codes=400, watchlist_items=15, visits=40, submissions=100)


@pytest.fixture
def generated(today) -> str:
    # 15 people for 20 submissions per alert: the last five of each alert have no person.
    coalition_bench_generate(
        scale=CoalitionScale(organizations=2, alliances=2, people=15, initiatives=0), today=TODAY
    )
    return congress_bench_generate(scale=TINY, today=TODAY)


def test_the_whole_congress_serves_with_a_current_term(generated):
    members = Legislator.objects.select_related("current_term")
    assert members.count() == 541
    assert all(BIOGUIDE_PATTERN.match(m.bioguide_id) and m.bioguide_id[:2] == "Y9" for m in members)
    for member in members:
        term = member.current_term
        assert member.is_current and term.end > TODAY >= term.start
        assert (term.type, term.state, term.district, term.party) == (
            member.current_chamber,
            member.current_state,
            member.current_district,
            member.current_party,
        )
    senators = members.filter(current_chamber=Chamber.SENATE)
    by_state = Counter(senators.values_list("current_state", flat=True))
    assert len(by_state) == 50 and set(by_state.values()) == {2}
    for state in by_state:
        classes = {m.current_term.senate_class for m in senators.filter(current_state=state)}
        assert len(classes) == 2
    house = members.filter(current_chamber=Chamber.HOUSE)
    assert house.exclude(current_state__in=DELEGATE_ONLY).count() == 435
    assert house.filter(current_state__in=DELEGATE_ONLY).count() == 6
    assert house.values("current_state", "current_district").distinct().count() == 441
    assert members.filter(terms__start__lt=TODAY.replace(year=TODAY.year - 6)).exists()


def test_zip_codes_lie_in_districts_of_their_state_a_tenth_split(generated):
    rows = list(ZipDistrict.objects.values_list("zcta", "state", "district", "share", "rank"))
    by_zip: dict[str, list[tuple]] = {}
    for row in rows:
        by_zip.setdefault(row[0], []).append(row)
    assert len(by_zip) == 400
    split = [parts for parts in by_zip.values() if len(parts) > 1]
    assert 0.05 < len(split) / len(by_zip) < 0.15
    assert all(len(parts) <= 2 for parts in by_zip.values())
    for parts in split:
        assert len({state for _, state, *_ in parts}) == 1
        assert len({district for *_, district, _, _ in parts}) == 2
        assert sorted(rank for *_, rank in parts) == [1, 2]
        assert sum(share for *_, share, _ in parts) == pytest.approx(1)
    assert all(state_for_zip(zcta) == state for zcta, state, *_ in rows)
    seats = set(
        Legislator.objects.current()
        .filter(current_chamber=Chamber.HOUSE)
        .values_list("current_state", "current_district")
    )
    assert {(state, district) for _, state, district, *_ in rows} <= seats


def test_bills_have_sponsors_cosponsors_and_every_vote_of_their_chamber(generated):
    items = WatchlistItem.objects.filter(slug__startswith="bench-watch-")
    assert items.count() == 15
    assert items.filter(bill__isnull=False).count() == 3
    scored = items.scored().filter(bill__isnull=False)
    assert scored.count() == 2
    assert {item.score_weight for item in scored} <= {1, 2, 3}
    assert all(item.events.count() == 3 for item in items)
    assert len({item.kind for item in items}) > 3 and len({item.status for item in items}) > 3
    for item in items.filter(bill__isnull=False).select_related("bill__sponsor"):
        bill = item.bill
        chamber = Chamber.HOUSE if bill.bill_type == "hr" else Chamber.SENATE
        assert bill.sponsor.current_chamber == chamber
        cosponsors = Cosponsorship.objects.filter(bill=bill)
        assert 20 <= cosponsors.count() <= 200
        assert set(cosponsors.values_list("legislator__current_chamber", flat=True)) == {chamber}
        assert 1 <= bill.roll_calls.count() <= 3
    for roll_call in RollCallVote.objects.filter(bill__watchlist_item__in=scored):
        chamber = Chamber.HOUSE if roll_call.chamber == "h" else Chamber.SENATE
        voters = Legislator.objects.current().filter(current_chamber=chamber)
        voters = voters.exclude(current_state__in=DELEGATE_ONLY)
        assert set(roll_call.votes.values_list("legislator", flat=True)) == set(
            voters.values_list("pk", flat=True)
        )
        assert roll_call.votes.count() == (435 if chamber == Chamber.HOUSE else 100)


def test_visits_and_letters(generated):
    visits = OfficeVisit.objects.all()
    assert visits.count() == 40
    assert visits.filter(alliance__isnull=True).count() == 4
    congressional = visits.exclude(office_kind=OfficeKind.STATE_LEGISLATURE)
    assert all(v.state == v.legislator.current_state for v in congressional)
    dates = sorted(visits.values_list("visited_on", flat=True))
    assert dates[-1] <= TODAY and (dates[-1] - dates[0]).days > 365
    alerts = ActionAlert.objects.filter(slug__startswith="bench-alert-")
    assert alerts.count() == 5 and alerts.filter(is_open=True).count() == 4
    submissions = LetterSubmission.objects.all()
    assert submissions.count() == 100
    assert submissions.filter(person__isnull=True).count() == 25
    per_person = submissions.exclude(person=None).values("alert", "person").annotate(n=Count("pk"))
    assert {row["n"] for row in per_person} == {1}
    letters = Letter.objects.values("submission").annotate(n=Count("pk"))
    assert {row["n"] for row in letters} == {3} and len(letters) == 100


def test_running_again_adds_nothing(generated):
    assert generated.startswith("541 members of Congress, 400 ZIP codes, 15 watchlist items")
    again = congress_bench_generate(scale=TINY, today=TODAY)
    assert again.startswith("0 members of Congress, 0 ZIP codes, 0 watchlist items, 0 office")
    assert "0 letter submissions added" in again
    assert LetterSubmission.objects.count() == 100


def test_the_measured_pages_render(client, site_tree, generated):
    split = ZipDistrict.objects.values("zcta").annotate(n=Count("pk")).filter(n=2)[0]["zcta"]
    item = WatchlistItem.objects.scored().filter(bill__isnull=False).first()
    member = Legislator.objects.filter(current_chamber=Chamber.HOUSE).first()
    alert = ActionAlert.objects.open().first()
    urls = [
        f"/representatives/?zip={split}",
        "/congress/watchlist/",
        item.get_absolute_url(),
        "/congress/scorecard/",
        f"/congress/legislators/{member.bioguide_id}/",
        alert.get_absolute_url(),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
