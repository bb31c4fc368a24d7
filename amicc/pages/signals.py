from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index

from amicc.core.page_cache import invalidate_page_cache
from amicc.core.services import document_text_extracted
from amicc.pages.models import PublicationPage, Topic


@receiver(document_text_extracted)
def _reindex_publications(sender, document, **kwargs) -> None:
    for page in PublicationPage.objects.filter(document=document):
        index.insert_or_update_object(page)


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def _topic_changed(sender, **kwargs) -> None:
    invalidate_page_cache()
