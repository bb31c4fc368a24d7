from django.http import Http404


def overview(request, **kwargs):  # replaced by the public pages
    raise Http404


def states(request, **kwargs):  # replaced by the public pages
    raise Http404


def states_csv(request, **kwargs):  # replaced by the public pages
    raise Http404


def states_json(request, **kwargs):  # replaced by the public pages
    raise Http404


def state(request, **kwargs):  # replaced by the public pages
    raise Http404


def situations(request, **kwargs):  # replaced by the public pages
    raise Http404


def situation(request, **kwargs):  # replaced by the public pages
    raise Http404


def case(request, **kwargs):  # replaced by the public pages
    raise Http404


def asp_sessions(request, **kwargs):  # replaced by the public pages
    raise Http404


def asp_session(request, **kwargs):  # replaced by the public pages
    raise Http404
