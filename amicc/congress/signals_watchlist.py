"""Retire cached public pages when the watchlist changes.

The list, the feed and every item page show items, their events and links and the items
they relate to, so any change to them retires the whole page cache (on commit, so a
rolled-back edit retires nothing and no reader caches the page before the commit).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from amicc.congress.models import WatchlistEvent, WatchlistItem, WatchlistLink
from amicc.core.page_cache import invalidate_page_cache


def _watchlist_changed(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_page_cache)


for model in (WatchlistItem, WatchlistEvent, WatchlistLink):
    post_save.connect(_watchlist_changed, sender=model, dispatch_uid=f"watchlist-save-{model}")
    post_delete.connect(_watchlist_changed, sender=model, dispatch_uid=f"watchlist-del-{model}")
m2m_changed.connect(
    _watchlist_changed,
    sender=WatchlistItem.related_items.through,
    dispatch_uid="watchlist-related-items",
)
