"""The page trees of the site's languages.

English is the source. Every other language's tree holds, for each English page, either
its translation (made in wagtail-localize's editor) or an alias showing the English
content at that language's address, so a visitor reading in Spanish stays in Spanish
wherever they go. Wagtail keeps aliases up to date when the English page is published,
and wagtail-localize makes them for pages created in the admin; pages made any other way
(the demo, imports, benchmarks) get theirs from `locale_trees_sync()`.

A page's versions in the other languages are also kept as private as the page itself:
`restrictions_mirror()` copies its view restrictions onto them.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree

from amicc.core.page_cache import remember


def locale_trees_sync() -> int:
    """Give every page its aliases in the languages that follow its own; the number made.

    The aliases made are as private as the pages they follow.
    """
    before = Page.objects.count()
    syncs = list(LocaleSynchronization.objects.select_related("locale", "sync_from"))
    if syncs:
        index = PageIndex.from_database().sort_by_tree_position()
        with transaction.atomic():
            for sync in syncs:
                synchronize_tree(sync.sync_from, sync.locale, page_index=index)
            for restriction in PageViewRestriction.objects.select_related("page"):
                restrictions_mirror(restriction.page, only_unrestricted=True)
    return Page.objects.count() - before


def active_locale() -> Locale:
    """The locale of the language being served (the default one when it has none)."""
    return Locale.get_active()


def active_locale_id() -> int:
    """The id of `active_locale()`, looked up once per language and content change."""
    return remember(f"locale-id:{translation.get_language()}", lambda: active_locale().pk)


# Set while restrictions are being copied, so that the copies' own signals copy nothing back.
_mirroring: ContextVar[bool] = ContextVar("restrictions_mirroring", default=False)


def restrictions_mirroring() -> bool:
    """Whether restrictions are being copied between a page's languages right now."""
    return _mirroring.get()


@contextmanager
def _mirroring_on() -> Iterator[None]:
    token = _mirroring.set(True)
    try:
        yield
    finally:
        _mirroring.reset(token)


def restrictions_mirror(page: Page, *, only_unrestricted: bool = False) -> None:
    """Make `page`'s versions in the languages that follow its own exactly as private.

    Each version gets a copy of every restriction set on `page` (same kind, password and
    groups) in place of its own; with `only_unrestricted`, versions that already have a
    restriction are left as they are. Only the following languages change, so a
    restriction set on a Spanish page never loosens or replaces the English one.
    """
    with _mirroring_on(), transaction.atomic():
        _restrictions_copy(page, only_unrestricted=only_unrestricted)


def _restrictions_copy(page: Page, *, only_unrestricted: bool) -> None:
    restrictions = list(PageViewRestriction.objects.filter(page=page).prefetch_related("groups"))
    following = LocaleSynchronization.objects.filter(sync_from_id=page.locale_id)
    versions = Page.objects.filter(
        translation_key=page.translation_key, locale__in=following.values("locale")
    ).exclude(pk=page.pk)
    for version in versions:
        existing = PageViewRestriction.objects.filter(page=version)
        if only_unrestricted and existing.exists():
            continue
        existing.delete()
        for restriction in restrictions:
            copy = PageViewRestriction.objects.create(
                page=version,
                restriction_type=restriction.restriction_type,
                password=restriction.password,
            )
            copy.groups.set(restriction.groups.all())
