"""Phase 1 of the mailings benchmark: queue a newsletter's deliveries, then render them all.

Queueing is `deliveries_queue`, the audience service the send task runs first: one
delivery row per address with its personalization snapshot. Rendering is what the engine
does for each message it sends, without the sending: `newsletter_template` once, then per
delivery its snapshot read back from the database, `newsletter_personalize`, the two signed
links and `mime.message_bytes`. Each step is timed on its own; messages are discarded as
they are made (only their sizes are kept), so memory stays flat whatever N is.
"""

import time

from django.conf import settings

CHUNK = 2000


def outgoing(newsletter, *, delivery_id: int, email: str, name: str, rendered, unsubscribe: str):
    """The `OutgoingMessage` of one newsletter delivery, with the engine's headers."""
    from amicc.mailings.mime import OutgoingMessage

    domain = settings.AMICC_MAIL_DOMAIN
    return OutgoingMessage(
        message_id=f"<amicc.newsletter.{delivery_id}@{domain}>",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to_email=email,
        to_name=name,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        list_unsubscribe=unsubscribe,
        list_id=f"{newsletter.mailing_list.slug}.{domain}",
        list_name=newsletter.mailing_list.name,
    )


def queue(newsletter) -> dict:
    from amicc.mailings.services.audience import deliveries_queue

    started = time.perf_counter()
    result = deliveries_queue(newsletter=newsletter)
    seconds = time.perf_counter() - started
    return {
        "queued": result.queued,
        "skipped": result.skipped,
        "seconds": seconds,
        "per_second": (result.queued + result.skipped) / seconds,
    }


def render_all(newsletter) -> tuple[dict, bytes]:
    """Render every queued delivery's message; (figures, one sample message)."""
    from amicc.mailings import mime, rendering, tokens
    from amicc.mailings.choices import DeliveryStatus
    from amicc.mailings.models import Delivery

    clock = time.perf_counter
    started = clock()
    template = rendering.newsletter_template(newsletter)
    template_seconds = clock() - started
    list_id = newsletter.mailing_list_id
    spent = {"read": 0.0, "links": 0.0, "personalize": 0.0, "mime": 0.0}
    count = total_bytes = largest = 0
    sample = b""
    rows = (
        Delivery.objects.filter(newsletter=newsletter, status=DeliveryStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", "email", "name", "context")
    )
    started = clock()
    mark = clock()
    for pk, email, name, context in rows.iterator(chunk_size=CHUNK):
        t0 = clock()
        spent["read"] += t0 - mark
        unsubscribe = tokens.unsubscribe_url(email=email, list_id=list_id)
        preferences = tokens.preferences_url(email=email)
        t1 = clock()
        rendered = rendering.newsletter_personalize(
            template, context=context, unsubscribe_url=unsubscribe, preferences_url=preferences
        )
        t2 = clock()
        data = mime.message_bytes(
            outgoing(
                newsletter,
                delivery_id=pk,
                email=email,
                name=name or context.get("name", ""),
                rendered=rendered,
                unsubscribe=unsubscribe,
            )
        )
        mark = clock()
        spent["links"] += t1 - t0
        spent["personalize"] += t2 - t1
        spent["mime"] += mark - t2
        count += 1
        total_bytes += len(data)
        if len(data) > largest:
            largest, sample = len(data), data
    seconds = clock() - started
    figures = {
        "messages": count,
        "template_seconds": template_seconds,
        "seconds": seconds,
        "per_second": count / seconds if seconds else None,
        "microseconds_per_message": {
            step: 1e6 * value / count if count else None for step, value in spent.items()
        },
        "mean_message_bytes": total_bytes / count if count else 0,
        "largest_message_bytes": largest,
    }
    return figures, sample
