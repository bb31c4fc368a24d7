"""The coalition's watchlist of government action on the ICC: bills, executive orders, …

Bills are imported (`amicc import-bills`) and linked here; every other kind of item is
entered by staff in the admin. The coalition's position on an item, with its rationale,
drives the scorecard.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from amicc.congress.choices import Position, WatchlistKind, WatchlistStatus
from amicc.congress.models.bills import Bill
from amicc.congress.models.checks import in_choices


class WatchlistItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def scored(self):
        """Items that count on the scorecard: a position for or against and a weight."""
        return self.published().filter(
            position__in=[Position.SUPPORT, Position.OPPOSE], score_weight__gt=0
        )


class WatchlistItem(ClusterableModel):
    """A bill, executive order or other government action the coalition follows."""

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=WatchlistKind.choices)
    identifier = models.CharField(
        max_length=120,
        help_text=_('How it is cited: "H.R. 23, 119th Congress", "Executive Order 14203".'),
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text=_("What it does, in plain words."))
    position = models.CharField(
        _("coalition position"), max_length=10, choices=Position.choices, default=Position.MONITOR
    )
    rationale = models.TextField(blank=True, help_text=_("Why the coalition takes this position."))
    status = models.CharField(
        max_length=12, choices=WatchlistStatus.choices, default=WatchlistStatus.PENDING
    )
    status_note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_('For example "Cloture failed in the Senate, 54–45".'),
    )
    introduced_on = models.DateField(
        _("introduced or issued"),
        null=True,
        blank=True,
        help_text=_("Introduced, signed or issued."),
    )
    last_action_on = models.DateField(null=True, blank=True)
    congress = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("For bills and resolutions: 119 for the 119th Congress.")
    )
    citation = models.CharField(
        max_length=120, blank=True, help_text=_('"90 FR 9369", "22 U.S.C. 7421 et seq."')
    )
    bill = models.OneToOneField(
        Bill,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="watchlist_item",
        help_text=_("The imported bill, whose actions, sponsor and cosponsors this item shows."),
    )
    related_items = models.ManyToManyField("self", blank=True, symmetrical=True)
    score_weight = models.PositiveSmallIntegerField(
        default=1,
        help_text=_("How much this item counts on the scorecard; 0 leaves it off."),
    )
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchlistItemQuerySet.as_manager()

    class Meta:
        ordering = ["-last_action_on", "-introduced_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("kind", WatchlistKind), name="congress_watchlist_kind_valid"
            ),
            models.CheckConstraint(
                condition=in_choices("position", Position),
                name="congress_watchlist_position_valid",
            ),
            models.CheckConstraint(
                condition=in_choices("status", WatchlistStatus),
                name="congress_watchlist_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(score_weight__lte=10), name="congress_watchlist_weight_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("congress:watchlist_item", kwargs={"slug": self.slug})


class WatchlistEvent(Orderable):
    """A dated step in an item's timeline that the coalition records by hand.

    Imported bills bring their own actions; these add what the import does not know
    (an executive order's publication, a revocation, a statement).
    """

    item = ParentalKey(WatchlistItem, on_delete=models.CASCADE, related_name="events")
    occurred_on = models.DateField()
    description = models.CharField(max_length=500)
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    class Meta(Orderable.Meta):
        ordering = ["occurred_on", "sort_order"]

    def __str__(self) -> str:
        return f"{self.occurred_on}: {self.description}"


class WatchlistLink(Orderable):
    """A source or further reading for an item: the Federal Register, congress.gov, …"""

    item = ParentalKey(WatchlistItem, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    def __str__(self) -> str:
        return self.title
