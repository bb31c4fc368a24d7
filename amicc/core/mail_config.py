"""Turn `EMAIL_URL` into Django's email settings.

Supported schemes: `smtp://user:password@host:port` (STARTTLS with `?tls=1`),
`smtps://…` (implicit TLS), `eml:///absolute/dir` (one .eml file per message, the demo's
default), `console://` and `locmem://`.
"""

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "eml": "amicc.core.mail_backends.EmlFileBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_settings_from_url(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _BACKENDS:
        raise ValueError(
            f"EMAIL_URL scheme {scheme!r} is not supported; use one of {sorted(_BACKENDS)}"
        )
    config: dict[str, Any] = {"EMAIL_BACKEND": _BACKENDS[scheme]}
    if scheme == "eml":
        config["EMAIL_FILE_PATH"] = unquote(parts.path) or "var/mail"
    elif scheme in ("smtp", "smtps"):
        query = parse_qs(parts.query)
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0] in ("1", "true", "yes"),
            EMAIL_TIMEOUT=int(query.get("timeout", ["20"])[0]),
        )
    return config
