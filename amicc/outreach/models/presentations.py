"""Presentations on the ICC given on request: the speaker roster and the requests."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import USState
from amicc.outreach.choices import AudienceType, PresentationFormat, RequestStatus, SpeakerKind
from amicc.outreach.models.checks import in_choices


def states_validate(value: object) -> None:
    """A list of distinct state codes, as the speaker's `states` field keeps them."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give the states as a list of two-letter codes."))
    unknown = sorted(set(value) - set(USState.values))
    if unknown:
        raise ValidationError(
            _("Not a US state or territory: %(states)s."), params={"states": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each state is listed once."))


class Speaker(models.Model):
    """Someone who gives presentations: a staff member or a volunteer.

    `states` lists where they can present in person; an empty list means anywhere.
    """

    name = models.CharField(max_length=200)
    email = models.EmailField()
    kind = models.CharField(max_length=20, choices=SpeakerKind.choices)
    topics = models.ManyToManyField("pages.Topic", blank=True, related_name="speakers")
    states = models.JSONField(
        _("states covered"),
        default=list,
        blank=True,
        validators=[states_validate],
        help_text=_("Where they present in person; none chosen means anywhere."),
    )
    bio = models.TextField(blank=True, help_text=_("Internal: never shown publicly."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("kind", SpeakerKind), name="outreach_speaker_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, state: str) -> bool:
        return not self.states or state in self.states


class PresentationRequest(models.Model):
    """An organization asking for a presentation; triaged by staff only.

    The contact's details are personal data: they are copied here from the form and the
    contact is also linked to their `coalition.Person`, whose erasure blanks them.
    """

    organization = models.CharField(_("requesting organization"), max_length=200)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    person = models.ForeignKey(
        "coalition.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentation_requests",
        editable=False,
    )
    city = models.CharField(max_length=120)
    state = models.CharField(max_length=2, choices=USState.choices)
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    preferred_date_1 = models.DateField(_("first preferred date"))
    preferred_date_2 = models.DateField(_("second preferred date"), null=True, blank=True)
    preferred_date_3 = models.DateField(_("third preferred date"), null=True, blank=True)
    audience_type = models.CharField(max_length=20, choices=AudienceType.choices)
    audience_size = models.PositiveIntegerField(help_text=_("About how many people."))
    topics = models.ManyToManyField("pages.Topic", blank=True, related_name="+")
    format = models.CharField(max_length=20, choices=PresentationFormat.choices)
    notes = models.TextField(blank=True, help_text=_("What the requester told us."))
    staff_notes = models.TextField(
        blank=True, help_text=_("Internal: the requester never sees it.")
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW, editable=False
    )
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presentations",
        editable=False,
    )
    scheduled_for = models.DateTimeField(null=True, blank=True, editable=False)
    delivered_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    decline_reason = models.TextField(blank=True, editable=False)
    feedback_rating = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    feedback_comments = models.TextField(blank=True, editable=False)
    feedback_received_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("status", RequestStatus), name="outreach_request_status_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("state", USState), name="outreach_request_state_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("format", PresentationFormat),
                name="outreach_request_format_valid",
            ),
            models.CheckConstraint(
                condition=in_choices("audience_type", AudienceType),
                name="outreach_request_audience_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(audience_size__gte=1),
                name="outreach_request_audience_positive",
                violation_error_message=_("The audience is at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(feedback_rating__isnull=True)
                | Q(feedback_rating__gte=1, feedback_rating__lte=5),
                name="outreach_request_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RequestStatus.SCHEDULED, RequestStatus.DELIVERED])
                | Q(speaker__isnull=False, scheduled_for__isnull=False),
                name="outreach_request_scheduled_has_speaker",
                violation_error_message=_("A scheduled presentation has a speaker and a date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DELIVERED) | Q(delivered_on__isnull=False),
                name="outreach_request_delivered_has_date",
                violation_error_message=_("A delivered presentation has its date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.DECLINED) | ~Q(decline_reason=""),
                name="outreach_request_declined_has_reason",
                violation_error_message=_("A declined request says why."),
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.organization} ({self.city}, {self.state})"

    @property
    def preferred_dates(self) -> list:
        dates = (self.preferred_date_1, self.preferred_date_2, self.preferred_date_3)
        return [day for day in dates if day]
