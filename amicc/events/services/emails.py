"""The emails an RSVP brings: confirmation, promotion off the waitlist, reminder.

Each is rendered from the RSVP as stored when it is sent, so a message never carries a
name or address that was erased in between.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from amicc.core.email import email_send
from amicc.events.models import Rsvp
from amicc.events.tokens import cancel_token_make


def cancel_url(rsvp: Rsvp) -> str:
    path = reverse("events:cancel", kwargs={"token": cancel_token_make(rsvp.pk)})
    return f"{settings.SITE_URL}{path}"


def rsvp_email_send(*, rsvp_id: int, template: str) -> bool:
    """Email the RSVP's person with `template`; False when they have no address any more.

    Written in the language the RSVP was made in, whenever it is sent (a reminder goes
    out from a scheduled job, where no visitor's language is active).
    """
    rsvp = Rsvp.objects.select_related("event", "person").filter(pk=rsvp_id).first()
    if rsvp is None or not rsvp.person.email:
        return False
    with translation.override(rsvp.language):
        context = {
            "name": rsvp.name,
            "rsvp": rsvp,
            "event": rsvp.event,
            "event_url": rsvp.event.full_url,
            "cancel_url": cancel_url(rsvp),
        }
        email_send(to=[rsvp.person.email], template=template, context=context)
    return True
