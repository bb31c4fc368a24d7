"""The page trees of the site's languages.

English is the source. Every other language's tree holds, for each English page, either
its translation (made in wagtail-localize's editor) or an alias showing the English
content at that language's address, so a visitor reading in Spanish stays in Spanish
wherever they go. Wagtail keeps aliases up to date when the English page is published,
and wagtail-localize makes them for pages created in the admin; pages made any other way
(the demo, imports, benchmarks) get theirs from `locale_trees_sync()`.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree


def locale_trees_sync() -> int:
    """Give every page its aliases in the languages that follow its own; the number made."""
    before = Page.objects.count()
    syncs = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    if syncs:
        index = PageIndex.from_database().sort_by_tree_position()
        with transaction.atomic():
            for sync in syncs:
                synchronize_tree(sync.sync_from, sync.locale, page_index=index)
    return Page.objects.count() - before


def active_locale() -> Locale:
    """The locale of the language being served (the default one when it has none)."""
    return Locale.get_active()
