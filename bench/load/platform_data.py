"""The platform's side of the load benchmark, run with the server's settings and database.

    python bench/load/platform_data.py prepare            # prints "PLAN {json}"
    python bench/load/platform_data.py count FILE         # prints "COUNTS {json}"

`prepare` makes sure there is something to answer on top of `amicc bench-data`: six open
events (two with 100 seats, so the waitlist fills too), an open national poll asking
every kind of question and the three demographics, and at least one open action alert
(bench-data makes four). It then lists what the visitors use: pages to read, search
queries, ZIP codes (each in one district, so no district has to be chosen), the alliances
with ZIP codes of their states, the events, the poll and the alerts. Running it again
changes only what has gone stale (an event about to start, a poll about to close).

`count` reads the submissions the visitors recorded and looks each one up: the person and
membership of a sign-up, the RSVP, the poll response (by its browser key), the letter
submission; and the confirmation email queued for sign-ups and RSVPs.
"""

import datetime
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
EVENT_SLUG = "load-event-"
POLL_SLUG = "load-poll"
EVENT_SEATS = [100, 100, None, None, None, None]
SEARCH_QUERIES = [
    "rome statute", "aggression", "complementarity", "victims reparations", "arrest warrants",
    "darfur", "gender-based crimes", "congress", "jurisdiction", "universal", "assembly",
    "prosecutor", "witness protection", "ukraine", "immunity",
]  # fmt: skip
SAMPLE = 40  # pages of each kind to read
ZIP_SAMPLE = 600
SEED = 8


def _setup() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amicc.settings")
    import django

    django.setup()


def _events_ensure(now: datetime.datetime) -> list[str]:
    from amicc.coalition.models import Alliance
    from amicc.events.choices import EventType
    from amicc.events.models import Event
    from amicc.events.services.events import event_create

    alliances = list(Alliance.objects.order_by("pk")[: len(EVENT_SEATS)])
    slugs = []
    for n, seats in enumerate(EVENT_SEATS):
        slug = f"{EVENT_SLUG}{n + 1}"
        starts = now + datetime.timedelta(days=30 + 5 * n)
        existing = Event.objects.filter(slug=slug).first()
        if existing is None:
            alliance = alliances[n % len(alliances)] if alliances else None
            event_create(
                by=None,
                data={
                    "slug": slug,
                    "title": f"Load test evening {n + 1}",
                    "event_type": EventType.PUBLIC_DISCUSSION,
                    "alliance": alliance,
                    "starts_at": starts,
                    "ends_at": starts + datetime.timedelta(hours=2),
                    "time_zone": "America/New_York",
                    "venue": "Public library, room 1",
                    "city": alliance.city if alliance else "New York",
                    "state": alliance.state if alliance else "NY",
                    "capacity": seats,
                    "is_published": True,
                    "description": "An evening on the International Criminal Court.",
                },
            )
        elif existing.starts_at < now + datetime.timedelta(days=7):
            Event.objects.filter(pk=existing.pk).update(
                starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), is_published=True
            )
        slugs.append(slug)
    return slugs


def _poll_ensure(now: datetime.datetime):
    from amicc.polls.choices import AGREEMENT_SCALE
    from amicc.polls.choices import QuestionKind as K
    from amicc.polls.models import Poll, PollOption, PollQuestion

    poll = Poll.objects.filter(slug=POLL_SLUG).first()
    if poll is not None:
        if poll.closes_at < now + datetime.timedelta(days=7):
            Poll.objects.filter(pk=poll.pk).update(closes_at=now + datetime.timedelta(days=60))
        return poll
    poll = Poll(
        title="The Court and Congress (load test)",
        slug=POLL_SLUG,
        introduction="Four questions for everyone, in every district.",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=60),
        asks_age=True,
        asks_gender=True,
        asks_party=True,
    )
    poll.full_clean()
    poll.save()
    questions = [
        (K.SINGLE, "Should the United States join the Court?", ["Yes", "No", "Not sure"]),
        (K.AGREEMENT, "Congress should fund evidence gathering for the Court.", AGREEMENT_SCALE),
        (K.MULTIPLE, "Which should Congress do?", ["Hold hearings", "Oppose sanctions", "None"]),
        (K.TEXT, "Anything else?", []),
    ]
    for position, (kind, text, labels) in enumerate(questions):
        question = PollQuestion(
            poll=poll, kind=kind, text=text, sort_order=position, required=kind != K.TEXT
        )
        question.full_clean(exclude=["poll"])
        question.save()
        PollOption.objects.bulk_create(
            PollOption(question=question, label=label, sort_order=order)
            for order, label in enumerate(labels)
        )
    return poll


def _single_district_zips(rng: random.Random) -> list[tuple[str, str]]:
    """(ZIP code, state) of ZIP codes wholly in one district of a state with senators."""
    from django.db.models import Count, Max

    from amicc.coalition.geography import DELEGATE_ONLY
    from amicc.congress.models import ZipDistrict

    rows = list(
        ZipDistrict.objects.values("zcta")
        .annotate(n=Count("pk"), state=Max("state"))
        .filter(n=1)
        .exclude(state__in=DELEGATE_ONLY)
        .order_by("zcta")
        .values_list("zcta", "state")
    )
    return rng.sample(rows, min(ZIP_SAMPLE, len(rows)))


def _search_words() -> list[str]:
    """Words of the benchmark's content (amicc.pages.bench_text), for varied searches."""
    from amicc.pages import bench_text

    lists = [value for name, value in vars(bench_text).items() if name.isupper()]
    phrases = [item for value in lists if isinstance(value, list) for item in value]
    words = {
        word.lower()
        for phrase in phrases
        if isinstance(phrase, str)
        for word in re.findall(r"[A-Za-z]{5,}", phrase)
    }
    return sorted(words)


def _split_zips() -> list[str]:
    from django.db.models import Count

    from amicc.congress.models import ZipDistrict

    split = ZipDistrict.objects.values("zcta").annotate(n=Count("pk")).filter(n__gt=1)
    return list(split.order_by("zcta").values_list("zcta", flat=True)[:50])


def _pages(rng: random.Random) -> list[str]:
    from django.urls import reverse

    from amicc.coalition.models import Alliance, MemberOrganization
    from amicc.congress.models import Legislator, WatchlistItem
    from amicc.pages.models import (
        NewsIndexPage,
        NewsPage,
        PublicationIndexPage,
        PublicationPage,
        Topic,
        TopicIndexPage,
    )

    def some(queryset) -> list:
        items = list(queryset)
        return rng.sample(items, min(SAMPLE, len(items)))

    pages = ["/", reverse("coalition:members"), reverse("coalition:alliances"), "/events/"]
    pages += [reverse("congress:watchlist"), reverse("congress:scorecard"), "/polls/"]
    pages += [
        index.url
        for index in (
            NewsIndexPage.objects.live().first(),
            PublicationIndexPage.objects.live().first(),
            TopicIndexPage.objects.live().first(),
        )
        if index
    ]
    pages += [page.url for page in some(NewsPage.objects.live().only("url_path")[:2000])]
    pages += [page.url for page in some(PublicationPage.objects.live().only("url_path")[:2000])]
    pages += [topic.get_absolute_url() for topic in some(Topic.objects.all()[:200])]
    pages += [alliance.get_absolute_url() for alliance in some(Alliance.objects.all()[:500])]
    pages += [
        reverse("coalition:organization", args=[slug])
        for slug in some(
            MemberOrganization.objects.for_public_display().values_list("slug", flat=True)[:500]
        )
    ]
    pages += [item.get_absolute_url() for item in some(WatchlistItem.objects.published()[:500])]
    pages += [
        reverse("congress:legislator", args=[bioguide])
        for bioguide in some(
            Legislator.objects.current().values_list("bioguide_id", flat=True)[:600]
        )
    ]
    pages += [f"{reverse('coalition:members')}?page={n}" for n in range(2, 6)]
    return [page for page in pages if page]


def prepare() -> dict:
    from django.db import connection
    from django.utils import timezone

    from amicc.coalition.models import Alliance
    from amicc.congress.models import ActionAlert

    rng = random.Random(SEED)
    now = timezone.now()
    events = _events_ensure(now)
    poll = _poll_ensure(now)
    if not ActionAlert.objects.open().exists():
        first = ActionAlert.objects.order_by("pk").first()
        if first is None:
            raise SystemExit("no action alert: run `amicc bench-data` first")
        ActionAlert.objects.filter(pk=first.pk).update(is_open=True)
    alerts = list(ActionAlert.objects.open().order_by("pk").values_list("slug", flat=True))
    zips = _single_district_zips(rng)
    alliance_states = dict(Alliance.objects.order_by("pk").values_list("slug", "state"))
    by_state: dict[str, list[str]] = {}
    for zip_code, state in zips:
        by_state.setdefault(state, []).append(zip_code)
    alliances = [
        {"slug": slug, "zips": by_state[state]}
        for slug, state in alliance_states.items()
        if by_state.get(state)
    ]
    if not alliances:
        raise SystemExit("no alliance with a ZIP code of its state on record")
    return {
        "database": connection.vendor,
        "pages": _pages(rng),
        "search": SEARCH_QUERIES,
        "search_words": _search_words(),
        "zips": [zip_code for zip_code, _ in zips],
        "split_zips": _split_zips(),
        "alliances": alliances,
        "events": events,
        "poll": {"slug": poll.slug, "pk": poll.pk},
        "alerts": alerts,
    }


def _emails_found(prefix: str) -> set[str]:
    from amicc.coalition.models import Person

    return {
        email.lower()
        for email in Person.objects.filter(email__istartswith=prefix).values_list(
            "email", flat=True
        )
    }


def _check(kind: str, submissions: list[dict], found: set[str]) -> dict:
    """Of the submissions of `kind`, how many answered with success are stored, and others."""
    succeeded = [s["id"] for s in submissions if s["kind"] == kind and s["success"]]
    others = [s["id"] for s in submissions if s["kind"] == kind and not s["success"]]
    missing = [identifier for identifier in succeeded if identifier not in found]
    return {
        "answered_success": len(succeeded),
        "found": len(succeeded) - len(missing),
        "missing": len(missing),
        "missing_shown": missing[:10],
        "answered_otherwise": len(others),
        "answered_otherwise_but_stored": sum(identifier in found for identifier in others),
    }


def _letters_followed_up(prefix: str) -> dict:
    """Letters to offices of the run's submissions, and those queued for email whose
    delivery task was never enqueued (so no worker would ever send them)."""
    from django_tasks_db.models import DBTaskResult

    from amicc.congress.choices import LetterDelivery
    from amicc.congress.models import Letter

    letters = Letter.objects.filter(submission__person__email__istartswith=prefix)
    queued = set(letters.filter(delivery=LetterDelivery.QUEUED).values_list("pk", flat=True))
    tasks = DBTaskResult.objects.filter(task_path__endswith=".deliver_letter")
    enqueued = {
        (row.get("kwargs") or {}).get("letter_id")
        for row in tasks.values_list("args_kwargs", flat=True)
        if isinstance(row, dict)
    }
    return {
        "letters_to_offices": letters.count(),
        "queued_without_task": len(queued - enqueued),
    }


def _stored(prefix: str, submissions: list[dict]) -> dict[str, set[str]]:
    """Per kind, the identifiers of the run's submissions that are in the database."""
    from amicc.coalition.models import AllianceMembership
    from amicc.congress.models import LetterSubmission
    from amicc.events.models import Rsvp
    from amicc.polls.models import PollResponse

    def pairs(model, place: str) -> set[str]:
        """(person's email, place) as the visitors wrote the identifier: "email place"."""
        rows = model.objects.filter(person__email__istartswith=prefix)
        return {
            f"{email.lower()} {slug}" for email, slug in rows.values_list("person__email", place)
        }

    poll_keys = {
        hashlib.sha256(f"{s['poll_pk']}:{s['token']}".encode()).hexdigest(): s["id"]
        for s in submissions
        if s["kind"] == "poll response" and s.get("token")
    }
    responses = PollResponse.objects.filter(browser_key__in=list(poll_keys))
    return {
        "sign-up": pairs(AllianceMembership, "alliance__slug"),
        "rsvp": pairs(Rsvp, "event__slug"),
        "poll response": {
            poll_keys[key] for key in responses.values_list("browser_key", flat=True)
        },
        "letter": pairs(LetterSubmission, "alert__slug"),
    }


def count(path: Path) -> dict:
    from amicc.mailings.models import Delivery

    recorded = json.loads(path.read_text())
    prefix, submissions = recorded["prefix"], recorded["submissions"]
    stored = _stored(prefix, submissions)
    result = {kind: _check(kind, submissions, stored[kind]) for kind in stored}
    confirmations = {
        email.lower()
        for email in Delivery.objects.filter(email__istartswith=prefix).values_list(
            "email", flat=True
        )
    }
    for kind in ("sign-up", "rsvp"):
        emails = [s["id"].split()[0] for s in submissions if s["id"] in stored[kind]]
        result[kind]["stored_without_confirmation"] = sum(e not in confirmations for e in emails)
    result["letter"].update(_letters_followed_up(prefix))
    result["people_with_the_run_prefix"] = len(_emails_found(prefix))
    return result


def main() -> None:
    _setup()
    if sys.argv[1:2] == ["prepare"]:
        print("PLAN " + json.dumps(prepare()))
    elif sys.argv[1:2] == ["count"] and len(sys.argv) == 3:
        print("COUNTS " + json.dumps(count(Path(sys.argv[2]))))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
