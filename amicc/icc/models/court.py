"""Situations before the Court, the cases in them and the crimes charged."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from amicc.icc.choices import CaseStatus, CrimeCategory, Trigger


class Situation(models.Model):
    """A situation under investigation, e.g. "Democratic Republic of the Congo" (ICC-01/04)."""

    number = models.CharField(max_length=20, unique=True, help_text=_('For example "ICC-01/04".'))
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    country_codes = models.JSONField(
        default=list, blank=True, help_text=_("ISO 3166 alpha-3 codes of the states concerned.")
    )
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    referred_on = models.DateField(null=True, blank=True, help_text=_("For a referral."))
    preliminary_examination_opened_on = models.DateField(null=True, blank=True)
    investigation_opened_on = models.DateField(null=True, blank=True)
    investigation_closed_on = models.DateField(null=True, blank=True)
    summary = models.TextField()
    source_url = models.URLField(_("source"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def get_absolute_url(self) -> str:
        return reverse("icc:situation", kwargs={"slug": self.slug})


class Case(ClusterableModel):
    """A case: "The Prosecutor v. …", its accused, where it stands and what is charged."""

    situation = models.ForeignKey(Situation, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField(max_length=40, unique=True, help_text=_('"ICC-01/04-01/06".'))
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(
        max_length=300, help_text=_('"The Prosecutor v. Thomas Lubanga Dyilo".')
    )
    accused = models.CharField(max_length=300, help_text=_("Names, as the Court writes them."))
    status = models.CharField(max_length=12, choices=CaseStatus.choices)
    warrant_issued_on = models.DateField(_("warrant or summons"), null=True, blank=True)
    custody_on = models.DateField(_("in the Court's custody"), null=True, blank=True)
    trial_opened_on = models.DateField(null=True, blank=True)
    verdict_on = models.DateField(_("verdict or end of proceedings"), null=True, blank=True)
    summary = models.TextField()
    source_url = models.URLField(_("source"), max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("icc:case", kwargs={"slug": self.slug})


class Charge(Orderable):
    """A crime charged in a case, by category; gender-based and sexual crimes are marked."""

    case = ParentalKey(Case, on_delete=models.CASCADE, related_name="charges")
    category = models.CharField(max_length=30, choices=CrimeCategory.choices)
    description = models.CharField(max_length=300, help_text=_('"Rape as a war crime".'))
    counts = models.PositiveSmallIntegerField(default=1)
    is_gender_based = models.BooleanField(_("gender-based crime"), default=False)
    is_sexual_violence = models.BooleanField(_("crime of sexual violence"), default=False)

    class Meta(Orderable.Meta):
        constraints = [models.CheckConstraint(condition=Q(counts__gte=1), name="icc_charge_counts")]

    def __str__(self) -> str:
        return self.description
