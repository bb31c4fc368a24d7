"""Retire cached public pages when what the ICC tracker shows changes.

States, situations, cases and sessions are on public pages, and a session's page shows its
delegation's call and published report. Any change to them, from the admin, a load or a
shell, retires the whole page cache once it commits. Applications are not public; the
delegation services retire the cache when the delegation's size changes.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from amicc.core.page_cache import invalidate_page_cache
from amicc.icc.models import (
    AspElection,
    AspSession,
    Case,
    Charge,
    DelegationCall,
    Situation,
    StatuteState,
)

PUBLIC_MODELS = (StatuteState, Situation, Case, Charge, AspSession, AspElection, DelegationCall)


def _public_data_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


for model in PUBLIC_MODELS:
    post_save.connect(_public_data_changed, sender=model, dispatch_uid=f"icc-save-{model}")
    post_delete.connect(_public_data_changed, sender=model, dispatch_uid=f"icc-del-{model}")
