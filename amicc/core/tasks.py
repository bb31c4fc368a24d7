"""Background tasks of the core app: thin wrappers around services."""

from django_tasks import task

from amicc.core import services


@task()
def deliver_email(*, to: list[str], subject: str, text: str, html: str, reply_to: list[str]) -> int:
    """Tasks queued before emails had delivery records: record and send them the new way."""
    from amicc.mailings.sending import transactional_queue

    deliveries = transactional_queue(
        to=to, template="", subject=subject, text=text, html=html, reply_to=reply_to
    )
    return len(deliveries)


@task()
def extract_document_text(*, document_id: int) -> int:
    return services.document_extract_text(document_id=document_id)
