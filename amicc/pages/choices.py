from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    ACTION_GUIDE = "action_guide", _("Action guide")
    ANALYSIS = "analysis", _("Analysis")
    REPORT = "report", _("Report")
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    STATEMENT = "statement", _("Statement")
