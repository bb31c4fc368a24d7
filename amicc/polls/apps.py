from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "amicc.polls"
    label = "polls"
    verbose_name = "District polls"
