"""Phases 2 and 3 of the mailings benchmark: a real worker sends a newsletter to the sink.

`newsletter_send_now` (what the admin's button calls) hands the send to the task queue; an
`amicc worker` process, started here with the database task backend and the sink as its
SMTP server, does the rest. Phase 3 kills that worker with SIGKILL at given fractions of
the messages and starts a new one each time. Then every message the sink recorded is
checked against the delivery records (`verify`).
"""

import bisect
import os
import time
from pathlib import Path

from processes import Sink, Worker
from verify import verify


def worker_env(port: int) -> dict:
    env = dict(os.environ)
    env.update(
        AMICC_TASKS_BACKEND="database",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        AMICC_MAIL_RATE="0",
    )
    return env


def status_counts(newsletter) -> dict[str, int]:
    from django.db.models import Count

    from amicc.mailings.models import Delivery

    rows = Delivery.objects.filter(newsletter=newsletter).values_list("status")
    return dict(rows.annotate(n=Count("pk")).order_by("status").values_list("status", "n"))


def _commits() -> int | None:
    """Transactions committed in this PostgreSQL database so far (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
        )
        return cursor.fetchone()[0]


def _handed_over(newsletter) -> list[str]:
    """The addresses whose final dot the killed worker may or may not have written."""
    from amicc.mailings.choices import DeliveryStatus
    from amicc.mailings.models import Delivery

    rows = Delivery.objects.filter(newsletter=newsletter, status=DeliveryStatus.HANDOVER)
    return sorted(email.lower() for email in rows.values_list("email", flat=True))


class Send:
    """One newsletter sent through worker processes to a sink of its own."""

    def __init__(self, newsletter, *, directory: Path, name: str, expected: int, progress):
        self.newsletter = newsletter
        self.expected = expected
        self.progress = progress
        self.sink = Sink(directory, f"sink-{name}")
        self.env = worker_env(self.sink.port)
        self.log = directory / f"worker-{name}.log"
        self.workers: list[Worker] = []
        self.kills: list[dict] = []
        self.exits: list[dict] = []
        self.status = ""

    @property
    def worker(self) -> Worker:
        return self.workers[-1]

    def run(self, *, user, kill_at: tuple[float, ...], stall_seconds: float) -> dict:
        from amicc.mailings.services.compose import newsletter_send_now

        self.workers.append(Worker(self.env, self.log))
        ready = self._wait_idle()
        self.worker.sample()
        cpu_before = self.worker.cpu_seconds  # its start and the demo's backlog left out
        sink_cpu_before, commits_before = self.sink.cpu_seconds(), _commits()
        started = time.time()
        newsletter_send_now(newsletter=self.newsletter, user=user)
        self._watch(sorted(kill_at), stall_seconds)
        finished = time.time()
        self._settle()
        time.sleep(1)  # PostgreSQL's backends report their counts about once a second
        commits = _commits() - commits_before if commits_before is not None else None
        sink_cpu = self.sink.cpu_seconds() - sink_cpu_before
        self.worker.stop()
        lines = self.sink.close()
        figures = self._timings(lines, started, finished)
        worker_cpu = sum(worker.cpu_seconds for worker in self.workers) - cpu_before
        busy = figures.get("first_to_last_seconds")
        figures.update(
            newsletter_status=self.status,
            worker_startup_and_backlog_seconds=ready,
            worker_processes=len(self.workers),
            worker_peak_rss_mb=max(worker.peak_mb for worker in self.workers),
            worker_cpu_seconds=worker_cpu,
            worker_cpu_ms_per_message=1000 * worker_cpu / len(lines) if lines else None,
            database_commits_per_message=commits / len(lines) if commits and lines else None,
            sink_cpu_seconds=sink_cpu,
            sink_cpu_share_of_delivery=sink_cpu / busy if busy else None,
            worker_exits=self.exits,
            kills=self.kills,
            verification=verify(
                self.newsletter,
                lines,
                handed_over_at_kills=frozenset(
                    email for kill in self.kills for email in kill["handed_over_at_kill"]
                ),
            ),
            worker_log=str(self.log),
        )
        return figures

    def _watch(self, pending: list[float], stall_seconds: float) -> None:
        """Poll the sink (and the newsletter's status) until it is sent; kill on the way."""
        from amicc.mailings.choices import NewsletterStatus

        newsletters = type(self.newsletter).objects.filter(pk=self.newsletter.pk)
        last_count, last_change = 0, time.time()
        last_db = last_report = 0.0
        while True:
            now, count = time.time(), self.sink.count()
            if count != last_count:
                last_count, last_change = count, now
            self.worker.sample()
            if pending and count >= pending[0] * self.expected:
                self._kill(pending.pop(0), count)
                continue
            self._note_ready(now)
            if not self.worker.alive():
                self.exits.append({"at": now, "returncode": self.worker.process.returncode})
                self.progress(f"    the worker exited ({self.worker.process.returncode}); again")
                self.workers.append(Worker(self.env, self.log))
            if now - last_db >= 0.5:
                last_db, self.status = now, newsletters.values_list("status", flat=True)[0]
                if self.status in (NewsletterStatus.SENT, NewsletterStatus.CANCELLED):
                    return
            if now - last_report >= 10:
                last_report = now
                self.progress(f"    {count:,} of ~{self.expected:,} in the sink ({self.status})")
            if now - last_change > stall_seconds:
                self.progress(f"    no message for {stall_seconds:.0f} s: giving up on this send")
                return
            time.sleep(0.02 if pending else 0.2)

    def _kill(self, fraction: float, count: int) -> None:
        killed_at = self.worker.kill()
        statuses, handed_over = status_counts(self.newsletter), _handed_over(self.newsletter)
        self.workers.append(Worker(self.env, self.log))
        self.kills.append(
            {
                "fraction": fraction,
                "messages_before_kill": count,
                "killed_at": killed_at,
                "restarted_at": self.worker.started_at,
                "delivery_statuses_at_kill": statuses,
                "handed_over_at_kill": handed_over,
            }
        )
        self.progress(f"    SIGKILL at {count:,} messages; worker restarted")

    def _note_ready(self, now: float) -> None:
        """When the restarted worker says it polls for tasks (its log line)."""
        kill = self.kills[-1] if self.kills else None
        if kill and "worker_ready_at" not in kill and now - kill.get("_looked", 0) >= 0.1:
            kill["_looked"] = now
            if self.worker.started_count() >= len(self.workers):
                kill["worker_ready_at"] = now
                del kill["_looked"]

    def _wait_idle(self, timeout: float = 180) -> float:
        """Wait until the worker runs and has no task left (the demo content leaves search-index
        updates), as a worker would be when staff press Send; returns the seconds it took."""
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
        started = time.monotonic()
        while time.monotonic() - started < timeout and self.worker.alive():
            if self.worker.started_count() and not waiting.exists():
                break
            time.sleep(0.2)
        return time.monotonic() - started

    def _settle(self) -> None:
        """Wait until the sink has written everything it received (it flushes every 50 ms)."""
        count = -1
        while count != self.sink.count():
            count = self.sink.count()
            time.sleep(0.3)

    def _timings(self, lines, started: float, finished: float) -> dict:
        received = {line.recipient.lower() for line in lines}
        times = sorted(line.at for line in lines)
        for kill in self.kills:
            kill["handed_over_in_sink"] = sum(e in received for e in kill["handed_over_at_kill"])
            if "worker_ready_at" in kill:
                kill["seconds_from_kill_to_worker_ready"] = (
                    kill["worker_ready_at"] - kill["killed_at"]
                )
            before = bisect.bisect_right(times, kill["killed_at"])
            after = bisect.bisect_right(times, kill["restarted_at"] + 0.05)
            if before and after < len(times):
                kill["seconds_from_kill_to_next_message"] = times[after] - kill["killed_at"]
                kill["pause_seconds"] = times[after] - times[before - 1]
        if not times:
            return {"messages": 0}
        seconds = times[-1] - times[0]
        timeline = [0] * (int(seconds // 10) + 1)
        for at in times:
            timeline[int((at - times[0]) // 10)] += 1
        return {
            "messages": len(lines),
            "messages_per_10_seconds": timeline,
            "seconds_to_first_message": times[0] - started,
            "first_to_last_seconds": seconds,
            "per_second": (len(lines) - 1) / seconds if seconds else None,
            "seconds_to_sent_status": finished - started,
        }


def send(newsletter, *, user, directory: Path, name: str, expected: int, progress=print,
         kill_at: tuple[float, ...] = (), stall_seconds: float = 180) -> dict:  # fmt: skip
    """Send `newsletter` through a worker to a fresh sink, killing the worker at each fraction
    of `expected` messages in `kill_at`; returns the figures and the verification."""
    job = Send(newsletter, directory=directory, name=name, expected=expected, progress=progress)
    return job.run(user=user, kill_at=kill_at, stall_seconds=stall_seconds)
