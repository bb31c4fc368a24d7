"""Phase 0 of the mailings benchmark: the people a newsletter goes to, and the newsletter.

Runs inside the benchmark's Django process, in a fresh database: migrate, the demo content
(pages, the sample alliances, the Congress sample of members and ZIP codes through its
importers, events, the letter campaign), then N people bulk-created with the newsletter's
consent, and a few hundred of them suppressed or off the list so that the skip path runs.
Rows are built from their number alone, so a number always gives the same person.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

BATCH = 5000
EMAIL_DOMAIN = "mail.bench.example.org"
FIRST = ["Ada", "Bayo", "Chen", "Dolores", "Emeka", "Fatima", "Gustav", "Hana", "Ines",
         "Jamal", "Kiri", "Leila", "Mateo", "Nadia", "Olu", "Priya", "Quinn", "Rosa",
         "José", "Zoë"]  # fmt: skip
LAST = ["Okafor", "Lindqvist", "Castellanos", "Raman", "Núñez", "O'Brien", "Nguyen",
        "Schmidt", "Haddad", "Kowalski", "Mbeki", "Tanaka", "Dubois"]  # fmt: skip
# The Congress sample's ZIP codes: each in one district, except 10001 (NY-10 and NY-12).
PLACED = [("60601", "IL"), ("10011", "NY"), ("10027", "NY"), ("94103", "CA"),
          ("94110", "CA"), ("94704", "CA"), ("55401", "MN"), ("78701", "TX"),
          ("82001", "WY"), ("20001", "DC"), ("00901", "PR")]  # fmt: skip
SPLIT = ("10001", "NY")
UNKNOWN = [("30301", "GA"), ("02108", "MA"), ("98101", "WA")]  # not in the sample
WORDING = "Send me the coalition's newsletter."
SUPPRESS_EVERY, OPT_OUT_EVERY = 400, 500  # 250 suppressed and 200 off the list at 100k

Progress = Callable[[str], None]


@dataclass
class Population:
    people: int
    without_consent: int
    with_alliance: int
    placed_in_one_district: int
    split_zip: int
    unknown_zip: int
    no_zip: int
    suppressed: int
    opted_out: int
    demo_people_with_newsletter: int
    seconds: dict

    def as_dict(self) -> dict:
        return asdict(self)


def place(n: int) -> tuple[str, str, str]:
    """(ZIP, state, kind) of person n: 60 % in one district, 10 % split, 20 % unknown."""
    slot = n % 20
    if slot < 12:
        return (*PLACED[n % len(PLACED)], "placed")
    if slot < 14:
        return (*SPLIT, "split")
    if slot < 18:
        return (*UNKNOWN[n % len(UNKNOWN)], "unknown")
    return ("", "", "none")


def email(n: int) -> str:
    return f"reader{n + 1}@{EMAIL_DOMAIN}"


def setup(*, recipients: int, progress: Progress) -> Population:
    """Migrate, load the demo, create the people; returns what was created and how long."""
    from amicc.coalition.models import Person
    from amicc.core.demo_loaders import demo_load_all

    seconds = {}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    seconds["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    for summary in demo_load_all():
        progress(f"    {summary[:110]}")
    seconds["demo content"] = time.perf_counter() - started
    started = time.perf_counter()
    counts = {"alliance": 0, "placed": 0, "split": 0, "unknown": 0, "none": 0}
    alliances = _alliances_by_state()
    total = recipients + recipients // 100  # one in a hundred more without the consent
    for start in range(0, total, BATCH):
        with transaction.atomic():
            _people(range(start, min(start + BATCH, total)), recipients, alliances, counts)
        if (start // BATCH) % 4 == 3:
            progress(f"    people: {min(start + BATCH, total):,} of {total:,}")
    seconds["people"] = time.perf_counter() - started
    started = time.perf_counter()
    suppressed, opted_out = _skips(recipients)
    seconds["suppressions and opt-outs"] = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    demo = (
        Person.objects.filter(wants_newsletter=True).exclude(email__endswith=EMAIL_DOMAIN).count()
    )
    return Population(
        people=recipients,
        without_consent=total - recipients,
        with_alliance=counts["alliance"],
        placed_in_one_district=counts["placed"],
        split_zip=counts["split"],
        unknown_zip=counts["unknown"],
        no_zip=counts["none"],
        suppressed=suppressed,
        opted_out=opted_out,
        demo_people_with_newsletter=demo,
        seconds=seconds,
    )


def _alliances_by_state() -> dict:
    from amicc.coalition.models import Alliance

    by_state = {}
    for alliance in Alliance.objects.order_by("pk"):
        by_state.setdefault(alliance.state, alliance)
    return by_state


def _people(numbers: range, recipients: int, alliances: dict, counts: dict) -> None:
    """People n in `numbers`; those from `recipients` on have not consented to anything.

    One in three of the consenting is an active member of their state's alliance, when
    the demo has one there.
    """
    from amicc.coalition.choices import ConsentPurpose, ConsentSource, MembershipStatus
    from amicc.coalition.models import AllianceMembership, ConsentRecord, Person

    now = timezone.now()
    people = []
    for n in numbers:
        zip_code, state, kind = place(n)
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]}"
        people.append(
            Person(
                name=name,
                email=email(n),
                zip_code=zip_code,
                state=state,
                wants_newsletter=n < recipients,
            )
        )
        if n < recipients:
            counts[kind] += 1
    Person.objects.bulk_create(people)
    consents, memberships = [], []
    for n, person in zip(numbers, people, strict=True):
        if n >= recipients:
            continue
        consents.append(
            ConsentRecord(
                person=person,
                purpose=ConsentPurpose.NEWSLETTER,
                wording=WORDING,
                source=ConsentSource.IMPORT,
            )
        )
        alliance = alliances.get(person.state)
        if alliance is not None and n % 3 == 0:
            memberships.append(
                AllianceMembership(
                    alliance=alliance,
                    person=person,
                    status=MembershipStatus.ACTIVE,
                    confirmed_at=now,
                )
            )
    ConsentRecord.objects.bulk_create(consents)
    AllianceMembership.objects.bulk_create(memberships)
    counts["alliance"] += len(memberships)


def _skips(recipients: int) -> tuple[int, int]:
    """Suppress one address in 400 (every reason), take one in 500 off the newsletter list."""
    from amicc.mailings.choices import SuppressionReason
    from amicc.mailings.models import ListOptOut, MailingList, Suppression

    reasons = list(SuppressionReason)
    newsletter_list = MailingList.objects.get(slug="coalition-newsletter")
    suppressions = [
        Suppression(
            email=email(n), reason=reasons[(n // SUPPRESS_EVERY) % len(reasons)], source="bench"
        )
        for n in range(SUPPRESS_EVERY - 1, recipients, SUPPRESS_EVERY)
    ]
    opt_outs = [
        ListOptOut(mailing_list=newsletter_list, email=email(n), source="bench")
        for n in range(OPT_OUT_EVERY // 2, recipients, OPT_OUT_EVERY)
    ]
    with transaction.atomic():
        Suppression.objects.bulk_create(suppressions)
        ListOptOut.objects.bulk_create(opt_outs)
    return len(suppressions), len(opt_outs)


def staff_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench-staff",
        defaults={"email": "staff@bench.example.org", "is_staff": True, "is_superuser": True},
    )
    return user


def newsletter_create(*, slug: str):
    """A newsletter on the coalition list: rich text, a publication, an event, a call to action."""
    from amicc.congress.models import ActionAlert
    from amicc.events.models import Event
    from amicc.mailings.models import MailingList, Newsletter
    from amicc.pages.models import PublicationPage

    publication = PublicationPage.objects.live().order_by("pk").first()
    event = Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    alert = ActionAlert.objects.open().order_by("pk").first()
    body = [{"type": "text", "value": text} for text in INTRODUCTION]
    if publication is not None:
        body.append(
            {
                "type": "publication",
                "value": {"page": publication.pk, "note": "Our analysis of the year at the Court."},
            }
        )
    body.append({"type": "text", "value": MIDDLE})
    if event is not None:
        body.append({"type": "event", "value": {"event": event.pk, "note": "All are welcome."}})
    if alert is not None:
        body.append(
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Ask Congress to stand with the Court",
                    "text": "It takes two minutes; your letter goes to your own members.",
                    "campaign": alert.pk,
                    "button_label": "Write to your representatives",
                },
            }
        )
    body.append({"type": "text", "value": CLOSING})
    return Newsletter.objects.create(
        title=f"Coalition update ({slug})",
        slug=slug,
        subject="The Court under pressure, and what you can do this month",
        preheader="Sanctions, the Assembly of States Parties, and a letter to Congress.",
        mailing_list=MailingList.objects.get(slug="coalition-newsletter"),
        body=body,
        created_by=staff_user(),
    )


INTRODUCTION = [
    "<h2>The Court under pressure</h2>"
    "<p>This has been a hard season for the International Criminal Court. Sanctions on its "
    "staff and on the people who cooperate with it have made ordinary work — paying rent, "
    "keeping a bank account, travelling to a hearing — an act of courage. Survivors who "
    "waited years for a hearing now wait longer.</p>"
    "<p>The coalition has answered the way it always has: with facts, with letters, and "
    "with <b>people in every state</b> who tell their members of Congress that justice for "
    'atrocities is an American value. <a href="/news/">Read the latest news</a>.</p>',
    "<h3>At the Assembly of States Parties</h3>"
    "<p>Our delegation followed the budget negotiations, the election of judges and the "
    "review of the crime of aggression. Three things stood out:</p>"
    "<ul><li>states parties defended the Court's independence in plain words;</li>"
    "<li>the budget keeps the investigations in Ukraine, Darfur and Palestine going;</li>"
    "<li>civil society had more room to speak than in any year before.</li></ul>",
]
MIDDLE = (
    "<p>Alliances met their members of Congress in thirty districts this quarter. Where a "
    "member's office agreed to a briefing, our volunteers brought the <i>analysis</i> "
    "featured above and a one-page summary; several offices asked for more. If your "
    "alliance has a visit planned, tell us: we send materials within a week.</p>"
)
CLOSING = (
    "<p>Thank you for standing with the Court. Forward this newsletter to a friend who "
    'should read it, and <a href="/alliances/">find your local alliance</a> to take part '
    "in person.</p>"
)
