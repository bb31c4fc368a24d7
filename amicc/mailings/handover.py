"""Handing claimed deliveries to a transport and writing down what became of each.

The per-message half of the engine (`amicc.mailings.sending` explains the states and why
they make every message go out once): a `Sender` takes deliveries its caller has moved to
SENDING, commits their HANDOVER when the transport has written all but the final dot, and
records SENT, a retry after a backoff, FAILED or UNCERTAIN from the transport's answer.
"""

import contextlib
import random
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from amicc.mailings.choices import DeliveryStatus, SuppressionReason
from amicc.mailings.mime import OutgoingMessage
from amicc.mailings.models import Delivery
from amicc.mailings.transport import (
    NotHandedOver,
    TransientError,
    UncertainError,
    transport_for_settings,
)

MAX_ATTEMPTS = 6
RETRY_BASE = 60.0  # seconds before the 2nd attempt; doubled each time, with jitter
RETRY_CAP = 3600.0


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th attempt failed for now."""
    seconds = min(RETRY_CAP, RETRY_BASE * 2 ** max(0, attempts - 1))
    return timedelta(seconds=seconds * random.uniform(0.75, 1.25))


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    LOST = "lost"  # another sender holds the row: not this one's to send
    DOWN = "server down"  # not tried: the server could not be reached


class _HotPath:
    """The two writes made for every group of messages, as plain SQL, one statement each.

    Building an ORM update costs more than running it, and an update per message would
    be a round trip per message; these run for every group sent.
    """

    def __init__(self):
        quote = connection.ops.quote_name
        self.table = quote(Delivery._meta.db_table)
        self.status, self.updated_at, self.attempts, self.sent_at, self.reason, self.pk = (
            quote(Delivery._meta.get_field(name).column)
            for name in ("status", "updated_at", "attempts", "sent_at", "reason", "id")
        )
        self.adapt_time = connection.ops.adapt_datetimefield_value

    def handover(self, cursor, deliveries: list[Delivery], now: datetime) -> set[int]:
        """SENDING → HANDOVER for these attempts; the ids it moved."""
        attempt = f"({self.pk} = %s AND {self.attempts} = %s)"
        cursor.execute(
            f"UPDATE {self.table} SET {self.status} = %s, {self.updated_at} = %s "  # noqa: S608
            f"WHERE {self.status} = %s AND ({' OR '.join([attempt] * len(deliveries))}) "
            f"RETURNING {self.pk}",
            [DeliveryStatus.HANDOVER, self.adapt_time(now), DeliveryStatus.SENDING]
            + [value for delivery in deliveries for value in (delivery.pk, delivery.attempts)],
        )
        return {row[0] for row in cursor.fetchall()}

    def sent(self, cursor, ids: list[int], sent_at: datetime) -> None:
        """HANDOVER (or UNCERTAIN, if recovery got there first) → SENT."""
        when = self.adapt_time(sent_at)
        cursor.execute(
            f"UPDATE {self.table} SET {self.status} = %s, {self.sent_at} = %s, "  # noqa: S608
            f"{self.updated_at} = %s, {self.reason} = '' "
            f"WHERE {self.pk} IN ({', '.join(['%s'] * len(ids))}) AND {self.status} IN (%s, %s)",
            [DeliveryStatus.SENT, when, when, *ids]
            + [DeliveryStatus.HANDOVER, DeliveryStatus.UNCERTAIN],
        )


@contextlib.contextmanager
def durable_commits():
    """Commits on disk before they return, whatever the database's defaults (but one).

    The settings run SQLite with synchronous=NORMAL, whose last commits a power cut can
    undo: a HANDOVER undone that way would be sent again. PostgreSQL may be configured
    with synchronous_commit off for the same speed and the same risk. The one exception
    is the hand-over's own commit (see `Sender._transaction`).
    """
    vendor = connection.vendor if not connection.in_atomic_block else ""
    with connection.cursor() as cursor:
        if vendor == "sqlite":  # (inside a transaction it can't change, nor matter here)
            cursor.execute("PRAGMA synchronous")
            before = int(cursor.fetchone()[0])
            cursor.execute("PRAGMA synchronous = FULL")
        elif vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute(f"PRAGMA synchronous = {before}")
            elif vendor == "postgresql":
                cursor.execute("RESET synchronous_commit")


def release(deliveries: list[Delivery]) -> None:
    """Claimed rows that were not tried go back to QUEUED, their attempt not counted."""
    now = timezone.now()
    for delivery in deliveries:
        Delivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.SENDING, attempts=delivery.attempts
        ).update(status=DeliveryStatus.QUEUED, attempts=F("attempts") - 1, updated_at=now)


class Sender:
    """Sends claimed (SENDING) deliveries over one transport and writes each state change."""

    def __init__(self, *, connections: int = 1):
        self.transport = transport_for_settings(connections=connections)
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.sql = _HotPath()

    def open(self, wanted: int) -> int:
        """How many messages can go at once; raises TransientError when the server is down."""
        return self.transport.open(wanted)

    def close(self) -> None:
        self.transport.close()

    @contextlib.contextmanager
    def _transaction(self, *, wait_for_disk: bool = True):
        """A transaction whose commit waits for the disk, or only for the database.

        The hand-over's commit must not wait for the disk: a process killed while its
        commit waits (milliseconds) leaves the commit done and the final dot unwritten, a
        message lost. Committed without waiting, it is kept as soon as the database has it
        (a killed process can't undo it) and the dot follows within microseconds. The SENT
        commit right after the answers waits for the disk, and takes the hand-over with it.
        """
        fast_sqlite = (
            not wait_for_disk and connection.vendor == "sqlite" and not connection.in_atomic_block
        )
        if fast_sqlite:  # SQLite can't change it inside a transaction
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = NORMAL")
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                if not wait_for_disk and connection.vendor == "postgresql":
                    cursor.execute("SET LOCAL synchronous_commit TO off")
                yield cursor
        finally:
            if fast_sqlite:
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous = FULL")

    def _handover(self, deliveries: list[Delivery], indexes: list[int]) -> set[int]:
        """Commit HANDOVER for the messages about to get their final dot.

        Only over the same SENDING attempt: a row another sender took is left out.
        """
        with self._transaction(wait_for_disk=False) as cursor:
            moved = self.sql.handover(cursor, [deliveries[i] for i in indexes], timezone.now())
        return {index for index in indexes if deliveries[index].pk in moved}

    def send_group(self, deliveries: list[Delivery], messages: list[OutgoingMessage]) -> list[str]:
        """Send claimed deliveries together (at most `open()` of them); their outcomes."""
        results = self.transport.send_group(
            messages, handover=lambda indexes: self._handover(deliveries, indexes)
        )
        pairs = list(zip(deliveries, results, strict=True))
        if sent := [delivery.pk for delivery, result in pairs if result is None]:
            with self._transaction() as cursor:
                self.sql.sent(cursor, sent, timezone.now())
        return [self._record(delivery, result) for delivery, result in pairs]

    def _record(self, delivery: Delivery, result: Exception | None) -> str:
        if result is None:
            return Outcome.SENT
        if isinstance(result, NotHandedOver):
            return Outcome.LOST
        if isinstance(result, TransientError):
            if result.server_down:
                release([delivery])
                return Outcome.DOWN
            return self.retry(delivery, result.reason)
        if isinstance(result, UncertainError):
            self._settle(delivery, status=DeliveryStatus.UNCERTAIN, reason=result.reason)
            return Outcome.UNCERTAIN
        self._settle(delivery, status=DeliveryStatus.FAILED, reason=result.reason)
        if getattr(result, "hard_bounce", False):
            _suppress_bounce(delivery.email, result.reason)
        return Outcome.FAILED

    def _settle(self, delivery: Delivery, **changes) -> None:
        """Write a final or retry state over this attempt's SENDING or HANDOVER row."""
        with self._transaction():
            Delivery.objects.filter(
                pk=delivery.pk,
                attempts=delivery.attempts,
                status__in=[DeliveryStatus.SENDING, DeliveryStatus.HANDOVER],
            ).update(updated_at=timezone.now(), **changes)

    def retry(self, delivery: Delivery, reason: str) -> str:
        """Back to QUEUED after a backoff, or FAILED once the attempts are spent."""
        if delivery.attempts >= MAX_ATTEMPTS:
            reason = f"Gave up after {delivery.attempts} attempts. Last: {reason}"
            self._settle(delivery, status=DeliveryStatus.FAILED, reason=reason)
            return Outcome.FAILED
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        self._settle(
            delivery,
            status=DeliveryStatus.QUEUED,
            reason=reason,
            next_attempt_at=delivery.next_attempt_at,
        )
        return Outcome.RETRY


def _suppress_bounce(email: str, reason: str) -> None:
    from amicc.mailings.services.audience import suppression_add

    suppression_add(
        email=email, reason=SuppressionReason.HARD_BOUNCE, source="SMTP refusal", note=reason
    )
