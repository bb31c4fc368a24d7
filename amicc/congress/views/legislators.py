from django.http import Http404


def legislator_detail(request, bioguide_id):  # replaced by the legislator page
    raise Http404
