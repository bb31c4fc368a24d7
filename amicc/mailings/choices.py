"""The closed lists of the mailings app."""

from django.db import models


class ListKind(models.TextChoices):
    SUPPORTERS = "supporters", "All confirmed supporters"
    ALLIANCE = "alliance", "An alliance's members"
    REPRESENTATIVES = "representatives", "Member-organization representatives"
    DELEGATION_APPLICANTS = "delegation_applicants", "ASP delegation applicants"
    SEGMENT = "segment", "Saved segment"


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Cancelled"


class DeliveryKind(models.TextChoices):
    NEWSLETTER = "newsletter", "Newsletter"
    TRANSACTIONAL = "transactional", "Notification"
    TEST = "test", "Test send"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Being sent"
    # The whole message is with the mail server and the commit is written; only the final
    # "." that makes the server accept it is outstanding. A worker killed here leaves the
    # message delivered (or, in a microsecond window, not): it is never sent again.
    HANDOVER = "handover", "Handed to the mail server"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    UNCERTAIN = "uncertain", "Sent, not confirmed"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed from everything"
    HARD_BOUNCE = "hard_bounce", "Hard bounce"
    COMPLAINT = "complaint", "Spam complaint"
    MANUAL = "manual", "Added by staff"


class MailEventType(models.TextChoices):
    BOUNCED = "bounced", "Bounced (permanent)"
    DEFERRED = "deferred", "Deferred (temporary)"
    COMPLAINED = "complained", "Spam complaint"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed at the provider"
    REJECTED = "rejected", "Rejected by the provider"
    OTHER = "other", "Other"
