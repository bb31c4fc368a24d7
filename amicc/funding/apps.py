from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "amicc.funding"
    label = "funding"
    verbose_name = "Funders and grants"

    def ready(self) -> None:
        from amicc.funding import signals  # noqa: F401
