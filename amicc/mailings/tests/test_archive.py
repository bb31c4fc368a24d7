"""The public newsletter archive: only sent, public newsletters; nothing personal; cached."""

import pytest
from django.urls import reverse

from amicc.core.page_cache import CACHE_HEADER
from amicc.mailings.choices import NewsletterStatus
from amicc.mailings.models import MailingList, Newsletter
from amicc.mailings.tests.test_compose_fixtures import (
    call_to_action_block,
    campaign_make,
    mark_sent,
    newsletter_make,
    text_block,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporters(site_tree) -> MailingList:
    return MailingList.objects.get(slug="coalition-newsletter")


def sent(mailing_list, slug: str, **fields) -> Newsletter:
    return mark_sent(newsletter_make(mailing_list, slug=slug, is_public=True, **fields), total=9)


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_archive_lists_sent_public_newsletters_newest_first(client, supporters):
    older = sent(supporters, "october", title="October news")
    newer = sent(supporters, "november", title="November news")
    newsletter_make(supporters, slug="draft", title="Draft news", is_public=True)
    mark_sent(newsletter_make(supporters, slug="private", title="Private news"))
    Newsletter.objects.filter(pk=older.pk).update(finished_at=newer.finished_at.replace(year=2020))
    html = main(client.get(reverse("mailings:archive")).content.decode())
    assert html.index("November news") < html.index("October news")
    assert "Draft news" not in html and "Private news" not in html
    assert f'href="{newer.get_absolute_url()}"' in html


def test_archive_is_paginated(client, supporters):
    for number in range(23):
        sent(supporters, f"issue-{number}")
    first = client.get(reverse("mailings:archive"))
    assert len(first.context["page"].object_list) == 20 and "Page 1 of 2" in first.content.decode()
    assert len(client.get(reverse("mailings:archive"), {"page": 2}).context["page"]) == 3
    assert client.get(reverse("mailings:archive"), {"page": "x"}).status_code == 200


def test_web_version_shows_the_blocks_and_nothing_personal(client, supporters):
    campaign = campaign_make()
    newsletter = sent(
        supporters,
        "december",
        title="December news",
        body=[text_block(), call_to_action_block(campaign)],
    )
    response = client.get(newsletter.get_absolute_url())
    html = main(response.content.decode())
    assert "December news" in html and "The Hague" in html and "Write your letter" in html
    for absent in ("Dear ", "unsubscribe", "Your representatives", "\ue000"):
        assert absent not in html
    assert "style=" not in html and "<script" not in html  # the site's strict CSP


@pytest.mark.parametrize(
    "change",
    [
        {"is_public": False},
        {"status": NewsletterStatus.SENDING},
        {"status": NewsletterStatus.CANCELLED},
        {"status": NewsletterStatus.DRAFT},
    ],
)
def test_unsent_or_private_newsletters_are_not_found(client, supporters, change):
    newsletter = sent(supporters, "hidden")
    Newsletter.objects.filter(pk=newsletter.pk).update(**change)
    assert client.get(newsletter.get_absolute_url()).status_code == 404
    assert client.get("/newsletters/no-such-thing/").status_code == 404


def test_archive_pages_are_cached_for_anonymous_visitors(client, supporters):
    newsletter = sent(supporters, "cached")
    for path in (reverse("mailings:archive"), newsletter.get_absolute_url()):
        assert client.get(path)[CACHE_HEADER] == "miss"
        assert client.get(path)[CACHE_HEADER] == "hit"


def test_archive_queries_are_bounded(client, supporters, django_assert_max_num_queries):
    newsletter = sent(
        supporters, "first", body=[text_block(), call_to_action_block(campaign_make())]
    )
    # One more than before Spanish came: the language switcher's lookup (base.html).
    with django_assert_max_num_queries(11) as first:
        client.get(reverse("mailings:archive"), HTTP_COOKIE="sessionid=x")
    for number in range(15):
        sent(supporters, f"more-{number}")
    with django_assert_max_num_queries(len(first)):
        client.get(reverse("mailings:archive"), HTTP_COOKIE="sessionid=x")
    with django_assert_max_num_queries(8):
        client.get(newsletter.get_absolute_url(), HTTP_COOKIE="sessionid=y")
    # The web version is kept: a second render reads only the newsletter.
    with django_assert_max_num_queries(3):
        client.get(newsletter.get_absolute_url(), HTTP_COOKIE="sessionid=z")


def test_footer_links_to_the_archive_and_preferences(client, site_tree):
    html = client.get(reverse("mailings:archive")).content.decode()
    assert f'href="{reverse("mailings:archive")}">Newsletter archive' in html
    assert f'href="{reverse("mailings:preferences_request")}">Newsletter preferences' in html


def test_archive_rejects_other_methods(client, supporters):
    assert client.post(reverse("mailings:archive")).status_code == 405


def test_a_public_newsletter_joins_the_cached_archive_when_its_send_finishes(
    client, supporters, admin_user
):
    from amicc.coalition.models import Person
    from amicc.mailings.sending import newsletter_deliver
    from amicc.mailings.services.compose import newsletter_send_now

    Person.objects.create(name="Ann Reader", email="ann@example.org", wants_newsletter=True)
    newsletter = newsletter_make(
        supporters, slug="just-sent", title="Just sent news", is_public=True, body=[text_block()]
    )
    # Sending has started (its task would run after this test's transaction commits) and the
    # archive page is cached while it runs.
    newsletter_send_now(newsletter=newsletter, user=admin_user)
    client.get(reverse("mailings:archive"))
    cached = client.get(reverse("mailings:archive"))
    assert cached.headers[CACHE_HEADER] == "hit" and "Just sent news" not in main(cached.text)
    newsletter_deliver(newsletter_id=newsletter.pk)
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert "Just sent news" in main(client.get(reverse("mailings:archive")).text)
