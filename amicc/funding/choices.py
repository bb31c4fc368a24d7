from django.db import models


class FunderKind(models.TextChoices):
    INSTITUTION = "institution", "Institution"
    INDIVIDUAL = "individual", "Individual"


class GrantStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    APPLIED = "applied", "Applied"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class ReportKind(models.TextChoices):
    INTERIM = "interim", "Interim report"
    FINAL = "final", "Final report"
