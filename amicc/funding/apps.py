from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "amicc.funding"
    label = "funding"
    verbose_name = "Funders and grants"
