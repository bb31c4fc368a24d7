"""The coalition's own closed lists."""

from django.db import models


class Constituency(models.TextChoices):
    BAR_ASSOCIATION = "bar_association", "Bar association"
    WOMENS_GROUP = "womens_group", "Women's group"
    HUMAN_RIGHTS = "human_rights", "Human rights organization"
    RELIGIOUS = "religious", "Religious organization"
    VETERANS = "veterans", "Veterans' group"
    STUDENT = "student", "Student group"
    YOUNG_ADULTS = "young_adults", "Young adults group"
    ACADEMIC = "academic", "Academic institution"
    OTHER = "other", "Other"


class OrganizationStatus(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AllianceStatus(models.TextChoices):
    FORMING = "forming", "Forming"
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Awaiting email confirmation"
    ACTIVE = "active", "Active"
    LEFT = "left", "Left"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class InitiativeType(models.TextChoices):
    PUBLIC_DISCUSSION = "public_discussion", "Public discussion"
    FLIER_DISTRIBUTION = "flier_distribution", "Flier distribution"
    DEMONSTRATION = "demonstration", "Demonstration"
    BRIEFING = "briefing", "Briefing for local organizations"
    EDUCATION_CAMPAIGN = "education_campaign", "School or community education campaign"
    DISTRICT_POLL = "district_poll", "District poll"
    CONGRESSIONAL_MEETING = "congressional_meeting", "Meeting with a congressional office"
    STATE_LEGISLATIVE_MEETING = (
        "state_legislative_meeting",
        "Meeting with a state legislative office",
    )
    MEDIA_COVERAGE = "media_coverage", "Media coverage"
    ACADEMIC_EVENT = "academic_event", "Academic seminar or conference"
    OTHER = "other", "Other"


class ConsentPurpose(models.TextChoices):
    """What a person agreed to; each agreement is recorded with its wording and source."""

    DATA_PROCESSING = "data_processing", "Keeping my details to run my membership"
    ALLIANCE_UPDATES = "alliance_updates", "Emails from my local alliance"
    NEWSLETTER = "newsletter", "The coalition's newsletter"
    ACTION_ALERTS = "action_alerts", "Action alerts about Congress and the ICC"


class ConsentSource(models.TextChoices):
    ALLIANCE_SIGNUP = "alliance_signup", "Alliance sign-up form"
    ORGANIZATION_APPLICATION = "organization_application", "Organization application form"
    IMPORT = "import", "Import by staff"
    STAFF = "staff", "Recorded by staff"
    PREFERENCES = "preferences", "Preferences page"
    LETTER_FORM = "letter_form", "Letter to Congress form"
    DELEGATION_APPLICATION = "delegation_application", "ASP delegation application form"
    EVENT_RSVP = "event_rsvp", "Event RSVP form"
    PRESENTATION_REQUEST = "presentation_request", "Presentation request form"
