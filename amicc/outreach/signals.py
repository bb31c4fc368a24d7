"""Retire cached public pages when what "In the news" or the presentations map shows changes.

Any change to media coverage (featured or not: an item may have just stopped being
featured) and any change to a delivered presentation, from the admin, a load or a shell,
retires the whole page cache once it commits. Requests not yet delivered are not public.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from amicc.core.page_cache import invalidate_page_cache
from amicc.outreach.models import MediaCoverage, PresentationRequest


def _coverage_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


def _request_changed(sender, instance: PresentationRequest, **kwargs) -> None:
    if instance.delivered_on is not None:
        transaction.on_commit(invalidate_page_cache)


post_save.connect(_coverage_changed, sender=MediaCoverage, dispatch_uid="outreach-coverage-save")
post_delete.connect(_coverage_changed, sender=MediaCoverage, dispatch_uid="outreach-coverage-del")
post_save.connect(_request_changed, sender=PresentationRequest, dispatch_uid="outreach-req-save")
post_delete.connect(_request_changed, sender=PresentationRequest, dispatch_uid="outreach-req-del")
