"""Signed links in every email: one-click unsubscribe (RFC 8058) and the preferences page."""

from django.http import Http404


def unsubscribe(request, token: str):
    raise Http404


def preferences_request(request):
    raise Http404


def preferences(request, token: str):
    raise Http404
