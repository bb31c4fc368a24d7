"""The files in deploy/ work with the programs that read them (docs/deployment.md).

nginx checks the site file (`nginx -t`) and then serves with it; systemd checks the units
(`systemd-analyze verify`, when it is installed); gunicorn checks its settings. Every
`amicc` command a unit runs exists and accepts its arguments, and every environment
variable the guide or the files in deploy/ name is documented in .env.example (and the
guide explains every one of them). In CI (`CI=true`) a missing nginx or openssl is a
failure, not a skip.
"""

import http.client
import os
import re
import runpy
import secrets
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "amicc.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
UNITS = DEPLOY / "systemd"
GUIDE = ROOT / "docs" / "deployment.md"
ENV_EXAMPLE = ROOT / ".env.example"
VENV_BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
HOST = "amicc.example"

# The lines of the site file a CDN or a load balancer needs, shipped commented out.
OPTIONAL_LINES = [
    "# set_real_ip_from 10.0.0.0/8;",
    "# real_ip_header X-Forwarded-For;",
    "# real_ip_recursive on;",
    "# add_header Cache-Control $amicc_edge_cache_control;",
]


def _program(name: str) -> str:
    found = shutil.which(name) or next(
        (path for path in (f"/usr/sbin/{name}", f"/sbin/{name}") if os.access(path, os.X_OK)),
        None,
    )
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{name} is not installed; .ci/run installs it for these tests.")
    pytest.skip(f"{name} is not installed")


@pytest.mark.parametrize(
    ("in_ci", "outcome"), [(True, pytest.fail.Exception), (False, pytest.skip.Exception)]
)
def test_a_missing_program_fails_in_ci_and_is_skipped_elsewhere(monkeypatch, in_ci, outcome):
    monkeypatch.setattr(f"{__name__}.IN_CI", in_ci)
    with pytest.raises(outcome, match="amicc-no-such-program is not installed"):
        _program("amicc-no-such-program")


# --- nginx


@dataclass
class NginxSetup:
    prefix: Path
    conf: Path
    data: Path
    http_port: int
    https_port: int
    cert: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    openssl = _program("openssl")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def _substituted(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        assert old in text, f"{NGINX_SITE.name} no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def _nginx_setup(
    tmp_path: Path, *, upstream_port: int = 8000, optional: bool = False, serve: bool = False
) -> NginxSetup:
    """The shipped site inside a minimal nginx.conf whose every path is under tmp_path.

    `optional` uncomments the CDN and load-balancer lines; `serve` moves the listening
    ports to free ones on 127.0.0.1 so that the result can run.
    """
    prefix = tmp_path / "nginx"
    data = tmp_path / "data"
    prefix.mkdir()
    data.mkdir()
    cert, key = _self_signed_certificate(prefix)
    http_port, https_port = (_free_port(), _free_port()) if serve else (80, 443)
    replacements = {
        "/etc/letsencrypt/live/amicc.example/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/amicc.example/privkey.pem": str(key),
        "/var/log/nginx/": f"{prefix}/",
        "/var/lib/amicc/": f"{data}/",
        "/var/www/letsencrypt": str(tmp_path / "acme"),
        "server 127.0.0.1:8000": f"server 127.0.0.1:{upstream_port}",
    }
    if optional:
        replacements.update({line: line.removeprefix("# ") for line in OPTIONAL_LINES})
    site = _substituted(NGINX_SITE.read_text(), replacements)
    if serve:
        site = re.sub(r"listen \[::\]:\d+[^;]*;\n", "", site)
        site = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", site)
        site = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", site)
    (prefix / "site.conf").write_text(site)
    mime_types = Path("/etc/nginx/mime.types")
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = prefix / "nginx.conf"
    conf.write_text(
        ("user root;\n" if serve and os.geteuid() == 0 else "")
        + f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\nhttp {{\n"
        + (f"    include {mime_types};\n" if mime_types.exists() else "")
        + f"    access_log {prefix}/access.log;\n{temp_paths}\n"
        + f"    include {prefix}/site.conf;\n}}\n"
    )
    return NginxSetup(prefix, conf, data, http_port, https_port, cert)


def _nginx_test(nginx: str, setup: NginxSetup) -> str:
    result = subprocess.run(
        [nginx, "-t", "-p", str(setup.prefix), "-c", str(setup.conf)]
        + ["-e", str(setup.prefix / "error.log")],
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "[emerg]" not in output, output
    return output


@pytest.mark.parametrize("optional", [False, True], ids=["as-shipped", "cdn-and-balancer"])
def test_nginx_accepts_the_site(tmp_path, optional):
    _nginx_test(_program("nginx"), _nginx_setup(tmp_path, optional=optional))


class _Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with the headers nginx passed on."""

    def do_GET(self) -> None:
        body = "\n".join(f"{name}: {value}" for name, value in self.headers.items()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/with-cookie/"):
            self.send_header("Set-Cookie", "csrftoken=x; Secure")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        pass


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class RunningSite:
    setup: NginxSetup
    context: ssl.SSLContext

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        """GET over HTTPS from 127.0.0.1, with the site's name in SNI and in Host."""
        sock = socket.create_connection(("127.0.0.1", self.setup.https_port), timeout=10)
        connection = http.client.HTTPSConnection(HOST, self.setup.https_port, timeout=10)
        connection.sock = self.context.wrap_socket(sock, server_hostname=HOST)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return Answer(
                response.status, response.headers, response.read().decode(errors="replace")
            )
        finally:
            connection.close()


@pytest.fixture
def running_site(tmp_path) -> Iterator[RunningSite]:
    """nginx with the shipped site (CDN lines on) in front of a stand-in for gunicorn."""
    nginx = _program("nginx")
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    setup = _nginx_setup(
        tmp_path, upstream_port=upstream.server_address[1], optional=True, serve=True
    )
    for folder in ("static/core", "media/original_images", "media/documents"):
        (setup.data / folder).mkdir(parents=True)
    (setup.data / "static/core/site.0123456789ab.css").write_text("body { color: black }")
    (setup.data / "media/original_images/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (setup.data / "media/documents/private.pdf").write_bytes(b"%PDF-1.4 private")
    server = subprocess.Popen(
        [nginx, "-p", str(setup.prefix), "-c", str(setup.conf), "-g", "daemon off;"]
        + ["-e", str(setup.prefix / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", setup.https_port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {server.stderr.read().decode()}")
                time.sleep(0.05)
        context = ssl.create_default_context(cafile=str(setup.cert))
        yield RunningSite(setup, context)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        upstream.shutdown()
        upstream.server_close()


def test_nginx_passes_the_client_and_the_scheme_to_the_platform(running_site):
    response = running_site.get("/news/", {"X-Real-IP": "203.0.113.9", "X-Forwarded-Proto": "http"})
    assert response.status == 200
    passed = dict(line.split(": ", 1) for line in response.text.splitlines())
    assert passed["Host"] == f"{HOST}:{running_site.setup.https_port}"
    assert passed["X-Forwarded-Proto"] == "https"
    assert passed["X-Real-IP"] == "127.0.0.1"  # what nginx saw, never what the client said


def test_nginx_serves_static_files_and_images_but_never_documents(running_site):
    static = running_site.get("/static/core/site.0123456789ab.css")
    assert static.status == 200
    assert static.text == "body { color: black }"
    assert "immutable" in static.headers["Cache-Control"]
    image = running_site.get("/media/original_images/photo.png")
    assert image.status == 200
    assert "sandbox" in image.headers["Content-Security-Policy"]
    for path in (
        "/media/documents/private.pdf",
        "/media//documents/private.pdf",
        "/media/%64ocuments/private.pdf",
        "/media/original_images/../documents/private.pdf",
    ):
        assert running_site.get(path).status == 404, path
    assert "X-Real-IP: 127.0.0.1" in running_site.get("/documents/1/private.pdf").text


def test_nginx_marks_only_anonymous_public_pages_for_the_cdn(running_site):
    edge = "public, max-age=0, s-maxage=60"
    assert running_site.get("/news/").headers["Cache-Control"] == edge
    for path, headers in [
        ("/news/", {"Cookie": "sessionid=abc"}),
        ("/news/", {"Cookie": "messages=abc"}),
        ("/search/?q=court", {"HX-Request": "true"}),
        ("/with-cookie/", {}),
        ("/api/v1/news/", {}),
        ("/documents/1/report.pdf", {}),
        ("/admin/", {}),
    ]:
        assert running_site.get(path, headers).headers["Cache-Control"] is None, path


def test_nginx_refuses_other_host_names(running_site):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # only the server's refusal can fail the handshake
    port = running_site.setup.https_port
    with (
        socket.create_connection(("127.0.0.1", port)) as sock,
        pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME|unrecognized name"),
    ):
        context.wrap_socket(sock, server_hostname="other.example")


def _size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", value.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


def test_nginx_upload_limits_stay_above_the_platforms():
    site = NGINX_SITE.read_text()
    public = _size(re.search(r"^    client_max_body_size (\w+);", site, re.M).group(1))
    admin_block = re.search(r"location /admin/ \{(.*?)\}", site, re.S).group(1)
    admin = _size(re.search(r"client_max_body_size (\w+);", admin_block).group(1))
    assert public > settings.AMICC_CV_MAX_BYTES
    largest_admin_upload = max(
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 0,
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    )
    assert admin > largest_admin_upload


# --- gunicorn


def _production_environment(tmp_path: Path) -> dict[str, str]:
    keep = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("AMICC_", "DJANGO_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "WEB_CONCURRENCY"}
    }
    return keep | {
        "DJANGO_SETTINGS_MODULE": "amicc.settings",
        "AMICC_SECRET_KEY": secrets.token_urlsafe(50),
        "AMICC_DATA_DIR": str(tmp_path),
        "AMICC_ALLOWED_HOSTS": HOST,
        "AMICC_BIND": "127.0.0.1:18765",
        "WEB_CONCURRENCY": "3",
    }


def test_gunicorn_accepts_its_settings(tmp_path):
    result = subprocess.run(
        [str(VENV_BIN / "gunicorn"), "--print-config", "--config", str(GUNICORN_CONF)]
        + ["amicc.wsgi:application"],
        env=_production_environment(tmp_path),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    printed = dict(
        re.match(r"(\w+)\s+= (.*)", line).groups()
        for line in result.stdout.splitlines()
        if re.match(r"\w+\s+= ", line)
    )
    assert printed["bind"] == "['127.0.0.1:18765']"
    assert printed["workers"] == "3"
    assert printed["worker_class"] == "sync"
    assert printed["control_socket_disable"] == "True"
    assert printed["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", NGINX_SITE.read_text()).group(1)
    assert int(printed["timeout"]) < int(read_timeout), "nginx must wait longer than gunicorn"


@pytest.fixture(scope="module")
def gunicorn_conf() -> dict:
    return runpy.run_path(str(GUNICORN_CONF))


def _seen_address(wrap, environ: dict) -> str:
    """The REMOTE_ADDR the platform sees, once `wrap` has wrapped it."""
    seen = []
    wrap(lambda environ, start_response: seen.append(environ))(environ, None)
    assert "HTTP_X_REAL_IP" not in seen[0]
    return seen[0]["REMOTE_ADDR"]


@pytest.mark.parametrize(
    ("peer", "header", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # from nginx: the visitor
        ("::1", "2001:db8::1", "2001:db8::1"),
        ("", "198.51.100.7", "198.51.100.7"),  # a Unix socket has no address: trusted
        ("203.0.113.5", "198.51.100.7", "203.0.113.5"),  # from outside: the header is ignored
        ("127.0.0.1", "not an address", "127.0.0.1"),
        ("127.0.0.1", "198.51.100.7, 10.0.0.1", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_gunicorn_takes_the_client_address_from_nginx_only(gunicorn_conf, peer, header, expected):
    def as_a_worker_would(application):
        allowed = SimpleNamespace(forwarded_allow_ips=["127.0.0.1", "::1"])
        worker = SimpleNamespace(wsgi=application, cfg=allowed)
        gunicorn_conf["post_worker_init"](worker)
        return worker.wsgi

    environ = {"REMOTE_ADDR": peer, "HTTP_X_REAL_IP": header}
    assert _seen_address(as_a_worker_would, environ) == expected


@pytest.mark.parametrize(
    ("trusted", "peer", "expected"),
    [
        (["10.0.0.0/8"], "10.1.2.3", "192.0.2.1"),
        (["10.0.0.0/8"], "11.1.2.3", "11.1.2.3"),
        (["*"], "11.1.2.3", "192.0.2.1"),
    ],
)
def test_gunicorn_trusts_the_networks_it_is_told(gunicorn_conf, trusted, peer, expected):
    def wrap(application):
        return gunicorn_conf["RealClientAddress"](application, trusted)

    assert _seen_address(wrap, {"REMOTE_ADDR": peer, "HTTP_X_REAL_IP": "192.0.2.1"}) == expected


# --- systemd


def _unit(path: Path) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


SERVICES = sorted(UNITS.glob("*.service"))


def test_every_oneshot_has_its_timer_and_every_timer_its_service():
    timers = {path.stem for path in UNITS.glob("*.timer")}
    oneshots = {path.stem for path in SERVICES if _unit(path)["Service"].get("Type") == ["oneshot"]}
    assert timers == oneshots
    assert {"amicc-web", "amicc-worker", "amicc-newsletters", "amicc-backup"} <= {
        path.stem for path in SERVICES
    }


@pytest.mark.parametrize("path", SERVICES, ids=[path.name for path in SERVICES])
def test_units_run_commands_that_exist(path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as deployed
    service = _unit(path)["Service"]
    commands = service.get("ExecStart", []) + service.get("ExecStartPost", [])
    assert commands
    available = get_commands()
    for line in commands:
        argv = shlex.split(line.lstrip("-@:+!"))
        program = Path(argv[0])
        if program.name == "amicc":
            assert program.parent == Path("/opt/amicc/venv/bin")
            name = argv[1].replace("-", "_")
            assert name in available, f"{path.name}: amicc has no command {argv[1]!r}"
            parser = load_command_class(available[name], name).create_parser("amicc", name)
            parser.parse_args(argv[2:])  # raises CommandError on an unknown option
        elif program.name == "gunicorn":
            assert program.parent == Path("/opt/amicc/venv/bin")
            assert argv[1:] == [
                "--config",
                "/etc/amicc/gunicorn.conf.py",
                "amicc.wsgi:application",
            ]
        else:
            assert program.is_absolute() and os.access(program, os.X_OK), line
    assert service["EnvironmentFile"] == ["/etc/amicc/amicc.env"]
    assert service["User"] == ["amicc"]


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    for path in UNITS.iterdir():
        # The units name the installed virtual environment; this one stands in for it.
        text = path.read_text().replace("/opt/amicc/venv/bin/", f"{VENV_BIN}/")
        (tmp_path / path.name).write_text(text)
    units = sorted(str(path) for path in tmp_path.iterdir())
    result = subprocess.run([analyze, "verify", "--man=no", *units], capture_output=True, text=True)
    ours = [line for line in result.stderr.splitlines() if "amicc" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr


def test_the_admin_helper_is_valid_shell():
    script = DEPLOY / "amicc-admin"
    assert os.access(script, os.X_OK)
    subprocess.run(["/bin/sh", "-n", str(script)], check=True)
    systemd_run = shutil.which("systemd-run")
    if systemd_run:
        usage = subprocess.check_output([systemd_run, "--help"], text=True)
        used = set(re.findall(r"--[a-z-]+", script.read_text()))
        assert used <= set(re.findall(r"--[a-z-]+", usage))


# --- environment variables

VARIABLE = re.compile(r"\b(AMICC_[A-Z0-9_]+|DATABASE_URL|REDIS_URL|EMAIL_URL|WEB_CONCURRENCY)\b")


def _documented() -> set[str]:
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.M))


def test_every_variable_named_is_in_env_example():
    sources = [GUIDE, GUNICORN_CONF, NGINX_SITE, DEPLOY / "amicc-admin", *UNITS.iterdir()]
    missing = {
        f"{name} ({source.relative_to(ROOT)})"
        for source in sources
        for name in VARIABLE.findall(source.read_text())
        if name not in _documented()
    }
    assert not missing, f"not documented in .env.example: {sorted(missing)}"


def test_the_guide_explains_every_variable_of_env_example():
    guide = GUIDE.read_text()
    missing = sorted(name for name in _documented() if f"`{name}`" not in guide)
    assert not missing, f"docs/deployment.md does not explain: {missing}"
