from django.http import Http404


def apply(request, number):  # replaced by the delegation flow
    raise Http404
