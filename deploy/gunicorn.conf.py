"""gunicorn settings for the AMICC platform behind nginx on the same machine.

Installed as /etc/amicc/gunicorn.conf.py and started by amicc-web.service:

    gunicorn --config /etc/amicc/gunicorn.conf.py amicc.wsgi:application

The address and the number of workers come from the environment file (`AMICC_BIND`,
`WEB_CONCURRENCY`); docs/deployment.md explains how to size them.

Client addresses: nginx connects from 127.0.0.1, so without help every visitor would share
that address, and with it the per-address limits of the forms (5 posts in 10 minutes per
form) and of the API (`AMICC_API_RATE_PER_ADDRESS`). nginx's HTTP proxy cannot speak the
PROXY protocol that `amicc.core.ratelimit` suggests; instead it overwrites the `X-Real-IP`
header with the address it saw, and the wrapper below hands that address to the platform
as REMOTE_ADDR, for connections from `forwarded_allow_ips` only. The platform itself keeps
reading REMOTE_ADDR alone, as `amicc.core.ratelimit` requires.
"""

import ipaddress
import os

bind = os.environ.get("AMICC_BIND", "127.0.0.1:8000")
# Django renders pages with the CPU, and nginx buffers slow clients, so one synchronous
# process per request is the simplest sound choice (what bench/run measures).
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)

# A request that takes longer is stopped and its worker replaced. nginx waits a little
# longer (proxy_read_timeout 65s), so the visitor sees gunicorn's decision, not nginx's.
timeout = 60
graceful_timeout = 30
# Workers are replaced now and then, so memory that a long life accumulates is returned.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file lives in memory: a busy disk must not make gunicorn kill workers.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn creates its files there with mkstemp

# systemd starts, reloads and stops the server; gunicorn's own control socket (in the
# service user's home) would only be a second way in.
control_socket_disable = True

# Only nginx on this machine may speak for a client (scheme and address).
forwarded_allow_ips = "127.0.0.1,::1"
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Both logs go to standard output and error, that is to the journal under systemd.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

REAL_ADDRESS_HEADER = "HTTP_X_REAL_IP"


class RealClientAddress:
    """Sets REMOTE_ADDR to the `X-Real-IP` header written by a trusted proxy.

    A connection from outside `trusted` (addresses or networks, "*" for any) keeps its own
    address; a connection with no address at all (a Unix socket) is trusted, as gunicorn
    does. The header is removed either way, so nothing downstream can be misled by it.
    """

    def __init__(self, application, trusted: list[str]):
        self.application = application
        self.trust_all = "*" in trusted
        self.networks = [
            ipaddress.ip_network(item, strict=False) for item in trusted if item != "*"
        ]

    def trusts(self, peer: str) -> bool:
        if not peer or self.trust_all:
            return True
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def __call__(self, environ, start_response):
        claimed = _address(environ.pop(REAL_ADDRESS_HEADER, ""))
        if claimed and self.trusts(environ.get("REMOTE_ADDR", "")):
            environ["REMOTE_ADDR"] = claimed
        return self.application(environ, start_response)


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def post_worker_init(worker):
    worker.wsgi = RealClientAddress(worker.wsgi, list(worker.cfg.forwarded_allow_ips))
