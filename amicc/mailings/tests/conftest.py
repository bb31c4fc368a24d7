import itertools

import pytest
from django.test import override_settings

from amicc.coalition.tests.factories import PersonFactory
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import MailingList, Newsletter
from amicc.mailings.tests.smtp_sink import SmtpSink

_numbers = itertools.count(1)


@pytest.fixture
def smtp_sink():
    """A real SMTP server on 127.0.0.1; Django's settings point the SMTP backend at it."""
    sink = SmtpSink().start()
    with override_settings(**sink.django_settings()):
        yield sink
    sink.stop()


def newsletter_make(**fields) -> Newsletter:
    """A newsletter to the coalition newsletter list, being sent (as `send now` leaves it)."""
    number = next(_numbers)
    fields = {
        "title": f"March news {number}",
        "slug": f"march-news-{number}",
        "subject": "News from the coalition",
        "mailing_list": MailingList.objects.get(slug="coalition-newsletter"),
        "status": NewsletterStatus.SENDING,
        "body": [("text", "<p>The Assembly of States Parties meets in December.</p>")],
        **fields,
    }
    return Newsletter.objects.create(**fields)


def readers_make(count: int, *, prefix: str = "reader") -> list[str]:
    """`count` people who want the newsletter; their addresses."""
    emails = [f"{prefix}{n}@example.org" for n in range(count)]
    for n, email in enumerate(emails):
        PersonFactory(email=email, name=f"Reader {n}", wants_newsletter=True)
    return emails
