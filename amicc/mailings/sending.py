"""The sending engine: every delivery record reaches its person once, whatever happens.

A delivery moves through these states (`DeliveryStatus`), each change committed:

    QUEUED ──claim──> SENDING ──commit──> HANDOVER ──"250"──> SENT
      │ ^                │                   │ └──> FAILED (5xx after the final dot)
      │ │                └──> FAILED (5xx)   └────> UNCERTAIN (no answer after the dot)
      │ └── transient: 4xx, or the connection lost before the dot (after a backoff;
      │     FAILED once MAX_ATTEMPTS are spent)
      └──> SKIPPED (suppressed, left the list, consent withdrawn, newsletter cancelled)

SENDING means "being written to the mail server, not yet complete": the transport writes
MAIL, RCPT, DATA and the whole body, but not the final "." that makes the server accept
the message. HANDOVER is committed right before that dot is written, and SENT after the
server's answer. So when a sender dies (killed, the machine
off, the database gone):

- a SENDING row never got its dot: a server whose connection closes in the middle of DATA
  discards the message (RFC 5321 3.8). Recovery puts the row back to QUEUED and it is
  sent again, once.
- a HANDOVER row had its dot written, or was about to: recovery marks it UNCERTAIN ("sent,
  not confirmed") and it is never sent again.

That is why no person gets a newsletter twice. The honest limits:

- a process killed between the HANDOVER commit and writing the dot loses that message
  rather than doubling it (UNCERTAIN, like every interrupted hand-over). The window is
  kept to microseconds: the hand-over's commit does not wait for the disk, only for the
  database (SQLite's WAL in the OS, PostgreSQL's server), which a killed process can't
  undo; the SENT commit that follows the server's answer waits for the disk and takes
  the hand-over with it. At full speed a commit covers a group of messages, one per SMTP
  connection (`SMTP_CONNECTIONS`), so an unlucky kill can lose a group; at the usual
  rates a group is one message.
- a power cut or operating system crash in the milliseconds between a hand-over and the
  next commit that waits for the disk can undo the hand-over of messages already
  delivered, which are then sent again.
- a kill after the answer and before the SENT commit leaves delivered messages UNCERTAIN.

Every move into SENDING adds one to `attempts`, and HANDOVER is only written over the same
SENDING attempt. A sender that lost its lease (stalled past it while another process took
over and re-queued its rows) therefore cannot hand over a message its successor sends: its
conditional update finds nothing and it cuts the connection before the dot.

One process sends a newsletter at a time: it holds a lease on the `Newsletter` row
(`sender_token` "host:pid:random" and `sender_heartbeat_at`, renewed as it goes). The lease
is taken when free, when its heartbeat is older than `LEASE`, or at once when its holder
ran on this host and that process is gone. A send runs for at most `SLICE` at a time, then
queues its own continuation, so a confirmation email never waits behind a long newsletter.
Transactional and test messages (`delivery_send`) go through the same states one by one;
they need no lease, the attempt number alone fences them.
"""

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from amicc.mailings.choices import (
    DeliveryKind,
    DeliveryStatus,
    NewsletterStatus,
    SuppressionReason,
)
from amicc.mailings.handover import Outcome, Sender, durable_commits
from amicc.mailings.mime import OutgoingMessage
from amicc.mailings.models import Delivery, Newsletter, Suppression
from amicc.mailings.newsletter_run import (
    LEASE,
    SERVER_DOWN_RESUME,
    UNCERTAIN_RECOVERED,
    NewsletterRun,
    newsletter_rows,
    task_enqueue,
)
from amicc.mailings.transport import TransientError

logger = logging.getLogger(__name__)

SKIPPED_BOUNCED = "The address bounced permanently (hard bounce)."

_HOST = socket.gethostname()
_HELD: set[str] = set()  # lease tokens this process holds now
STUCK = timedelta(minutes=1)  # a transactional message this long unfinished is recovered


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child its parent has not reaped yet is a zombie: dead
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def _holder_gone(token: str) -> bool:
    """True when the token's process ran on this host and is no longer running."""
    host, _, rest = token.partition(":")
    pid = rest.partition(":")[0]
    if host != _HOST or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return token not in _HELD
    return not _process_alive(int(pid))


def _lease_stale(newsletter: Newsletter, now: datetime) -> bool:
    heartbeat = newsletter.sender_heartbeat_at
    if not newsletter.sender_token:
        return heartbeat is None or heartbeat <= now - LEASE
    return heartbeat is None or heartbeat <= now - LEASE or _holder_gone(newsletter.sender_token)


# --- Newsletters -------------------------------------------------------------------------


def newsletter_deliver(*, newsletter_id: int) -> None:
    """Send a newsletter's queued deliveries: the `send_newsletter` task. Safe to run twice.

    Returns quietly when the newsletter is not due, is finished, or another live process
    holds its lease.
    """
    newsletter = _newsletter_due(newsletter_id)
    if newsletter is None:
        return
    token = f"{_HOST}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    if not _lease_take(newsletter, token):
        _check_later(newsletter)
        return
    _HELD.add(token)
    try:
        with durable_commits():
            NewsletterRun(newsletter, token).run()
    finally:
        _HELD.discard(token)
        Newsletter.objects.filter(pk=newsletter.pk, sender_token=token).update(sender_token="")


def _newsletter_due(newsletter_id: int) -> Newsletter | None:
    """The newsletter if it is to be sent (or finished off) now; a due schedule starts it."""
    now = timezone.now()
    Newsletter.objects.filter(
        pk=newsletter_id, status=NewsletterStatus.SCHEDULED, scheduled_at__lte=now
    ).update(status=NewsletterStatus.SENDING, started_at=now)
    newsletter = Newsletter.objects.select_related("mailing_list").filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status not in (
        NewsletterStatus.SENDING,
        NewsletterStatus.CANCELLED,
    ):
        return None
    if newsletter.status == NewsletterStatus.CANCELLED and not _unfinished(newsletter).exists():
        return None
    return newsletter


def _unfinished(newsletter: Newsletter):
    return newsletter_rows(newsletter).filter(
        status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING, DeliveryStatus.HANDOVER]
    )


def _lease_take(newsletter: Newsletter, token: str) -> bool:
    now = timezone.now()
    current = newsletter.sender_token
    free = Q(sender_token="") | Q(sender_heartbeat_at__isnull=True)
    free |= Q(sender_heartbeat_at__lte=now - LEASE)
    if current and _holder_gone(current):
        free |= Q(sender_token=current)
    taken = Newsletter.objects.filter(free, pk=newsletter.pk, status=newsletter.status).update(
        sender_token=token, sender_heartbeat_at=now
    )
    return bool(taken)


def _check_later(newsletter: Newsletter) -> None:
    """Another host holds the lease with an old heartbeat: look again when it expires."""
    heartbeat = newsletter.sender_heartbeat_at
    if newsletter.sender_token and heartbeat and heartbeat <= timezone.now() - LEASE / 2:
        from amicc.mailings.tasks import send_newsletter

        task_enqueue(
            send_newsletter,
            at=heartbeat + LEASE + timedelta(seconds=1),
            newsletter_id=newsletter.pk,
        )


# --- Transactional and test messages -----------------------------------------------------


def transactional_queue(
    *,
    to: list[str],
    template: str,
    subject: str,
    text: str,
    html: str,
    reply_to: list[str] | None = None,
) -> list[Delivery]:
    """One TRANSACTIONAL delivery per address (its person linked), each sent by a task.

    `to` holds addresses, or "Name <address>"; an address that is not valid is recorded
    FAILED and not sent. Runs in the caller's transaction when there is one.
    """
    from amicc.coalition.models import Person
    from amicc.mailings.tasks import send_delivery

    recipients: dict[str, tuple[str, str]] = {}
    for value in to:
        name, address = parseaddr(value)
        address = address.strip()
        recipients.setdefault(address.lower(), (name, address))
    people = dict(
        Person.objects.annotate(email_ci=Lower("email"))
        # Not null, as the unique index on Lower(email) is: SQLite uses it only then.
        .filter(email_ci__in=list(recipients), email__isnull=False)
        .values_list("email_ci", "pk")
    )
    deliveries = []
    for key, (name, address) in recipients.items():
        delivery = Delivery(
            kind=DeliveryKind.TRANSACTIONAL,
            person_id=people.get(key),
            email=address[:254],
            name=name[:200],
            template=template[:100],
            subject=" ".join(subject.split())[:300],
            body_text=text,
            body_html=html,
            reply_to=list(reply_to or []),
        )
        try:
            validate_email(address)
        except ValidationError:
            delivery.status = DeliveryStatus.FAILED
            delivery.reason = f"{address!r} is not a valid email address."
        deliveries.append(delivery)
    Delivery.objects.bulk_create(deliveries)
    for delivery in deliveries:
        if delivery.status == DeliveryStatus.QUEUED:
            send_delivery.enqueue(delivery_id=delivery.pk)
    return deliveries


def delivery_send(*, delivery_id: int) -> None:
    """Send one transactional or test delivery (the `send_delivery` task); safe to repeat.

    Only a hard bounce stops a transactional message: someone who unsubscribed from every
    newsletter still gets the confirmation of what they just did.
    """
    now = timezone.now()
    claimed = (
        Delivery.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            pk=delivery_id,
            status=DeliveryStatus.QUEUED,
        )
        .exclude(kind=DeliveryKind.NEWSLETTER)
        .update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=now)
    )
    if not claimed:
        return
    delivery = Delivery.objects.get(pk=delivery_id)
    bounced = Suppression.objects.filter(
        email=delivery.email.lower(), reason=SuppressionReason.HARD_BOUNCE
    )
    if bounced.exists():
        Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.SKIPPED, reason=SKIPPED_BOUNCED, updated_at=now
        )
        return
    message = OutgoingMessage(
        message_id=delivery.message_id,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to_email=delivery.email,
        to_name=delivery.name,
        subject=delivery.subject,
        text=delivery.body_text,
        html=delivery.body_html,
        reply_to=tuple(delivery.reply_to or ()),
    )
    sender = Sender()
    try:
        with durable_commits():
            try:
                sender.open(1)
            except TransientError as error:  # the server is down: this attempt counts
                outcome = sender.retry(delivery, error.reason)
            else:
                outcome = sender.send_group([delivery], [message])[0]
    finally:
        sender.close()
    if outcome in (Outcome.RETRY, Outcome.DOWN):
        from amicc.mailings.tasks import send_delivery

        at = delivery.next_attempt_at if outcome == Outcome.RETRY else now + SERVER_DOWN_RESUME
        task_enqueue(send_delivery, at=at, delivery_id=delivery.pk)


# --- Recovery ----------------------------------------------------------------------------


def mailings_recover(*, log: Callable[[str], None] | None = None) -> int:
    """Queue again the work a stopped worker left, and start due schedules; returns how many
    tasks it enqueued. Run when `amicc worker` starts and by `amicc send-newsletters`
    (cron, every minute). Idempotent: enqueuing a send twice only makes one of them wait.
    """
    from amicc.mailings.tasks import send_newsletter

    say = log or logger.info
    now = timezone.now()
    enqueued = 0
    for newsletter in Newsletter.objects.filter(
        status=NewsletterStatus.SCHEDULED, scheduled_at__lte=now
    ):
        started = Newsletter.objects.filter(
            pk=newsletter.pk, status=NewsletterStatus.SCHEDULED
        ).update(status=NewsletterStatus.SENDING, started_at=now)
        if started:
            send_newsletter.enqueue(newsletter_id=newsletter.pk)
            enqueued += 1
            say(f"Started the scheduled newsletter {newsletter.pk} “{newsletter}”.")
    interrupted = Newsletter.objects.filter(
        Q(status=NewsletterStatus.SENDING)
        | Q(
            status=NewsletterStatus.CANCELLED,
            deliveries__kind=DeliveryKind.NEWSLETTER,
            deliveries__status__in=[
                DeliveryStatus.QUEUED,
                DeliveryStatus.SENDING,
                DeliveryStatus.HANDOVER,
            ],
        )
    ).distinct()
    for newsletter in interrupted:
        if _lease_stale(newsletter, now):
            send_newsletter.enqueue(newsletter_id=newsletter.pk)
            enqueued += 1
            say(f"Resumed the newsletter {newsletter.pk} “{newsletter}”.")
    enqueued += _recover_deliveries(now, say)
    return enqueued


def _recover_deliveries(now: datetime, say: Callable[[str], None]) -> int:
    from amicc.mailings.tasks import send_delivery

    single = Delivery.objects.exclude(kind=DeliveryKind.NEWSLETTER).filter(
        updated_at__lte=now - STUCK
    )
    uncertain = single.filter(status=DeliveryStatus.HANDOVER).update(
        status=DeliveryStatus.UNCERTAIN, reason=UNCERTAIN_RECOVERED, updated_at=now
    )
    if uncertain:
        say(f"Marked {uncertain} interrupted message(s) as sent, not confirmed.")
    interrupted = list(single.filter(status=DeliveryStatus.SENDING).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=interrupted, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.QUEUED, updated_at=now
    )
    due = single.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        status=DeliveryStatus.QUEUED,
    )
    ids = sorted({*due.values_list("pk", flat=True), *interrupted})
    for pk in ids:
        send_delivery.enqueue(delivery_id=pk)
    if ids:
        say(f"Queued {len(ids)} waiting message(s) again ({len(interrupted)} were interrupted).")
    return len(ids)
