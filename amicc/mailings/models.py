"""Mailing lists, newsletters and the delivery record of every message the platform sends.

One `Delivery` row per message and address, whatever sent it: a newsletter, a test send or
a transactional email of another app. For newsletters the row is unique per address, so a
person can never be queued twice for the same newsletter.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from amicc.coalition.choices import ConsentPurpose, Constituency
from amicc.coalition.geography import USState
from amicc.mailings.blocks import NewsletterBodyBlock
from amicc.mailings.choices import (
    DeliveryKind,
    DeliveryStatus,
    ListKind,
    MailEventType,
    NewsletterStatus,
    SuppressionReason,
)

LIST_PURPOSES = [
    (purpose.value, purpose.label)
    for purpose in ConsentPurpose
    if purpose != ConsentPurpose.DATA_PROCESSING
]


class MailingList(models.Model):
    """Who a newsletter goes to: a built-in audience or a saved segment.

    Every recipient must have given the list's consent `purpose`. For a segment the filter
    fields narrow everyone who gave it; `alliance` is the alliance of an alliance list, or
    a segment's alliance filter.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=ListKind.choices)
    description = models.TextField(
        blank=True, help_text=_("Shown to subscribers on their preferences page.")
    )
    purpose = models.CharField(
        _("consent required"),
        max_length=30,
        choices=LIST_PURPOSES,
        default=ConsentPurpose.NEWSLETTER,
    )
    alliance = models.ForeignKey(
        "coalition.Alliance",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mailing_lists",
    )
    filter_state = models.CharField(_("state"), max_length=2, choices=USState.choices, blank=True)
    filter_district = models.PositiveSmallIntegerField(
        _("district"), null=True, blank=True, help_text=_("Needs a state; 0 for an at-large seat.")
    )
    filter_constituency = models.CharField(
        _("constituency"),
        max_length=20,
        choices=Constituency.choices,
        blank=True,
        help_text=_("People who represent an active member organization of this kind."),
    )
    filter_joined_since = models.DateField(_("joined since"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ListKind.ALLIANCE) | Q(alliance__isnull=False),
                name="mailings_list_alliance_has_alliance",
                violation_error_message=_("An alliance list needs its alliance."),
            ),
            models.UniqueConstraint(
                fields=["alliance"],
                condition=Q(kind=ListKind.ALLIANCE),
                name="mailings_list_one_per_alliance",
                violation_error_message=_("This alliance already has its list."),
            ),
            models.CheckConstraint(
                condition=Q(filter_district__isnull=True) | ~Q(filter_state=""),
                name="mailings_list_district_needs_state",
                violation_error_message=_("A district filter needs a state."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ListOptOut(models.Model):
    """An address that left one list (leaving everything is a `Suppression`)."""

    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="opt_outs")
    email = models.EmailField()
    source = models.CharField(
        max_length=100, blank=True, help_text=_("Where it came from: a link, the preferences page.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "mailing_list", Lower("email"), name="mailings_optout_list_email_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} left {self.mailing_list}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Suppression(models.Model):
    """An address no newsletter goes to: unsubscribed everywhere, bounced or complained."""

    email = models.EmailField(unique=True, help_text=_("Stored in lower case."))
    reason = models.CharField(max_length=20, choices=SuppressionReason.choices)
    source = models.CharField(
        max_length=100, blank=True, help_text=_("Where it came from: a link, a webhook, staff.")
    )
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_reason_display()})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Newsletter(models.Model):
    """A message composed from blocks and sent once to one list."""

    title = models.CharField(max_length=200, help_text=_("The archive's title for it."))
    slug = models.SlugField(max_length=200, unique=True)
    subject = models.CharField(max_length=200)
    preheader = models.CharField(
        max_length=200, blank=True, help_text=_("The line mail programs show after the subject.")
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.PROTECT, related_name="newsletters", verbose_name=_("list")
    )
    body = StreamField(NewsletterBodyBlock(), blank=True)
    is_public = models.BooleanField(
        _("show in the public archive"), default=False, help_text=_("Once it has been sent.")
    )
    status = models.CharField(
        max_length=20, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    scheduled_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When every recipient's delivery record was written.")
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total_recipients = models.PositiveIntegerField(default=0)
    # The lease of the one process sending it: "host:pid:random", renewed as it goes.
    sender_token = models.CharField(max_length=200, blank=True, editable=False)
    sender_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "scheduled_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mailings:archive_detail", kwargs={"slug": self.slug})


class Delivery(models.Model):
    """One message to one address, and what became of it."""

    kind = models.CharField(max_length=20, choices=DeliveryKind.choices)
    newsletter = models.ForeignKey(
        Newsletter, null=True, blank=True, on_delete=models.PROTECT, related_name="deliveries"
    )
    person = models.ForeignKey(
        "coalition.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    # Transactional and test messages keep what was rendered; newsletter rows keep only the
    # personalization snapshot (`context`) and are rendered from the newsletter when sent.
    template = models.CharField(max_length=100, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body_text = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    reason = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "email"],
                condition=Q(kind=DeliveryKind.NEWSLETTER),
                name="mailings_delivery_once_per_newsletter",
                violation_error_message=_("This address is already queued for this newsletter."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=DeliveryKind.NEWSLETTER) | Q(newsletter__isnull=False),
                name="mailings_delivery_newsletter_has_newsletter",
            ),
        ]
        indexes = [
            models.Index(fields=["newsletter", "status", "id"]),
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(Lower("email"), name="mailings_delivery_email_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a retry is recognisably one message."""
        domain = settings.AMICC_MAIL_DOMAIN
        return f"<amicc.{self.kind}.{self.pk}@{domain}>"


class MailEvent(models.Model):
    """What a mail provider (through django-anymail) or staff reported about a message."""

    esp = models.CharField(_("provider"), max_length=50, blank=True)
    event_id = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(max_length=20, choices=MailEventType.choices)
    email = models.EmailField()
    delivery = models.ForeignKey(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    description = models.TextField(blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["esp", "event_id"],
                condition=~Q(event_id=""),
                name="mailings_event_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_event_type_display()}: {self.email}"
