from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "amicc.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from amicc.core import signals  # noqa: F401
