"""Fixtures of the congress tests: the sample files in `data/`, a fixed "today", imports."""

import datetime
import functools
import http.server
import io
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"
# Inside the 119th Congress: the sample's members whose last term ends 2027-01-03 serve.
TODAY = datetime.date(2026, 3, 2)


def run(command: str, *args: str) -> tuple[str, str]:
    """Runs a management command; returns what it wrote to standard output and error."""
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def today(monkeypatch) -> Callable[[datetime.date], None]:
    """Sets the local date the legislators import judges terms by (TODAY to start with)."""

    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    set_today(TODAY)
    return set_today


@pytest.fixture
def members(db, today) -> None:
    """The sample members (legislators-current.yaml) and ZIP codes (zccd.csv)."""
    run("import_legislators", str(DATA / "sample-legislators.yaml"))
    run("import_zcta", str(DATA / "sample-zccd.csv"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Serves a directory over http on 127.0.0.1 for the test; returns its base URL."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
