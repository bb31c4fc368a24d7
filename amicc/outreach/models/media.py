"""Media coverage of the coalition and its alliances, and the internal list of journalists."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amicc.outreach.choices import MediaKind
from amicc.outreach.models.checks import in_choices


class MediaCoverage(models.Model):
    """A story, op-ed, letter, interview or broadcast about the coalition's work.

    Credited to an alliance (coordinators log and see only theirs) or, with none, to the
    coalition's staff. Only staff choose what is `featured` on the public "In the news" page.
    """

    outlet = models.CharField(max_length=200)
    published_on = models.DateField(db_index=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    headline = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=MediaKind.choices)
    alliance = models.ForeignKey(
        "coalition.Alliance",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="media_coverage",
        help_text=_("The alliance credited; empty for the coalition's staff."),
    )
    topics = models.ManyToManyField("pages.Topic", blank=True, related_name="+")
    estimated_reach = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Readers, listeners or viewers, if known.")
    )
    featured = models.BooleanField(
        _("shown on “In the news”"), default=False, help_text=_("Only staff can change this.")
    )
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
        verbose_name = _("media coverage item")
        verbose_name_plural = _("media coverage")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["featured", "published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=in_choices("kind", MediaKind), name="outreach_coverage_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(estimated_reach__isnull=True) | Q(estimated_reach__gte=0),
                name="outreach_coverage_reach_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.headline}"


class MediaContact(models.Model):
    """A journalist or outlet the staff work with. Internal: never on a public page."""

    name = models.CharField(max_length=200)
    outlet = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    beat = models.CharField(max_length=200, blank=True, help_text=_("What they cover."))
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.outlet})" if self.outlet else self.name
