"""Background tasks of the congress app: thin wrappers around its services."""

from django_tasks import task

from amicc.congress.services import letters


@task()
def deliver_letter(*, letter_id: int) -> str:
    return letters.letter_deliver(letter_id=letter_id)
