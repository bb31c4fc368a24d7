"""Django's database sessions, refusing a session cookie Django could not have written.

Django makes session keys of lowercase letters and digits but looks up whatever the
cookie holds, and a cookie may carry any character through its quoted form (`"\\000"` is
a NUL byte): PostgreSQL refuses a NUL in a query, a 500 on every page that reads the
session. Such a key is treated like no key at all: the visitor gets a new session.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return super()._validate_session_key(key) and set(key) <= set(VALID_KEY_CHARS)
