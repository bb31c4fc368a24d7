from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "amicc.funding"
    label = "funding"
    verbose_name = _("Funders and grants")

    def ready(self) -> None:
        from amicc.funding import signals  # noqa: F401
