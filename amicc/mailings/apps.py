from django.apps import AppConfig


class MailingsConfig(AppConfig):
    name = "amicc.mailings"
    label = "mailings"
    verbose_name = "Mailings"

    def ready(self) -> None:
        from amicc.mailings import signals  # noqa: F401
