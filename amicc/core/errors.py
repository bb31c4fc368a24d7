"""The answer to a request that failed: 503 while the database is out of reach, else 500.

Django calls `handler500` from inside its exception handler for an error anywhere in the
request (a view or any middleware), so the exception is still in `sys.exc_info()`. When it
is the database being unreachable — PostgreSQL restarting or failing over, a connection cut,
SQLite busy beyond its timeout — the visitor gets "503, try again in a few seconds" with
`Retry-After`, which load balancers and API clients understand, instead of a 500. Django
drops a connection that raised such an error at the end of the request, and
`CONN_HEALTH_CHECKS` tests a kept one before reuse, so the next request reconnects by
itself once the server is back: nothing needs restarting.

`handler400` is Django's own answer without its CSRF check: see `bad_request`.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import TemplateDoesNotExist, loader

RETRY_AFTER_SECONDS = 5
SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "busy")


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database cannot be reached now (rather than a bug in a query)."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if type(cause).__module__.startswith("psycopg"):
        # psycopg raises OperationalError for connection failures and server shutdowns;
        # mistakes in a query are ProgrammingError or DataError instead.
        return True
    return any(word in str(exc).lower() for word in SQLITE_BUSY_WORDS)


def _unavailable(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is briefly unavailable; retry after Retry-After seconds."},
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if database_unavailable(sys.exc_info()[1]):
        return _unavailable(request)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Server error; it has been logged. Please try again later."}, status=500
        )
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 answer, without the CSRF check its own view makes.

    That check reads the POST data, and when the POST data is what was wrong (a
    form-urlencoded body that declares a charset other than UTF-8) it raises again, inside
    the error handler, and the visitor gets a 500 instead of this 400.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "The request could not be read."}, status=400)
    try:
        return HttpResponseBadRequest(loader.render_to_string("400.html"))
    except TemplateDoesNotExist:
        return HttpResponseBadRequest("<h1>Bad Request (400)</h1>")
