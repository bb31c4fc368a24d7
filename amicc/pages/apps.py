from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "amicc.pages"
    label = "pages"
    verbose_name = "Public website"

    def ready(self) -> None:
        from amicc.pages import signals  # noqa: F401
