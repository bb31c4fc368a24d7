"""Background tasks of the core app: thin wrappers around services."""

from django_tasks import task

from amicc.core import email, services


@task()
def deliver_email(*, to: list[str], subject: str, text: str, html: str, reply_to: list[str]) -> int:
    return email.email_deliver(to=to, subject=subject, text=text, html=html, reply_to=reply_to)


@task()
def extract_document_text(*, document_id: int) -> int:
    return services.document_extract_text(document_id=document_id)
