"""Members of Congress, the ZIP code lookup and the watchlist through the public API."""

import datetime

import pytest

from amicc.congress.choices import Position, WatchlistKind, WatchlistStatus
from amicc.congress.models import (
    Bill,
    BillAction,
    Cosponsorship,
    WatchlistEvent,
    WatchlistItem,
    WatchlistLink,
    ZipDistrict,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_york(make_member):
    """New York's two senators, the members for districts 12 and 10, and a former member."""
    return {
        "schumer": make_member("S000148", "Schumer", first_name="Charles"),
        "gillibrand": make_member("G000555", "Gillibrand", first_name="Kirsten"),
        "nadler": make_member("N000002", "Nadler", district=12, first_name="Jerrold"),
        "goldman": make_member("G000599", "Goldman", district=10, first_name="Daniel"),
        "former": make_member("M000087", "Maloney", district=12, current=False),
        "wyoming": make_member("H001096", "Hageman", state="WY", district=0, party="Republican"),
    }


def bioguide_ids(answer: dict) -> list[str]:
    return [member["bioguide_id"] for member in answer["results"]]


def test_legislators_lists_current_members_by_name(new_york, public_get):
    listed = public_get("/legislators")

    assert bioguide_ids(listed) == ["G000555", "G000599", "H001096", "N000002", "S000148"]
    nadler = listed["results"][3]
    assert nadler == {
        "bioguide_id": "N000002",
        "name": "Jerrold Nadler",
        "first_name": "Jerrold",
        "last_name": "Nadler",
        "is_current": True,
        "title": "Representative",
        "chamber": "house",
        "state": "NY",
        "district": 12,
        "seat": "New York, district 12",
        "party": "Democrat",
        "office": {
            "phone": "202-225-0000",
            "address": "1 Capitol Hill, Washington DC 20515",
            "website": "https://nadler.house.gov",
            "contact_form": None,
        },
        "url": "http://testserver/congress/legislators/N000002/",
    }


def test_legislator_filters(new_york, public_get):
    def ids(**params):
        return bioguide_ids(public_get("/legislators", **params))

    assert ids(chamber="senate") == ["G000555", "S000148"]
    assert ids(state="WY") == ["H001096"]
    assert ids(party="republican") == ["H001096"]
    assert ids(district=0) == ["H001096"]
    assert ids(state="NY", chamber="house", district=12) == ["N000002"]
    assert ids(q="kirsten") == ["G000555"]
    public_get("/legislators", district=61, expect=422)
    public_get("/legislators", chamber="lords", expect=422)
    public_get("/legislators", party="Dem\x00ocrat", expect=422)


def test_a_former_member_has_a_page_but_no_office(new_york, public_get):
    answer = public_get("/legislators/M000087")

    assert answer["is_current"] is False
    assert answer["chamber"] is None and answer["office"] is None and answer["seat"] == ""
    assert public_get("/legislators/X999999", expect=404) == {
        "detail": "No member of Congress has this Bioguide id."
    }
    public_get("/legislators/not-an-id", expect=422)


def test_a_zip_code_in_two_districts_lists_both_with_their_members(new_york, public_get):
    ZipDistrict.objects.create(zcta="10024", state="NY", district=12, share=0.7, rank=1)
    ZipDistrict.objects.create(zcta="10024", state="NY", district=10, share=0.3, rank=2)

    answer = public_get("/representatives", zip="10024-1234")

    assert answer["zip_code"] == "10024"
    assert [(d["district"], d["share"]) for d in answer["districts"]] == [(12, 0.7), (10, 0.3)]
    assert [d["representative"]["bioguide_id"] for d in answer["districts"]] == [
        "N000002",
        "G000599",
    ]
    assert answer["districts"][0]["label"] == "New York, district 12"
    [new_york_senate] = answer["senators"]
    assert new_york_senate["state_name"] == "New York"
    assert [s["bioguide_id"] for s in new_york_senate["senators"]] == ["G000555", "S000148"]


def test_a_zip_code_across_states_and_a_vacant_seat(new_york, public_get):
    ZipDistrict.objects.create(zcta="82001", state="WY", district=0)
    ZipDistrict.objects.create(zcta="82001", state="NY", district=3)

    answer = public_get("/representatives", zip="82001")

    assert [(d["state"], d["district"]) for d in answer["districts"]] == [("NY", 3), ("WY", 0)]
    assert answer["districts"][0]["representative"] is None
    assert answer["districts"][1]["representative"]["name"] == "Pat Hageman"
    assert [group["state"] for group in answer["senators"]] == ["NY", "WY"]
    assert answer["senators"][1]["senators"] == []


@pytest.mark.parametrize("bad", ["1234", "123456", "ABCDE", "10017-12", "10017\x00", "9" * 30])
def test_a_zip_code_that_is_not_one_is_a_422(new_york, public_get, bad):
    answer = public_get("/representatives", expect=422, zip=bad)
    assert answer["detail"] in (
        "Enter a ZIP code of five digits, such as 10017, or ZIP+4, such as 10017-1234.",
        "Invalid input: zip.",
    )


def test_an_unknown_zip_code_is_a_404(new_york, public_get):
    assert public_get("/representatives", expect=404, zip="10024") == {
        "detail": "No ZIP code data is loaded on this site yet."
    }
    ZipDistrict.objects.create(zcta="10017", state="NY", district=12)
    assert public_get("/representatives", expect=404, zip="00000") == {
        "detail": "No congressional district is on record for ZIP code 00000."
    }
    assert public_get("/representatives", expect=422)["errors"][0]["loc"] == ["query", "zip"]


def test_member_queries_do_not_grow(make_member, public_get, django_assert_max_num_queries):
    public_get("/legislators")  # finds the request's Wagtail site once; cached from then on
    for n in range(30):
        make_member(f"A{n:06d}", f"Member{n}", district=n + 1)
        ZipDistrict.objects.create(zcta="10001", state="NY", district=n + 1, share=0.01, rank=n + 1)
    with django_assert_max_num_queries(2):
        public_get("/legislators", limit=100)
    with django_assert_max_num_queries(1):
        public_get("/legislators/A000001")
    with django_assert_max_num_queries(2):
        answer = public_get("/representatives", zip="10001")
    assert len(answer["districts"]) == 30


def item(slug: str, **fields) -> WatchlistItem:
    fields.setdefault("kind", WatchlistKind.BILL)
    fields.setdefault("identifier", slug.upper())
    fields.setdefault("title", f"Title of {slug}")
    fields.setdefault("summary", "What it does.")
    return WatchlistItem.objects.create(slug=slug, **fields)


def test_watchlist_lists_published_items_latest_action_first(public_get):
    item("old", last_action_on=datetime.date(2024, 1, 1))
    item("new", last_action_on=datetime.date(2025, 6, 1), status=WatchlistStatus.ADVANCING)
    item("undated", kind=WatchlistKind.EXECUTIVE_ORDER)
    item("hidden", last_action_on=datetime.date(2025, 7, 1), is_published=False)

    listed = public_get("/watchlist")

    assert [entry["slug"] for entry in listed["results"]] == ["new", "old", "undated"]
    assert listed["results"][0]["status_label"] == "Passed one chamber"
    assert listed["results"][0]["url"] == "http://testserver/congress/watchlist/new/"

    def slugs(**params):
        return [entry["slug"] for entry in public_get("/watchlist", **params)["results"]]

    assert slugs(kind="executive_order") == ["undated"]
    assert slugs(status="advancing") == ["new"]
    assert slugs(position="monitor", kind="bill") == ["new", "old"]
    assert public_get("/watchlist", expect=422, kind="poem")["errors"][0]["loc"][-1] == "kind"
    public_get("/watchlist/hidden", expect=404)


def test_watchlist_item_has_its_bill_timeline_and_sources(new_york, public_get):
    bill = Bill.objects.create(
        bill_id="hr23-119",
        bill_type="hr",
        number=23,
        congress=119,
        display_title="Illegitimate Court Counteraction Act",
        sponsor=new_york["nadler"],
    )
    BillAction.objects.create(
        bill=bill, position=0, acted_at=datetime.date(2025, 1, 3), text="Introduced in House"
    )
    BillAction.objects.create(
        bill=bill,
        position=1,
        acted_at=datetime.date(2025, 1, 9),
        text="Passed House",
        chamber="h",
        vote_type="vote",
        result="pass",
        roll="7",
    )
    Cosponsorship.objects.create(bill=bill, bioguide_id="G000599", name="Goldman")
    Cosponsorship.objects.create(
        bill=bill,
        bioguide_id="X000001",
        sponsored_at=datetime.date(2025, 1, 3),
        withdrawn_at=datetime.date(2025, 1, 5),
    )
    entry = item("hr-23", bill=bill, position=Position.OPPOSE, rationale="It attacks the Court.")
    WatchlistEvent.objects.create(
        item=entry, occurred_on=datetime.date(2025, 1, 9), description="Coalition statement"
    )
    WatchlistLink.objects.create(item=entry, title="congress.gov", url="https://congress.gov/")

    answer = public_get("/watchlist/hr-23")

    assert answer["bill"] == {
        "label": "H.R. 23 (119th Congress)",
        "sponsor": "Jerrold Nadler",
        "sponsor_bioguide_id": "N000002",
        "cosponsors": 1,
    }
    assert [(step["date"], step["text"], step["vote"]) for step in answer["timeline"]] == [
        ("2025-01-03", "Introduced in House", None),
        ("2025-01-09", "Passed House", "House vote: passed, roll call 7"),
        ("2025-01-09", "Coalition statement", None),
    ]
    assert answer["links"] == [{"title": "congress.gov", "url": "https://congress.gov/"}]
    assert answer["position"] == "oppose" and answer["rationale"] == "It attacks the Court."


def test_watchlist_queries_do_not_grow(public_get, django_assert_max_num_queries):
    public_get("/watchlist")  # finds the request's Wagtail site once; cached from then on
    for n in range(30):
        item(f"item-{n}", last_action_on=datetime.date(2025, 1, 1))
    with django_assert_max_num_queries(2):
        answer = public_get("/watchlist", limit=100)
    assert answer["count"] == 30
    with django_assert_max_num_queries(6):
        public_get("/watchlist/item-3")
