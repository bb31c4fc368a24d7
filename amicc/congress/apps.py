from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "amicc.congress"
    label = "congress"
    verbose_name = _("Congress and US policy")

    def ready(self) -> None:
        from amicc.congress import signals  # noqa: F401
