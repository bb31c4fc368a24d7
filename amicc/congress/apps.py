from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "amicc.congress"
    label = "congress"
    verbose_name = "Congress and US policy"

    def ready(self) -> None:
        from amicc.congress import signals  # noqa: F401
