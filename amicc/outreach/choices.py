"""The outreach app's closed lists: presentation requests and media coverage."""

from django.db import models


class SpeakerKind(models.TextChoices):
    STAFF = "staff", "Staff member"
    VOLUNTEER = "volunteer", "Volunteer"


class AudienceType(models.TextChoices):
    STUDENTS = "students", "Students (school or university)"
    LAW = "law", "Law school, bar association or legal professionals"
    FAITH = "faith", "Faith community"
    CIVIC = "civic", "Civic or community group"
    HUMAN_RIGHTS = "human_rights", "Human rights or advocacy group"
    VETERANS = "veterans", "Veterans' group"
    PROFESSIONAL = "professional", "Professional or business group"
    OTHER = "other", "Other"


class PresentationFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    SCHEDULED = "scheduled", "Scheduled"
    DELIVERED = "delivered", "Delivered"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class MediaKind(models.TextChoices):
    NEWS = "news", "News story"
    OP_ED = "op_ed", "Op-ed"
    LETTER_TO_EDITOR = "letter_to_editor", "Letter to the editor"
    INTERVIEW = "interview", "Interview"
    BROADCAST = "broadcast", "Broadcast"
