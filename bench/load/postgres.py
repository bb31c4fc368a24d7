"""A throwaway PostgreSQL 15 instance for the load benchmark, never the machine's own cluster.

`initdb` into a temporary directory as the `postgres` OS user, a server of its own on a free
127.0.0.1 port (its socket in that directory too), `fsync` and `synchronous_commit` on as
in production. `restart` is `pg_ctl restart` in the middle of a run; `remove` stops the
server and deletes the directory, and is safe to call more than once.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path(os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin"))
OS_USER = "postgres"
DATABASE = "amicc_load"


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Instance:
    def __init__(self, *, port: int) -> None:
        if not (BIN / "initdb").exists():
            raise RuntimeError(f"no PostgreSQL binaries in {BIN} (set BENCH_PG_BIN)")
        while not port_free(port):
            port += 1
        self.port = port
        self.directory = Path(tempfile.mkdtemp(prefix="amicc-load-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        user = pwd.getpwnam(OS_USER)
        os.chown(self.directory, user.pw_uid, user.pw_gid)
        self.running = False
        self._as_postgres(
            BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        settings = {
            "port": str(self.port),
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.directory}'",
            "fsync": "on",
            "synchronous_commit": "on",
            "max_connections": "100",
        }
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write("\n# amicc bench/load\n")
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _as_postgres(self, *argv, timeout: float = 120) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", OS_USER, "--", *map(str, argv)]
        return subprocess.run(  # noqa: S603 - our own argv, no shell
            command,
            cwd=self.directory,
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def _pg_ctl(self, *argv, timeout: float = 120) -> None:
        self._as_postgres(
            BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.log,
            "-w",
            "-t",
            "90",
            *argv,
            timeout=timeout,
        )

    def start(self) -> None:
        self._pg_ctl("start")
        self.running = True
        self._as_postgres(
            BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", DATABASE
        )

    def restart(self, mode: str) -> tuple[float, float]:
        """`pg_ctl restart -m <mode>`; the wall-clock times it was called and it returned
        (the server accepting connections again)."""
        called = time.time()
        self._pg_ctl("-m", mode, "restart")
        return called, time.time()

    def settings(self) -> dict[str, str]:
        query = (
            "SELECT name, setting FROM pg_settings WHERE name = ANY('{server_version,fsync,"
            "synchronous_commit,shared_buffers,max_connections,wal_level}')"
        )
        out = self._as_postgres(
            BIN / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "-d",
            DATABASE,
            "-At",
            "-F",
            "=",
            "-c",
            query,
        ).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def remove(self) -> None:
        """Stop the server if it runs (even after a failed restart) and delete everything."""
        for mode in ("fast", "immediate"):
            if not (self.data / "postmaster.pid").exists():
                break
            try:
                self._pg_ctl("-m", mode, "stop", timeout=60)
            except (subprocess.SubprocessError, OSError):
                continue
        self.running = False
        shutil.rmtree(self.directory, ignore_errors=True)
