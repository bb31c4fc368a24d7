"""The events app's closed lists."""

from django.db import models


class EventType(models.TextChoices):
    PUBLIC_DISCUSSION = "public_discussion", "Public discussion"
    BRIEFING = "briefing", "Briefing"
    SEMINAR = "seminar", "Seminar or conference"
    DEMONSTRATION = "demonstration", "Demonstration"
    SCHOOL_PROGRAM = "school_program", "School or community program"
    WEBINAR = "webinar", "Webinar"
    ASP_SIDE_EVENT = "asp_side_event", "ASP side event"


class RsvpStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"
