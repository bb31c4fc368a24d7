"""Which congressional districts a ZIP code lies in."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from amicc.coalition.geography import USState
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import district_label


class ZipDistrict(models.Model):
    """One congressional district a ZIP code (a Census ZCTA) lies in, wholly or in part."""

    zcta = models.CharField(_("ZIP code"), max_length=5)
    state = models.CharField(max_length=2, choices=USState.choices)
    district = models.PositiveSmallIntegerField(help_text=_("0 for an at-large or delegate seat."))
    share = models.FloatField(
        null=True,
        blank=True,
        help_text=_("The fraction of the ZIP's land area in this district, when the source says."),
    )
    rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("1 for the district with the largest part of the ZIP.")
    )

    class Meta:
        verbose_name = _("ZIP code district")
        ordering = ["zcta", "rank", "state", "district"]
        constraints = [
            # Its index starts with zcta, so it also serves every lookup by ZIP code.
            models.UniqueConstraint(
                fields=["zcta", "state", "district"], name="congress_zipdistrict_unique"
            ),
            models.CheckConstraint(
                condition=Exact(Length("zcta"), 5), name="congress_zipdistrict_zcta_length"
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True, rank__isnull=True)
                | Q(share__gt=0, share__lte=1, rank__gte=1),
                name="congress_zipdistrict_share_rank",
                violation_error_message=_(
                    "A share is above 0 and at most 1, and comes with a rank of 1 or more."
                ),
            ),
            models.CheckConstraint(
                condition=in_choices("state", USState), name="congress_zipdistrict_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zcta}: {district_label(self.state, self.district)}"
