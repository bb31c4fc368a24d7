"""While the database is out of reach the site answers 503 with Retry-After, then recovers.

The outages are real: on PostgreSQL the server ends the session's connection (what a
restart or failover does to it); on SQLite another connection holds the write lock longer
than the busy timeout.
"""

import sqlite3

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _kill_our_backend() -> None:
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL outage")
def test_postgresql_connection_lost_answers_503_then_recovers(client, site_tree):
    client.raise_request_exception = False  # answer as in production, not re-raise
    assert client.get("/").status_code == 200
    _kill_our_backend()

    response = client.get("/?during-outage")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Briefly unavailable" in response.content

    api = client.get("/api/v1/openapi.json?x=1")
    assert api.status_code in (200, 503)  # the schema itself needs no database

    # What Django does when a request finishes (the test client skips it): a connection
    # that failed is dropped, and the next request opens a new one.
    connection.close_if_unusable_or_obsolete()
    assert client.get("/?after-outage").status_code == 200


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite write lock")
def test_sqlite_lock_beyond_the_busy_timeout_answers_503_not_locked_error(client, site_tree):
    client.raise_request_exception = False  # answer as in production, not re-raise
    client.get("/")
    ours = connection.connection
    ours.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post("/newsletters/preferences/", {"email": "someone@example.org"})
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 503
    assert b"locked" not in response.content
    assert response["Retry-After"] == "5"


def test_database_unavailable_tells_outages_from_bugs():
    from django.db import InterfaceError, OperationalError, ProgrammingError

    from amicc.core.errors import database_unavailable

    assert database_unavailable(InterfaceError("connection already closed"))
    assert database_unavailable(OperationalError("database is locked"))
    assert not database_unavailable(OperationalError("no such table: x"))
    assert not database_unavailable(ProgrammingError("syntax error"))
    assert not database_unavailable(ValueError("x"))
