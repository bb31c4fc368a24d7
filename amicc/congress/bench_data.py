"""Benchmark data for the Congress pages: a whole Congress, its ZIP codes, a watchlist, letters.

The 541 members (100 senators, 435 representatives by the 2020 apportionment, 6 delegates)
are fictional, with Bioguide ids "Y9…" and Senate LIS ids "S9…" that no real member has.
They go through `legislators_import`, which keeps the `current_*` fields in step with the
terms, and only into an installation with no members yet, since the import retires whoever
it does not list. Everything else is numbered and written with `bulk_create`, a transaction
per batch; a number always gives the same row, so each kind of row is topped up to the
number asked for. Bench rows are told apart by their slugs (`bench-…`) and the note on
their visits; a bench ZIP code is simply one not on record before. Where members were on
record already, the rest is written for whoever of them serves now.

Bulk writes skip signals, so the page cache is retired once at the end. Creation and
submission times (`auto_now_add`) are those of the run.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import astuple, dataclass

from django.db import transaction
from django.utils import timezone

from amicc.coalition.bench_data import ALLIANCE_SLUG, EMAIL_DOMAIN, TOPICS, Progress
from amicc.coalition.geography import DELEGATE_ONLY
from amicc.coalition.geography_zip import state_for_zip
from amicc.coalition.models import Alliance, Person
from amicc.congress.choices import (
    BillType,
    Chamber,
    LetterDelivery,
    OfficeKind,
    Position,
    VotePosition,
    WatchlistKind,
    WatchlistStatus,
)
from amicc.congress.importers.legislators import LegislatorRecord, OfficeRecord, TermRecord
from amicc.congress.importers.votes import CAPITAL_TIME
from amicc.congress.models import (
    ActionAlert,
    Bill,
    BillAction,
    Cosponsorship,
    Legislator,
    Letter,
    LetterSubmission,
    MemberVote,
    OfficeEmail,
    OfficeVisit,
    RollCallVote,
    WatchlistEvent,
    WatchlistItem,
    WatchlistLink,
    ZipDistrict,
)
from amicc.congress.selectors_visits import HOUSE_SEATS
from amicc.congress.services.legislators import legislators_import
from amicc.congress.services.watchlist import bill_identifier
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 2000
ITEMS_PER_BATCH = 50  # a bill brings up to 200 cosponsors and 3 roll calls of 435 votes
BIOGUIDE_PREFIX = "Y9"
ITEM_SLUG = "bench-watch-"
ALERT_SLUG = "bench-alert-"
VISIT_NOTE = "(Bench) "
ALERTS = 5
ZIP_SPACE = 100_000
DAYS_OF_VISITS = 2 * 365
DAYS_OF_WATCHLIST = 2 * 365
FIRST_BILL_NUMBER = 90_001  # far above any real bill's number
HOUSE_TERMS = (2027, 2)
SENATE_TERMS = {1: (2031, 6), 2: (2027, 6), 3: (2029, 6)}
FIRST_NAMES = [
    "Avery", "Blake", "Corin", "Dana", "Emery", "Finley", "Gale", "Harper", "Indra", "Jody",
    "Kendall", "Lane", "Marlo", "Noel", "Oakley", "Perry", "Quinn", "Reese", "Shay", "Tatum",
]  # fmt: skip
LAST_NAMES = [
    "Ashgrove", "Benchley", "Corbett-Vale", "Dunmore", "Ellery", "Fairbrook", "Glenhaven",
    "Holloway", "Ivers", "Jessup", "Kettering", "Larkspur", "Merriweather", "Northcott",
    "Osgood", "Pembrook", "Quarry", "Redfern", "Stillwater", "Thornbury", "Underhill",
    "Vantreece", "Whitlock", "Yarborough", "Zellweger-Moss", "Ambrose", "Brightwater",
]  # fmt: skip
OTHER_KINDS = [kind for kind in WatchlistKind if kind != WatchlistKind.BILL]
# (question, category, whether a yea backs the bill), for a bill's first, second, third vote.
QUESTIONS = [
    ("On Passage of the Bill", "passage", True),
    ("On Passage of the Bill", "passage", True),
    ("On the Motion to Table", "procedural", False),
]
LETTER = (
    "{salutation},\n\nAs your constituent in ZIP code {zip_code}, I ask you to stand with "
    "the International Criminal Court and the victims who wait for justice.\n\n"
    "Sincerely,\n{sender_name}"
)


@dataclass(frozen=True)
class CongressScale:
    """How many of each kind of row; the members are always the whole Congress.

    One watchlist item in five follows a bill, two in three of those are scored;
    submissions are spread over five action alerts, each with a letter to three offices.
    """

    zip_codes: int
    watchlist_items: int
    visits: int
    submissions: int


SCALES = {
    "small": CongressScale(zip_codes=3_300, watchlist_items=30, visits=200, submissions=2_000),
    "full": CongressScale(zip_codes=33_000, watchlist_items=300, visits=2_000, submissions=20_000),
}


@dataclass(frozen=True)
class CongressCounts:
    members: int
    zip_codes: int
    watchlist_items: int
    visits: int
    submissions: int


@dataclass(frozen=True)
class Seat:
    chamber: str
    state: str
    district: int | None = None
    senate_class: int | None = None

    @property
    def terms(self) -> tuple[int, int]:
        """A year in which the seat's terms end, on 3 January, and their length."""
        return SENATE_TERMS[self.senate_class] if self.senate_class else HOUSE_TERMS


def congress_seats() -> list[Seat]:
    """Two senators per state (of two different classes), then the House and the delegates."""
    states = [state for state in HOUSE_SEATS if state not in DELEGATE_ONLY]
    seats = [
        Seat(Chamber.SENATE, state, senate_class=1 + (index + offset) % 3)
        for index, state in enumerate(states)
        for offset in (0, 1)
    ]
    return seats + [
        Seat(Chamber.HOUSE, state, district)
        for state, count in HOUSE_SEATS.items()
        for district in ([0] if count == 1 else range(1, count + 1))
    ]


@dataclass(frozen=True)
class Serving:
    """The members serving now, grouped the ways the generator picks them."""

    members: list[Legislator]
    by_chamber: dict[str, list[Legislator]]
    senators: dict[str, list[Legislator]]
    representatives: dict[tuple[str, int], Legislator]

    @classmethod
    def load(cls) -> "Serving":
        members = list(Legislator.objects.current().order_by("pk"))
        by_chamber, senators = defaultdict(list), defaultdict(list)
        representatives = {}
        for member in members:
            by_chamber[member.current_chamber].append(member)
            if member.current_chamber == Chamber.SENATE:
                senators[member.current_state].append(member)
            else:
                representatives[(member.current_state, member.current_district)] = member
        return cls(members, by_chamber, senators, representatives)

    def voters(self, chamber: str) -> list[Legislator]:
        """Who votes on the floor: delegates sponsor and cosponsor, but do not vote."""
        return [m for m in self.by_chamber[chamber] if m.current_state not in DELEGATE_ONLY]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def congress_bench_generate(
    *,
    scale: str | CongressScale,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> str:
    """Top the Congress bench rows up to `scale` ("small", "full" or sizes of one's own).

    Returns what was added and what there now is, in a sentence.
    """
    sizes = SCALES[scale] if isinstance(scale, str) else scale
    progress = progress or _no_progress
    today = today or timezone.localdate()
    before = _counts()
    _members_ensure(today, progress)
    serving = Serving.load()
    if not all(serving.by_chamber[c] for c in Chamber) and (
        sizes.watchlist_items or sizes.visits or sizes.submissions
    ):
        raise ValueError("The watchlist, visits and letters need members serving in Congress.")
    _zip_codes_top_up(before.zip_codes, sizes.zip_codes, progress)
    _top_up(
        "watchlist items",
        before.watchlist_items,
        sizes.watchlist_items,
        lambda numbers: _watchlist(numbers, serving, today),
        progress,
        batch=ITEMS_PER_BATCH,
    )
    alliances = list(
        Alliance.objects.filter(slug__startswith=ALLIANCE_SLUG)
        .prefetch_related("districts")
        .order_by("pk")
    )
    _top_up(
        "office visits",
        before.visits,
        sizes.visits,
        lambda numbers: _visits(numbers, serving, alliances, today),
        progress,
    )
    _letters_top_up(before.submissions, sizes.submissions, serving, progress)
    after = _counts()
    if after != before:
        invalidate_page_cache()
    return _summary(before, after)


def _summary(before: CongressCounts, after: CongressCounts) -> str:
    added = CongressCounts(
        *(now - earlier for now, earlier in zip(astuple(after), astuple(before), strict=True))
    )
    return (
        f"{added.members:,} members of Congress, {added.zip_codes:,} ZIP codes, "
        f"{added.watchlist_items:,} watchlist items, {added.visits:,} office visits and "
        f"{added.submissions:,} letter submissions added; there are now {after.members:,}, "
        f"{after.zip_codes:,}, {after.watchlist_items:,}, {after.visits:,} and "
        f"{after.submissions:,}."
    )


def _counts() -> CongressCounts:
    return CongressCounts(
        members=Legislator.objects.filter(bioguide_id__startswith=BIOGUIDE_PREFIX).count(),
        zip_codes=ZipDistrict.objects.values("zcta").distinct().count(),
        watchlist_items=WatchlistItem.objects.filter(slug__startswith=ITEM_SLUG).count(),
        visits=OfficeVisit.objects.filter(people_met__startswith=VISIT_NOTE).count(),
        submissions=LetterSubmission.objects.filter(alert__slug__startswith=ALERT_SLUG).count(),
    )


def _top_up(
    stage: str,
    existing: int,
    target: int,
    write: Callable[[range], None],
    progress: Progress,
    *,
    batch: int = BATCH_SIZE,
) -> None:
    """Write rows numbered `existing` to `target`, a transaction per batch."""
    progress(stage, existing, target)
    for start in range(existing, target, batch):
        numbers = range(start, min(start + batch, target))
        with transaction.atomic():
            write(numbers)
        progress(stage, numbers.stop, target)


def _members_ensure(today: datetime.date, progress: Progress) -> None:
    """The whole Congress, imported like real data; only where no member is on record."""
    if on_record := Legislator.objects.count():
        progress("members of Congress (already on record)", on_record, on_record)
        return
    seats = congress_seats()
    progress("members of Congress", 0, len(seats))
    records = [_member_record(n, seat, today) for n, seat in enumerate(seats)]
    offices = [_office_record(n, seat) for n, seat in enumerate(seats)]
    with transaction.atomic():
        legislators_import(records=records, offices=offices, today=today)
        members = Legislator.objects.filter(bioguide_id__startswith=BIOGUIDE_PREFIX)
        OfficeEmail.objects.bulk_create(
            OfficeEmail(
                legislator=member, email=f"letters@{member.bioguide_id.lower()}.bench.example"
            )
            for member in members.order_by("pk")[::2]
        )
    progress("members of Congress", len(seats), len(seats))


def _term_end_year(today: datetime.date, known_end: int, length: int) -> int:
    """The year the seat's current term ends, on 3 January: the first such after `today`."""
    year = today.year + (known_end - today.year) % length
    return year if datetime.date(year, 1, 3) > today else year + length


def _member_record(n: int, seat: Seat, today: datetime.date) -> LegislatorRecord:
    """A fictional member in `seat`, serving now, some with earlier terms in the same seat."""
    bioguide_id = f"{BIOGUIDE_PREFIX}{n:05d}"
    senator = seat.chamber == Chamber.SENATE
    known_end, length = seat.terms
    end = _term_end_year(today, known_end, length)
    site = f"https://{bioguide_id.lower()}.{'senate' if senator else 'house'}.bench.example"
    party = "Democrat" if (n * 7 + n // 11) % 2 else "Republican"
    if senator and n % 50 == 17:
        party = "Independent"
    terms = tuple(
        TermRecord(
            type=seat.chamber,
            start=datetime.date(end - length * (k + 1), 1, 3),
            end=datetime.date(end - length * k, 1, 3),
            state=seat.state,
            district=seat.district,
            senate_class=seat.senate_class,
            party=party,
            url=site,
            address=f"{100 + n} Bench Office Building Washington DC 20515",
            phone=f"202-555-{n:04d}",
            contact_form=f"{site}/contact",
        )
        for k in range(n % (2 if senator else 5), -1, -1)
    )
    return LegislatorRecord(
        bioguide_id=bioguide_id,
        first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
        middle_name=FIRST_NAMES[n * 7 % len(FIRST_NAMES)] if n % 3 == 0 else "",
        last_name=LAST_NAMES[n // len(FIRST_NAMES) % len(LAST_NAMES)],
        suffix="Jr." if n % 29 == 0 else "",
        nickname="",
        official_full="",
        gender="F" if n % 2 else "M",
        birthday=datetime.date(1945 + n % 40, 1 + n % 12, 1 + n % 28),
        ids={"lis": f"S9{n:02d}"} if senator else {},
        social={},
        terms=terms,
        full_history=True,
    )


def _office_record(n: int, seat: Seat) -> OfficeRecord:
    return OfficeRecord(
        bioguide_id=f"{BIOGUIDE_PREFIX}{n:05d}",
        office_id=f"{BIOGUIDE_PREFIX}{n:05d}-main",
        address=f"{100 + n} Main Street",
        suite=f"Suite {1 + n % 9}00",
        building="",
        city="Springfield",
        state=seat.state,
        zip_code="",
        phone=f"555-{n:04d}",
        fax="",
        hours="Monday to Friday, 9 to 5",
        latitude=None,
        longitude=None,
    )


def _zip_codes_top_up(existing: int, target: int, progress: Progress) -> None:
    """ZIP codes drawn through the five-digit space, each in districts of its own state."""
    on_record = set(ZipDistrict.objects.values_list("zcta", flat=True).distinct())
    new: list[list[ZipDistrict]] = []
    for n in range(ZIP_SPACE):
        if existing + len(new) >= target:
            break
        zcta = f"{n * 7919 % ZIP_SPACE:05d}"  # 7919 is coprime with 100,000: no ZIP twice
        state = state_for_zip(zcta)
        if state is not None and zcta not in on_record:
            new.append(_zip_rows(n, zcta, state))
    _top_up(
        "ZIP codes",
        existing,
        existing + len(new),
        lambda numbers: ZipDistrict.objects.bulk_create(
            row for number in numbers for row in new[number - existing]
        ),
        progress,
    )


def _zip_rows(n: int, zcta: str, state: str) -> list[ZipDistrict]:
    """One district; for one ZIP code in ten, two of the same state where it has two."""
    seats = HOUSE_SEATS[state]
    if seats == 1:
        return [ZipDistrict(zcta=zcta, state=state, district=0, share=1.0, rank=1)]
    district = 1 + int(zcta) // 10 % seats  # neighbouring ZIP codes share a district
    if n % 10 != 3:
        return [ZipDistrict(zcta=zcta, state=state, district=district, share=1.0, rank=1)]
    share = 0.5 + n % 45 / 100
    return [
        ZipDistrict(zcta=zcta, state=state, district=district, share=share, rank=1),
        ZipDistrict(
            zcta=zcta, state=state, district=district % seats + 1, share=round(1 - share, 2), rank=2
        ),
    ]


def _introduced_on(n: int, today: datetime.date) -> datetime.date:
    # At least 90 days back, so a bill's votes and cosponsors all lie in the past.
    return today - datetime.timedelta(days=90 + n * 7919 % (DAYS_OF_WATCHLIST - 90))


def _congress_of(day: datetime.date) -> int:
    year = day.year - (day < datetime.date(day.year, 1, 3))
    return (year - 1789) // 2 + 1


def _watchlist(numbers: range, serving: Serving, today: datetime.date) -> None:
    """Items, one in five with a bill: sponsor, cosponsors, roll calls with every vote."""
    bills = {n: _bill(n, serving, today) for n in numbers if n % 5 == 0}
    Bill.objects.bulk_create(bills.values())
    items = [_watchlist_item(n, bills.get(n), today) for n in numbers]
    WatchlistItem.objects.bulk_create(items)
    WatchlistEvent.objects.bulk_create(event for item in items for event in _events(item, today))
    WatchlistLink.objects.bulk_create(
        WatchlistLink(item=item, title="Full text", url=f"https://text.bench.example/{item.slug}")
        for item in items
    )
    cosponsorships, roll_calls, votes, actions = [], [], [], []
    for n, bill in bills.items():
        cosponsorships += _cosponsorships(n // 5, bill, serving)
        bill_votes = _roll_calls(n // 5, bill, serving)
        roll_calls += [roll_call for roll_call, _ in bill_votes]
        votes += [vote for _, positions in bill_votes for vote in positions]
        actions += _bill_actions(bill, [roll_call for roll_call, _ in bill_votes])
    Cosponsorship.objects.bulk_create(cosponsorships, batch_size=BATCH_SIZE)
    RollCallVote.objects.bulk_create(roll_calls)
    MemberVote.objects.bulk_create(votes, batch_size=BATCH_SIZE)
    BillAction.objects.bulk_create(actions)


def _bill(n: int, serving: Serving, today: datetime.date) -> Bill:
    """A House bill or a Senate bill, in turn, with a sponsor of its chamber."""
    b = n // 5
    bill_type = BillType.HR if b % 2 == 0 else BillType.S
    pool = serving.by_chamber[_bill_chamber(bill_type)]
    sponsor = pool[b * 29 % len(pool)]
    introduced = _introduced_on(n, today)
    number, congress = FIRST_BILL_NUMBER + b, _congress_of(introduced)
    title = f"International Justice Act on {TOPICS[n % len(TOPICS)]} ({b + 1})"
    return Bill(
        bill_id=f"{bill_type}{number}-{congress}",
        bill_type=bill_type,
        number=number,
        congress=congress,
        official_title=f"A bill concerning {TOPICS[n % len(TOPICS)]}.",
        short_title=title,
        display_title=title,
        introduced_at=introduced,
        sponsor=sponsor,
        sponsor_bioguide_id=sponsor.bioguide_id,
        sponsor_name=sponsor.display_name,
        status="REFERRED",
        status_at=introduced + datetime.timedelta(days=2),
    )


def _bill_chamber(bill_type: str) -> str:
    return Chamber.HOUSE if bill_type == BillType.HR else Chamber.SENATE


def _watchlist_item(n: int, bill: Bill | None, today: datetime.date) -> WatchlistItem:
    """Mixed kinds, positions and statuses; of the bills, two in three scored (weight 1–3)."""
    kind = WatchlistKind.BILL if bill else OTHER_KINDS[n % len(OTHER_KINDS)]
    position = [Position.SUPPORT, Position.OPPOSE, Position.MONITOR][(n // 5 if bill else n) % 3]
    introduced = _introduced_on(n, today)
    topic = TOPICS[n % len(TOPICS)]
    return WatchlistItem(
        slug=f"{ITEM_SLUG}{n + 1}",
        kind=kind,
        identifier=bill_identifier(bill) if bill else f"{kind.label} B-{n + 1}",
        title=bill.display_title if bill else f"{kind.label} on {topic} ({n + 1})",
        summary=f"What it would do for {topic}, in plain words (benchmark item {n + 1}).",
        position=position,
        rationale="" if position == Position.MONITOR else f"Why the coalition takes on {topic}.",
        status=list(WatchlistStatus)[n // 2 % len(WatchlistStatus)],
        introduced_on=introduced,
        last_action_on=min(today, introduced + datetime.timedelta(days=70 + n % 30)),
        congress=bill.congress if bill else None,
        bill=bill,
        score_weight=1 + n // 15 % 3,  # for bills, 1 to 3 in turn
        is_published=bool(bill) or n % 20 != 7,
    )


def _events(item: WatchlistItem, today: datetime.date) -> list[WatchlistEvent]:
    steps = [
        (0, f"{item.get_kind_display()} introduced or issued."),
        (20, "The coalition published its analysis."),
        (60, "Alliance members raised it with their offices."),
    ]
    return [
        WatchlistEvent(
            item=item,
            occurred_on=min(today, item.introduced_on + datetime.timedelta(days=days)),
            description=description,
            source_url=f"https://news.bench.example.org/{item.slug}/{k + 1}",
            sort_order=k,
        )
        for k, (days, description) in enumerate(steps)
    ]


def _cosponsorships(b: int, bill: Bill, serving: Serving) -> list[Cosponsorship]:
    """20 to 200 cosponsors in the House, 20 to 79 in the Senate; one in 25 withdrew."""
    chamber = serving.by_chamber[_bill_chamber(bill.bill_type)]
    pool = [member for member in chamber if member.pk != bill.sponsor_id]
    count = min(len(pool), 20 + b * 37 % (181 if bill.bill_type == BillType.HR else 60))
    start = b * 53 % len(pool)
    rows = []
    for i in range(count):
        member = pool[(start + i) % len(pool)]
        sponsored = bill.introduced_at + datetime.timedelta(days=0 if i < 10 else i % 60)
        rows.append(
            Cosponsorship(
                bill=bill,
                legislator=member,
                bioguide_id=member.bioguide_id,
                name=member.display_name,
                sponsored_at=sponsored,
                withdrawn_at=sponsored + datetime.timedelta(days=30) if i % 25 == 24 else None,
                is_original=i < 10,
            )
        )
    return rows


def _roll_calls(
    b: int, bill: Bill, serving: Serving
) -> list[tuple[RollCallVote, list[MemberVote]]]:
    """One to three votes, each with every voting member of its chamber.

    Passage in each chamber in turn, then a motion to table; members vote mostly along
    the sponsor's party line.
    """
    codes = ["h", "s"] if bill.bill_type == BillType.HR else ["s", "h"]
    favoured = bill.sponsor.current_party
    roll_calls = []
    for k in range(1 + b % 3):
        code, number = codes[k % 2], FIRST_BILL_NUMBER + 3 * b + k
        voters = serving.voters(Chamber.HOUSE if code == "h" else Chamber.SENATE)
        positions = [_position(member, favoured, number) for member in voters]
        passed = positions.count(VotePosition.YEA) > positions.count(VotePosition.NAY)
        day = bill.introduced_at + datetime.timedelta(days=30 + 20 * k)
        question, category, yea_supports = QUESTIONS[k]
        roll_call = RollCallVote(
            vote_id=f"{code}{number}-{bill.congress}.{day.year}",
            chamber=code,
            congress=bill.congress,
            session=str(day.year),
            number=number,
            voted_at=datetime.datetime.combine(day, datetime.time(14), CAPITAL_TIME),
            question=f"{question}: {bill.label}",
            category=category,
            result="Passed" if passed else "Failed",
            bill=bill,
            bill_code=bill.bill_id,
            yea_supports_measure=yea_supports,
        )
        votes = [
            MemberVote(
                roll_call=roll_call,
                legislator=member,
                # The Senate's data names its members by LIS id.
                member_id=member.ids.get("lis", member.bioguide_id)
                if code == "s"
                else member.bioguide_id,
                position=position,
            )
            for member, position in zip(voters, positions, strict=True)
        ]
        roll_calls.append((roll_call, votes))
    return roll_calls


def _position(member: Legislator, favoured: str, number: int) -> str:
    roll = (member.pk * 31 + number * 17) % 100
    if roll >= 97:
        return VotePosition.NOT_VOTING
    if roll == 96:
        return VotePosition.PRESENT
    agrees = roll < (85 if member.current_party == favoured else 15)
    return VotePosition.YEA if agrees else VotePosition.NAY


def _bill_actions(bill: Bill, roll_calls: list[RollCallVote]) -> list[BillAction]:
    """Introduction, referral, and each roll call, as the bill's timeline shows them."""
    chamber = Chamber(_bill_chamber(bill.bill_type)).label
    actions = [
        BillAction(
            bill=bill, position=0, acted_at=bill.introduced_at, text=f"Introduced in the {chamber}."
        ),
        BillAction(
            bill=bill,
            position=1,
            acted_at=bill.introduced_at + datetime.timedelta(days=2),
            text="Referred to the Committee on Foreign Affairs.",
            action_type="referral",
        ),
    ]
    actions += [
        BillAction(
            bill=bill,
            position=2 + k,
            acted_at=roll_call.voted_at.date(),
            text=f"{roll_call.question}: {roll_call.result} (roll no. {roll_call.number}).",
            action_type="vote",
            chamber=roll_call.chamber,
            vote_type="vote" if k == 0 else "vote2",
            how="roll",
            result="pass" if roll_call.result == "Passed" else "fail",
            roll=str(roll_call.number),
        )
        for k, roll_call in enumerate(roll_calls)
    ]
    return actions


def _visits(
    numbers: range, serving: Serving, alliances: list[Alliance], today: datetime.date
) -> None:
    """Visits over two years, nine in ten by an alliance (when there are alliances) to the
    offices of its state and districts, the rest by staff; one in ten to a state legislator.
    """
    offices = {alliance.pk: _alliance_offices(alliance, serving) for alliance in alliances}
    visits = []
    for n in numbers:
        # Every tenth by staff; the alliances take the others in turn.
        alliance = alliances[(n - n // 10 - 1) % len(alliances)] if alliances and n % 10 else None
        members = offices[alliance.pk] if alliance else serving.members
        member = members[n // 10 % len(members)]
        visited_on = today - datetime.timedelta(days=n * 7919 % DAYS_OF_VISITS)
        follow_up = visited_on + datetime.timedelta(days=14) if n % 3 == 0 else None
        visit = OfficeVisit(
            alliance=alliance,
            visited_on=visited_on,
            office_kind=OfficeKind.CONGRESS_DISTRICT if n % 3 else OfficeKind.CONGRESS_WASHINGTON,
            legislator=member,
            state=member.current_state,
            district=member.current_district,
            people_met=f"{VISIT_NOTE}The legislative director and a caseworker.",
            attendees=1 + n % 6,
            asks=f"Support for {TOPICS[n % len(TOPICS)]}.",
            outcome="Staff will brief the member." if n % 2 else "",
            follow_up_on=follow_up,
            followed_up_on=follow_up if follow_up and n % 6 == 0 and follow_up < today else None,
        )
        if n % 10 == 5:  # a state senator's office, in the same state
            visit.office_kind = OfficeKind.STATE_LEGISLATURE
            visit.legislator = visit.district = None
            visit.state_office = f"Sen. {FIRST_NAMES[n % len(FIRST_NAMES)]} Statehouse"
        visits.append(visit)
    OfficeVisit.objects.bulk_create(visits)


def _alliance_offices(alliance: Alliance, serving: Serving) -> list[Legislator]:
    """The senators of the alliance's state and the representatives of its districts."""
    districts = {d.number for d in alliance.districts.all() if d.state == alliance.state}
    ours = [
        member
        for member in serving.members
        if member.current_state == alliance.state
        and (member.current_chamber == Chamber.SENATE or member.current_district in districts)
    ]
    return ours or serving.members


def _letters_top_up(existing: int, target: int, serving: Serving, progress: Progress) -> None:
    """Submissions spread over the alerts in turn, each from a bench person while there are."""
    alerts = _alerts_ensure()
    zips = list(
        ZipDistrict.objects.filter(rank=1)
        .exclude(state__in=DELEGATE_ONLY)
        .order_by("zcta")
        .values_list("zcta", "state", "district")
    )
    if not alerts or not zips:
        target = existing
    people = list(
        Person.objects.filter(email__endswith=EMAIL_DOMAIN)
        .order_by("pk")
        .values_list("pk", flat=True)[: -(-target // ALERTS)]
    )
    emails = dict(OfficeEmail.objects.values_list("legislator", "email"))
    _top_up(
        "letter submissions",
        existing,
        target,
        lambda numbers: _submissions(numbers, alerts, people, zips, serving, emails),
        progress,
    )


def _alerts_ensure() -> list[ActionAlert]:
    """Five alerts on the first bills of the watchlist, four of them open."""
    items = list(
        WatchlistItem.objects.filter(slug__startswith=ITEM_SLUG, bill__isnull=False).order_by("pk")[
            :ALERTS
        ]
    )
    slugs = [f"{ALERT_SLUG}{a + 1}" for a in range(ALERTS)]
    existing = set(ActionAlert.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if items:
        ActionAlert.objects.bulk_create(
            ActionAlert(
                slug=slug,
                title=f"Write to Congress about {items[a % len(items)].title}",
                introduction="Congress decides on it soon: tell your members where you stand.",
                watchlist_item=items[a % len(items)],
                subject=f"Please act on {items[a % len(items)].identifier}",
                letter_template=LETTER,
                thank_you_message="Thank you. Your letters are on their way.",
                is_open=a < ALERTS - 1,
            )
            for a, slug in enumerate(slugs)
            if slug not in existing
        )
    return list(ActionAlert.objects.filter(slug__in=slugs).order_by("slug"))


def _submissions(
    numbers: range,
    alerts: list[ActionAlert],
    people: list[int],
    zips: list[tuple[str, str, int]],
    serving: Serving,
    emails: dict[int, str],
) -> None:
    """Submission `n` answers alert `n % 5` from person `n // 5` (once per person and alert)
    and goes to the two senators and the representative of its ZIP code's first district.
    """
    submissions, offices = [], []
    for n in numbers:
        alert, i = alerts[n % len(alerts)], n // len(alerts)
        zcta, state, district = zips[(i * 7919 + n) % len(zips)]
        submissions.append(
            LetterSubmission(
                alert=alert,
                person_id=people[i] if i < len(people) else None,
                sender_name=f"Bench sender {i}",
                zip_code=zcta,
                state=state,
                district=district,
                subject=alert.subject,
                body=alert.letter_template,
            )
        )
        representative = serving.representatives.get((state, district))
        offices.append([*serving.senators.get(state, []), *filter(None, [representative])])
    LetterSubmission.objects.bulk_create(submissions)
    now = timezone.now()
    letters = []
    for n, submission, members in zip(numbers, submissions, offices, strict=True):
        for member in members:
            email = emails.get(member.pk, "")
            delivery = LetterDelivery.EMAILED if email else LetterDelivery.CONTACT_FORM
            if email and n % 50 == 7:
                delivery = LetterDelivery.FAILED
            letters.append(
                Letter(
                    submission=submission,
                    legislator=member,
                    delivery=delivery,
                    delivered_to=email if delivery == LetterDelivery.EMAILED else "",
                    delivered_at=now if delivery == LetterDelivery.EMAILED else None,
                    failure="Mailbox full." if delivery == LetterDelivery.FAILED else "",
                )
            )
    Letter.objects.bulk_create(letters, batch_size=BATCH_SIZE)
