"""Placeholder: the poll pages are being written."""

from django.http import Http404


def poll_index(request):
    raise Http404


def poll(request, slug):
    raise Http404


def poll_thanks(request, slug):
    raise Http404
