"""HTML written by people is kept to one allowlist wherever it becomes part of a page or email."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from amicc.core.sanitize import clean_html, clean_rich_text, sanitized_html

ATTACKS = [
    '<script>alert("x")</script>',
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src="/media/a.png" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(2)">text</p>',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="JaVaScRiPt:alert(1)">b</a>',
    '<a href="java&#x09;script:alert(1)">c</a>',
    '<a href="  javascript:alert(1)">d</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">e</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "<style>body { background: url(javascript:alert(1)) }</style>",
    '<p style="background:url(javascript:alert(1))">f</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg><script>alert(1)</script></svg><math><mi xlink:href="javascript:alert(1)">g</mi></math>',
    '<form action="https://evil.example"><input name="password"></form>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<!--<img src=x onerror=alert(1)>-->",
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x">',
]
FORBIDDEN = ("<script", "alert(", "onerror", "onclick", "javascript:", "<style", "style=",
             "<iframe", "<svg", "<form", "<input", "<object", "<embed", "data:", "<base", "<meta",
             "<!--")  # fmt: skip


@pytest.mark.parametrize("attack", ATTACKS)
def test_active_content_is_removed(attack):
    cleaned = clean_html(f"<p>before</p>{attack}<p>after</p>").lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in cleaned, (attack, cleaned)
    assert "<p>before</p>" in cleaned and "<p>after</p>" in cleaned


def test_script_and_style_go_with_their_content_while_other_tags_keep_their_text():
    assert clean_html("<script>var secret = 1;</script><style>p{}</style>") == ""
    assert clean_html("<div><span>kept</span> text</div>") == "kept text"


def test_the_markup_people_write_survives():
    markup = (
        "<h2>Heading</h2><p>Some <strong>bold</strong>, <em>italic</em> and "
        '<a href="https://www.icc-cpi.int/">a link</a>, <a href="/join/">a relative one</a>, '
        '<a href="mailto:info@amicc.example">mail</a>.</p>'
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><blockquote>quote</blockquote>'
        '<p><img src="/media/images/a.png" alt="A photo" width="200" height="100" '
        'class="richtext-image left"></p>'
    )
    cleaned = clean_html(markup)
    for kept in (
        "<h2>Heading</h2>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        '<a href="https://www.icc-cpi.int/" rel="noopener noreferrer">a link</a>',
        '<a href="/join/" rel="noopener noreferrer">',
        '<a href="mailto:info@amicc.example" rel="noopener noreferrer">',
        "<ul><li>one</li></ul>",
        '<ol start="3">',
        "<blockquote>quote</blockquote>",
        'alt="A photo"',
        'src="/media/images/a.png"',
    ):
        assert kept in cleaned, kept


def test_text_that_looks_like_markup_stays_text():
    assert clean_html("5 < 6 & 7 > 3") == "5 &lt; 6 &amp; 7 &gt; 3"
    assert str(sanitized_html("<p>Tom &amp; Jerry</p>")) == "<p>Tom &amp; Jerry</p>"


def test_the_template_filter_sanitizes():
    template = Template("{% load sanitize %}{{ value|sanitized }}")
    rendered = template.render(Context({"value": '<p onclick="x()">Hi<script>x()</script></p>'}))
    assert rendered == "<p>Hi</p>"


@pytest.mark.django_db
def test_stored_rich_text_keeps_wagtails_references_and_loses_the_rest(site_tree):
    page = site_tree.home
    value = (
        f'<p>See <a linktype="page" id="{page.pk}" onclick="x()">our page</a> and '
        '<a href="javascript:alert(1)">this</a>.</p><script>alert(1)</script>'
        '<embed embedtype="image" id="999999" format="left" alt="Gone" onload="x()"/>'
    )
    cleaned = clean_rich_text(value)
    assert f'<a linktype="page" id="{page.pk}">our page</a>' in cleaned
    assert '<embed embedtype="image" id="999999" format="left" alt="Gone"/>' in cleaned
    assert "script" not in cleaned and "javascript" not in cleaned and "onload" not in cleaned
    assert clean_rich_text(cleaned) == cleaned, "cleaning twice changes nothing"
    assert f'href="{page.url}"' in expand_db_html(cleaned)


@pytest.mark.django_db
def test_a_delegation_report_written_outside_the_editor_is_sanitized_on_the_page(client, site_tree):
    from amicc.icc.tests.test_public import AspSessionFactory, DelegationCallFactory

    session = AspSessionFactory(number=30)
    DelegationCallFactory(
        session=session,
        deadline=timezone.now() - datetime.timedelta(days=3),
        report_title="What we saw",
        report=(
            '<p onmouseover="alert(1)">We met <a href="javascript:alert(2)">delegates</a>.</p>'
            "<script>alert(3)</script><style>body{display:none}</style>"
        ),
        report_published_at=timezone.now(),
    )
    for url in (session.get_absolute_url(), f"/icc/asp/{session.number}/delegation/report/"):
        html = client.get(url).content.decode()
        assert "We met" in html, url
        assert "alert(" not in html and "javascript:" not in html, url
        assert "display:none" not in html, url


@pytest.mark.django_db
def test_newsletter_rich_text_is_sanitized_in_the_email_and_the_archive(site_tree):
    from amicc.mailings.models import MailingList
    from amicc.mailings.rendering import newsletter_template, newsletter_web_html
    from amicc.mailings.tests.test_compose_fixtures import newsletter_make, text_block

    mailing_list = MailingList.objects.get(slug="coalition-newsletter")
    newsletter = newsletter_make(
        mailing_list,
        body=[
            text_block(
                '<p>Read <a href="https://www.icc-cpi.int/" onclick="steal()">the Court</a>.</p>'
                '<img src="x" onerror="alert(1)"><script>alert(2)</script>'
                '<a href="javascript:alert(3)">click</a>'
            )
        ],
    )
    for html in (newsletter_template(newsletter).html, newsletter_web_html(newsletter)):
        assert 'href="https://www.icc-cpi.int/"' in html
        for forbidden in ("onclick", "onerror", "<script", "javascript:", "alert("):
            assert forbidden not in html, forbidden
