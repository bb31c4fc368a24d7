from django.db import models


class PublicationKind(models.TextChoices):
    ACTION_GUIDE = "action_guide", "Action guide"
    ANALYSIS = "analysis", "Analysis"
    REPORT = "report", "Report"
    FACT_SHEET = "fact_sheet", "Fact sheet"
    STATEMENT = "statement", "Statement"
