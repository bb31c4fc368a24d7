"""The outreach app's closed lists: presentation requests and media coverage."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpeakerKind(models.TextChoices):
    STAFF = "staff", _("Staff member")
    VOLUNTEER = "volunteer", _("Volunteer")


class AudienceType(models.TextChoices):
    STUDENTS = "students", _("Students (school or university)")
    LAW = "law", _("Law school, bar association or legal professionals")
    FAITH = "faith", _("Faith community")
    CIVIC = "civic", _("Civic or community group")
    HUMAN_RIGHTS = "human_rights", _("Human rights or advocacy group")
    VETERANS = "veterans", _("Veterans' group")
    PROFESSIONAL = "professional", _("Professional or business group")
    OTHER = "other", _("Other")


class PresentationFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    SCHEDULED = "scheduled", _("Scheduled")
    DELIVERED = "delivered", _("Delivered")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class MediaKind(models.TextChoices):
    NEWS = "news", _("News story")
    OP_ED = "op_ed", _("Op-ed")
    LETTER_TO_EDITOR = "letter_to_editor", _("Letter to the editor")
    INTERVIEW = "interview", _("Interview")
    BROADCAST = "broadcast", _("Broadcast")
