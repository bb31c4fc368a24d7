"""The processes the mailings benchmark starts: the SMTP sink and `amicc worker`.

Each runs in a session of its own, so killing it reaches only what it started; every one
is stopped when the benchmark ends, however it ends (see `stop_all`).
"""

import contextlib
import os
import signal
import smtplib
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
_started: list[subprocess.Popen] = []


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM) so far, in MB; 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _popen(argv: list[str], env: dict, log: Path, **kwargs) -> subprocess.Popen:
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own argv, no shell
            argv,
            env=env,
            cwd=REPO,
            stdout=kwargs.pop("stdout", out),
            stderr=out,
            start_new_session=True,
            **kwargs,
        )
    _started.append(process)
    return process


def stop(process: subprocess.Popen, *, timeout: float = 10) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
    if process in _started:
        _started.remove(process)


def stop_all() -> None:
    while _started:
        stop(_started[-1])


@dataclass
class SinkLine:
    at: float
    recipient: str
    message_id: str


class Sink:
    """bench/mailings/sink.py in its own process, and the file it writes."""

    def __init__(self, directory: Path, name: str) -> None:
        self.path = directory / f"{name}.txt"
        self.path.write_text("")
        self.process = _popen(
            [sys.executable, str(HERE / "sink.py"), "--port", "0", "--out", str(self.path)],
            dict(os.environ),
            directory / f"{name}.log",
            stdout=subprocess.PIPE,
        )
        line = self.process.stdout.readline().decode()
        if not line.startswith("LISTENING "):
            raise RuntimeError(f"the SMTP sink did not start; see {directory / name}.log")
        self.port = int(line.split()[1])
        self._reader = self.path.open("rb")
        self._count = 0

    def count(self) -> int:
        """Lines written so far (read incrementally: cheap to call often)."""
        self._count += self._reader.read().count(b"\n")
        return self._count

    def cpu_seconds(self) -> float:
        return _cpu_seconds(self.process.pid)

    def close(self) -> list[SinkLine]:
        """Stop the sink (it writes what it holds first) and read every line."""
        stop(self.process)
        self._reader.close()
        lines = []
        for row in self.path.read_text().splitlines():
            at, recipient, message_id = row.split(" ", 2)
            lines.append(SinkLine(float(at), recipient, message_id))
        return lines


def sink_capacity(directory: Path, message: bytes, count: int) -> dict:
    """A trivial smtplib client over one connection: the sink's own speed, and its CPU."""
    sink = Sink(directory, "sink-capacity")
    try:
        client = smtplib.SMTP("127.0.0.1", sink.port, timeout=30)
        client.ehlo()
        cpu_before = sink.cpu_seconds()
        client_before = time.process_time()
        started = time.perf_counter()
        for n in range(count):
            client.sendmail("bench@amicc.example", [f"capacity{n}@bench.example"], message)
        seconds = time.perf_counter() - started
        sink_cpu = sink.cpu_seconds() - cpu_before
        client_cpu = time.process_time() - client_before
        client.quit()
        deadline = time.monotonic() + 10
        while sink.count() < count and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        lines = sink.close()
    return {
        "messages": count,
        "message_bytes": len(message),
        "recorded": len(lines),
        "seconds": seconds,
        "per_second_one_connection": count / seconds,
        "sink_cpu_ms_per_message": 1000 * sink_cpu / count,
        "sink_capacity_per_second": count / sink_cpu if sink_cpu else None,
        "client_cpu_ms_per_message": 1000 * client_cpu / count,
    }


class Worker:
    """`amicc worker` (django-tasks' database worker) in its own process."""

    def __init__(self, env: dict, log: Path) -> None:
        amicc = Path(sys.executable).parent / "amicc"
        self.log = log
        self.started_at = time.time()
        self.process = _popen([str(amicc), "worker"], env, log)
        self.pid = self.process.pid
        self.peak_mb = self.cpu_seconds = 0.0

    def sample(self) -> None:
        """Note its peak memory and CPU time so far (both are gone once it is killed)."""
        self.peak_mb = max(self.peak_mb, peak_rss_mb(self.pid))
        with contextlib.suppress(OSError, IndexError):  # it has just gone
            self.cpu_seconds = _cpu_seconds(self.pid)

    def started_count(self) -> int:
        """How many workers writing to this log have said they are polling for tasks."""
        return self.log.read_text(errors="replace").count("Starting worker")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> float:
        """SIGKILL, as a crash or an OOM kill would; returns when it happened."""
        self.sample()
        os.killpg(self.pid, signal.SIGKILL)
        killed_at = time.time()
        self.process.wait(timeout=30)
        _started.remove(self.process)
        return killed_at

    def stop(self) -> None:
        self.sample()
        stop(self.process)


def duplicates(values) -> dict[str, int]:
    return {value: n for value, n in Counter(values).items() if n > 1}
