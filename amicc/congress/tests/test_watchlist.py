"""The watchlist: its public list, feed and item pages, its admin, cache and demo."""

import datetime
from urllib.parse import urlsplit

import factory
import feedparser
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amicc.coalition.tests.admin_fixtures import STAFF, coalition_fixture, user_in  # noqa: F401
from amicc.congress.choices import Position, WatchlistKind, WatchlistStatus
from amicc.congress.demo_watchlist import watchlist_demo_load
from amicc.congress.models import (
    ActionAlert,
    Bill,
    WatchlistEvent,
    WatchlistItem,
    WatchlistLink,
)
from amicc.congress.services.watchlist import (
    watchlist_item_fill_from_bill,
    watchlist_status_for_bill_status,
)
from amicc.congress.tests.conftest import DATA, run
from amicc.congress.views.watchlist import watchlist_item_for_public_page, watchlist_timeline

pytestmark = pytest.mark.django_db

LIST_URL = reverse("congress:watchlist")
FEED_URL = reverse("congress:watchlist_feed")


class WatchlistItemFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"watched-{n}")
    kind = WatchlistKind.BILL
    identifier = factory.Sequence(lambda n: f"H.R. {n + 100}, 119th Congress")
    title = factory.Sequence(lambda n: f"Watched measure {n}")
    summary = "What the measure does, in plain words."
    position = Position.OPPOSE
    status = WatchlistStatus.PENDING
    congress = 119
    introduced_on = datetime.date(2025, 1, 3)

    class Meta:
        model = WatchlistItem

    class Params:
        unpublished = factory.Trait(is_published=False)


class WatchlistEventFactory(factory.django.DjangoModelFactory):
    item = factory.SubFactory(WatchlistItemFactory)
    occurred_on = datetime.date(2025, 1, 5)
    description = factory.Sequence(lambda n: f"Coalition step {n}")

    class Meta:
        model = WatchlistEvent


def alert_for(item: WatchlistItem, *, title: str, is_open: bool = True) -> ActionAlert:
    return ActionAlert.objects.create(
        slug=title.lower().replace(" ", "-"),
        title=title,
        introduction="Why now.",
        watchlist_item=item,
        subject="Please act",
        letter_template="{salutation}, please act. {sender_name}",
        thank_you_message="Thank you.",
        is_open=is_open,
    )


@pytest.fixture
def bills(members):
    run("import_bills", str(DATA / "bills"))


def main(client, url: str, expect: int = 200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == expect
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html  # strict CSP: nothing inline
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


# --- The list -------------------------------------------------------------------------


def test_list_shows_published_items_latest_first_and_offers_the_feed(client, site_tree):
    older = WatchlistItemFactory(title="Older measure", last_action_on=datetime.date(2024, 5, 1))
    newer = WatchlistItemFactory(
        title="Newer order",
        kind=WatchlistKind.EXECUTIVE_ORDER,
        identifier="Executive Order 14203",
        position=Position.OPPOSE,
        status=WatchlistStatus.IN_FORCE,
        last_action_on=datetime.date(2025, 2, 12),
    )
    WatchlistItemFactory(title="Hidden draft", unpublished=True)

    response = client.get(LIST_URL)
    html = response.content.decode()
    feed_link = f'type="application/rss+xml" title="Watchlist (RSS)" href="{FEED_URL}">'
    assert f'<link rel="alternate" {feed_link}' in html
    body = main(client, LIST_URL)
    assert "Hidden draft" not in body
    assert body.index(newer.title) < body.index(older.title)
    assert f'href="{newer.get_absolute_url()}">Executive Order 14203: Newer order</a>' in body
    assert "Executive order" in body and "<strong>Oppose</strong>" in body and "In force" in body
    assert '<time datetime="2025-02-12">February 12, 2025</time>' in body
    assert "2 items" in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "executive_order"}, {"Order"}),
        ({"position": "support"}, {"Repeal"}),
        ({"status": "stalled"}, {"Sanctions bill"}),
        ({"congress": "118"}, {"Repeal"}),
        ({"kind": "bill", "congress": "119"}, {"Sanctions bill"}),
        ({"kind": "bill", "position": "support"}, set()),
    ],
)
def test_list_filters(client, site_tree, params, expected):
    WatchlistItemFactory(title="Sanctions bill", status=WatchlistStatus.STALLED)
    WatchlistItemFactory(
        title="Repeal", kind=WatchlistKind.STATUTE, position=Position.SUPPORT, congress=118
    )
    WatchlistItemFactory(title="Order", kind=WatchlistKind.EXECUTIVE_ORDER, congress=None)

    body = main(client, LIST_URL, **params)
    shown = {title for title in ("Sanctions bill", "Repeal", "Order") if f": {title}</a>" in body}
    assert shown == expected
    assert f"{len(expected)} item" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "treaty"}, "Choose a kind from the list; “treaty” is not one."),
        ({"position": "maybe"}, "Choose a position from the list"),
        ({"status": "<b>x</b>"}, "Choose a status from the list; “&lt;b&gt;x&lt;/b&gt;”"),
        ({"congress": "abc"}, "Choose a Congress from the list, or give its number"),
        ({"congress": "0"}, "Choose a Congress from the list, or give its number"),
        ({"congress": "99999999999999999999"}, "Choose a Congress from the list"),
    ],
)
def test_bad_filter_values_answer_400_with_the_message(client, site_tree, params, message):
    WatchlistItemFactory(title="Sanctions bill")
    body = main(client, LIST_URL, expect=400, **params)
    assert message in body
    assert 'aria-invalid="true"' in body
    assert "Sanctions bill" not in body

    response = client.get(FEED_URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["kind", "position", "status", "congress", "page"]),
    value=st.text(max_size=30),
)
def test_any_filter_value_is_answered_without_a_crash(client, site_tree, name, value):
    assert client.get(LIST_URL, {name: value}).status_code in (200, 400)
    assert client.get(FEED_URL, {name: value}).status_code in (200, 400)


def test_pages_never_repeat_an_item(client, site_tree):
    # Same dates everywhere: only the title and id order them.
    items = WatchlistItemFactory.create_batch(30, title="Same title", last_action_on=None)
    first = main(client, LIST_URL)
    second = main(client, LIST_URL, page="2")
    shown = [f'href="{item.get_absolute_url()}"' for item in items]
    assert all((link in first) != (link in second) for link in shown)
    assert "Page 2 of 2" in second


def test_list_queries_do_not_grow_with_the_items(client, site_tree):
    WatchlistItemFactory.create_batch(3)

    def queries() -> int:
        cache.clear()  # measure what a visitor meets when the page is not cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL, {"kind": "bill", "page": "1"}).status_code == 200
        return len(captured)

    queries()  # warms what each process reads once (content types, the site)
    few = queries()
    WatchlistItemFactory.create_batch(20, congress=118)
    # 8, plus what base.html's language switcher and navigation now look up (the
    # locale, the home page in it).
    assert queries() == few <= 9, few


# --- The feed -------------------------------------------------------------------------


def test_feed_lists_published_items_linking_to_their_pages(client):
    bill = WatchlistItemFactory(title="Sanctions bill")
    order = WatchlistItemFactory(title="Order", kind=WatchlistKind.EXECUTIVE_ORDER)
    WatchlistItemFactory(title="Hidden draft", unpublished=True)

    response = client.get(FEED_URL)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "AMICC watchlist"
    assert [entry.title for entry in feed.entries] == [str(order), str(bill)]
    assert [urlsplit(entry.link).path for entry in feed.entries] == [
        order.get_absolute_url(),
        bill.get_absolute_url(),
    ]
    assert "Coalition position: Oppose." in feed.entries[0].summary
    assert client.get(feed.entries[0].link).status_code == 200

    filtered = feedparser.parse(client.get(FEED_URL, {"kind": "executive_order"}).content)
    assert [entry.title for entry in filtered.entries] == [str(order)]
    assert filtered.feed.title == "AMICC watchlist: Executive order"
    assert urlsplit(filtered.feed.link).query == "kind=executive_order"


# --- The item page --------------------------------------------------------------------


def test_item_page_shows_position_facts_links_related_items_and_open_alerts(client, site_tree):
    item = WatchlistItemFactory(
        identifier="Executive Order 14203",
        title="Imposing Sanctions on the International Criminal Court",
        kind=WatchlistKind.EXECUTIVE_ORDER,
        rationale="Sanctions punish the people doing the work.",
        status=WatchlistStatus.IN_FORCE,
        status_note="In force since signed",
        citation="90 FR 9369",
        introduced_on=datetime.date(2025, 2, 6),
        congress=None,
    )
    WatchlistLink.objects.create(
        item=item, title="In the Federal Register", url="https://www.federalregister.gov/x"
    )
    related = WatchlistItemFactory(title="Older order")
    hidden = WatchlistItemFactory(title="Unpublished relative", unpublished=True)
    item.related_items.add(related, hidden)
    alert_for(item, title="Write to Congress now")
    alert_for(item, title="A closed alert", is_open=False)

    body = main(client, item.get_absolute_url())
    assert (
        "<h1>Executive Order 14203: Imposing Sanctions on the International Criminal Court</h1>"
        in body
    )
    assert "The coalition's position: oppose" in body
    assert "Sanctions punish the people doing the work." in body
    assert "In force: In force since signed" in body and "90 FR 9369" in body
    assert '<dt>Signed</dt><dd><time datetime="2025-02-06">February 6, 2025</time>' in body
    assert (
        'href="https://www.federalregister.gov/x" rel="noopener">In the Federal Register</a>'
        in body
    )
    assert f'href="{related.get_absolute_url()}"' in body and "Unpublished relative" not in body
    assert 'href="/act/write-to-congress-now/">Write to Congress now</a>' in body
    assert "A closed alert" not in body
    # Symmetrical: the related item links back.
    assert f'href="{item.get_absolute_url()}"' in main(client, related.get_absolute_url())


def test_item_timeline_merges_bill_actions_and_events_in_date_order(client, site_tree, bills):
    item = WatchlistItemFactory(bill=Bill.objects.get(bill_id="hr23-119"))
    WatchlistEventFactory(
        item=item, occurred_on=datetime.date(2025, 1, 28), description="Coalition statement"
    )
    WatchlistEventFactory(
        item=item, occurred_on=datetime.date(2025, 1, 5), description="Hearing request"
    )
    WatchlistEventFactory(
        item=item, occurred_on=datetime.date(2024, 12, 20), description="Draft circulated"
    )

    steps = watchlist_timeline(watchlist_item_for_public_page(slug=item.slug))
    assert [(step.day.isoformat(), step.text[:20]) for step in steps] == [
        ("2024-12-20", "Draft circulated"),
        ("2025-01-03", "Introduced in House"),
        ("2025-01-03", "Referred to the Comm"),
        ("2025-01-05", "Hearing request"),
        ("2025-01-09", "On passage Passed by"),
        ("2025-01-09", "Received in the Sena"),
        ("2025-01-28", "Cloture on the motio"),
        ("2025-01-28", "Coalition statement"),
    ]
    body = main(client, item.get_absolute_url())
    assert (
        body.index("Draft circulated")
        < body.index("Introduced in House")
        < body.index("Hearing request")
        < body.index("Cloture on the motion")
        < body.index("Coalition statement")
    )
    assert "House vote: passed, roll call 7" in body
    assert "Senate vote: failed, roll call 22" in body
    assert "<dt>Sponsor</dt>\n<dd>Roy, Chip</dd>" in body  # not among the imported members


def test_item_page_links_an_imported_sponsor_and_counts_active_cosponsors(client, site_tree, bills):
    item = WatchlistItemFactory(bill=Bill.objects.get(bill_id="hres9001-119"))
    body = main(client, item.get_absolute_url())
    legislator_url = reverse("congress:legislator", args=["C900003"])
    assert f'<a href="{legislator_url}">Celia Cho</a>' in body
    assert "<dt>Cosponsors</dt>\n<dd>2</dd>" in body  # one of three withdrew


def test_item_page_queries_do_not_grow_with_its_timeline_and_links(client, site_tree, bills):
    item = WatchlistItemFactory(bill=Bill.objects.get(bill_id="hr23-119"))

    def queries() -> int:
        cache.clear()  # measure what a visitor meets when the page is not cached
        with CaptureQueriesContext(connection) as captured:
            assert client.get(item.get_absolute_url()).status_code == 200
        return len(captured)

    queries()  # warms what each process reads once (content types, the site)
    few = queries()
    WatchlistEventFactory.create_batch(10, item=item)
    for n in range(5):
        WatchlistLink.objects.create(
            item=item, title=f"Source {n}", url=f"https://congress.gov/{n}"
        )
        item.related_items.add(WatchlistItemFactory())
        alert_for(item, title=f"Alert {n}")
    # 10, plus what base.html's language switcher and navigation now look up (the
    # locale, the home page in it).
    assert queries() == few <= 12, few


def test_unpublished_or_unknown_items_are_not_found(client, site_tree):
    hidden = WatchlistItemFactory(unpublished=True)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("congress:watchlist_item", args=["no-such-item"])).status_code == 404
    assert client.post(LIST_URL).status_code == 405


# --- The page cache -------------------------------------------------------------------


def test_changes_to_items_events_and_relations_retire_cached_pages(
    client, site_tree, django_capture_on_commit_callbacks
):
    item = WatchlistItemFactory(title="First title")
    other = WatchlistItemFactory()
    url = item.get_absolute_url()

    def cache_state() -> str:
        return client.get(url)["X-Page-Cache"]

    changes = [
        lambda: WatchlistItem.objects.get(pk=item.pk).save(),
        lambda: WatchlistEventFactory(item=item),
        lambda: WatchlistLink.objects.create(
            item=item, title="Source", url="https://www.congress.gov/"
        ),
        lambda: item.related_items.add(other),
        lambda: item.events.first().delete(),
    ]
    for change in changes:
        assert cache_state() in ("miss", "hit")
        assert cache_state() == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert cache_state() == "miss"


# --- The admin ------------------------------------------------------------------------


def admin_url(name: str, *args) -> str:
    return reverse(WatchlistItem.snippet_viewset.get_url_name(name), args=args)


def watchlist_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="congress", codename__endswith="_watchlistitem"
        )
    )


def item_form(**changes) -> dict:
    data = {
        "kind": "executive_order",
        "identifier": "Executive Order 14203",
        "title": "Imposing Sanctions on the International Criminal Court",
        "slug": "eo-14203",
        "summary": "Sanctions on the Court.",
        "citation": "90 FR 9369",
        "position": "oppose",
        "status": "in_force",
        "score_weight": "0",
        "is_published": "on",
        "events-TOTAL_FORMS": "1",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
        "events-0-occurred_on": "2025-02-06",
        "events-0-description": "Signed by the President.",
        "events-0-source_url": "https://www.federalregister.gov/citation/90-FR-9369",
        "events-0-ORDER": "1",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


@pytest.fixture
def watchlist_staff(coalition):
    # Coalition staff hold the watchlist's model permissions from migration congress 0003.
    assert set(watchlist_permissions()) <= set(Group.objects.get(name=STAFF).permissions.all())
    return coalition.staff


def test_staff_add_an_item_with_its_events(client, watchlist_staff):
    client.force_login(watchlist_staff)
    assert '"label": "Watchlist"' in client.get(reverse("wagtailadmin_home")).content.decode()
    form = client.get(admin_url("add")).content.decode()
    assert reverse("watchlist_bill_chooser:choose") in form
    assert "related_items" in form

    response = client.post(admin_url("add"), item_form())
    assert response.status_code == 302, response.context["form"].errors
    item = WatchlistItem.objects.get(slug="eo-14203")
    assert [(e.occurred_on, e.description) for e in item.events.all()] == [
        (datetime.date(2025, 2, 6), "Signed by the President.")
    ]
    html = client.get(admin_url("list"), {"kind": "executive_order", "q": "14203"}).content.decode()
    assert "Executive Order 14203" in html


def test_choosing_the_bill_fills_the_blank_fields(client, watchlist_staff, bills):
    client.force_login(watchlist_staff)
    for query in ("illegit court", "H.R. 23", "hr23-119"):
        found = client.get(reverse("watchlist_bill_chooser:choose_results"), {"q": query})
        assert "Illegitimate Court Counteraction Act" in found.content.decode(), query
        assert "Test resolution" not in found.content.decode()
    bill = Bill.objects.get(bill_id="hr23-119")
    data = item_form(
        kind="bill", identifier="", title="", slug="", status="pending", bill=str(bill.pk)
    )

    response = client.post(admin_url("add"), data)
    assert response.status_code == 302, response.context["form"].errors
    item = WatchlistItem.objects.get(bill=bill)
    assert (item.identifier, item.title, item.slug) == (
        "H.R. 23, 119th Congress",
        "Illegitimate Court Counteraction Act",
        "hr23-119",
    )
    assert (item.congress, item.introduced_on, item.last_action_on, item.status) == (
        119,
        datetime.date(2025, 1, 3),
        datetime.date(2025, 1, 28),
        WatchlistStatus.ADVANCING,
    )

    again = client.post(admin_url("add"), item_form(slug="again", bill=str(bill.pk)))
    assert again.status_code == 200
    assert "follows this bill already" in str(again.context["form"].errors["bill"])
    blank = client.post(admin_url("add"), item_form(identifier="", title="", slug=""))
    assert set(blank.context["form"].errors) == {"identifier", "title", "slug"}


@pytest.mark.parametrize("role", ["coordinator", "editor"])
def test_only_coalition_staff_reach_the_watchlist(client, coalition, role):
    item = WatchlistItemFactory()
    if role == "editor":
        user = user_in("Editors", username="editor")
        user.user_permissions.add(*watchlist_permissions())
    else:
        # Even holding the model permissions, a coordinator has no coalition-wide reach.
        user = coalition.coordinator
        user.user_permissions.add(*watchlist_permissions())
    client.force_login(user)
    home = reverse("wagtailadmin_home")

    assert admin_url("list") not in client.get(home).content.decode()
    assert client.get(admin_url("add")).url == home
    assert client.post(admin_url("add"), item_form()).url == home
    assert client.get(admin_url("edit", item.pk)).status_code in (302, 404)
    assert not WatchlistItem.objects.filter(slug="eo-14203").exists()


def test_an_item_with_action_alerts_is_not_deleted(client, watchlist_staff):
    item = WatchlistItemFactory()
    alert_for(item, title="Write now")
    client.force_login(watchlist_staff)

    assert (
        "prevent it from being deleted" in client.get(admin_url("delete", item.pk)).content.decode()
    )
    assert client.post(admin_url("delete", item.pk)).status_code == 302
    assert WatchlistItem.objects.filter(pk=item.pk).exists()


# --- Services and the demo ------------------------------------------------------------


@pytest.mark.parametrize(
    ("bill_status", "expected"),
    [
        ("INTRODUCED", WatchlistStatus.PENDING),
        ("REFERRED", WatchlistStatus.PENDING),
        ("PASS_OVER:HOUSE", WatchlistStatus.ADVANCING),
        ("PASSED:BILL", WatchlistStatus.ADVANCING),
        ("PASSED:SIMPLERES", WatchlistStatus.IN_FORCE),
        ("ENACTED:SIGNED", WatchlistStatus.IN_FORCE),
        ("ENACTED:VETO_OVERRIDE", WatchlistStatus.IN_FORCE),
        ("PROV_KILL:CLOTUREFAILED", WatchlistStatus.STALLED),
        ("FAIL:ORIGINATING:SENATE", WatchlistStatus.STALLED),
        ("VETOED:POCKET", WatchlistStatus.STALLED),
        ("", WatchlistStatus.PENDING),
    ],
)
def test_bill_status_maps_to_a_watchlist_status(bill_status, expected):
    assert watchlist_status_for_bill_status(bill_status) == expected


def test_fill_from_bill_keeps_what_staff_entered(bills):
    item = WatchlistItemFactory.build(
        identifier="Our own citation",
        title="",
        congress=None,
        introduced_on=None,
        last_action_on=datetime.date(2025, 1, 10),
        status=WatchlistStatus.STALLED,
        bill=Bill.objects.get(bill_id="hr23-119"),
    )
    assert sorted(watchlist_item_fill_from_bill(item=item)) == [
        "congress",
        "introduced_on",
        "last_action_on",
        "title",
    ]
    assert item.identifier == "Our own citation" and item.status == WatchlistStatus.STALLED
    assert item.last_action_on == datetime.date(2025, 1, 28)


def test_demo_loader_is_idempotent_and_links_the_bill_once_imported(members):
    first = watchlist_demo_load()
    assert first.startswith("Watchlist: 5 demo items (5 created)")
    snapshot = (WatchlistItem.objects.count(), WatchlistEvent.objects.count())
    assert watchlist_demo_load().startswith("Watchlist: 5 demo items (0 created)")
    assert (WatchlistItem.objects.count(), WatchlistEvent.objects.count()) == snapshot

    eo = WatchlistItem.objects.get(identifier="Executive Order 13928")
    assert {str(other.identifier) for other in eo.related_items.all()} == {
        "Executive Order 14022",
        "Executive Order 14203",
    }
    assert all(link.url.startswith("https://") for link in eo.links.all())
    hr23 = WatchlistItem.objects.get(congress=119)
    assert hr23.bill is None and hr23.events.count() == 3

    run("import_bills", str(DATA / "bills"))
    assert "H.R. 23 linked to its imported bill" in watchlist_demo_load()
    hr23.refresh_from_db()
    assert hr23.bill.bill_id == "hr23-119" and hr23.events.count() == 0
    assert hr23.status == WatchlistStatus.STALLED
    assert watchlist_demo_load() == watchlist_demo_load()
    assert WatchlistItem.objects.count() == 5
