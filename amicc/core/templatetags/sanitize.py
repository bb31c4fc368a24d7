"""`{{ value|richtext|sanitized }}`: HTML kept to the allowlist of `amicc.core.sanitize`."""

from django import template
from django.utils.safestring import SafeString

from amicc.core.sanitize import sanitized_html

register = template.Library()


@register.filter
def sanitized(markup) -> SafeString:
    return sanitized_html(str(markup or ""))
