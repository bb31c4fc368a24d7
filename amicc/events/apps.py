from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "amicc.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from amicc.events import signals  # noqa: F401
