"""Benchmark content: thousands of news items and publications, written in bulk.

`add_child` saves one page at a time (a tree lock, a revision, signals, one index update
each), which takes many minutes for 20,000 pages. Here the rows Wagtail would write are
computed instead — materialized path, depth, `url_path`, `content_type`, publication
dates — and inserted in batches, followed by the topic links and the search index
entries of each batch. Pages are live without a revision, as pages created through
`add_child(instance=...)` are; editing one in the admin starts its history.

Generation is idempotent: each index is topped up to the requested number of items.
The pages are written in English; the other languages' trees then get aliases of the
new ones (`locale_trees_sync`), one page copy at a time.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backends

from amicc.core.page_cache import invalidate_page_cache
from amicc.pages.bench_text import BenchText
from amicc.pages.models import (
    HomePage,
    HomePageFeaturedPublication,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    Topic,
    TopicIndexPage,
)
from amicc.pages.translation import locale_trees_sync

SCALES = {"small": (200, 200), "full": (10_000, 10_000)}
BATCH_SIZE = 500
DEFAULT_SEED = 1998  # the year of the Rome Conference
FEATURED_COUNT = 3
BENCH_TOPICS = [
    ("The United States and the ICC", "united-states-and-the-icc"),
    ("Victims and reparations", "victims-and-reparations"),
    ("Gender justice", "gender-justice"),
    ("The crime of aggression", "crime-of-aggression"),
]

Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class BenchSite:
    home: HomePage
    news_index: NewsIndexPage
    library: PublicationIndexPage
    topics: list[Topic]


@dataclass(frozen=True)
class BenchSummary:
    news_added: int
    publications_added: int
    news_total: int
    publications_total: int

    def __str__(self) -> str:
        return (
            f"{self.news_added:,} news items and {self.publications_added:,} publications "
            f"added; the site now has {self.news_total:,} news items and "
            f"{self.publications_total:,} publications."
        )


def bench_data_generate(
    *,
    news: int,
    publications: int,
    seed: int = DEFAULT_SEED,
    progress: Progress = _no_progress,
) -> BenchSummary:
    """Top the site up to `news` news items and `publications` publications."""
    site = bench_site_ensure()
    news_added = _top_up(
        parent=site.news_index,
        model=NewsPage,
        target=news,
        build=lambda number: _news_page(number, seed),
        topics=site.topics,
        progress=progress,
    )
    publications_added = _top_up(
        parent=site.library,
        model=PublicationPage,
        target=publications,
        build=lambda number: _publication_page(number, seed),
        topics=site.topics,
        progress=progress,
    )
    _feature_publications(site)
    locale_trees_sync()
    if news_added or publications_added:
        transaction.on_commit(invalidate_page_cache)
    return BenchSummary(
        news_added=news_added,
        publications_added=publications_added,
        news_total=NewsPage.objects.child_of(site.news_index).count(),
        publications_total=PublicationPage.objects.child_of(site.library).count(),
    )


def bench_site_ensure() -> BenchSite:
    """The home page with its news index, library, topics page and topics, made if missing."""
    with transaction.atomic():
        home = _home_ensure()
        news_index = _descendant(home, NewsIndexPage) or _child_add(
            home, NewsIndexPage(title="News", slug="news", show_in_menus=True)
        )
        library = _descendant(home, PublicationIndexPage) or _child_add(
            home,
            PublicationIndexPage(title="Publications", slug="publications", show_in_menus=True),
        )
        if not TopicIndexPage.objects.descendant_of(home).exists():
            _child_add(home, TopicIndexPage(title="Topics", slug="topics", show_in_menus=True))
        topics = list(Topic.objects.all())
        if not topics:
            topics = [
                Topic.objects.create(name=name, slug=slug, sort_order=number)
                for number, (name, slug) in enumerate(BENCH_TOPICS)
            ]
    return BenchSite(home=home, news_index=news_index, library=library, topics=topics)


def _home_ensure() -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = _child_add(
            Page.get_first_root_node(),
            HomePage(
                title="AMICC",
                slug="amicc",
                hero_heading="Justice for the worst crimes, with the United States on board",
                hero_text="A coalition of American organizations supporting the ICC.",
            ),
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "AMICC"},
    )
    return home


def _descendant(page: Page, model: type[Page]) -> Page | None:
    return model.objects.descendant_of(page).order_by("path").first()


def _child_add(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _top_up(
    *,
    parent: Page,
    model: type[Page],
    target: int,
    build: Callable[[int], tuple[Page, list[int]]],
    topics: list[Topic],
    progress: Progress,
) -> int:
    """Add pages of `model` under `parent`, in batches, until it has `target` of them."""
    existing = model.objects.child_of(parent).count()
    stage = model._meta.verbose_name_plural
    progress(stage, existing, target)
    slugs = set(parent.get_children().values_list("slug", flat=True))
    topic_ids = [topic.pk for topic in topics]
    for start in range(existing, target, BATCH_SIZE):
        batch = [build(number) for number in range(start, min(start + BATCH_SIZE, target))]
        for page, _ in batch:
            page.slug = _unique_slug(page.slug, slugs)
        with transaction.atomic():
            _pages_insert(parent, [page for page, _ in batch])
            _topics_link(model, batch, topic_ids)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, [page for page, _ in batch])
        progress(stage, start + len(batch), target)
    return max(0, target - existing)


def _unique_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def _pages_insert(parent: Page, pages: list[Page]) -> None:
    """Write the rows `add_child` would write for each page, as the next children of `parent`."""
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last_path = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    for offset, page in enumerate(pages, start=1):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step + offset)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
    # Django refuses bulk_create() for multi-table models; this is what it does for one
    # table, applied to the Page table and then to the specific page table.
    page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    rows = Page._base_manager.all()._batched_insert(pages, page_fields, BATCH_SIZE)
    for page, (pk,) in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = pk
        page._state.adding = False
        page._state.db = parent._state.db
    model = type(pages[0])
    model._base_manager.all()._batched_insert(pages, model._meta.local_concrete_fields, BATCH_SIZE)
    Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + len(pages))


def _topics_link(
    model: type[Page], batch: list[tuple[Page, list[int]]], topic_ids: list[int]
) -> None:
    through = model._meta.get_field("topics").remote_field.through
    column = f"{model._meta.model_name}_id"
    through.objects.bulk_create(
        through(**{column: page.pk, "topic_id": topic_id})
        for page, choices in batch
        for topic_id in {topic_ids[choice % len(topic_ids)] for choice in choices}
    )


def _slug(title: str, length: int = 80) -> str:
    slug = slugify(title)
    return slug if len(slug) <= length else slug[:length].rsplit("-", 1)[0]


def _published(page: Page, date: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))
    page.first_published_at = page.last_published_at = moment
    page.latest_revision_created_at = moment
    page.live = True
    page.has_unpublished_changes = False


def _topic_choices(rng: random.Random) -> list[int]:
    """Picks from the topic list (taken modulo its length): mostly one or two, a few none."""
    count = rng.choices([0, 1, 2], weights=[1, 6, 3])[0]
    return rng.sample(range(64), count)


def _news_page(number: int, seed: int) -> tuple[NewsPage, list[int]]:
    rng = random.Random(f"{seed}:news:{number}")
    text = BenchText(rng)
    title = text.news_title()
    page = NewsPage(
        title=title,
        slug=_slug(title),
        date=text.date(),
        author=text.author(),
        intro=text.paragraph(1, 2),
        body=text.body(),
        translation_key=text.uuid(),
    )
    _published(page, page.date)
    return page, _topic_choices(rng)


def _publication_page(number: int, seed: int) -> tuple[PublicationPage, list[int]]:
    rng = random.Random(f"{seed}:publication:{number}")
    text = BenchText(rng)
    kind = text.publication_kind()
    title = text.publication_title(kind)
    page = PublicationPage(
        title=title,
        slug=_slug(title),
        kind=kind,
        date=text.date(),
        summary=text.paragraph(2, 3),
        body=text.body(),
        translation_key=text.uuid(),
    )
    _published(page, page.date)
    return page, _topic_choices(rng)


def _feature_publications(site: BenchSite) -> None:
    """Give a home page without featured publications the latest few, as editors would."""
    if site.home.featured_publications.exists():
        return
    latest = PublicationPage.objects.child_of(site.library).live().order_by("-date")
    HomePageFeaturedPublication.objects.bulk_create(
        HomePageFeaturedPublication(home=site.home, publication=publication, sort_order=order)
        for order, publication in enumerate(latest[:FEATURED_COUNT])
    )
