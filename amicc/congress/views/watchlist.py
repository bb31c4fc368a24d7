from django.http import Http404


def watchlist(request):  # replaced by the watchlist
    raise Http404


def watchlist_feed(request):
    raise Http404


def watchlist_item(request, slug):
    raise Http404
