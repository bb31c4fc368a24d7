"""The page of a member of Congress: offices, record on the watchlist, score, visit counts."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amicc.congress.choices import Chamber, OfficeKind, Stance
from amicc.congress.models import (
    DistrictOffice,
    Legislator,
    OfficeVisit,
    StanceAssessment,
    StanceEvidence,
    Term,
    WatchlistItem,
)
from amicc.congress.tests.conftest import TODAY
from amicc.congress.tests.test_scorecard import LegislatorFactory, build_record, serving

pytestmark = pytest.mark.django_db

PEOPLE_MET = "Chief of staff Zebulon Quartermaine"
ASKS = "Cosponsor the resolution welcoming the Court's work"


@pytest.fixture
def record(db) -> dict:
    """The scorecard tests' members and records, whose scores are known."""
    return build_record()


def url(member: Legislator) -> str:
    return reverse("congress:legislator", args=[member.bioguide_id])


def page(client, member: Legislator, status: int = 200) -> str:
    response = client.get(url(member))
    assert response.status_code == status
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    return main


def visit(member: Legislator, visited_on: datetime.date) -> OfficeVisit:
    return OfficeVisit.objects.create(
        visited_on=visited_on,
        office_kind=OfficeKind.CONGRESS_DISTRICT,
        legislator=member,
        state=member.current_state or "NY",
        district=member.current_district,
        people_met=PEOPLE_MET,
        attendees=3,
        asks=ASKS,
        outcome="Promised to read our brief",
    )


@pytest.fixture
def cho(db) -> Legislator:
    member = serving(
        "Cho",
        district=10,
        phone="202-555-0103",
        address="1001 Longworth House Office Building Washington DC 20515",
        url="https://cho.house.example",
        contact_form="https://cho.house.example/contact",
    )
    Term.objects.create(
        legislator=member,
        type=Chamber.HOUSE,
        start=datetime.date(2023, 1, 3),
        end=datetime.date(2025, 1, 3),
        state="NY",
        district=10,
        party="Democrat",
    )
    DistrictOffice.objects.create(
        legislator=member,
        office_id="cho-ny-1",
        address="26 Federal Plaza",
        suite="Suite 3100",
        city="New York",
        state="NY",
        zip_code="10278",
        phone="212-555-0110",
    )
    return member


def test_current_member_contact_and_offices(client, site_tree, cho, today):
    html = page(client, cho)

    assert "<h1 " in html and "Representative Pat Cho</h1>" in html
    assert "House of Representatives: New York, district 10. Democrat." in html
    assert "January 3, 2025 to January 3, 2027" in html
    assert '<a href="tel:202-555-0103">202-555-0103</a>' in html
    assert "1001 Longworth House Office Building" in html
    assert 'href="https://cho.house.example"' in html
    assert 'href="https://cho.house.example/contact"' in html
    assert "26 Federal Plaza, Suite 3100, New York, NY 10278" in html
    assert '<a href="tel:212-555-0110">' in html
    # Both terms, the earlier first.
    assert html.index("New York, district 10, 2023–2025 (Democrat)") < html.index(
        "House of Representatives: New York, district 10, 2025–2027 (Democrat)"
    )
    assert "Former member" not in html
    assert "ICC score: <strong>No record</strong>" in html
    assert "has not sponsored, cosponsored or voted on a bill" in html
    assert "has not logged a meeting" in html


def test_visits_are_counted_and_who_was_met_stays_internal(client, site_tree, cho, today):
    visit(cho, TODAY - datetime.timedelta(days=800))
    visit(cho, datetime.date(2025, 3, 2))  # exactly twelve months ago
    visit(cho, TODAY - datetime.timedelta(days=10))
    visit(serving("Other", district=11), TODAY)

    html = page(client, cho)

    assert "met Pat Cho's office 3 times, 2 of them in the last 12 months" in html
    assert "(since March 2, 2025)" in html
    assert "Quartermaine" not in html and "Zebulon" not in html
    assert "Cosponsor the resolution" not in html and "Promised to read" not in html


def test_record_and_score_match_the_scorecard(client, site_tree, record):
    abbot = record["members"][0]
    items = record["items"]
    b2 = record["roll_calls"]["b2"]

    html = page(client, abbot)

    assert "ICC score: <strong>100%</strong>" in html
    assert "4 records with the coalition (14 points) and 0 against (0 points)" in html
    for item in (items["a"], items["b"], items["monitored"]):
        assert f'href="{item.get_absolute_url()}">{item.title}</a>' in html
    assert "Unpublished" not in html
    a_section = html.split(">Item A</a>", 1)[1].split("</section>", 1)[0]
    assert "Coalition position: support; weight 2." in a_section
    assert "Sponsored the bill.\n" in a_section
    assert "<strong>With the coalition</strong>: 6 points." in a_section
    assert f"Voted yea on “On Passage: H R {items['a'].bill.number}”" in a_section
    b_section = html.split(">Item B</a>", 1)[1].split("</section>", 1)[0]
    assert f"Voted yea on “{b2.question}”" in b_section
    assert "(a yea here sets the bill aside)" in b_section
    assert b_section.count("<strong>With the coalition</strong>: 3 points.") == 2
    monitored = html.split(">Monitored</a>", 1)[1].split("</section>", 1)[0]
    assert "Coalition position: monitor." in monitored
    assert "Voted nay" in monitored and "Not scored" in monitored


def test_votes_that_count_neither_way_and_withdrawn_cosponsorships(client, site_tree, record):
    baker, fox = record["members"][1], record["members"][4]

    html = page(client, baker)
    assert "ICC score: <strong>40%</strong>" in html
    assert "Cosponsored the bill on February 1, 2025." in html
    assert f"Answered present on “On Passage: H R {record['items']['b'].bill.number}”" in html
    assert f"Did not vote on “{record['roll_calls']['b2'].question}”" in html
    assert html.count("Counts neither way.") == 2
    assert "<strong>Against the coalition</strong>: 9 points." in html

    html = page(client, fox)
    assert "ICC score: <strong>33%</strong>" in html
    assert ">Item A</a>" not in html  # withdrawn: no record at all


def test_former_member_page_still_works(client, site_tree, record):
    ellery = record["former"]
    Term.objects.create(
        legislator=ellery,
        type=Chamber.HOUSE,
        start=datetime.date(2023, 1, 3),
        end=datetime.date(2025, 1, 3),
        state="NY",
        district=10,
        party="Republican",
    )

    html = page(client, ellery)

    assert "Pat Ellery</h1>" in html and "Representative Pat Ellery" not in html
    assert "Former member of Congress" in html
    assert "Their last term ended on January 3, 2025." in html
    assert "Office phone" not in html
    # Ellery voted yea on A before leaving: the record stays.
    assert "ICC score: <strong>100%</strong>" in html


def test_former_member_without_terms(client, site_tree):
    html = page(client, LegislatorFactory(last_name="Nobody"))
    assert "Former member of Congress" in html and "last term ended" not in html


def test_unknown_member_is_a_404(client, site_tree):
    assert client.get(reverse("congress:legislator", args=["Z999999"])).status_code == 404
    assert client.get("/congress/legislators/%3Cb%3E/").status_code == 404


@pytest.mark.parametrize("bioguide_id", ["%00", "A%00000001", "x" * 5000, "%C2%B2"])
def test_an_id_no_member_can_have_is_a_404_on_every_database(client, site_tree, bioguide_id):
    # PostgreSQL refused the NUL byte in the lookup: a 500 before the id was checked.
    assert client.get(f"/congress/legislators/{bioguide_id}/").status_code == 404


def test_published_stance_with_its_evidence(
    client, site_tree, cho, today, django_capture_on_commit_callbacks
):
    item = WatchlistItem.objects.create(
        slug="eo-14203", kind="executive_order", identifier="Executive Order 14203",
        title="Sanctions", summary="Sanctions on the Court.",
    )  # fmt: skip
    assessment = StanceAssessment.objects.create(
        legislator=cho, stance=Stance.SUPPORTIVE, summary="Spoke for the Court twice.",
        assessed_on=datetime.date(2026, 2, 1),
    )  # fmt: skip
    StanceEvidence.objects.create(
        assessment=assessment, occurred_on=datetime.date(2025, 2, 10), watchlist_item=item,
        description="Called the sanctions a mistake on the House floor.",
        source_url="https://www.congress.gov/congressional-record/example",
    )  # fmt: skip

    html = page(client, cho)

    assert "<strong>Supportive</strong>" in html and "reviewed February 1, 2026" in html
    assert "February 10, 2025: Called the sanctions a mistake on the House floor." in html
    assert f'href="{item.get_absolute_url()}">Executive Order 14203</a>' in html
    assert 'href="https://www.congress.gov/congressional-record/example"' in html

    assessment.is_published = False
    with django_capture_on_commit_callbacks(execute=True):  # retires the cached page
        assessment.save()
    assert "Spoke for the Court" not in page(client, cho)
    assert "has not published an assessment" in page(client, cho)


def test_page_reads_in_a_bounded_number_of_queries(client, site_tree, record, cho, today):
    client.get(url(cho))  # the first request also loads what the process keeps
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(record["members"][0])).status_code == 200
    # 13, plus the locale and the home page in it that base.html's navigation and language
    # switcher look up now that the site is translated.
    assert len(captured) <= 15


def test_representatives_link_to_the_member_pages(client, site_tree, members):
    html = client.get(reverse("congress:representatives"), {"zip": "10002"}).content.decode()
    assert 'href="/congress/legislators/C900003/"' in html
    assert 'href="/congress/legislators/A900001/"' in html
