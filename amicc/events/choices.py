"""The events app's closed lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    PUBLIC_DISCUSSION = "public_discussion", _("Public discussion")
    BRIEFING = "briefing", _("Briefing")
    SEMINAR = "seminar", _("Seminar or conference")
    DEMONSTRATION = "demonstration", _("Demonstration")
    SCHOOL_PROGRAM = "school_program", _("School or community program")
    WEBINAR = "webinar", _("Webinar")
    ASP_SIDE_EVENT = "asp_side_event", _("ASP side event")


class RsvpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")
