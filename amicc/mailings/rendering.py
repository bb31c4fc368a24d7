"""A newsletter as an email: rendered once per send, personalized per recipient.

`newsletter_template` renders the blocks with Django templates into an email-safe HTML
document and a plain-text version, leaving markers where the personal parts go (the
greeting, the alliance line, the representatives and the footer's links). All queries
happen there. `newsletter_personalize` swaps the markers for one recipient's values: a
join over pre-split parts, no template engine and no queries, so it keeps up with sending.

The block templates write plain markup with the public site's class names; the web
version (the archive) keeps them, the email turns them into inline styles, since mail
programs ignore style sheets.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext

from amicc.core.models import SiteSettings
from amicc.core.sanitize import sanitized_html

# Private-use characters: a marker cannot be typed into a newsletter by accident.
GREETING, ALLIANCE, REPRESENTATIVES, UNSUBSCRIBE, PREFERENCES = (
    f"\ue000{name}\ue001"
    for name in ("greeting", "alliance", "representatives", "unsubscribe", "preferences")
)
_MARKER = re.compile("\ue000([a-z]+)\ue001")

FONT = "font-family:Arial,Helvetica,sans-serif;"
INK, MUTED, BRAND, TINT, RULE = "#1b1f24", "#4a5360", "#0b4f8a", "#f2f5f8", "#d5dbe2"
P_STYLE = f"margin:0 0 16px;{FONT}font-size:16px;line-height:1.5;color:{INK};"
# What the block templates' classes and rich text's tags look like in an email.
CLASS_STYLES = {
    "block": "margin:0 0 24px;",
    "kind": f"margin:0 0 4px;{FONT}font-size:12px;font-weight:bold;letter-spacing:1px;"
    "text-transform:uppercase;color:#8a1c1c;",
    "card-title": f"margin:0 0 6px;{FONT}font-size:20px;line-height:1.3;color:{INK};",
    "meta": f"margin:0 0 8px;{FONT}font-size:14px;color:{MUTED};",
    "cta": f"margin:0 0 24px;padding:20px;background:{TINT};border-left:4px solid {BRAND};",
    "button": f"display:inline-block;padding:12px 20px;background:{BRAND};color:#ffffff;"
    f"{FONT}font-size:16px;font-weight:bold;text-decoration:none;border-radius:4px;",
}
TAG_STYLES = {
    "p": P_STYLE,
    "h2": f"margin:24px 0 8px;{FONT}font-size:22px;line-height:1.3;color:{INK};",
    "h3": f"margin:20px 0 8px;{FONT}font-size:18px;line-height:1.3;color:{INK};",
    "ul": f"margin:0 0 16px;padding-left:24px;{FONT}font-size:16px;color:{INK};",
    "ol": f"margin:0 0 16px;padding-left:24px;{FONT}font-size:16px;color:{INK};",
    "li": "margin:0 0 6px;line-height:1.5;",
    "a": f"color:{BRAND};",
}
_START_TAG = re.compile(r"<([a-z][a-z0-9]*)\b([^>]*)>")
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_RELATIVE_LINK = re.compile(r'(href|src)="/(?!/)')


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class NewsletterTemplate:
    """One newsletter rendered for everyone, with markers for the personal parts."""

    subject: str
    text: str
    html: str
    # The text and html split at their markers: literal, marker name, literal, ...
    text_parts: tuple[str, ...] = field(init=False, repr=False, compare=False)
    html_parts: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text_parts", tuple(_MARKER.split(self.text)))
        object.__setattr__(self, "html_parts", tuple(_MARKER.split(self.html)))


def absolute_links(markup: str) -> str:
    """Site-relative links (rich text's page and document links) made absolute."""
    return _RELATIVE_LINK.sub(rf'\1="{settings.SITE_URL}/', markup)


def _inline_styles(markup: str) -> str:
    def style(match: re.Match) -> str:
        tag, attributes = match[1], match[2]
        if classes := _CLASS_ATTRIBUTE.search(attributes):
            css = "".join(CLASS_STYLES.get(name, "") for name in classes[1].split())
            attributes = _CLASS_ATTRIBUTE.sub(f' style="{css}"' if css else "", attributes)
        elif tag in TAG_STYLES and "style=" not in attributes:
            attributes = f' style="{TAG_STYLES[tag]}"{attributes}'
        return f"<{tag}{attributes}>"

    return _START_TAG.sub(style, markup)


class _TextWriter(HTMLParser):
    """Rich text as plain text: paragraphs apart, list items marked, links written out."""

    BLOCKS = {"p", "h2", "h3", "h4", "ul", "ol", "div", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.line: list[str] = []
        self.links: list[str | None] = []
        self.lists: list[int] = []  # per open list: 0 for bullets, else the next number

    def _break(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.paragraphs.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "li":
            self._break()
        if tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else 0)
        elif tag == "li" and self.lists:
            number = self.lists[-1]
            self.line.append(f"{number}. " if number else "- ")
            if number:
                self.lists[-1] += 1
        elif tag == "br":
            self._break()
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("#"):
                self.line.append(f" ({href.removeprefix('mailto:')})")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in self.BLOCKS or tag == "li":
            self._break()

    def handle_data(self, data):
        self.line.append(data)


def html_to_text(markup: str) -> str:
    writer = _TextWriter()
    writer.feed(markup)
    writer.close()
    writer._break()
    return "\n\n".join(writer.paragraphs)


def _site_settings() -> SiteSettings:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def absolute_url(url: str | None) -> str:
    return f"{settings.SITE_URL}{url}" if url and url.startswith("/") else url or ""


def _text_context(value) -> dict:
    # Page and document links expanded, then kept to the allowlist whatever wrote the value.
    html = sanitized_html(absolute_links(str(richtext(value))))
    return {"html": html, "text": html_to_text(html)}


def _publication_context(value) -> dict | None:
    page = value["page"]
    if page is None or not page.live:
        return None
    page = page.specific
    kind = page.get_kind_display() if hasattr(page, "get_kind_display") else "News"
    return {
        "kind": kind,
        "title": page.title,
        "date": page.date,
        "summary": value["note"] or getattr(page, "summary", "") or page.intro,
        "url": absolute_url(page.url),
    }


def _event_context(value) -> dict | None:
    event = value["event"]
    if event is None or not event.is_published:
        return None
    return {
        "title": event.title,
        "when": event.when_text,
        "place": event.place_text,
        "online": event.is_online,
        "host": event.host_name if event.alliance_id or event.organization_id else "",
        "note": value["note"],
        "url": event.full_url,
    }


def _call_to_action_context(value) -> dict:
    campaign = value["campaign"]
    return {
        "heading": value["heading"],
        "text": value["text"],
        "button_label": value["button_label"],
        "url": absolute_url(campaign.get_absolute_url()) if campaign else "",
    }


BLOCK_CONTEXTS = {
    "text": _text_context,
    "publication": _publication_context,
    "event": _event_context,
    "call_to_action": _call_to_action_context,
}


def _blocks(newsletter) -> list[tuple[str, str]]:
    """Each block as (html, text) from its two templates; gone ones left out."""
    rendered = []
    for block in newsletter.body:
        context = BLOCK_CONTEXTS[block.block_type](block.value)
        if context is None:  # its page or event was unpublished or deleted
            continue
        html, text = (
            render_to_string(f"mailings/blocks/{block.block_type}.{kind}", context).strip()
            for kind in ("html", "txt")
        )
        rendered.append((absolute_links(html), text))
    return rendered


# Newsletters stay in the language staff wrote them in, and no recipient's language is on
# record, so their chrome (footer, block labels, dates) is the site's default language,
# whatever language the sender's admin or a request happens to have active.
@translation.override(settings.LANGUAGE_CODE)
def newsletter_web_html(newsletter) -> str:
    """The body as the archive shows it: the site's own markup, nothing personal."""
    return "\n".join(html for html, _ in _blocks(newsletter))


@translation.override(settings.LANGUAGE_CODE)
def newsletter_template(newsletter) -> NewsletterTemplate:
    site_settings = _site_settings()
    address = ", ".join(line.strip() for line in site_settings.postal_address.splitlines())
    context = {
        "newsletter": newsletter,
        "list_name": newsletter.mailing_list.name,
        "site_settings": site_settings,
        "address": address.strip(", "),
        "site_url": settings.SITE_URL,
        "archive_url": f"{settings.SITE_URL}{newsletter.get_absolute_url()}"
        if newsletter.is_public
        else "",
        "greeting": GREETING,
        "alliance": ALLIANCE,
        "representatives": REPRESENTATIVES,
        "unsubscribe_url": UNSUBSCRIBE,
        "preferences_url": PREFERENCES,
    }
    blocks = _blocks(newsletter)
    body_html = _inline_styles("\n".join(html for html, _ in blocks))
    body_text = "\n\n".join(text for _, text in blocks if text)
    document = render_to_string("mailings/email/newsletter.html", {**context, "body": body_html})
    text = render_to_string("mailings/email/newsletter.txt", {**context, "body": body_text})
    return NewsletterTemplate(
        subject=" ".join(newsletter.subject.split()),
        text=re.sub(r"\n{3,}", "\n\n", text).strip() + "\n",
        html=document,
    )


def _representatives_html(context: dict) -> str:
    people = context.get("representatives") or []
    if not people:
        return ""
    district = context.get("district")
    heading = f"Your representatives ({escape(district)})" if district else "Your representatives"
    items = []
    for person in people:
        name = escape(person.get("name", ""))
        if url := person.get("url"):
            name = f'<a href="{escape(url)}" style="color:{BRAND};">{name}</a>'
        details = ", ".join(escape(person[key]) for key in ("role", "party") if person.get(key))
        phone = f" · {escape(person['phone'])}" if person.get("phone") else ""
        items.append(
            f'<li style="margin:0 0 6px;">{name}{f" ({details})" if details else ""}{phone}</li>'
        )
    return (
        f'<div style="margin:0 0 24px;padding:16px 20px;border:1px solid {RULE};">'
        f'<h2 style="margin:0 0 8px;{FONT}font-size:18px;color:{INK};">{heading}</h2>'
        f'<ul style="margin:0;padding-left:20px;{FONT}font-size:15px;color:{INK};">'
        f"{''.join(items)}</ul></div>"
    )


def _representatives_text(context: dict) -> str:
    people = context.get("representatives") or []
    if not people:
        return ""
    district = context.get("district")
    lines = [f"Your representatives ({district}):" if district else "Your representatives:"]
    for person in people:
        details = ", ".join(person[key] for key in ("role", "party") if person.get(key))
        line = f"- {person.get('name', '')}{f' ({details})' if details else ''}"
        if person.get("phone"):
            line += f", {person['phone']}"
        if person.get("url"):
            line += f", {person['url']}"
        lines.append(line)
    return "\n".join(lines) + "\n\n"


def newsletter_personalize(
    template: NewsletterTemplate, *, context: dict, unsubscribe_url: str, preferences_url: str
) -> RenderedMessage:
    """One recipient's message; `context` is their snapshot (see `Delivery.context`)."""
    name = (context.get("name") or "").strip()
    alliance = (context.get("alliance") or "").strip()
    text_values = {
        "greeting": f"Dear {name}," if name else "Hello,",
        "alliance": f"Your local alliance: {alliance}\n\n" if alliance else "",
        "representatives": _representatives_text(context),
        "unsubscribe": unsubscribe_url,
        "preferences": preferences_url,
    }
    html_values = {
        "greeting": f'<p style="{P_STYLE}">{escape(text_values["greeting"])}</p>',
        "alliance": (
            f'<p style="{P_STYLE}color:{MUTED};">Your local alliance: '
            f"<strong>{escape(alliance)}</strong></p>"
            if alliance
            else ""
        ),
        "representatives": _representatives_html(context),
        "unsubscribe": escape(unsubscribe_url),
        "preferences": escape(preferences_url),
    }
    parts = template.text_parts
    text = "".join(text_values[part] if i % 2 else part for i, part in enumerate(parts))
    parts = template.html_parts
    markup = "".join(html_values[part] if i % 2 else part for i, part in enumerate(parts))
    return RenderedMessage(subject=template.subject, text=text, html=markup)
