import os
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English: a request under /es/ leaves Spanish active in the
    thread that served it (LocaleMiddleware activates, nothing deactivates), so without
    this a later test's reverse() would give /es/ addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_tree(db):
    from amicc.pages.tests.factories import build_site

    return build_site()


# --- Browser tests: one Chromium for the session, a fresh context per test.
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not os.path.exists(CHROMIUM_PATH):
        pytest.skip(f"Chromium not found at {CHROMIUM_PATH}; install Debian's chromium package")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread for as long as it
    # is started, and Django refuses ORM calls from a thread with a running loop. The
    # tests' own ORM calls are synchronous, so allow them for exactly that lifetime.
    # With the loop running, Django also keeps this thread's connections per context
    # instead of per thread, so the tests get new connection objects: hand them the copy
    # of the migrated data that serialized_rollback restores, when the database was
    # created before the browser started.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable]:
    """Opens browser contexts (separate visitors) on the live server, closed after the test."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=live_server.url, **{"viewport": DESKTOP, **options})
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def console_errors() -> list[str]:
    """What the page logged as errors: failed requests, script exceptions, CSP violations."""
    return []


@pytest.fixture
def page(new_context, console_errors):
    page = new_context().new_page()
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    return page
