from django.http import Http404


def action_alert(request, slug):  # replaced by the letters flow
    raise Http404
