"""Exactly once, for real: `amicc worker` processes killed with SIGKILL in the middle of a
send, twice, and a third one finishing it; the SMTP server then holds one message per
recipient and every delivery record says SENT or, if its answer was lost, UNCERTAIN.

The workers are separate processes on the test's own database: on PostgreSQL the test
database itself (committed data, `transaction=True`); on SQLite, whose test database lives
in memory, a file copy of it made with SQLite's backup API, read back at the end.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from amicc.coalition.models import Person
from amicc.mailings.services.audience import deliveries_queue
from amicc.mailings.tests.conftest import newsletter_make
from amicc.mailings.tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECIPIENTS = 300
RATE = 100  # messages a second: the send lasts about three seconds


class Database:
    """The database the workers use, and reading the outcome back from it."""

    def __init__(self, tmp_path: Path):
        self.file = None
        if connection.vendor == "sqlite":
            self.file = tmp_path / "amicc.sqlite3"
            copy = sqlite3.connect(self.file)
            connection.connection.backup(copy)
            copy.close()
            self.url = ""
        else:
            db = connection.settings_dict
            self.url = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
                f"{db['PORT'] or 5432}/{db['NAME']}"
            )

    def rows(self, sql: str, *params) -> list[tuple]:
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall()
        reader = sqlite3.connect(self.file, timeout=20)
        try:
            return reader.execute(sql, params).fetchall()
        finally:
            reader.close()


def worker_environment(tmp_path: Path, database: Database, sink: SmtpSink) -> dict:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("AMICC_", "DJANGO_"))}
    return {
        **inherited,
        "AMICC_DEBUG": "false",
        "AMICC_SECRET_KEY": "test-only-secret-key-not-for-production",
        "AMICC_ALLOWED_HOSTS": "localhost",
        "AMICC_DATA_DIR": str(tmp_path),
        "AMICC_TASKS_BACKEND": "database",
        "AMICC_MAIL_RATE": str(RATE),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "DATABASE_URL": database.url,
    }


def test_killing_the_worker_twice_mid_send_delivers_each_message_exactly_once(tmp_path):
    sink = SmtpSink(keep_content=False)
    sink.delay = 0.002  # the server takes a moment to answer, as real ones do
    sink.start()
    Person.objects.bulk_create(
        Person(email=f"reader{n}@example.org", name=f"Reader {n}", wants_newsletter=True)
        for n in range(RECIPIENTS)
    )
    newsletter = newsletter_make()  # being sent, no lease: the worker picks it up at start
    deliveries_queue(newsletter=newsletter)
    database = Database(tmp_path)
    environment = worker_environment(tmp_path, database, sink)
    amicc = str(Path(sys.executable).with_name("amicc"))
    logs, kills = [], []

    def start_worker() -> subprocess.Popen:
        log = open(tmp_path / f"worker{len(logs)}.log", "w")  # noqa: SIM115
        logs.append(log)
        return subprocess.Popen(
            [amicc, "worker", "--interval", "0.1"], env=environment, stdout=log, stderr=log
        )

    def newsletter_status() -> str:
        return database.rows("SELECT status FROM mailings_newsletter WHERE id = ?", newsletter.pk)[
            0
        ][0]

    try:
        for kill_after in (RECIPIENTS // 5, RECIPIENTS // 2):
            worker = start_worker()
            deadline = time.monotonic() + 20
            while len(sink.messages) < kill_after and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(random.uniform(0, 0.02))
            kills.append(len(sink.messages))
            worker.send_signal(signal.SIGKILL)
            worker.wait()
        worker = start_worker()
        deadline = time.monotonic() + 20
        while newsletter_status() != "sent" and time.monotonic() < deadline:
            time.sleep(0.2)
        worker.terminate()
        worker.wait(timeout=10)
    finally:
        for log in logs:
            log.close()
        sink.stop()

    worker_logs = "\n".join(log_path.read_text() for log_path in tmp_path.glob("worker*.log"))
    assert newsletter_status() == "sent", worker_logs[-3000:]
    assert 0 < kills[0] < kills[1] < RECIPIENTS, kills  # both kills hit a send in progress
    deliveries = database.rows(
        "SELECT id, email, status FROM mailings_delivery WHERE newsletter_id = ?", newsletter.pk
    )
    assert len(deliveries) == RECIPIENTS
    assert Counter(status for _, _, status in deliveries).keys() <= {"sent", "uncertain"}
    received = Counter(address for message in sink.messages for address in message.rcpt_tos)
    assert received == Counter({email: 1 for _, email, _ in deliveries})
    expected_ids = {f"<amicc.newsletter.{pk}@amicc.example>": email for pk, email, _ in deliveries}
    assert {message.message_id: message.rcpt_tos[0] for message in sink.messages} == expected_ids
    assert len(sink.messages) == RECIPIENTS
    print("kills at", kills, Counter(status for _, _, status in deliveries))
