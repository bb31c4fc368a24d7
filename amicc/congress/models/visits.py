"""Meetings of coordinators and staff with the offices of legislators."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import USState
from amicc.congress.choices import OfficeKind
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import Legislator


class OfficeVisit(models.Model):
    """A meeting with a legislator's office. Who was met is internal to the coalition.

    A visit belongs to the alliance that made it (coordinators see only theirs) or, with
    no alliance, to the coalition's staff. `state` and `district` are those of the seat
    the office serves, copied when the visit is logged, so the record of which districts
    were visited survives the member leaving office.
    """

    alliance = models.ForeignKey(
        "coalition.Alliance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_visits",
        help_text=_("Empty for a visit made by the coalition's staff."),
    )
    visited_on = models.DateField()
    office_kind = models.CharField(max_length=20, choices=OfficeKind.choices)
    legislator = models.ForeignKey(
        Legislator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="office_visits",
        help_text=_("The member of Congress, for a congressional office."),
    )
    state_office = models.CharField(
        _("state legislative office"),
        max_length=200,
        blank=True,
        help_text=_('For a state legislative office: "Sen. Jane Doe, Ohio Senate district 5".'),
    )
    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The congressional district; empty for a senator.")
    )
    people_met = models.TextField(help_text=_("Internal: never shown publicly."))
    attendees = models.PositiveSmallIntegerField(
        _("people from the coalition"), help_text=_("How many of us attended.")
    )
    asks = models.TextField(help_text=_("What we asked for."))
    outcome = models.TextField(blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    followed_up_on = models.DateField(_("followed up"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["visited_on", "state", "district"])]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("office_kind", OfficeKind),
                name="congress_visit_office_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(office_kind=OfficeKind.STATE_LEGISLATURE, legislator__isnull=True)
                & ~Q(state_office="")
                | ~Q(office_kind=OfficeKind.STATE_LEGISLATURE) & Q(legislator__isnull=False),
                name="congress_visit_office_named",
                violation_error_message=_(
                    "A congressional visit names the member; a state "
                    "legislative visit names the office."
                ),
            ),
            models.CheckConstraint(
                condition=Q(attendees__gte=1), name="congress_visit_attendees_positive"
            ),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("visited_on")),
                name="congress_visit_follow_up_after_visit",
                violation_error_message=_("The follow-up date cannot be before the visit."),
            ),
            models.CheckConstraint(
                condition=in_choices("state", USState), name="congress_visit_state_valid"
            ),
        ]

    def __str__(self) -> str:
        office = self.legislator or self.state_office
        return f"{self.visited_on}: {office}"
