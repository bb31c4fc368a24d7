from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderKind(models.TextChoices):
    INSTITUTION = "institution", _("Institution")
    INDIVIDUAL = "individual", _("Individual")


class GrantStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    APPLIED = "applied", _("Applied")
    AWARDED = "awarded", _("Awarded")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Interim report")
    FINAL = "final", _("Final report")
