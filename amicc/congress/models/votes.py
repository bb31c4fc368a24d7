"""Roll-call votes and how each member voted, from the unitedstates/congress vote data."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amicc.congress.choices import Chamber, VotePosition
from amicc.congress.models.bills import Bill
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import Legislator


class RollCallVote(models.Model):
    """One recorded vote in the House or the Senate, e.g. "h6-119.2025"."""

    vote_id = models.CharField(max_length=30, unique=True)
    chamber = models.CharField(max_length=1, help_text=_('"h" or "s".'))
    congress = models.PositiveSmallIntegerField()
    session = models.CharField(max_length=10)
    number = models.PositiveIntegerField()
    voted_at = models.DateTimeField()
    question = models.TextField()
    category = models.CharField(max_length=50, blank=True)
    result = models.CharField(max_length=100, blank=True)
    bill = models.ForeignKey(
        Bill, null=True, blank=True, on_delete=models.SET_NULL, related_name="roll_calls"
    )
    bill_code = models.CharField(
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_('The bill the source names ("hr23-119"), so a later bill import links it.'),
    )
    yea_supports_measure = models.BooleanField(
        default=True,
        help_text=_(
            "Whether a yea is a vote for the bill (true for passage and cloture; "
            "false for a motion to table or to recommit it)."
        ),
    )

    class Meta:
        ordering = ["-voted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(chamber__in=["h", "s"]), name="congress_rollcall_chamber_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}: {self.question[:80]}"

    @property
    def chamber_label(self) -> str:
        return Chamber.SENATE.label if self.chamber == "s" else Chamber.HOUSE.label


class MemberVote(models.Model):
    """How one member voted on a roll call; the id stays when it matches no imported member."""

    roll_call = models.ForeignKey(RollCallVote, on_delete=models.CASCADE, related_name="votes")
    legislator = models.ForeignKey(
        Legislator, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )
    member_id = models.CharField(
        max_length=10, help_text=_("Bioguide id (House) or LIS id (Senate), as the source has it.")
    )
    position = models.CharField(max_length=10, choices=VotePosition.choices)

    class Meta:
        ordering = ["roll_call", "member_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["roll_call", "member_id"], name="congress_membervote_unique"
            ),
            models.CheckConstraint(
                condition=in_choices("position", VotePosition),
                name="congress_membervote_position_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.get_position_display()} on {self.roll_call.vote_id}"
