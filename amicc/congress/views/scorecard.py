from django.http import Http404


def scorecard(request):  # replaced by the scorecard
    raise Http404
