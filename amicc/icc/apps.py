from django.apps import AppConfig


class IccConfig(AppConfig):
    name = "amicc.icc"
    label = "icc"
    verbose_name = "The ICC and the Assembly of States Parties"

    def ready(self) -> None:
        from amicc.icc import signals  # noqa: F401
