"""The one allowlist for HTML that people write, applied with nh3 (the ammonia sanitizer).

Plain text people type (applications, statements, event descriptions) is never HTML: the
templates escape it and `linebreaks` only adds paragraphs. HTML written by people reaches
pages and emails in two ways, and both pass through here:

- Wagtail rich text. What staff type in the editor is already filtered: Draftail sends a
  content state that Wagtail's converter turns back into HTML holding only the features
  the field enables, and the database keeps that. Anything else that writes a
  RichTextField or a RichTextBlock (an import, the API, a script) must store
  `clean_rich_text(value)`, which keeps the same markup plus the references Wagtail
  expands when it renders (`<a linktype="page" id="3">`, `<embed embedtype="image" …>`).
- Rendered HTML marked safe for a template or an email: `sanitized_html(markup)`, also
  the template filter `{{ value|richtext|sanitized }}` (`{% load sanitize %}`).

Kept: paragraphs, headings, emphasis, lists, quotes, links (http, https, mailto, tel and
site-relative) and images. Gone: scripts and styles with their content, event handler
and style attributes, `javascript:` and `data:` URLs, frames, forms and comments.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe

URL_SCHEMES = {"http", "https", "mailto", "tel"}
TEXT_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr", "a", "img", "figure", "figcaption",
}  # fmt: skip
# Dropped with everything inside them, not just unwrapped.
REMOVED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "title"}

_RENDERED = nh3.Cleaner(
    tags=TEXT_TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes={
        "a": {"href", "title"},
        "img": {"src", "alt", "width", "height", "class"},
        "ol": {"start"},
    },
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
)

# Wagtail's database format: the same markup, the link and embed references, and no
# added `rel`, so that a value cleaned twice stays the same.
_STORED_RICH_TEXT = nh3.Cleaner(
    tags=TEXT_TAGS - {"img", "figure", "figcaption"} | {"embed"},
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes={
        "a": {"href", "linktype", "id"},
        "embed": {"embedtype", "id", "format", "alt"},
        "ol": {"start"},
    },
    url_schemes=URL_SCHEMES,
    link_rel=None,
)
# nh3 writes void elements as `<embed …>`; Wagtail's rewriter only expands `<embed …/>`.
_EMBED_TAG = re.compile(r"<embed(\b[^>]*?)\s*/?>")


def clean_html(markup: str) -> str:
    """HTML with only the allowlisted markup left; text is kept, escaped where needed."""
    return _RENDERED.clean(markup or "")


def sanitized_html(markup: str) -> SafeString:
    """`clean_html`, marked safe for a template or an email body."""
    return mark_safe(clean_html(markup))  # noqa: S308 - what nh3 leaves is the allowlist


def clean_rich_text(value: str) -> str:
    """Rich text in Wagtail's stored format from a source other than the editor."""
    return _EMBED_TAG.sub(r"<embed\1/>", _STORED_RICH_TEXT.clean(value or ""))
