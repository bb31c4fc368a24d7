"""One process's turn at sending a newsletter, under the newsletter's lease.

See `amicc.mailings.sending` for the states a delivery goes through and why a message is
never sent twice; this is the loop: claim a batch of due rows, skip those that must not
go any more, send the rest in groups at the configured rate, and end when nothing is
left, when the next retry is far off (queueing its own continuation), or when the mail
server stays unreachable (likewise, a little later).
"""

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django_tasks_db import DatabaseBackend

from amicc.core.page_cache import invalidate_page_cache
from amicc.mailings.choices import DeliveryKind, DeliveryStatus, NewsletterStatus
from amicc.mailings.handover import Outcome, Sender, release
from amicc.mailings.mime import OutgoingMessage
from amicc.mailings.models import Delivery, Newsletter
from amicc.mailings.transport import TransientError

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=120)  # longer than queueing 100,000 recipients, which can't renew it
SLICE = 120.0  # seconds a send keeps the worker before queueing its continuation
WAIT_INLINE = 5.0  # retries due sooner than this are waited for, not re-queued
SMTP_CONNECTIONS = 8  # at most, for a send at full speed (see `Sender.send_group`)
# Seconds between reconnection attempts while the mail server is unreachable; then the
# send stops and comes back after SERVER_DOWN_RESUME.
SERVER_DOWN_WAITS = (1, 2, 4, 8, 15, 30)
SERVER_DOWN_RESUME = timedelta(minutes=2)

SKIPPED_CANCELLED = "The newsletter was cancelled before this message was sent."
UNCERTAIN_RECOVERED = (
    "The sender stopped after handing the whole message to the mail server, before its "
    "answer; it was most likely delivered, so it is not sent again."
)


class LeaseLost(Exception):
    """Another process holds the newsletter now, or it is no longer being sent."""


class ServerDown(Exception):
    """The mail server stayed unreachable through every wait."""


def task_enqueue(task, *, at: datetime | None = None, **kwargs) -> bool:
    """Enqueue `task`, at `at` if the task backend can defer (the immediate one can't)."""
    if at is not None:
        if not task.get_backend().supports_defer:
            return False
        task = task.using(run_after=at)
    task.enqueue(**kwargs)
    return True


def newsletter_rows(newsletter: Newsletter):
    """The newsletter's own deliveries (its test sends are deliveries of it too)."""
    return Delivery.objects.filter(newsletter_id=newsletter.pk, kind=DeliveryKind.NEWSLETTER)


class NewsletterRun:
    """One process's turn at sending a newsletter, under its lease."""

    def __init__(self, newsletter: Newsletter, token: str):
        self.newsletter = newsletter
        self.token = token
        rate = float(settings.AMICC_MAIL_RATE or 0)
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.batch_size = max(10, min(100, int(rate * 5))) if rate > 0 else 100
        # Messages handed over in one commit, one per SMTP connection: a commit waits for
        # the disk (milliseconds), so at high rates one per message would be the limit.
        self.group_size = (
            max(1, min(SMTP_CONNECTIONS, int(rate // 50))) if rate > 0 else SMTP_CONNECTIONS
        )
        self.next_at = 0.0
        self.claimed: list[Delivery] = []
        self.renewed = self.started = time.monotonic()
        self.domain = settings.AMICC_MAIL_DOMAIN
        self.rows = newsletter_rows(newsletter)

    def run(self) -> None:
        newsletter = self.newsletter
        self.sender = Sender(connections=self.group_size)
        try:
            self._recover()
            if newsletter.status == NewsletterStatus.SENDING and newsletter.queued_at is None:
                from amicc.mailings.services.audience import deliveries_queue

                deliveries_queue(newsletter=newsletter)
                self._renew()
            if newsletter.status == NewsletterStatus.CANCELLED:
                self._finish_cancelled()
            else:
                self._send_all()
        except LeaseLost:
            logger.info("Newsletter %s: lease lost or send stopped.", newsletter.pk)
        except ServerDown:
            self._continue_later(timezone.now() + SERVER_DOWN_RESUME)
        finally:
            self._release_claimed()
            self.sender.close()

    def _recover(self) -> None:
        """Rows a dead sender left: SENDING never reached the server, HANDOVER did."""
        deliveries, now = self.rows, timezone.now()
        deliveries.filter(status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.QUEUED, updated_at=now
        )
        deliveries.filter(status=DeliveryStatus.HANDOVER).update(
            status=DeliveryStatus.UNCERTAIN, reason=UNCERTAIN_RECOVERED, updated_at=now
        )

    def _renew(self) -> None:
        """Renew the lease; raises LeaseLost when it is gone or the send was cancelled."""
        now = timezone.now()
        renewed = Newsletter.objects.filter(
            pk=self.newsletter.pk, sender_token=self.token, status=NewsletterStatus.SENDING
        ).update(sender_heartbeat_at=now)
        self.renewed = time.monotonic()
        if not renewed:
            status = (
                Newsletter.objects.filter(pk=self.newsletter.pk)
                .values_list("status", flat=True)
                .first()
            )
            if status == NewsletterStatus.CANCELLED:
                self.newsletter.status = status
                self._release_claimed()
                self._finish_cancelled()
            raise LeaseLost

    def _send_all(self) -> None:
        from amicc.mailings.rendering import newsletter_template

        self.template = newsletter_template(self.newsletter)
        while True:
            if time.monotonic() - self.started > SLICE:
                self._continue_later(None)
                return
            self._renew()
            if self._claim():
                self._send_claimed()
                continue
            retry_at = self.rows.filter(status=DeliveryStatus.QUEUED).aggregate(
                at=Min("next_attempt_at")
            )["at"]
            if retry_at is None:
                self._finish()
                return
            wait = (retry_at - timezone.now()).total_seconds()
            if wait > WAIT_INLINE:
                self._continue_later(retry_at)
                return
            self._sleep(max(0.0, wait))

    def _claim(self) -> bool:
        """The next due QUEUED rows, the skipped ones marked, the rest moved to SENDING."""
        from amicc.mailings.services.audience import skip_reasons

        now = timezone.now()
        due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        batch = list(
            self.rows.filter(due, status=DeliveryStatus.QUEUED).order_by("pk")[: self.batch_size]
        )
        if not batch:
            return False
        skips = skip_reasons(newsletter=self.newsletter, deliveries=batch)
        for reason in set(skips.values()):
            ids = [pk for pk, why in skips.items() if why == reason]
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
                status=DeliveryStatus.SKIPPED, reason=reason, updated_at=now
            )
        batch = [delivery for delivery in batch if delivery.pk not in skips]
        ids = [delivery.pk for delivery in batch]
        claimed = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, updated_at=now
        )
        if claimed != len(ids):  # something else changed a row: keep what we moved
            ids = set(
                Delivery.objects.filter(
                    pk__in=ids, status=DeliveryStatus.SENDING, updated_at=now
                ).values_list("pk", flat=True)
            )
            batch = [delivery for delivery in batch if delivery.pk in ids]
        for delivery in batch:
            delivery.attempts += 1
        self.claimed = batch
        return True

    def _release_claimed(self) -> None:
        release(self.claimed)
        self.claimed = []

    def _send_claimed(self) -> None:
        while self.claimed:
            try:
                room = self.sender.open(self.group_size)
            except TransientError as error:
                logger.warning("Newsletter %s: %s", self.newsletter.pk, error.reason)
                self._release_claimed()
                self._wait_for_server()
                return
            group = self.claimed[:room]
            for _delivery in group:
                self._pace()
            outcomes = self.sender.send_group(group, [self._message(d) for d in group])
            del self.claimed[: len(group)]
            if Outcome.DOWN in outcomes:
                self._release_claimed()
                self._wait_for_server()
                return

    def _message(self, delivery: Delivery) -> OutgoingMessage:
        from amicc.mailings.rendering import newsletter_personalize
        from amicc.mailings.tokens import preferences_url, unsubscribe_url

        mailing_list = self.newsletter.mailing_list
        unsubscribe = unsubscribe_url(email=delivery.email, list_id=mailing_list.pk)
        rendered = newsletter_personalize(
            self.template,
            context=delivery.context,
            unsubscribe_url=unsubscribe,
            preferences_url=preferences_url(email=delivery.email),
        )
        return OutgoingMessage(
            message_id=delivery.message_id,
            from_email=self.sender.from_email,
            to_email=delivery.email,
            to_name=delivery.name or delivery.context.get("name", ""),
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            list_unsubscribe=unsubscribe,
            list_id=f"{mailing_list.slug}.{self.domain}",
            list_name=mailing_list.name,
        )

    def _pace(self) -> None:
        """Hold to the sending rate (monotonic clock, no bursts to catch up)."""
        if self.interval:
            now = time.monotonic()
            if self.next_at > now:
                time.sleep(max(0.0, self.next_at - time.monotonic()))
                self.next_at += self.interval
            else:
                self.next_at = now + self.interval
        if time.monotonic() - self.renewed > LEASE.total_seconds() / 4:
            self._renew()

    def _sleep(self, seconds: float) -> None:
        """Wait, keeping the lease."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, LEASE.total_seconds() / 4))
            self._renew()

    def _wait_for_server(self) -> None:
        for seconds in SERVER_DOWN_WAITS:
            self._sleep(seconds)
            try:
                self.sender.open(1)
            except TransientError:
                continue
            logger.info("Newsletter %s: the mail server is back.", self.newsletter.pk)
            return
        raise ServerDown

    def _continue_later(self, at: datetime | None) -> None:
        """Hand the lease back and queue this send again, now (a new slice) or at `at`."""
        from amicc.mailings.tasks import send_newsletter

        self._release_claimed()
        # The database backend writes the task in the same transaction as the release: both
        # or neither. Another backend (the immediate one) runs it only once this is over.
        same_transaction = isinstance(send_newsletter.get_backend(), DatabaseBackend)
        with transaction.atomic():
            # The heartbeat then says when the send resumes; recovery leaves it alone till then.
            Newsletter.objects.filter(pk=self.newsletter.pk, sender_token=self.token).update(
                sender_token="", sender_heartbeat_at=at or timezone.now()
            )
            if same_transaction:
                task_enqueue(send_newsletter, at=at, newsletter_id=self.newsletter.pk)
        if not same_transaction:
            task_enqueue(send_newsletter, at=at, newsletter_id=self.newsletter.pk)

    def _finish(self) -> None:
        now = timezone.now()
        finished = Newsletter.objects.filter(
            pk=self.newsletter.pk, sender_token=self.token, status=NewsletterStatus.SENDING
        ).update(status=NewsletterStatus.SENT, finished_at=now, sender_token="")
        if finished and self.newsletter.is_public:
            # It now belongs in the public archive, which anonymous visitors get from the cache.
            invalidate_page_cache()

    def _finish_cancelled(self) -> None:
        now = timezone.now()
        self.rows.filter(status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SKIPPED, reason=SKIPPED_CANCELLED, updated_at=now
        )
        Newsletter.objects.filter(pk=self.newsletter.pk, finished_at__isnull=True).update(
            finished_at=now
        )
