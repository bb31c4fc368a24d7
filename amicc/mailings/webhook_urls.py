"""django-anymail's webhook URLs, each answering 404 while its provider is not configured.

A provider's webhook view checks its settings (a signing key, an API key, boto3 for Amazon
SES) on every request, before the shared secret, and raises AnymailConfigurationError
without them: a 500 for anyone who opens the address of a provider this site does not use.
"""

import functools
import logging
from collections.abc import Callable

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailConfigurationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern

logger = logging.getLogger(__name__)


def _configured_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except AnymailConfigurationError as error:
            logger.warning("Mail webhook %s is not configured: %s", request.path, error)
            raise Http404("This mail provider is not configured here.") from None

    return checked


urlpatterns = [
    URLPattern(
        pattern.pattern, _configured_only(pattern.callback), pattern.default_args, pattern.name
    )
    for pattern in anymail_urls.urlpatterns
]
