from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "amicc.api"
    label = "api"
    verbose_name = "API"
