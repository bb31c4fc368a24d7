"""The coalition's assessed stance of members of Congress on the ICC, with its evidence.

The scorecard counts the record; a stance is staff's judgement of everything else too —
statements, meetings, letters answered — and says what it rests on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from amicc.congress.choices import Stance
from amicc.congress.models.checks import in_choices
from amicc.congress.models.members import Legislator
from amicc.congress.models.watchlist import WatchlistItem


class StanceAssessment(ClusterableModel):
    """Where the coalition judges a member stands, shown on their public page when published."""

    legislator = models.OneToOneField(
        Legislator, on_delete=models.CASCADE, related_name="stance_assessment"
    )
    stance = models.CharField(max_length=12, choices=Stance.choices)
    summary = models.TextField(help_text=_("The assessment in a few sentences, for the public."))
    assessed_on = models.DateField(help_text=_("When staff last reviewed it."))
    is_published = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legislator"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("stance", Stance), name="congress_stance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legislator}: {self.get_stance_display()}"


class StanceEvidence(Orderable):
    """One thing the assessment rests on: a statement, a vote explained, a meeting's outcome."""

    assessment = ParentalKey(StanceAssessment, on_delete=models.CASCADE, related_name="evidence")
    occurred_on = models.DateField()
    description = models.CharField(max_length=500)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    watchlist_item = models.ForeignKey(
        WatchlistItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The watchlist item it concerns, if any."),
    )

    class Meta(Orderable.Meta):
        ordering = ["-occurred_on", "sort_order"]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.description}"
