"""Retire cached public pages when the coalition's records on Congress change.

The watchlist's list, feed and item pages show items, their events and links and the items
they relate to; item pages list open action alerts; the scorecard and members' pages use the
scorecard's weights, count office visits and show assessed stances. Any change to these
retires the whole page cache, on commit, so a rolled-back edit retires nothing and no reader
caches the page before the commit. Imports retire it in their services.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from amicc.congress.models import (
    ActionAlert,
    OfficeVisit,
    ScorecardWeights,
    StanceAssessment,
    StanceEvidence,
    WatchlistEvent,
    WatchlistItem,
    WatchlistLink,
)
from amicc.core.page_cache import invalidate_page_cache

PUBLIC_MODELS = (
    WatchlistItem,
    WatchlistEvent,
    WatchlistLink,
    ActionAlert,
    ScorecardWeights,
    OfficeVisit,
    StanceAssessment,
    StanceEvidence,
)


def _public_data_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


for model in PUBLIC_MODELS:
    post_save.connect(_public_data_changed, sender=model, dispatch_uid=f"congress-save-{model}")
    post_delete.connect(_public_data_changed, sender=model, dispatch_uid=f"congress-del-{model}")
m2m_changed.connect(
    _public_data_changed,
    sender=WatchlistItem.related_items.through,
    dispatch_uid="congress-watchlist-related-items",
)
