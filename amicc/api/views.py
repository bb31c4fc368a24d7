from django.http import HttpRequest, JsonResponse


def unknown_endpoint(request: HttpRequest) -> JsonResponse:
    """Anything under /api/ that no operation answers: a JSON 404, not the website's page."""
    return JsonResponse(
        {"detail": "No such endpoint; the list is at /api/v1/docs and /api/v1/openapi.json."},
        status=404,
    )
