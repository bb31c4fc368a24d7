"""Hostile input to every public form and endpoint: never a 5xx, nothing stored that should
not be, nothing echoed back as live markup.

The URLs anyone can reach are found by walking the URL resolver and must each be in a
table of `fuzz_targets` (`PAGES`, `FORMS`, `PAGE_TYPES`, `PUBLIC_ADMIN`), so a new public
URL fails `test_every_public_url_is_fuzzed` until the fuzz covers it, a GET page that starts
taking POSTs fails `test_pages_that_take_posts_are_fuzzed_as_forms`, and an admin URL open
to anonymous visitors fails `test_the_admin_is_closed_to_anonymous_visitors`. The API is
fuzzed from its own OpenAPI document.

Each target gets the fixed values of `hostile.py`, then a bounded, derandomized run of
hypothesis examples. Every request comes from its own client address, so rate limits never
stand between a hostile value and the validation it is meant to reach, and every example
runs in a savepoint that is rolled back, so each starts from the same data.
"""

import contextlib
import itertools
import re
import shutil
import string
import traceback

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection, transaction
from django.db.models import CharField, Count, Max, TextField
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import get_page_models

from amicc.core.tests import hostile
from amicc.core.tests.fuzz_targets import (
    ELSEWHERE,
    FORMS,
    FORMS_BY_PATTERN,
    PAGE_TYPES,
    PAGES,
    PUBLIC_ADMIN,
    Form,
    Get,
    redirected,
)
from amicc.core.tests.fuzz_world import World, cv_folder, pdf_bytes, world_build

pytestmark = pytest.mark.django_db

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
GET_EXAMPLES = 8  # for a page with query parameters; 3 for one without
FORM_EXAMPLES = 12
API_EXAMPLES = 4


# --- The site


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo site and its extras, built once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = world_build()
        # Each test ends by checking deferred foreign keys, and on PostgreSQL the rollback
        # that follows queues the demo's thousands of rows again: check them once, here.
        connection.check_constraints()
        yield built
        transaction.set_rollback(True)
    shutil.rmtree(cv_folder(), ignore_errors=True)  # the CVs accepted applications saved


_addresses = itertools.count(1)


def _address() -> str:
    n = next(_addresses)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def _described(method: str, path: str, query: str, body: bytes) -> str:
    return f"{method} {path}?{query[:300]!r} body={body[:300]!r}"


def assert_sane(response: HttpResponse, what: str) -> None:
    """No 5xx, and no piece of hostile.SCRIPTS shown as markup."""
    if response.status_code >= 500:
        exc_info = getattr(response, "exc_info", None)
        trace = "".join(traceback.format_exception(*exc_info)) if exc_info else ""
        pytest.fail(f"{what} answered {response.status_code}\n{trace}", pytrace=False)
    content_type = response.get("Content-Type", "")
    if not response.streaming and any(kind in content_type for kind in ("html", "xml", "svg")):
        shown = hostile.unescaped_markup(response.content.decode("utf-8", "replace"))
        assert not shown, f"{what} shows {shown} unescaped"


class Visitor:
    """A browser whose every request comes from a new address and is checked."""

    def __init__(self, *, csrf: bool = False):
        self.client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
        self.csrf_token = ""

    def send(
        self,
        method: str,
        path: str,
        *,
        query: str = "",
        body: bytes = b"",
        content_type: str = hostile.FORM,
        **extra,
    ) -> HttpResponse:
        response = self.client.generic(
            method,
            path,
            body,
            content_type,
            QUERY_STRING=query,
            REMOTE_ADDR=_address(),
            **extra,
        )
        assert_sane(response, _described(method, path, query, body))
        return response

    def get(self, path: str, query: str = "", **extra) -> HttpResponse:
        return self.send("GET", path, query=query, **extra)

    def open_form(self, path: str) -> str:
        """Open the form once, as a browser does, for its CSRF cookie and token."""
        for _ in range(3):  # a link that stores its token in the session, then redirects
            path, _, query = path.partition("?")
            response = self.get(path, query)
            if not redirected(response):
                break
            path = response["Location"]
        html = response.content.decode()
        if self.client.handler.enforce_csrf_checks:
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            self.csrf_token = match[1] if match else self.client.cookies["csrftoken"].value
        return html

    def post(self, path: str, data: dict, files: dict | None = None) -> HttpResponse:
        data = {"csrfmiddlewaretoken": self.csrf_token, **data} if self.csrf_token else data
        if files is not None:
            body, content_type = hostile.multipart(data, files), hostile.MULTIPART
        else:
            body, content_type = hostile.urlencoded(data), hostile.FORM
        return self.send("POST", path, body=body, content_type=content_type)


@contextlib.contextmanager
def rolled_back():
    """One example: its writes and emails are gone when it ends.

    The cache is kept: what an example left there (a bumped page-cache generation, a rate
    counter of an address never used again) changes no later answer but its speed.
    """
    savepoint = transaction.savepoint()
    mail.outbox.clear()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


# --- Coverage: nothing public escapes the tables


def _resolver_patterns(patterns=None, prefix: str = ""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _resolver_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _is_admin(pattern: str) -> bool:
    return pattern.startswith(("admin/", "django-admin/"))


def test_every_public_url_is_fuzzed():
    covered = {target.pattern for target in PAGES} | set(FORMS_BY_PATTERN)
    public = {
        pattern
        for pattern in _resolver_patterns()
        if not _is_admin(pattern) and not pattern.startswith(ELSEWHERE)
    }
    missing = sorted(public - covered)
    assert missing == [], f"public URLs the fuzz does not cover (fuzz_targets.PAGES): {missing}"
    admin = {target.pattern for target in PUBLIC_ADMIN}
    stale = sorted((covered | admin) - set(_resolver_patterns()))
    assert stale == [], f"patterns in fuzz_targets that the site no longer has: {stale}"


def test_every_page_type_is_fuzzed(world):
    page_types = {model._meta.label for model in get_page_models()} - {"wagtailcore.Page"}
    assert page_types == set(PAGE_TYPES), "a page type the fuzz does not know; add it"
    assert set(PAGE_TYPES) <= set(world.pages), "a page type without a live page to fuzz"


SAMPLE_VALUES = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "0" * 8 + "-0000" * 3}


def _sample_path(pattern: str) -> str:
    """A path that a pattern of the resolver matches, for asking what it answers."""
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES[m[1] or "str"], pattern)
    path = re.sub(r"\(\?P<\w+>([^()|]*)[^()]*\)", r"\1", path)
    for regex, text in (("^", ""), ("$", ""), (".*", "x"), ("\\d+", "1"), ("\\.", ".")):
        path = path.replace(regex, text)
    return "/" + path


def test_the_admin_is_closed_to_anonymous_visitors(world):
    public = {target.pattern for target in PUBLIC_ADMIN}
    visitor = Visitor()
    opened = []
    for pattern in sorted(p for p in _resolver_patterns() if _is_admin(p) and p not in public):
        response = visitor.get(_sample_path(pattern))
        if response.status_code == 301:  # a slash appended
            response = visitor.get(response["Location"])
        to_login = redirected(response) and "login" in response["Location"]
        if not (to_login or response.status_code in (403, 404, 405)):
            opened.append((pattern, response.status_code))
    assert opened == [], (
        f"admin URLs open to anonymous visitors (check, then PUBLIC_ADMIN): {opened}"
    )


def test_pages_that_take_posts_are_fuzzed_as_forms(world):
    """A page fuzzed only with GET must refuse POST, answer it as a GET, or be in FORMS."""
    visitor = Visitor()
    taking = []
    for target in PAGES + PUBLIC_ADMIN:
        if target.pattern in FORMS_BY_PATTERN or target.pattern.startswith("^"):
            continue
        with rolled_back():
            body = hostile.urlencoded(dict.fromkeys(target.params or ("x",), hostile.SCRIPTS[0]))
            status = visitor.send("POST", world.path(target.path), body=body).status_code
        expected = (target.status,) if target.any_method else (403, 404, 405)
        if status not in expected:
            taking.append((target.pattern, status))
    assert taking == [], f"pages that take POSTs; add them to FORMS: {taking}"


# --- Pages: hostile query strings, path segments and cookies


def _page_targets() -> list[Get]:
    pages = [Get(label, label, params) for label, params in PAGE_TYPES.items()]
    return [*PAGES, *PUBLIC_ADMIN, *pages]


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


HOSTILE_COOKIES = (
    'sessionid="\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000"',
    "sessionid=" + "x" * 5000,
    'csrftoken="\\000"; messages="\\000"',
    'amicc_poll_browser="\\000\\377"; sessionid="\\355\\240\\200abcdefgh"',
    "messages=" + "W10:" * 100,
    "=; ;;=x; \x7f=\x7f",
)


@pytest.mark.parametrize("target", _page_targets(), ids=lambda target: target.pattern)
def test_pages_answer_hostile_queries_without_failing(world, target):
    path = world.pages[target.path] if target.path in PAGE_TYPES else world.path(target.path)
    visitor = Visitor()
    # A page that reads no parameter still gets odd query strings, in case it starts to.
    values = (*hostile.ESSENTIAL, *hostile.INVALID_UTF8, *hostile.HUGE[:1])
    queries = hostile.RAW_QUERIES if target.params else hostile.RAW_QUERIES[:5]
    with rolled_back():
        assert visitor.get(path).status_code == target.status, path
        for query in queries:
            visitor.get(path, query)
        for value in values if target.params else ():
            visitor.get(path, hostile.query_string(dict.fromkeys(target.params, value)))
        visitor.get(path, HTTP_HX_REQUEST="true")

    @settings(FUZZ, max_examples=GET_EXAMPLES if target.params else 3)
    @given(params=hostile.hostile_params(target.params))
    def hostile_query(params):
        with rolled_back():
            visitor.get(path, hostile.query_string(params))

    hostile_query()


# Pages that read the session, a poll's browser cookie or the CSRF cookie, and a cached one.
COOKIE_PAGES = (
    "/",
    "/events/{event}/thanks/",
    "/act/{alert}/sent/",
    "/polls/{poll}/",
    "/join/",
    "/admin/login/",
    "/api/v1/topics",
)


@pytest.mark.parametrize("cookie", HOSTILE_COOKIES)
def test_hostile_cookies_are_ignored(world, cookie):
    visitor = Visitor()
    with rolled_back():
        for path in COOKIE_PAGES:
            visitor.get(world.path(path), HTTP_COOKIE=cookie)
            visitor.send("POST", world.path(path), body=b"x=1", HTTP_COOKIE=cookie)


def _segment_targets() -> list[Get]:
    return [target for target in _page_targets() if _placeholders(target.path)]


@pytest.mark.parametrize("target", _segment_targets(), ids=lambda target: target.pattern)
def test_hostile_path_segments_never_fail(world, target):
    visitor = Visitor()
    values = (*hostile.SEGMENTS, *hostile.INVALID_UTF8)
    for name, value in itertools.product(_placeholders(target.path), values):
        with rolled_back():
            visitor.get(world.path(target.path.replace(f"{{{name}}}", hostile.path_segment(value))))

    @settings(FUZZ, max_examples=6)
    @given(name=st.sampled_from(_placeholders(target.path)), value=hostile.hostile_texts())
    def hostile_segment(name, value):
        with rolled_back():
            visitor.get(world.path(target.path.replace(f"{{{name}}}", hostile.path_segment(value))))

    hostile_segment()


@pytest.mark.parametrize("label", sorted(PAGE_TYPES))
def test_hostile_paths_below_pages_are_not_found(world, label):
    """Wagtail routes what follows a page's URL (a routable page's sub-pages)."""
    visitor = Visitor()
    base = world.pages[label]
    with rolled_back():
        for value in (*hostile.SEGMENTS[1:], *hostile.INVALID_UTF8):
            assert visitor.get(base + hostile.path_segment(value) + "/").status_code == 404
        assert visitor.get(base + "a/" * 300).status_code == 404


# --- Forms: hostile posts with a valid CSRF token


def _models(labels: tuple[str, ...]) -> list:
    return [apps.get_model(label) for label in labels]


def _snapshot(labels: tuple[str, ...]) -> dict:
    """Row count and largest primary key of each model a form writes."""
    return {
        model: tuple(model.objects.aggregate(Count("pk"), Max("pk")).values())
        for model in _models(labels)
    }


def _as_received(value: hostile.Value) -> str:
    """What Django hands a form for a posted value: the last one, invalid UTF-8 replaced."""
    if isinstance(value, list):
        value = value[-1]
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return value.decode("utf-8", "replace")


def _assert_stored_clean(form: Form, data: dict, before: dict) -> None:
    for model, (_, largest) in before.items():
        texts = [f.name for f in model._meta.fields if isinstance(f, CharField | TextField)]
        for row in model.objects.filter(pk__gt=largest or 0).values(*texts):
            for name, value in row.items():
                assert "\x00" not in (value or ""), f"{model._meta.label}.{name} kept a NUL"
                assert not re.search("[\ud800-\udfff]", value or ""), f"{name}: a lone surrogate"
    for name, target in form.stored.items():
        if name not in data:
            continue
        label, column = target.rsplit(".", 1)
        expected = _as_received(data[name]).strip()
        rows = apps.get_model(label).objects.filter(**{column: expected})
        assert rows.exists(), f"{name} was not stored as cleaned: {expected[:200]!r}"


def _assert_emails_escaped() -> None:
    for message in mail.outbox:
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                shown = hostile.unescaped_markup(content)
                assert not shown, f"the email {message.subject!r} shows {shown} unescaped"


class FormFuzz:
    """Posts to one form, each in its own rolled-back savepoint, and checks what it did."""

    def __init__(self, form: Form, world: World, capture):
        self.form, self.world, self.capture = form, world, capture
        self.path = world.path(form.path)
        self.visitor = Visitor(csrf=form.csrf)
        self.page = self.visitor.open_form(world.path(form.prepare or form.path))
        self.valid = form.valid(world)

    def post(self, data: dict) -> HttpResponse:
        files = {"cv": ("cv.pdf", pdf_bytes())} if self.form.cv else None
        with self.capture(execute=True):
            return self.visitor.post(self.path, data, files)

    def check(self, data: dict) -> bool:
        """Post `data`; True if the form accepted it."""
        with rolled_back():
            before = _snapshot(self.form.writes)
            response = self.post(data)
            accepted = self.form.accepted(response)
            if accepted:
                _assert_stored_clean(self.form, data, before)
                _assert_emails_escaped()
                if redirected(response):  # the thank-you page, which may show what was sent
                    self.visitor.get(response["Location"].split("?")[0])
                for page in self.form.shows:  # a query of its own, past the page cache
                    self.visitor.get(self.world.path(page), f"fresh={next(_addresses)}")
            else:
                assert _snapshot(self.form.writes) == before, "a refused post stored rows"
                assert mail.outbox == [], "a refused post sent email"
            return accepted

    def raw(self, content_type: str, body: bytes) -> None:
        with rolled_back():
            before = _snapshot(self.form.writes)
            with self.capture(execute=True):
                response = self.visitor.send(
                    "POST", self.path, body=body, content_type=content_type
                )
            if not self.form.accepted(response):  # a form without fields takes any body
                assert _snapshot(self.form.writes) == before, "a broken body stored rows"


@pytest.fixture
def form_fuzz(world, django_capture_on_commit_callbacks):
    def start(form: Form) -> FormFuzz:
        return FormFuzz(form, world, django_capture_on_commit_callbacks)

    return start


# Hostile, and yet text a person might type: stored as typed, shown escaped.
KEEPABLE = (
    *hostile.SCRIPTS,
    *hostile.SQL[:4],
    hostile.TEMPLATES[0],
    "  padded with spaces  ",
    "ｅｘａｍｐｌｅ \u202eevil\u202c",
    "😀 Z̸a̴l̷g̶o̴",
)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.pattern)
def test_forms_refuse_hostile_posts_or_store_them_clean(form_fuzz, form):
    fuzz = form_fuzz(form)
    assert fuzz.check(fuzz.valid), "the valid submission was refused: the fuzz would miss paths"
    # Text a form should keep as typed, in every field it keeps that way at once.
    for value in KEEPABLE if form.stored else ():
        kept = fuzz.check({**fuzz.valid, **dict.fromkeys(form.stored, value)})
        assert kept, f"the form refused {value!r}, text it should keep"
    for content_type, body in hostile.RAW_BODIES:
        fuzz.raw(content_type, body)
    names = list(fuzz.valid) or ["zz"]
    # Django's and Wagtail's own forms (logins, password resets) get the shorter list, a
    # form of nothing but a button (its fields unread) a few values.
    ours = resolve(fuzz.path).func.__module__.startswith("amicc.")
    values = hostile.FORM_VALUES if ours else hostile.ESSENTIAL
    values = values if fuzz.valid else hostile.ESSENTIAL[:8]
    for value in (*values, *hostile.INVALID_UTF8, ["a", "b", "c"]):
        fuzz.check({**fuzz.valid, **dict.fromkeys(names, value)})
    for index, value in enumerate(hostile.HUGE):  # one field at a time, under Django's limit
        fuzz.check({**fuzz.valid, names[index * len(names) // len(hostile.HUGE)]: value})

    @settings(FUZZ, max_examples=FORM_EXAMPLES)
    @given(data=hostile.hostile_forms(fuzz.valid) if fuzz.valid else hostile.hostile_params(()))
    def hostile_post(data):
        fuzz.check(data)

    hostile_post()


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.pattern)
def test_a_filled_honeypot_stores_nothing_whatever_else_is_sent(form_fuzz, form):
    fuzz = form_fuzz(form)
    assert ('name="homepage"' in fuzz.page) == form.honeypot, "Form.honeypot is wrong"
    for value in (*hostile.ESSENTIAL[:20], hostile.HUGE[0]) if form.honeypot else ():
        data = {**dict.fromkeys(fuzz.valid, value), "homepage": "http://spam.example"}
        with rolled_back():
            before = _snapshot(form.writes)
            response = fuzz.post(data)
            # The delegation form refuses a body larger than a CV before reading it.
            assert redirected(response) or response.status_code == 413
            assert _snapshot(form.writes) == before and mail.outbox == []


# --- The API: hostile query parameters and path segments on what its schema lists


def _api_operations(visitor: Visitor) -> list[tuple[str, str, dict]]:
    schema = visitor.get("/api/v1/openapi.json").json()
    return [
        (method.upper(), path, operation)
        for path, methods in sorted(schema["paths"].items())
        for method, operation in sorted(methods.items())
    ]


def _api_path(visitor: Visitor, path: str, segment: str | None = None) -> str:
    """`path` with its parameters filled in: from the list above it, or with `segment`."""
    if segment is not None:
        return re.sub(r"\{\w+\}", segment, path)
    parent, _, name = path.rpartition("/")
    match = re.fullmatch(r"\{(\w+)\}", name)
    if match is None or "{" in parent:
        return re.sub(r"\{\w+\}", "x", path)
    listing = visitor.get(parent).json() if visitor.get(parent).status_code == 200 else {}
    results = listing.get("results") if isinstance(listing, dict) else None
    if results:
        key = match[1] if match[1] in results[0] else ("slug" if "slug" in results[0] else "id")
        return f"{parent}/{results[0].get(key, 'x')}"
    return f"{parent}/x"


def test_the_api_answers_hostile_parameters_without_failing(world):
    visitor = Visitor()  # a new address for each request: the API's rate limit never trips
    operations = _api_operations(visitor)
    assert operations, "the API lists no operations"
    targets = []
    for method, path, operation in operations:
        names = tuple(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
        targets.append((method, _api_path(visitor, path), path, names or ("q",)))
    for method, path, template, names in targets:
        with rolled_back():
            for value in (*hostile.ESSENTIAL, *hostile.INVALID_UTF8):
                query = hostile.query_string(dict.fromkeys(names, value))
                body = hostile.urlencoded({"name": value}) if method != "GET" else b""
                visitor.send(method, path, query=query, body=body, content_type="application/json")
            for value in hostile.SEGMENTS if "{" in template else ():
                visitor.send(method, _api_path(visitor, template, hostile.path_segment(value)))
            for content_type, body in hostile.RAW_BODIES if method != "GET" else ():
                visitor.send(method, path, body=body, content_type=content_type)

    @settings(FUZZ, max_examples=API_EXAMPLES * len(targets))
    @given(data=st.data())
    def hostile_call(data):
        method, path, _, names = data.draw(st.sampled_from(targets))
        with rolled_back():
            visitor.send(
                method, path, query=hostile.query_string(data.draw(hostile.hostile_params(names)))
            )

    hostile_call()


# --- The mail providers' webhooks: strangers are refused before anything is read


def test_mail_webhooks_refuse_strangers(world):
    visitor = Visitor()
    webhooks = sorted(p for p in _resolver_patterns() if p.startswith("anymail/"))
    assert webhooks, "no webhooks to fuzz"
    credentials = ("", "Basic " + "x" * 5000, "Basic \x00", "Basic dGVzdC1ob29rOndyb25n")
    for pattern in webhooks:
        path = _sample_path(pattern.replace("(_mime)?", ""))
        with rolled_back():
            for (content_type, body), authorization in itertools.product(
                (*hostile.RAW_BODIES[:3], ("application/json", b'{"RecordType": "Bounce"}')),
                credentials,
            ):
                response = visitor.send(
                    "POST", path, body=body, content_type=content_type,
                    HTTP_AUTHORIZATION=authorization,
                )  # fmt: skip
                assert 400 <= response.status_code < 500, (path, response.status_code)
