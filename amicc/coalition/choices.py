"""The coalition's own closed lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Constituency(models.TextChoices):
    BAR_ASSOCIATION = "bar_association", _("Bar association")
    WOMENS_GROUP = "womens_group", _("Women's group")
    HUMAN_RIGHTS = "human_rights", _("Human rights organization")
    RELIGIOUS = "religious", _("Religious organization")
    VETERANS = "veterans", _("Veterans' group")
    STUDENT = "student", _("Student group")
    YOUNG_ADULTS = "young_adults", _("Young adults group")
    ACADEMIC = "academic", _("Academic institution")
    OTHER = "other", _("Other")


class OrganizationStatus(models.TextChoices):
    APPLICANT = "applicant", pgettext_lazy("organization status", "Applicant")
    ACTIVE = "active", pgettext_lazy("organization status", "Active")
    LAPSED = "lapsed", pgettext_lazy("organization status", "Lapsed")
    WITHDRAWN = "withdrawn", pgettext_lazy("organization status", "Withdrawn")


class AllianceStatus(models.TextChoices):
    FORMING = "forming", pgettext_lazy("alliance status", "Forming")
    ACTIVE = "active", pgettext_lazy("alliance status", "Active")
    DORMANT = "dormant", pgettext_lazy("alliance status", "Dormant")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership status", "Awaiting email confirmation")
    ACTIVE = "active", pgettext_lazy("membership status", "Active")
    LEFT = "left", pgettext_lazy("membership status", "Left")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("application status", "Awaiting review")
    APPROVED = "approved", pgettext_lazy("application status", "Approved")
    DECLINED = "declined", pgettext_lazy("application status", "Declined")


class InitiativeType(models.TextChoices):
    PUBLIC_DISCUSSION = "public_discussion", _("Public discussion")
    FLIER_DISTRIBUTION = "flier_distribution", _("Flier distribution")
    DEMONSTRATION = "demonstration", _("Demonstration")
    BRIEFING = "briefing", _("Briefing for local organizations")
    EDUCATION_CAMPAIGN = "education_campaign", _("School or community education campaign")
    DISTRICT_POLL = "district_poll", _("District poll")
    CONGRESSIONAL_MEETING = "congressional_meeting", _("Meeting with a congressional office")
    STATE_LEGISLATIVE_MEETING = (
        "state_legislative_meeting",
        _("Meeting with a state legislative office"),
    )
    MEDIA_COVERAGE = "media_coverage", _("Media coverage")
    ACADEMIC_EVENT = "academic_event", _("Academic seminar or conference")
    OTHER = "other", _("Other")


class ConsentPurpose(models.TextChoices):
    """What a person agreed to; each agreement is recorded with its wording and source."""

    DATA_PROCESSING = "data_processing", _("Keeping my details to run my membership")
    ALLIANCE_UPDATES = "alliance_updates", _("Emails from my local alliance")
    NEWSLETTER = "newsletter", _("The coalition's newsletter")
    ACTION_ALERTS = "action_alerts", _("Action alerts about Congress and the ICC")


class ConsentSource(models.TextChoices):
    ALLIANCE_SIGNUP = "alliance_signup", _("Alliance sign-up form")
    ORGANIZATION_APPLICATION = "organization_application", _("Organization application form")
    IMPORT = "import", _("Import by staff")
    STAFF = "staff", _("Recorded by staff")
    PREFERENCES = "preferences", _("Preferences page")
    LETTER_FORM = "letter_form", _("Letter to Congress form")
    DELEGATION_APPLICATION = "delegation_application", _("ASP delegation application form")
    EVENT_RSVP = "event_rsvp", _("Event RSVP form")
    PRESENTATION_REQUEST = "presentation_request", _("Presentation request form")
