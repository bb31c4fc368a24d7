from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "amicc.outreach"
    label = "outreach"
    verbose_name = "Presentations and media"

    def ready(self) -> None:
        from amicc.outreach import signals  # noqa: F401
