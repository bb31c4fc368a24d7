"""The check after a send: the sink's messages against the newsletter's delivery records.

Exactly once means: no recipient and no Message-ID twice in the sink, a message for every
delivery that was to be sent (everything but SKIPPED and FAILED: an UNCERTAIN one counts,
the person must have it), none to an address that was skipped or has no record, and each
carrying its own delivery's Message-ID.
"""

from collections import Counter

from django.conf import settings
from processes import duplicates

SHOWN = 20  # at most this many addresses listed for any problem


def verify(newsletter, lines, *, handed_over_at_kills: frozenset[str] = frozenset()) -> dict:
    """`handed_over_at_kills`: addresses in HANDOVER right after a worker was killed, the
    window in which the engine may lose a message rather than send it twice."""
    from amicc.mailings.choices import DeliveryStatus
    from amicc.mailings.models import Delivery

    domain = settings.AMICC_MAIL_DOMAIN
    records = {}
    statuses, reasons = Counter(), Counter()
    rows = Delivery.objects.filter(newsletter=newsletter).values_list(
        "pk", "email", "status", "reason"
    )
    for pk, email, status, reason in rows.iterator(chunk_size=5000):
        records[email.lower()] = (pk, status)
        statuses[status] += 1
        if status in (DeliveryStatus.SKIPPED, DeliveryStatus.FAILED):
            reasons[f"{status}: {reason[:60]}"] += 1
    received = {line.recipient.lower() for line in lines}
    not_to_send = {DeliveryStatus.SKIPPED, DeliveryStatus.FAILED}
    missing = sorted(
        e for e, (_, s) in records.items() if s not in not_to_send and e not in received
    )
    unexpected = sorted(
        e for e in received if records.get(e, (0, DeliveryStatus.SKIPPED))[1] in not_to_send
    )
    wrong_ids = [
        f"{line.recipient} {line.message_id}"
        for line in lines
        if line.recipient.lower() in records
        and line.message_id != f"<amicc.newsletter.{records[line.recipient.lower()][0]}@{domain}>"
    ]
    uncertain = [e for e, (_, s) in records.items() if s == DeliveryStatus.UNCERTAIN]
    by_recipient = duplicates(line.recipient.lower() for line in lines)
    by_message_id = duplicates(line.message_id for line in lines)
    return {
        "deliveries": len(records),
        "statuses": dict(sorted(statuses.items())),
        "skipped_and_failed_reasons": dict(reasons.most_common()),
        "messages_in_sink": len(lines),
        "distinct_recipients_in_sink": len(received),
        "duplicate_recipients": len(by_recipient),
        "duplicate_recipients_shown": dict(list(by_recipient.items())[:SHOWN]),
        "duplicate_message_ids": len(by_message_id),
        "duplicate_message_ids_shown": dict(list(by_message_id.items())[:SHOWN]),
        "missing": len(missing),
        "missing_shown": missing[:SHOWN],
        "missing_handed_over_at_a_kill": sum(e in handed_over_at_kills for e in missing),
        "sent_although_skipped_or_unknown": len(unexpected),
        "sent_although_skipped_or_unknown_shown": unexpected[:SHOWN],
        "wrong_message_ids": len(wrong_ids),
        "wrong_message_ids_shown": wrong_ids[:SHOWN],
        "uncertain": len(uncertain),
        "uncertain_not_in_sink": sorted(e for e in uncertain if e not in received)[:SHOWN],
        "exactly_once": not (by_recipient or by_message_id or missing or unexpected),
    }
