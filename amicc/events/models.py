"""Events hosted by the coalition, an alliance or a member organization, and their RSVPs.

An event's times are stored as instants; `time_zone` is where it happens, so pages, emails
and calendar files show it in the local time of its place, whoever reads them.
"""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import USState
from amicc.events.choices import EventType, RsvpStatus

DEFAULT_TIME_ZONE = "America/New_York"
# Path segments under /events/ that are pages of their own, never an event's slug.
RESERVED_SLUGS = frozenset({"past", "alliances", "rsvp", "calendar"})
CAPACITY_MESSAGE = _("A capacity is at least 1 seat; leave it empty for no limit.")
PLACE_MESSAGE = _("Give the event a place (at least its city) or an online link, or both.")
HOSTS_MESSAGE = _("An event has one host: an alliance or a member organization, not both.")


@functools.cache
def time_zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone name; choose one such as America/Chicago."),
            params={"value": value},
            code="invalid_time_zone",
        )


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is taken by a page of the site: choose another slug."),
            params={"value": value},
        )


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(is_published=True)

    def upcoming(self, now: datetime.datetime) -> "EventQuerySet":
        return self.filter(ends_at__gt=now)

    def past(self, now: datetime.datetime) -> "EventQuerySet":
        return self.filter(ends_at__lte=now)


class Event(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_slug_not_reserved])
    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    alliance = models.ForeignKey(
        "coalition.Alliance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The alliance hosting the event."),
    )
    organization = models.ForeignKey(
        "coalition.MemberOrganization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The member organization hosting it. With neither, the coalition hosts it."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the event happens; its times are in this zone."),
    )
    venue = models.CharField(max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state = models.CharField(max_length=2, choices=USState.choices, blank=True, db_index=True)
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("For a webinar or a live stream.")
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Seats. Leave empty for no limit.")
    )
    description = models.TextField()
    topics = models.ManyToManyField("pages.Topic", blank=True, related_name="events")
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the site and open for RSVPs.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["is_published", "ends_at", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(alliance__isnull=True) | Q(organization__isnull=True),
                name="events_event_one_host",
                violation_error_message=HOSTS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event ends after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="events_event_capacity_positive",
                violation_error_message=CAPACITY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(city="") | ~Q(online_url=""),
                name="events_event_place_or_link",
                violation_error_message=PLACE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.alliance_id and self.organization_id:
            errors["organization"] = HOSTS_MESSAGE
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = CAPACITY_MESSAGE
        if not self.city.strip() and not self.online_url:
            errors["city"] = PLACE_MESSAGE
        if errors:
            raise ValidationError(errors)

    @property
    def full_url(self) -> str:
        return f"{settings.SITE_URL}{self.get_absolute_url()}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_local(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def ends_local(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def when_text(self) -> str:
        """ "Thursday 5 March 2026, 6:30 p.m. to 8 p.m. CST", in the event's own time zone."""
        starts, ends = self.starts_local, self.ends_local
        text = dateformat.format(starts, gettext("l j F Y, P"))
        if ends.date() == starts.date():
            ends_text = dateformat.format(ends, gettext("P T"))
        else:
            ends_text = dateformat.format(ends, gettext("l j F Y, P T"))
        return gettext("%(starts)s to %(ends)s") % {"starts": text, "ends": ends_text}

    @property
    def host_name(self) -> str:
        host = self.alliance or self.organization
        return host.name if host else gettext("The coalition")

    @property
    def place_text(self) -> str:
        state = self.get_state_display() if self.state else ""
        return ", ".join(part for part in (self.venue, self.address, self.city, state) if part)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())


class Rsvp(models.Model):
    """One person's answer to an event; `created_at` orders the waitlist."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(
        "coalition.Person",
        on_delete=models.CASCADE,
        related_name="event_rsvps",
    )
    name = models.CharField(max_length=200, help_text=_("The name as they typed it."))
    status = models.CharField(max_length=20, choices=RsvpStatus.choices, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    promoted_at = models.DateTimeField(
        _("moved off the waitlist"), null=True, blank=True, editable=False
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The language of the page the RSVP was made on: its reminder is written in it.
    language = models.CharField(_("language"), max_length=10, default="en", editable=False)
    attended = models.BooleanField(
        null=True, blank=True, help_text=_("Leave unknown until marked.")
    )

    class Meta:
        verbose_name = pgettext_lazy("a registration for an event", "RSVP")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status=RsvpStatus.CANCELLED),
                name="events_rsvp_one_live_per_person",
                violation_error_message=_("This person is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=(Q(status=RsvpStatus.CANCELLED) & Q(cancelled_at__isnull=False))
                | (~Q(status=RsvpStatus.CANCELLED) & Q(cancelled_at__isnull=True)),
                name="events_rsvp_cancelled_when",
                violation_error_message=_("A cancelled RSVP records when; no other does."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or 'Erased person'}: {self.event}"
