"""Transactional email: the one way the platform sends a message to a person.

Each email is a template trio under `templates/emails/`: `<name>_subject.txt`,
`<name>.txt` and `<name>.html`. Messages are rendered at once, so the context need not be
serializable, and stored as one delivery record per address (`mailings.Delivery`), which a
background task sends: staff see every message the platform sent a person, and a message
interrupted by a crash is resumed, never doubled (see `amicc.mailings.sending`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass(frozen=True, kw_only=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def email_render(*, template: str, context: dict) -> RenderedEmail:
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    return RenderedEmail(
        subject=" ".join(subject.split()),
        text=render_to_string(f"emails/{template}.txt", context),
        html=render_to_string(f"emails/{template}.html", context),
    )


def email_deliver(*, to: list[str], subject: str, text: str, html: str, reply_to: list[str]) -> int:
    """Send at once, in this process, with no delivery record.

    Only for a caller that keeps its own record of the sending and must know the outcome
    now (congress letters to a legislator's office).
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )
    message.attach_alternative(html, "text/html")
    return message.send()


def email_send(
    *, to: list[str], template: str, context: dict, reply_to: list[str] | None = None
) -> None:
    """Render an email now and queue one delivery per address for the worker to send."""
    from amicc.mailings.sending import transactional_queue

    rendered = email_render(template=template, context=context)
    transactional_queue(
        to=list(to),
        template=template,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        reply_to=list(reply_to or []),
    )
