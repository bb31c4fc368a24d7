from django.apps import AppConfig


class CongressConfig(AppConfig):
    name = "amicc.congress"
    label = "congress"
    verbose_name = "Congress and US policy"
