from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "amicc.pages"
    label = "pages"
    verbose_name = _("Public website")

    def ready(self) -> None:
        from amicc.pages import signals  # noqa: F401

        _locale_sync_ignores_raw_saves()


def _locale_sync_ignores_raw_saves() -> None:
    """wagtail-localize rebuilds a language's page tree whenever its LocaleSynchronization
    is saved, even when the row is being loaded raw (loaddata, a test database restored
    after a transactional test), where the locale it points at may not be loaded yet and
    the pages are arriving from the same data anyway. Only a real save rebuilds."""
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_trees_unless_raw(sender, instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance=instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(
        sync_trees_unless_raw,
        sender=LocaleSynchronization,
        dispatch_uid="amicc.pages.locale_sync_unless_raw",
        weak=False,
    )
