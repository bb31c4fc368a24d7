"""Keep the anonymous page cache and document text in step with what staff change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from amicc.core.models import CoalitionDocument, SiteSettings
from amicc.core.page_cache import invalidate_page_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=Redirect)
@receiver(post_delete, sender=Redirect)
@receiver(post_delete, sender=CoalitionDocument)
def _site_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


@receiver(post_save, sender=CoalitionDocument)
def _document_saved(sender, instance: CoalitionDocument, update_fields=None, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)
    file_changed = update_fields is None or "file" in update_fields
    if file_changed and (
        not instance.file_hash or instance.file_hash != instance.extracted_from_hash
    ):
        from amicc.core.tasks import extract_document_text

        transaction.on_commit(lambda: extract_document_text.enqueue(document_id=instance.pk))
