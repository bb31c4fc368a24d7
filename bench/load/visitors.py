"""The visitors of the load benchmark: N clients, each one visitor after another.

A visitor is a new person: a source address of its own in 127.0.0.0/8 (Linux routes all of
it to loopback, and the platform's per-address rate limits count it as one client, as in
production), its own cookies and its own keep-alive connection. It reads a few pages, or
searches, or looks up a ZIP code, or fills in one of the public forms the way a browser
does: it GETs the form page (CSRF cookie and token, the form's own fields), POSTs what a
person would type, with a unique email address, and follows the redirect to the thank-you
page. Between two requests it pauses ("thinks") a random 0.5-1.5 times `think` seconds.

Every request is recorded (type, start, latency, status, page-cache header, Retry-After,
whether the body says "database is locked"), and every submission with the identifier
the database is searched by afterwards and whether the site answered it with success:
the redirect to its thank-you page.
"""

import html
import http.client
import itertools
import random
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from urllib.parse import quote_plus, urlencode

INPUT = re.compile(r"<input\b([^>]*)>", re.IGNORECASE)
TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.IGNORECASE | re.DOTALL)
ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
LEGISLATOR_LINK = re.compile(r'href="(/congress/legislators/[A-Za-z0-9]+/)"')
LOCKED = b"database is locked"
NAMES = ["Ada Byron", "Grace Hopper", "Ida Wells", "Rosa Parks", "Ralph Bunche", "Jane Addams",
         "Benjamin Ferencz", "Cesar Chavez", "Dolores Huerta", "Frances Perkins"]  # fmt: skip
COMMENTS = ["Please hold a town hall.", "Justice should not depend on where a crime happened."]

KINDS = [
    "page",
    "search",
    "zip lookup",
    "alliance finder",
    "sign-up form",
    "sign-up",
    "sign-up sent",
    "event page",
    "rsvp",
    "rsvp thanks",
    "poll page",
    "poll response",
    "poll thanks",
    "alert page",
    "letter",
    "letter sent",
]
SUBMISSIONS = ("sign-up", "rsvp", "poll response", "letter")


@dataclass(slots=True)
class Request:
    kind: str
    started: float  # wall clock
    seconds: float
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    error: str  # the exception's name when status is 0
    ok: bool  # the answer of a working site: 200, or the redirect of a successful form
    cache: str  # the X-Page-Cache header: hit, miss or ""
    retry_after: str
    locked: bool  # "database is locked" somewhere in the status line or body
    path: str


@dataclass
class Recorder:
    """What every client records; list.append is atomic, so no lock is needed."""

    requests: list[Request] = field(default_factory=list)
    submissions: list[dict] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)


class Stop(Exception):
    """The run is over, or the visit cannot go on (the site answered with an error)."""


class Run:
    """What the clients share: the server, the plan, the clock and the address counter."""

    def __init__(self, *, port: int, plan: dict, duration: float, think: float, prefix: str):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.plan = plan
        self.duration = duration
        self.think = think
        self.prefix = prefix
        self.recorder = Recorder()
        self.began = 0.0  # time.monotonic() when the clients started
        self.measured_from = 0.0  # the wall-clock time the warm-up ended
        self.deadline = 0.0
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def begin(self, warmup: float) -> None:
        """Start the clock: `warmup` seconds of load not measured, then `duration` measured."""
        self.began = time.monotonic()
        self.measured_from = time.time() + warmup
        self.deadline = self.began + warmup + self.duration

    def number(self) -> int:
        with self._lock:
            return next(self._numbers)

    def address(self, number: int) -> str:
        """A loopback address per visitor: 127.1.0.1, 127.1.0.2, … (16 million of them)."""
        n = 0x010000 + number
        return f"127.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value or "") for name, value in ATTRIBUTE.findall(text)}


def form_fields(page: str) -> tuple[dict[str, str], dict[str, tuple[str, list]], dict[str, str]]:
    """The page's inputs: text and hidden values; radio and checkbox groups as
    {name: (type, [values])}; textareas."""
    values, choices, areas = {}, {}, {}
    for match in INPUT.finditer(page):
        attributes = _attributes(match.group(1))
        name = attributes.get("name")
        if not name:
            continue
        kind = attributes.get("type", "text").lower()
        if kind in ("radio", "checkbox"):
            choices.setdefault(name, (kind, []))[1].append(attributes.get("value", "on"))
        elif kind not in ("submit", "button"):
            values[name] = attributes.get("value", "")
    for match in TEXTAREA.finditer(page):
        name = _attributes(match.group(1)).get("name")
        if name:
            areas[name] = html.unescape(match.group(2)).lstrip("\n")
    return values, choices, areas


class Visitor:
    """One person: a source address, a cookie jar and a keep-alive connection."""

    def __init__(self, run: Run, rng: random.Random) -> None:
        self.run = run
        self.rng = rng
        self.number = run.number()
        self.connection = http.client.HTTPConnection(
            "127.0.0.1", run.port, timeout=60, source_address=(run.address(self.number), 0)
        )
        self.cookies: dict[str, str] = {}
        self.page = ""  # the path of the last page, sent as Referer with a form

    def close(self) -> None:
        self.connection.close()

    def pause(self) -> None:
        if self.run.think:
            time.sleep(self.rng.uniform(0.5, 1.5) * self.run.think)
        if time.monotonic() >= self.run.deadline:
            raise Stop

    def _headers(self, kind: str, form: bool) -> dict[str, str]:
        # X-Bench-Kind names the request type in the server's timing log (gunicorn_timing.py).
        headers = {"User-Agent": "amicc-bench-load", "Accept": "text/html", "X-Bench-Kind": kind}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.run.base
            headers["Referer"] = self.run.base + self.page
        return headers

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(header)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def send(
        self, kind: str, path: str, *, form: dict | None = None, redirect_to: str = ""
    ) -> tuple[int, str, str]:
        """One request; returns (status, body, Location). `redirect_to`: the thank-you page
        a successful form redirects to. Raises Stop when the answer is not a success."""
        body = urlencode(form, doseq=True).encode() if form is not None else None
        started, clock = time.time(), time.perf_counter()
        try:
            self.connection.request(
                "POST" if form is not None else "GET",
                path,
                body=body,
                headers=self._headers(kind, form is not None),
            )
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as error:
            seconds = time.perf_counter() - clock
            self.connection.close()
            self.run.recorder.requests.append(
                Request(kind, started, seconds, 0, type(error).__name__, False, "", "", False, path)
            )
            raise Stop from error
        seconds = time.perf_counter() - clock
        self._keep_cookies(response)
        location = response.headers.get("Location", "")
        if redirect_to:
            ok = response.status == 302 and location.split("?")[0].endswith(redirect_to)
        else:
            ok = response.status == 200
        locked = LOCKED in content.lower() or LOCKED.decode() in (response.reason or "").lower()
        self.run.recorder.requests.append(
            Request(
                kind,
                started,
                seconds,
                response.status,
                "",
                ok,
                response.headers.get("X-Page-Cache", ""),
                response.headers.get("Retry-After", ""),
                locked,
                path,
            )
        )
        if not ok:
            raise Stop
        if form is None:
            self.page = path
        return response.status, content.decode("utf-8", "replace"), location

    def email(self, kind: str) -> str:
        return f"{self.run.prefix}{kind}-{self.number}@load.example.org"

    def submit(self, kind: str, path: str, form: dict, redirect_to: str, **identity) -> str:
        """POST a form and record the submission; follows the redirect to the thanks page."""
        submission = {"kind": kind, "success": False, "status": 0, **identity}
        self.run.recorder.submissions.append(submission)
        try:
            status, _, location = self.send(kind, path, form=form, redirect_to=redirect_to)
        except Stop:
            last = self.run.recorder.requests[-1]
            submission["status"] = last.status if last.kind == kind else 0
            raise
        submission.update(success=True, status=status)
        return location


def _csrf(values: dict[str, str]) -> str:
    return values.get("csrfmiddlewaretoken", "")


def visit_read(visitor: Visitor, plan: dict) -> None:
    for path in visitor.rng.sample(plan["pages"], 3):
        visitor.send("page", path)
        visitor.pause()


def search_query(rng: random.Random, plan: dict) -> str:
    """Half the searches are popular ones (often answered from the page cache), half one or
    two words of the site's own vocabulary, which few visitors have asked before."""
    if rng.random() < 0.5:
        return rng.choice(plan["search"])
    return " ".join(rng.sample(plan["search_words"], rng.choice((1, 2))))


def visit_search(visitor: Visitor, plan: dict) -> None:
    visitor.send("page", "/")
    for _ in range(2):
        visitor.pause()
        visitor.send("search", "/search/?q=" + quote_plus(search_query(visitor.rng, plan)))


def visit_zip_lookup(visitor: Visitor, plan: dict) -> None:
    rng = visitor.rng
    zip_code = rng.choice(plan["split_zips"]) if rng.random() < 0.1 else rng.choice(plan["zips"])
    _, page, _ = visitor.send("zip lookup", f"/representatives/?zip={zip_code}")
    links = LEGISLATOR_LINK.findall(page)
    if links:
        visitor.pause()
        visitor.send("page", rng.choice(links))


def visit_sign_up(visitor: Visitor, plan: dict) -> None:
    rng = visitor.rng
    alliance = rng.choice(plan["alliances"])
    slug, zip_code = alliance["slug"], rng.choice(alliance["zips"])
    visitor.send("alliance finder", f"/alliances/join/?zip={zip_code}")
    visitor.pause()
    path = f"/alliances/{slug}/join/"
    _, page, _ = visitor.send("sign-up form", f"{path}?zip={zip_code}")
    values, _, _ = form_fields(page)
    visitor.pause()
    email = visitor.email("signup")
    form = {
        "csrfmiddlewaretoken": _csrf(values),
        "name": rng.choice(NAMES),
        "email": email,
        "zip_code": values.get("zip_code") or zip_code,
        "consent": "on",
        "homepage": "",
    }
    for optional in ("wants_alliance_updates", "wants_newsletter"):
        if rng.random() < 0.5:
            form[optional] = "on"
    sent = f"{path}sent/"
    location = visitor.submit("sign-up", path, form, sent, id=f"{email} {slug}")
    visitor.send("sign-up sent", location)


def visit_rsvp(visitor: Visitor, plan: dict) -> None:
    rng = visitor.rng
    visitor.send("page", "/events/")
    visitor.pause()
    slug = rng.choice(plan["events"])
    path = f"/events/{slug}/"
    _, page, _ = visitor.send("event page", path)
    values, _, _ = form_fields(page)
    visitor.pause()
    email = visitor.email("rsvp")
    form = {
        "csrfmiddlewaretoken": _csrf(values),
        "name": rng.choice(NAMES),
        "email": email,
        "consent": "on",
        "homepage": "",
    }
    if rng.random() < 0.3:
        form["wants_newsletter"] = "on"
    location = visitor.submit("rsvp", path, form, f"{path}thanks/", id=f"{email} {slug}")
    visitor.send("rsvp thanks", location)


def visit_poll(visitor: Visitor, plan: dict) -> None:
    rng = visitor.rng
    poll = plan["poll"]
    path = f"/polls/{poll['slug']}/"
    _, page, _ = visitor.send("poll page", path)
    values, choices, areas = form_fields(page)
    visitor.pause()
    form: dict = {
        "csrfmiddlewaretoken": _csrf(values),
        "zip_code": rng.choice(plan["zips"]),
        "district": "",
        "homepage": "",
    }
    for name, (kind, options) in choices.items():
        if kind == "checkbox" and name.startswith("question_"):
            form[name] = rng.sample(options, min(len(options), rng.randint(1, 2)))
        elif name.startswith("question_") or name in ("age_band", "gender", "party"):
            form[name] = rng.choice(options)
    for name in areas:
        if name.startswith("question_"):
            form[name] = rng.choice(COMMENTS) if rng.random() < 0.2 else ""
    token = visitor.cookies.get("amicc_poll_browser", "")
    identity = {"id": f"poll-{visitor.number}", "token": token, "poll_pk": poll["pk"]}
    location = visitor.submit("poll response", path, form, f"{path}thanks/", **identity)
    visitor.send("poll thanks", location)


def visit_letter(visitor: Visitor, plan: dict) -> None:
    rng = visitor.rng
    slug = rng.choice(plan["alerts"])
    path = f"/act/{slug}/"
    _, page, _ = visitor.send("alert page", path)
    values, _, areas = form_fields(page)
    visitor.pause()
    email = visitor.email("letter")
    form = {
        "csrfmiddlewaretoken": _csrf(values),
        "name": rng.choice(NAMES),
        "email": email,
        "zip_code": rng.choice(plan["zips"]),
        "district": "",
        "subject": values.get("subject", ""),
        "body": areas.get("body", ""),
        "homepage": "",
    }
    if rng.random() < 0.3:
        form["wants_action_alerts"] = "on"
    location = visitor.submit("letter", path, form, f"{path}sent/", id=f"{email} {slug}")
    visitor.send("letter sent", location)


# What a visitor comes for, and how often (shares of visits).
VISITS = [
    (visit_read, 30),
    (visit_search, 15),
    (visit_zip_lookup, 15),
    (visit_sign_up, 10),
    (visit_rsvp, 10),
    (visit_poll, 10),
    (visit_letter, 10),
]


def client(run: Run, seed: int) -> None:
    """One client: visitors one after another until the run is over."""
    rng = random.Random(seed)
    visits, weights = zip(*VISITS, strict=True)
    time.sleep(rng.uniform(0, max(run.think, 0.5)))  # arrive spread out, not all at once
    while time.monotonic() < run.deadline:
        visitor = Visitor(run, rng)
        visit = rng.choices(visits, weights)[0]
        run.recorder.visits.append(visit.__name__)
        try:
            visit(visitor, run.plan)
        except Stop:
            pass
        finally:
            visitor.close()
        try:
            visitor.pause()
        except Stop:
            break


def run_clients(run: Run, clients: int) -> float:
    """Run `clients` clients until the deadline `run.begin` set; returns when the last
    visitor's last request ended (wall clock)."""
    threads = [
        threading.Thread(target=client, args=(run, n), name=f"client-{n}", daemon=True)
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.time()
