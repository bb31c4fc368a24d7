"""The weights of the ICC scorecard, which staff set in the admin's settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="table")
class ScorecardWeights(BaseGenericSetting):
    """How much each kind of record counts, before the item's own weight multiplies it."""

    sponsorship = models.PositiveSmallIntegerField(default=3)
    cosponsorship = models.PositiveSmallIntegerField(default=2)
    vote = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("scorecard weights")

    def __str__(self) -> str:
        return "Scorecard weights"
