"""Bills and resolutions, their actions (votes among them) and cosponsors."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from amicc.congress.choices import BillType
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import Legislator


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


ORDINAL_SUFFIXES = {
    "st": pgettext_lazy("ordinal suffix, as in 1st", "st"),
    "nd": pgettext_lazy("ordinal suffix, as in 2nd", "nd"),
    "rd": pgettext_lazy("ordinal suffix, as in 3rd", "rd"),
    "th": pgettext_lazy("ordinal suffix, as in 4th", "th"),
}


def congress_name(number: int) -> str:
    """ "119th Congress", in the active language."""
    suffix = ORDINAL_SUFFIXES[ordinal(number).removeprefix(str(number))]
    return gettext("%(number)s%(suffix)s Congress") % {"number": number, "suffix": suffix}


class Bill(models.Model):
    """A bill or resolution, from the `data.json` of the unitedstates/congress scraper."""

    bill_id = models.CharField(max_length=30, unique=True, help_text=_('For example "hr23-119".'))
    bill_type = models.CharField(max_length=8, choices=BillType.choices)
    number = models.PositiveIntegerField()
    congress = models.PositiveSmallIntegerField()
    titles = models.JSONField(default=list, blank=True, help_text=_("Every title, as listed."))
    official_title = models.TextField(blank=True)
    short_title = models.TextField(blank=True)
    popular_title = models.TextField(blank=True)
    display_title = models.TextField()
    introduced_at = models.DateField(null=True, blank=True)
    sponsor = models.ForeignKey(
        Legislator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsored_bills",
    )
    sponsor_bioguide_id = models.CharField(
        max_length=10, blank=True, help_text=_("Kept when no imported member has this id.")
    )
    sponsor_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=50, blank=True)
    status_at = models.DateField(null=True, blank=True)
    history = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-congress", "bill_type", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "bill_type", "number"], name="congress_bill_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="congress_bill_number"),
            models.CheckConstraint(
                condition=in_choices("bill_type", BillType), name="congress_bill_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_title}"

    @property
    def label(self) -> str:
        """ "H.R. 23 (119th Congress)"."""
        return f"{BillType(self.bill_type).label} {self.number} ({congress_name(self.congress)})"


class BillAction(models.Model):
    """One step in a bill's life, in the source's order; votes carry their roll call."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField(help_text=_("The order of the action in the source."))
    acted_at = models.DateField()
    text = models.TextField()
    action_type = models.CharField(max_length=30, blank=True)
    status = models.CharField(
        max_length=50, blank=True, help_text=_("The bill's status after this action.")
    )
    chamber = models.CharField(max_length=1, blank=True, help_text=_('"h" or "s", for votes.'))
    vote_type = models.CharField(max_length=30, blank=True)
    how = models.CharField(max_length=50, blank=True)
    result = models.CharField(max_length=30, blank=True)
    roll = models.CharField(_("roll call number"), max_length=20, blank=True)
    references = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["bill", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bill", "position"], name="congress_action_position")
        ]

    def __str__(self) -> str:
        return f"{self.acted_at}: {self.text[:80]}"

    @property
    def is_vote(self) -> bool:
        return bool(self.vote_type)


class Cosponsorship(models.Model):
    """A member's cosponsorship of a bill; the id stays when it matches no imported member."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="cosponsorships")
    legislator = models.ForeignKey(
        Legislator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cosponsorships",
    )
    bioguide_id = models.CharField(_("Bioguide id"), max_length=10)
    name = models.CharField(max_length=200, blank=True)
    sponsored_at = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateField(null=True, blank=True)
    is_original = models.BooleanField(_("original cosponsor"), default=False)

    class Meta:
        ordering = ["bill", "sponsored_at", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["bill", "bioguide_id"], name="congress_cosponsorship_unique"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(sponsored_at__isnull=True)
                | Q(withdrawn_at__gte=F("sponsored_at")),
                name="congress_cosponsorship_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.bioguide_id} on {self.bill.bill_id}"
