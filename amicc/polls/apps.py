from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "amicc.polls"
    label = "polls"
    verbose_name = "District polls"

    def ready(self) -> None:
        from amicc.polls import admin_results  # noqa: F401
