"""Every error is JSON: `{"detail": "<what went wrong>", "errors": [...]}`.

`detail` is a sentence a developer can act on; `errors` (validation only) lists each bad
field as `{"loc": [...], "msg": "..."}`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


def json_error(status: int, detail: str, errors: list | None = None) -> JsonResponse:
    body: dict = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def _field_errors(exc: ValidationError) -> list[dict]:
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        errors = _field_errors(exc)
        fields = ", ".join(".".join(e["loc"][1:] or e["loc"]) for e in errors[:5])
        return json_error(422, f"Invalid input: {fields}." if fields else "Invalid input.", errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        response = json_error(
            401,
            "A valid API key is required: send it as 'Authorization: Bearer <key>' "
            "or 'X-API-Key: <key>'. Keys are created by staff in the admin.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled):
        response = json_error(429, "Too many requests; wait for the time in Retry-After.")
        if exc.wait is not None:
            response["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return json_error(exc.status_code, str(exc.message))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return json_error(404, str(exc) if exc.args else "Not found.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return json_error(403, str(exc) or "You may not do this.")
