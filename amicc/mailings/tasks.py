"""Background tasks of the mailings app: thin wrappers around the sending engine.

A transactional message outranks a newsletter in the queue: a confirmation never waits
for a long send (which also gives the worker back every few minutes, see `sending.SLICE`).
"""

from django_tasks import task

from amicc.mailings import sending


@task(priority=0)
def send_newsletter(*, newsletter_id: int) -> None:
    sending.newsletter_deliver(newsletter_id=newsletter_id)


@task(priority=10)
def send_delivery(*, delivery_id: int) -> None:
    sending.delivery_send(delivery_id=delivery_id)
