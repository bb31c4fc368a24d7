"""Placeholder: the results page is being written."""

from django.http import Http404


def results(request, slug):
    raise Http404
