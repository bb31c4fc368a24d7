from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from amicc.core.page_cache import invalidate_page_cache
from amicc.core.services import document_text_extracted
from amicc.pages.models import PublicationPage, Topic
from amicc.pages.translation import restrictions_mirror, restrictions_mirroring


@receiver(document_text_extracted)
def _reindex_publications(sender, document, **kwargs) -> None:
    for page in PublicationPage.objects.filter(document=document):
        index.insert_or_update_object(page)


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def _topic_changed(sender, **kwargs) -> None:
    invalidate_page_cache()


@receiver(post_save, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def _restriction_changed(sender, instance, action: str = "", **kwargs) -> None:
    """A private page stays private in every language: its versions get the same restrictions."""
    if restrictions_mirroring() or action.startswith("pre_"):
        return
    if isinstance(instance, PageViewRestriction):
        restrictions_mirror(instance.page)


@receiver(post_delete, sender=PageViewRestriction)
def _restriction_deleted(sender, instance, origin=None, **kwargs) -> None:
    # A restriction deleted with its page leaves the page's other versions as they are.
    origin_model = (
        origin._meta.model if hasattr(origin, "_meta") else getattr(origin, "model", None)
    )
    deleted_with_page = origin_model is not None and issubclass(origin_model, Page)
    if restrictions_mirroring() or deleted_with_page:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        restrictions_mirror(page)
