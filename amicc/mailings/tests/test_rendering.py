"""A newsletter as an email: each block, the personal parts, escaping, links, speed."""

import datetime
import re
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amicc.events.tests.factories import EventFactory, in_days
from amicc.mailings.rendering import (
    NewsletterTemplate,
    html_to_text,
    newsletter_personalize,
    newsletter_template,
    newsletter_web_html,
)
from amicc.mailings.tests.test_compose_fixtures import (
    call_to_action_block,
    campaign_make,
    event_block,
    newsletter_make,
    publication_block,
    text_block,
)
from amicc.pages.tests.factories import make_news, make_publication

pytestmark = pytest.mark.django_db

SITE = settings.SITE_URL
UNSUBSCRIBE = "https://amicc.example/newsletters/unsubscribe/abc:def/?a=1&b=2"
PREFERENCES = "https://amicc.example/newsletters/preferences/xyz/"
ADA = {
    "name": "Ada Lovelace",
    "alliance": "New York City Alliance",
    "district": "NY-10",
    "representatives": [
        {
            "name": "Jane Doe",
            "role": "Senator",
            "party": "Democrat",
            "phone": "202-224-0000",
            "url": "https://doe.senate.gov",
        },
        {
            "name": "John Roe",
            "role": "Representative",
            "party": "Republican",
            "phone": "",
            "url": "",
        },
    ],
}
NOBODY = {"name": "", "alliance": "", "district": "", "representatives": []}


def personalize(template: NewsletterTemplate, context: dict):
    return newsletter_personalize(
        template, context=context, unsubscribe_url=UNSUBSCRIBE, preferences_url=PREFERENCES
    )


@pytest.fixture
def list_(db):
    from amicc.mailings.models import MailingList

    return MailingList.objects.get(slug="coalition-newsletter")


@pytest.fixture
def full(site_tree, list_):
    """A newsletter with one block of each kind."""
    publication = make_publication(
        site_tree.library, "Complementarity explained", summary="What the Court leaves to states."
    )
    event = EventFactory(
        title="Teach-in on the Rome Statute",
        starts_at=datetime.datetime(2031, 3, 5, 0, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 3, 5, 2, 0, tzinfo=datetime.UTC),
        time_zone="America/Chicago",
    )
    campaign = campaign_make()
    link = (
        f'<p>Read <a linktype="page" id="{publication.pk}">our guide</a> and '
        '<a href="https://www.icc-cpi.int/">the Court\'s site</a>.</p>'
    )
    return newsletter_make(
        list_,
        body=[
            text_block(link),
            publication_block(publication),
            event_block(event, note="Bring a friend."),
            call_to_action_block(campaign),
        ],
    )


def test_every_block_renders_in_html_and_text_with_absolute_links(full):
    template = newsletter_template(full)
    html, text = template.html, template.text
    # Rich text, its page link made absolute.
    assert f'href="{SITE}/publications/complementarity-explained/"' in html
    assert "our guide (" + SITE + "/publications/complementarity-explained/)" in text
    assert "the Court's site (https://www.icc-cpi.int/)" in text
    # The featured publication: title, date, summary, link.
    assert "Complementarity explained" in html and "1 June 2024" in html
    assert "What the Court leaves to states." in html and "What the Court leaves" in text
    # The event in its own time zone: 00:30 UTC is 6:30 p.m. the day before in Chicago.
    assert "Tuesday 4 March 2031, 6:30 p.m." in html and "Tuesday 4 March 2031" in text
    assert "Public Library" in html and "Bring a friend." in text
    assert f'href="{SITE}/events/' in html and f"Reserve a seat: {SITE}/events/" in text
    # The call to action opens the letter campaign.
    assert f'href="{SITE}/act/support-the-court/"' in html
    assert f"Write your letter: {SITE}/act/support-the-court/" in text
    # No link is left relative, in any attribute.
    assert not re.search(r'(href|src)="/', html)


def test_email_is_inline_styled_600px_with_preheader_and_list_footer(full):
    html = personalize(newsletter_template(full), ADA).html
    assert "max-width:600px" in html
    assert 'style="display:none;' in html and "What happened at the Court this month" in html
    assert "you're on the “Coalition newsletter” list" in html
    assert "class=" not in html.split("<body", 1)[1]  # every class became a style
    assert "<style" not in html


def test_footer_carries_the_coalition_name_and_address(full, site_tree):
    from amicc.core.models import SiteSettings

    settings_ = SiteSettings.for_site(site_tree.home.get_site())
    settings_.postal_address = "777 UN Plaza\nNew York, NY 10017"
    settings_.save()
    message = personalize(newsletter_template(full), ADA)
    assert (
        "American NGO Coalition for the International Criminal Court · 777 UN Plaza, "
        "New York, NY 10017" in message.html
    )
    assert "777 UN Plaza, New York, NY 10017" in message.text


def test_personal_parts_and_links_are_placed(full):
    message = personalize(newsletter_template(full), ADA)
    assert "Dear Ada Lovelace," in message.html and "Dear Ada Lovelace," in message.text
    assert "New York City Alliance" in message.html
    assert "Your local alliance: New York City Alliance" in message.text
    escaped = UNSUBSCRIBE.replace("&", "&amp;")
    assert f'href="{escaped}"' in message.html and f'href="{PREFERENCES}"' in message.html
    assert f"Unsubscribe from this list: {UNSUBSCRIBE}" in message.text
    assert f"Your email preferences: {PREFERENCES}" in message.text
    assert "\ue000" not in message.html + message.text  # no marker is left
    assert message.subject == "Coalition news: autumn"


def test_representatives_only_when_known(full):
    template = newsletter_template(full)
    known = personalize(template, ADA)
    assert "Your representatives (NY-10)" in known.html
    assert '<a href="https://doe.senate.gov"' in known.html
    assert "Senator, Democrat" in known.html and "202-224-0000" in known.html
    assert "- Jane Doe (Senator, Democrat), 202-224-0000, https://doe.senate.gov" in known.text
    assert "- John Roe (Representative, Republican)\n" in known.text
    unknown = personalize(template, NOBODY)
    assert "Your representatives" not in unknown.html + unknown.text
    assert "Hello," in unknown.text and "Your local alliance" not in unknown.text
    assert "\n\n\n" not in unknown.text  # the missing parts leave no gaps


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", 'Ann & "Bob"'])
def test_personal_values_are_escaped_in_html_only(full, name):
    context = {
        **ADA,
        "name": name,
        "alliance": name,
        "representatives": [{**ADA["representatives"][0], "name": name, "url": 'x" onclick="y'}],
    }
    message = personalize(newsletter_template(full), context)
    assert "<script>" not in message.html and 'onclick="y"' not in message.html
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"Dear {escaped.replace(chr(34), '&quot;')}," in message.html
    assert f"Dear {name}," in message.text  # plain text is not HTML: left as typed


def test_content_typed_by_staff_is_escaped(list_):
    newsletter = newsletter_make(list_, title="<b>Bold</b> & co", subject="A & B")
    message = personalize(newsletter_template(newsletter), ADA)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in message.html
    assert "<b>Bold</b> & co" in message.text and message.subject == "A & B"


def test_gone_event_and_unpublished_page_are_left_out(site_tree, list_):
    publication = make_publication(site_tree.library, "Withdrawn report")
    event = EventFactory(title="Hidden meeting", is_published=False, starts_at=in_days(3))
    newsletter = newsletter_make(
        list_, body=[text_block(), publication_block(publication), event_block(event)]
    )
    publication.unpublish()
    template = newsletter_template(newsletter)
    assert "Withdrawn report" not in template.html and "Hidden meeting" not in template.text
    assert "The Hague" in template.html


def test_news_page_can_be_featured_with_a_note(site_tree, list_):
    news = make_news(site_tree.news_index, "Court opens a new investigation")
    newsletter = newsletter_make(list_, body=[publication_block(news, note="Why it matters.")])
    template = newsletter_template(newsletter)
    assert "Court opens a new investigation" in template.html
    assert "Why it matters." in template.text and "NEWS: Court opens" in template.text


def test_web_version_has_nothing_personal_and_no_inline_style(full):
    html = newsletter_web_html(full)
    assert "Complementarity explained" in html and 'class="cta"' in html
    for absent in ("\ue000", "Dear", "unsubscribe", "style=", "Your representatives"):
        assert absent not in html


def test_queries_happen_once_and_personalize_is_pure_and_fast(full):
    with CaptureQueriesContext(connection) as rendering:
        template = newsletter_template(full)
    # 12, and 2 since pages are translatable: a linked page is shown in its English version
    # (`Page.localized` looks up the active locale and the page's translation).
    assert len(rendering) <= 14
    with CaptureQueriesContext(connection) as personalizing:
        personalize(template, ADA)
    assert len(personalizing) == 0
    rounds = 2000
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            personalize(template, ADA)
        best = min(best, (time.perf_counter() - started) / rounds)
    assert best < 100e-6, f"{best * 1e6:.1f} µs per message"


def test_rich_text_as_plain_text():
    html = (
        "<h2>Heading</h2><p>One <b>bold</b>\n word and a "
        '<a href="mailto:info@amicc.example">mail link</a>.</p>'
        "<ul><li>first</li><li>second</li></ul><ol><li>one</li><li>two</li></ol>"
        '<p>Line<br>break and <a href="#top">an anchor</a></p>'
    )
    assert html_to_text(html) == (
        "Heading\n\nOne bold word and a mail link (info@amicc.example).\n\n- first\n\n"
        "- second\n\n1. one\n\n2. two\n\nLine\n\nbreak and an anchor"
    )
