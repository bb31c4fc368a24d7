"""The closed lists of the mailings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListKind(models.TextChoices):
    SUPPORTERS = "supporters", _("All confirmed supporters")
    ALLIANCE = "alliance", _("An alliance's members")
    REPRESENTATIVES = "representatives", _("Member-organization representatives")
    DELEGATION_APPLICANTS = "delegation_applicants", _("ASP delegation applicants")
    SEGMENT = "segment", _("Saved segment")


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class DeliveryKind(models.TextChoices):
    NEWSLETTER = "newsletter", _("Newsletter")
    TRANSACTIONAL = "transactional", _("Notification")
    TEST = "test", _("Test send")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    # The whole message is with the mail server and the commit is written; only the final
    # "." that makes the server accept it is outstanding. A worker killed here leaves the
    # message delivered (or, in a microsecond window, not): it is never sent again.
    HANDOVER = "handover", _("Handed to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
    UNCERTAIN = "uncertain", _("Sent, not confirmed")


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from everything")
    HARD_BOUNCE = "hard_bounce", _("Hard bounce")
    COMPLAINT = "complaint", _("Spam complaint")
    MANUAL = "manual", _("Added by staff")


class MailEventType(models.TextChoices):
    BOUNCED = "bounced", _("Bounced (permanent)")
    DEFERRED = "deferred", _("Deferred (temporary)")
    COMPLAINED = "complained", _("Spam complaint")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed at the provider")
    REJECTED = "rejected", _("Rejected by the provider")
    OTHER = "other", _("Other")
