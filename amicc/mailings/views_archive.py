"""The public archive of newsletters marked public (owner: compose/admin work)."""

from django.http import Http404


def archive_list(request):
    raise Http404


def archive_detail(request, slug: str):
    raise Http404
