from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "amicc.coalition"
    label = "coalition"
    verbose_name = "Coalition"

    def ready(self) -> None:
        from amicc.coalition import signals  # noqa: F401
