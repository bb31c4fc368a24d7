"""Load the Congress part of the demo: sample members and ZIP codes, the watchlist, a letter
campaign and some office visits.

The sample members and ZIP codes go through the real importers, and only into an
installation with neither members nor ZIP codes yet: importing replaces the whole list, so
the demo never touches real data loaded with `amicc import-legislators` or
`amicc import-zcta`. Running it again creates nothing that exists.
"""

import datetime
import json

from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from amicc.coalition.models import Alliance
from amicc.congress import demo_data
from amicc.congress.choices import (
    BillType,
    LetterTargets,
    OfficeKind,
    Position,
    Stance,
    VotePosition,
    WatchlistKind,
    WatchlistStatus,
)
from amicc.congress.demo_watchlist import watchlist_demo_load
from amicc.congress.importers.legislators import parse_legislators
from amicc.congress.importers.sources import Source
from amicc.congress.importers.zcta import parse_zip_districts
from amicc.congress.models import (
    ActionAlert,
    Bill,
    Cosponsorship,
    Legislator,
    MemberVote,
    OfficeEmail,
    OfficeVisit,
    RollCallVote,
    StanceAssessment,
    StanceEvidence,
    WatchlistItem,
    ZipDistrict,
)
from amicc.congress.services.legislators import legislators_import
from amicc.congress.services.zip_districts import zip_districts_replace

# The last year of a Senate term of each class, once: class 1 served 2025–2031.
SENATE_CLASS_END = {1: 2031, 2: 2027, 3: 2029}
ALERT_SLUG = "no-sanctions-on-the-court"


def _term_end_year(today: datetime.date, chamber: str, senate_class: int | None) -> int:
    """The year the seat's current term ends (on 3 January), after `today`."""
    end, length = (SENATE_CLASS_END[senate_class], 6) if senate_class else (2027, 2)
    while datetime.date(end, 1, 3) <= today:
        end += length
    while datetime.date(end - length, 1, 3) > today:
        end -= length
    return end


def _member_record(row: tuple, today: datetime.date) -> dict:
    bioguide, first, last, party, chamber, state, district, senate_class, _ = row
    end = _term_end_year(today, chamber, senate_class)
    length = 6 if chamber == "sen" else 2
    slug = last.lower().replace("ñ", "n")
    site = f"https://{slug}.{'senate' if chamber == 'sen' else 'house'}.example"
    term = {
        "type": chamber,
        "start": f"{end - length}-01-03",
        "end": f"{end}-01-03",
        "state": state,
        "party": party,
        "url": site,
        "contact_form": f"{site}/contact",
        "phone": f"202-555-01{bioguide[-2:]}",
        "address": f"{100 + int(bioguide[-2:])} Sample Office Building Washington DC 20515",
    }
    if chamber == "sen":
        term["class"] = senate_class
    else:
        term["district"] = district
    name = {"first": first, "last": last, "official_full": f"{first} {last} (sample)"}
    return {"id": {"bioguide": bioguide}, "name": name, "terms": [term]}


def _load_members(today: datetime.date) -> int:
    records = [_member_record(row, today) for row in demo_data.MEMBERS]
    source = Source(name="demo-members.json", data=json.dumps(records).encode())
    legislators_import(records=parse_legislators(source), today=today)
    members = Legislator.objects.in_bulk(field_name="bioguide_id")
    OfficeEmail.objects.bulk_create(
        OfficeEmail(
            legislator=members[row[0]],
            email=f"letters@{row[2].lower()}.office.example",
            note="Sample address: the demo's email goes to a file.",
        )
        for row in demo_data.MEMBERS
        if row[-1]
    )
    return len(records)


def _load_zip_codes() -> int:
    lines = ["state_fips,state_abbr,zcta,cd"]
    lines += [",".join(map(str, row)) for row in demo_data.ZIP_DISTRICTS]
    source = Source(name="demo-zccd.csv", data="\n".join(lines).encode())
    return zip_districts_replace(records=parse_zip_districts(source)).rows


def _load_alert() -> int:
    item = WatchlistItem.objects.filter(identifier__startswith="Executive Order 14203").first()
    if item is None or ActionAlert.objects.filter(slug=ALERT_SLUG).exists():
        return 0
    ActionAlert.objects.create(
        slug=ALERT_SLUG,
        title="Ask Congress to stand with the Court, not against it (sample campaign)",
        introduction=(
            "Sanctions on the International Criminal Court punish the people who investigate "
            "atrocities and the survivors who wait for justice. Tell your members of Congress "
            "that you want them to speak up for the Court."
        ),
        watchlist_item=item,
        subject="Please oppose sanctions on the International Criminal Court",
        letter_template=(
            "{salutation},\n\n"
            "As your constituent in ZIP code {zip_code}, I ask you to oppose the sanctions "
            "imposed on the International Criminal Court and on the people who work with it. "
            "The Court is where victims of genocide, war crimes and crimes against humanity "
            "go when no one else will hear them. The United States should not stand in the "
            "way.\n\nSincerely,\n{sender_name}"
        ),
        targets=LetterTargets.BOTH,
        thank_you_message=(
            "Thank you. Your letters are on their way; a phone call to the same offices "
            "doubles their weight."
        ),
    )
    return 1


# bill id, type, number, title, sponsor, cosponsors, yeas, nays (sample members' ids)
SAMPLE_BILLS = [
    ("hres9001-119", BillType.HRES, 9001,
     "Affirming the support of the House for the International Criminal Court (sample)",
     "Z900006", ["Z900003", "Z900011", "Z900015", "Z900022"],
     ["Z900003", "Z900006", "Z900007", "Z900011", "Z900012", "Z900015"], ["Z900021"]),
    ("sres9002-119", BillType.SRES, 9002,
     "Calling for cooperation with the International Criminal Court (sample)",
     "Z900001", ["Z900004", "Z900010", "Z900013"], [], []),
]  # fmt: skip


def _load_sample_bills(today: datetime.date) -> int:
    """Sample resolutions on the watchlist, so the demo's scorecard has records to score."""
    members = Legislator.objects.filter(bioguide_id__startswith="Z9").in_bulk(
        field_name="bioguide_id"
    )
    created = 0
    for bill_id, kind, number, title, sponsor, cosponsors, yeas, nays in SAMPLE_BILLS:
        if sponsor not in members or Bill.objects.filter(bill_id=bill_id).exists():
            continue
        introduced = today - datetime.timedelta(days=120)
        bill = Bill.objects.create(
            bill_id=bill_id, bill_type=kind, number=number, congress=119,
            display_title=title, short_title=title, introduced_at=introduced,
            sponsor=members[sponsor], sponsor_bioguide_id=sponsor,
            sponsor_name=members[sponsor].display_name, status="REFERRED",
        )  # fmt: skip
        Cosponsorship.objects.bulk_create(
            Cosponsorship(
                bill=bill,
                legislator=members[c],
                bioguide_id=c,
                name=members[c].display_name,
                sponsored_at=introduced,
            )  # fmt: skip
            for c in cosponsors
        )
        if yeas or nays:
            _sample_vote(bill, members, yeas, nays, introduced + datetime.timedelta(days=60))
        WatchlistItem.objects.create(
            slug=bill_id, kind=WatchlistKind.RESOLUTION, bill=bill,
            identifier=f"{bill.label.replace(' (', ', ').rstrip(')')} (sample)", title=title,
            summary="A made-up resolution that lets the demo's scorecard show its arithmetic.",
            position=Position.SUPPORT, rationale="Sample: the coalition backs cooperation.",
            status=WatchlistStatus.PENDING, introduced_on=introduced, congress=119,
        )  # fmt: skip
        created += 1
    return created


def _sample_vote(bill: Bill, members: dict, yeas: list, nays: list, day: datetime.date) -> None:
    roll_call = RollCallVote.objects.create(
        vote_id=f"h{bill.number}-119.{day.year}", chamber="h", congress=119,
        session=str(day.year), number=bill.number, bill=bill, result="Passed (sample)",
        voted_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))),
        question=f"On agreeing to the resolution {bill.label} (sample)",
    )  # fmt: skip
    positions = [(m, VotePosition.YEA) for m in yeas] + [(m, VotePosition.NAY) for m in nays]
    MemberVote.objects.bulk_create(
        MemberVote(roll_call=roll_call, legislator=members[m], member_id=m, position=p)
        for m, p in positions
    )


# member, stance, summary, evidence (days ago, what, watchlist item slug)
STANCES = [
    ("Z900006", Stance.CHAMPION,
     "(Sample) Sponsored the House resolution supporting the Court and meets the New York "
     "alliance every year.",
     [(60, "Sponsored the sample resolution supporting the Court.", "hres9001-119"),
      (90, "Met the New York alliance and agreed to speak against sanctions.", None)]),
    ("Z900021", Stance.OPPOSED,
     "(Sample) Voted against the resolution and has called the Court a threat to US "
     "sovereignty.",
     [(60, "Voted nay on the sample resolution.", "hres9001-119")]),
]  # fmt: skip


def _load_stances(today: datetime.date) -> int:
    members = Legislator.objects.filter(bioguide_id__in=[row[0] for row in STANCES]).in_bulk(
        field_name="bioguide_id"
    )
    items = WatchlistItem.objects.in_bulk(field_name="slug")
    created = 0
    for bioguide, stance, summary, evidence in STANCES:
        member = members.get(bioguide)
        if member is None or StanceAssessment.objects.filter(legislator=member).exists():
            continue
        assessment = StanceAssessment.objects.create(
            legislator=member, stance=stance, summary=summary, assessed_on=today
        )
        StanceEvidence.objects.bulk_create(
            StanceEvidence(
                assessment=assessment,
                occurred_on=today - datetime.timedelta(days=days),
                description=description,
                watchlist_item=items.get(slug) if slug else None,
                sort_order=order,
            )
            for order, (days, description, slug) in enumerate(evidence)
        )
        created += 1
    return created


# alliance slug, member, months ago, kind, attendees, asks, outcome, follow-up in days
VISITS = [
    ("chicago", "Z900003", 1, OfficeKind.CONGRESS_DISTRICT, 4,
     "Speak against sanctions on the Court's staff.", "Staff will brief the member.", 14),
    ("chicago", "Z900001", 5, OfficeKind.CONGRESS_WASHINGTON, 2,
     "Oppose H.R. 23 if it returns.", "The senator's counsel asked for our analysis.", None),
    ("new-york", "Z900006", 2, OfficeKind.CONGRESS_DISTRICT, 6,
     "Cosponsor a resolution supporting the Court.", "No commitment yet.", -20),
    ("san-francisco", "Z900011", 8, OfficeKind.CONGRESS_DISTRICT, 3,
     "Host a briefing for constituents.", "Briefing held in the district office.", None),
    ("twin-cities", "Z900015", 11, OfficeKind.CONGRESS_DISTRICT, 5,
     "Support cooperation with the Court's investigations.", "Positive meeting.", None),
]  # fmt: skip


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    return today - datetime.timedelta(days=round(months * 30.4))


def _load_visits(today: datetime.date) -> int:
    members = Legislator.objects.in_bulk(field_name="bioguide_id")
    alliances = Alliance.objects.in_bulk(field_name="slug")
    created = 0
    for slug, bioguide, months, kind, attendees, asks, outcome, follow_up in VISITS:
        member, alliance = members.get(bioguide), alliances.get(slug)
        if member is None or alliance is None or not member.is_current:
            continue
        visited_on = _months_ago(today, months)
        _, made = OfficeVisit.objects.get_or_create(
            alliance=alliance,
            legislator=member,
            visited_on=visited_on,
            defaults={
                "office_kind": kind,
                "state": member.current_state,
                "district": member.current_district,
                "people_met": "(Sample) The member's legislative director and a caseworker.",
                "attendees": attendees,
                "asks": asks,
                "outcome": outcome,
                "follow_up_on": (
                    max(visited_on, today + datetime.timedelta(days=follow_up))
                    if follow_up is not None
                    else None
                ),
            },
        )
        created += made
    return created


@transaction.atomic
def congress_demo_load(*, today: datetime.date | None = None) -> str:
    """Create whatever part of the Congress demo is missing; returns a one-line summary."""
    today = today or timezone.localdate()
    if Legislator.objects.exists() or ZipDistrict.objects.exists():
        sample = "members or ZIP codes already loaded, so no sample"
    else:
        sample = (
            f"{_load_members(today)} sample members and "
            f"{_load_zip_codes()} sample ZIP-district rows"
        )
    watchlist = watchlist_demo_load().rstrip(".")
    sample_bills = _load_sample_bills(today)
    stances = _load_stances(today)
    alerts = _load_alert()
    visits = _load_visits(today)
    return (
        f"Congress: {sample}; {watchlist}; {sample_bills} sample resolutions, "
        f"{stances} assessed stances, {alerts} letter campaign{pluralize(alerts)}, "
        f"{visits} office visits created"
    )
