"""gunicorn settings of the load benchmark: the deployment's, and each request's time.

The settings are those of deploy/gunicorn.conf.py (what production runs); the benchmark's
command line overrides the address, and the worker class and count when it is given them.

The hooks below write one line per request, "<start> <type> <status> <wall ms> <cpu ms>",
to the file the environment variable AMICC_LOAD_TIMING names, with the worker's pid
appended: the wall time from the worker taking the request to its response, and the CPU
time the worker spent on it. The type is the X-Bench-Kind header the benchmark's visitors
send. A sync worker serves one request at a time, so its CPU time in between is that
request's; with gthread workers the CPU figure would cover every thread and is left out.
Wall time well above CPU time is time spent waiting: for the processor (other work on the
machine), for a lock in the database, or for the disk.
"""

import os
import runpy
import time
from pathlib import Path

DEPLOYED = Path(__file__).resolve().parent.parent.parent / "deploy" / "gunicorn.conf.py"
# gunicorn takes from a configuration file only the names of its settings and hooks.
globals().update(
    {name: value for name, value in runpy.run_path(str(DEPLOYED)).items() if name[0] != "_"}
)

_out = None


def post_fork(server, worker):
    global _out
    path = os.environ.get("AMICC_LOAD_TIMING")
    if path:
        _out = open(f"{path}.{os.getpid()}", "a", buffering=1)  # noqa: SIM115 - for the worker's life


def pre_request(worker, req):
    req.bench_started = (time.perf_counter(), time.process_time(), time.time())


def post_request(worker, req, environ, resp):
    started = getattr(req, "bench_started", None)
    if _out is None or started is None:
        return
    wall = 1000 * (time.perf_counter() - started[0])
    threads = worker.cfg.threads > 1
    cpu = -1.0 if threads else 1000 * (time.process_time() - started[1])
    kind = environ.get("HTTP_X_BENCH_KIND", "-").replace(" ", "_")
    status = str(getattr(resp, "status_code", None) or str(resp.status).split()[0])
    _out.write(f"{started[2]:.3f} {kind} {status} {wall:.2f} {cpu:.2f}\n")
