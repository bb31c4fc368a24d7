"""Benchmark data for the coalition: thousands of organizations, hundreds of thousands of people.

Rows are built from their number alone (no random state), so a number always gives the
same row, and written with `bulk_create` in batches, one transaction per batch: people
with their membership and consent, initiatives with their partners and links. Bulk
writes skip `save()` and its signals, so what `save()` would do is done here: lower-case
emails, website domains, and the search index of organizations and alliances.

Generation is idempotent: every kind of row is topped up to the number asked for. Bench
rows are told apart from others by their slug (`bench-…`) or email domain.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from amicc.coalition.choices import (
    AllianceStatus,
    ConsentPurpose,
    ConsentSource,
    Constituency,
    InitiativeType,
    MembershipStatus,
    OrganizationStatus,
)
from amicc.coalition.models import (
    Alliance,
    AllianceDistrict,
    AllianceMembership,
    ConsentRecord,
    Initiative,
    InitiativeLink,
    MemberOrganization,
    Person,
)
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 5000
ORGANIZATION_SLUG = "bench-org-"
ALLIANCE_SLUG = "bench-"
EMAIL_DOMAIN = "@bench.example.org"
CONSENT_WORDING = "I agree that AMICC keeps my details to run my alliance membership."
NEWSLETTER_WORDING = "Send me the coalition's newsletter."
DAYS_OF_INITIATIVES = 5 * 365

# Real places for the invented rows; the at-large states have one district, number 0.
PLACES = [
    ("New York", "NY"), ("Los Angeles", "CA"), ("Chicago", "IL"), ("Houston", "TX"),
    ("Phoenix", "AZ"), ("Philadelphia", "PA"), ("San Antonio", "TX"), ("San Diego", "CA"),
    ("Dallas", "TX"), ("Austin", "TX"), ("Jacksonville", "FL"), ("Columbus", "OH"),
    ("Charlotte", "NC"), ("Indianapolis", "IN"), ("San Francisco", "CA"), ("Seattle", "WA"),
    ("Denver", "CO"), ("Washington", "DC"), ("Nashville", "TN"), ("Boston", "MA"),
    ("Detroit", "MI"), ("Portland", "OR"), ("Las Vegas", "NV"), ("Louisville", "KY"),
    ("Baltimore", "MD"), ("Milwaukee", "WI"), ("Albuquerque", "NM"), ("Atlanta", "GA"),
    ("Kansas City", "MO"), ("Omaha", "NE"), ("Miami", "FL"), ("Minneapolis", "MN"),
    ("New Orleans", "LA"), ("Cleveland", "OH"), ("Pittsburgh", "PA"), ("Salt Lake City", "UT"),
    ("Burlington", "VT"), ("Anchorage", "AK"), ("Wilmington", "DE"), ("Fargo", "ND"),
    ("Sioux Falls", "SD"), ("Cheyenne", "WY"), ("Honolulu", "HI"), ("Providence", "RI"),
    ("Hartford", "CT"), ("Richmond", "VA"), ("Birmingham", "AL"), ("Little Rock", "AR"),
    ("Boise", "ID"), ("Des Moines", "IA"), ("Madison", "WI"), ("San Juan", "PR"),
]  # fmt: skip
AT_LARGE = {"AK", "DE", "ND", "SD", "VT", "WY", "DC", "PR"}
KINDS = {
    Constituency.BAR_ASSOCIATION: "Bar Association",
    Constituency.WOMENS_GROUP: "Women's Forum",
    Constituency.HUMAN_RIGHTS: "Human Rights Council",
    Constituency.RELIGIOUS: "Interfaith Committee",
    Constituency.VETERANS: "Veterans' Association",
    Constituency.STUDENT: "Student Union",
    Constituency.YOUNG_ADULTS: "Young Leaders Network",
    Constituency.ACADEMIC: "Center for International Law",
    Constituency.OTHER: "Civic League",
}
FIRST_NAMES = [
    "Alex", "Blair", "Cameron", "Drew", "Elliot", "Frankie", "Hayden", "Jesse", "Kai",
    "Lee", "Micah", "Nico", "Pat", "Robin", "Sam", "Toby", "Jamie", "Riley",
]  # fmt: skip
LAST_NAMES = ["Bench", "Loadtest", "Sampleton", "Fixture", "Mockford", "Stubbs", "Dummond"]
TOPICS = [
    "the Rome Statute", "victims' reparations", "the crime of aggression", "complementarity",
    "arrest warrants", "gender justice", "US cooperation with the ICC",
]  # fmt: skip

Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class CoalitionScale:
    organizations: int
    alliances: int
    people: int
    initiatives: int


SCALES = {
    "small": CoalitionScale(organizations=25, alliances=2, people=2_000, initiatives=1_000),
    "full": CoalitionScale(organizations=2_500, alliances=150, people=200_000, initiatives=100_000),
}


@dataclass(frozen=True)
class CoalitionBenchSummary:
    added: CoalitionScale
    total: CoalitionScale

    def __str__(self) -> str:
        return (
            f"{self.added.organizations:,} organizations, {self.added.alliances:,} alliances, "
            f"{self.added.people:,} people and {self.added.initiatives:,} initiatives added; "
            f"the coalition now has {self.total.organizations:,}, {self.total.alliances:,}, "
            f"{self.total.people:,} and {self.total.initiatives:,}."
        )


def coalition_bench_generate(
    *, scale: CoalitionScale, today: datetime.date | None = None, progress: Progress = _no_progress
) -> CoalitionBenchSummary:
    """Top the bench rows up to `scale`; people need an alliance, initiatives too."""
    if scale.organizations < 1 and (scale.alliances or scale.people or scale.initiatives):
        raise ValueError("Alliances, people and initiatives need at least one organization.")
    if scale.alliances < 1 and (scale.people or scale.initiatives):
        raise ValueError("People and initiatives need at least one alliance.")
    before = _bench_counts()
    today = today or timezone.localdate()
    _top_up("organizations", before.organizations, scale.organizations, _organizations, progress)
    _top_up("alliances", before.alliances, scale.alliances, _alliances, progress)
    alliances = list(Alliance.objects.filter(slug__startswith=ALLIANCE_SLUG).order_by("pk"))
    _top_up("people", before.people, scale.people, lambda n: _people(n, alliances), progress)
    _top_up(
        "initiatives",
        before.initiatives,
        scale.initiatives,
        lambda n: _initiatives(n, alliances, today),
        progress,
    )
    total = _bench_counts()
    added = CoalitionScale(
        *(after - earlier for after, earlier in zip(_fields(total), _fields(before), strict=True))
    )
    if any(_fields(added)):
        invalidate_page_cache()
    return CoalitionBenchSummary(added=added, total=total)


def _fields(scale: CoalitionScale) -> tuple[int, int, int, int]:
    return (scale.organizations, scale.alliances, scale.people, scale.initiatives)


def _bench_counts() -> CoalitionScale:
    return CoalitionScale(
        organizations=MemberOrganization.objects.filter(slug__startswith=ORGANIZATION_SLUG).count(),
        alliances=Alliance.objects.filter(slug__startswith=ALLIANCE_SLUG).count(),
        people=Person.objects.filter(email__endswith=EMAIL_DOMAIN).count(),
        initiatives=Initiative.objects.filter(alliance__slug__startswith=ALLIANCE_SLUG).count(),
    )


def _top_up(
    stage: str, existing: int, target: int, write: Callable[[range], None], progress: Progress
) -> None:
    """Write rows numbered `existing` to `target`, a transaction per batch."""
    progress(stage, existing, target)
    for start in range(existing, target, BATCH_SIZE):
        numbers = range(start, min(start + BATCH_SIZE, target))
        with transaction.atomic():
            write(numbers)
        progress(stage, numbers.stop, target)


def _index(model, objects: list) -> None:
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


def _organizations(numbers: range) -> None:
    constituencies = list(KINDS)
    organizations = []
    for n in numbers:
        city, state = PLACES[n % len(PLACES)]
        constituency = constituencies[(n // len(PLACES)) % len(constituencies)]
        active = n % 20 not in (3, 11)  # a tenth lapsed or applying
        organizations.append(
            MemberOrganization(
                name=f"{city} {KINDS[constituency]} {n + 1}",
                slug=f"{ORGANIZATION_SLUG}{n + 1}",
                constituency=constituency,
                city=city,
                state=state,
                website=f"https://org{n + 1}.bench.example.org",
                website_domain=f"org{n + 1}.bench.example.org",
                description=(
                    f"A benchmark member organization in {city} working on "
                    f"{TOPICS[n % len(TOPICS)]}."
                ),
                status=OrganizationStatus.ACTIVE
                if active
                else (OrganizationStatus.LAPSED if n % 2 else OrganizationStatus.APPLICANT),
                joined_on=datetime.date(2002 + n % 23, 1 + n % 12, 1 + n % 28),
                is_listed=active and n % 10 != 7,
            )
        )
    _index(MemberOrganization, MemberOrganization.objects.bulk_create(organizations))


def _alliances(numbers: range) -> None:
    organizations = list(
        MemberOrganization.objects.filter(slug__startswith=ORGANIZATION_SLUG)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    alliances, districts, founders = [], [], []
    for n in numbers:
        city, state = PLACES[n % len(PLACES)]
        round_ = n // len(PLACES)
        alliances.append(
            Alliance(
                name=f"{city} Alliance for the ICC" + (f" {round_ + 1}" if round_ else ""),
                slug=f"{ALLIANCE_SLUG}{n + 1}",
                city=city,
                state=state,
                description=f"A benchmark local alliance of people in and around {city}.",
                status=AllianceStatus.ACTIVE if n % 10 else AllianceStatus.FORMING,
                founded_on=datetime.date(2003 + n % 20, 1 + n % 12, 1 + n % 28),
            )
        )
    Alliance.objects.bulk_create(alliances)
    for n, alliance in zip(numbers, alliances, strict=True):
        numbers_of_districts = [0] if alliance.state in AT_LARGE else [1 + n % 7, 8 + n % 5]
        districts += [
            AllianceDistrict(alliance=alliance, state=alliance.state, number=number)
            for number in numbers_of_districts
        ]
        founders += [
            Alliance.founding_organizations.through(
                alliance=alliance,
                memberorganization_id=organizations[(2 * n + i) % len(organizations)],
            )
            for i in range(2)
        ]
    AllianceDistrict.objects.bulk_create(districts)
    Alliance.founding_organizations.through.objects.bulk_create(founders, ignore_conflicts=True)
    _index(Alliance, alliances)


def _people(numbers: range, alliances: list[Alliance]) -> None:
    """People, nine in ten with a membership (one in twenty of those still pending).

    Each has agreed to have their details kept; one in five to the newsletter too. The
    first person of each alliance coordinates it.
    """
    now = timezone.now()
    people = []
    for n in numbers:
        alliance = alliances[n % len(alliances)]
        first = FIRST_NAMES[n % len(FIRST_NAMES)]
        last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
        people.append(
            Person(
                name=f"{first} {last} {n + 1}",
                email=f"person{n + 1}{EMAIL_DOMAIN}",
                zip_code=f"{(n * 7919) % 99_000 + 1000:05d}",
                state=alliance.state,
                wants_newsletter=n % 5 == 0,
                wants_alliance_updates=n % 10 != 9,
            )
        )
    Person.objects.bulk_create(people)
    memberships, consents, coordinators = [], [], []
    for n, person in zip(numbers, people, strict=True):
        alliance = alliances[n % len(alliances)]
        consents.append(_consent(person, ConsentPurpose.DATA_PROCESSING, CONSENT_WORDING))
        if person.wants_newsletter:
            consents.append(_consent(person, ConsentPurpose.NEWSLETTER, NEWSLETTER_WORDING))
        if n % 10 == 9:
            continue
        pending = n % 20 == 3
        memberships.append(
            AllianceMembership(
                alliance=alliance,
                person=person,
                status=MembershipStatus.PENDING if pending else MembershipStatus.ACTIVE,
                confirmed_at=None if pending else now,
            )
        )
        if n < len(alliances):
            coordinators.append(Alliance.coordinators.through(alliance=alliance, person=person))
    AllianceMembership.objects.bulk_create(memberships)
    ConsentRecord.objects.bulk_create(consents)
    Alliance.coordinators.through.objects.bulk_create(coordinators, ignore_conflicts=True)


def _consent(person: Person, purpose: ConsentPurpose, wording: str) -> ConsentRecord:
    return ConsentRecord(
        person=person, purpose=purpose, wording=wording, source=ConsentSource.ALLIANCE_SIGNUP
    )


def _initiatives(numbers: range, alliances: list[Alliance], today: datetime.date) -> None:
    """Initiatives spread over alliances, kinds and five years; three in ten public."""
    kinds = list(InitiativeType)
    initiatives = []
    for n in numbers:
        alliance = alliances[n % len(alliances)]
        kind = kinds[(n // len(alliances)) % len(kinds)]
        topic = TOPICS[n % len(TOPICS)]
        initiatives.append(
            Initiative(
                alliance=alliance,
                initiative_type=kind,
                date=today - datetime.timedelta(days=(n * 7919) % DAYS_OF_INITIATIVES),
                title=f"{kind.label} on {topic} in {alliance.city} ({n + 1})",
                description=f"Alliance members in {alliance.city} took up {topic}.",
                reach=10 + (n * 31) % 490,
                outcome="Members followed up with the people they met." if n % 4 == 0 else "",
                is_public=n % 10 < 3,
            )
        )
    Initiative.objects.bulk_create(initiatives)
    organizations = list(
        MemberOrganization.objects.filter(slug__startswith=ORGANIZATION_SLUG)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    partners = Initiative.partner_organizations.through
    partners.objects.bulk_create(
        partners(initiative=initiative, memberorganization_id=organizations[n % len(organizations)])
        for n, initiative in zip(numbers, initiatives, strict=True)
        if n % 10 == 0
    )
    InitiativeLink.objects.bulk_create(
        InitiativeLink(
            initiative=initiative,
            url=f"https://news.bench.example.org/{n + 1}",
            label="Local coverage",
            sort_order=0,
        )
        for n, initiative in zip(numbers, initiatives, strict=True)
        if n % 20 == 0
    )
