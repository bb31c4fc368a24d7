from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "amicc.outreach"
    label = "outreach"
    verbose_name = "Presentations and media"
