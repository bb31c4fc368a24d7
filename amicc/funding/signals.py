"""Retire cached public pages when what the Funders page may show changes.

The page names listed funders with an awarded grant: a funder's name, listing or kind, or a
grant's status, changes it. Report dates are not public.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from amicc.core.page_cache import invalidate_page_cache
from amicc.funding.models import Funder, Grant


def _public_data_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


for model in (Funder, Grant):
    post_save.connect(_public_data_changed, sender=model, dispatch_uid=f"funding-save-{model}")
    post_delete.connect(_public_data_changed, sender=model, dispatch_uid=f"funding-del-{model}")
