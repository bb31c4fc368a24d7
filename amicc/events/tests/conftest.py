"""Fixtures of the events tests."""

import pytest

from amicc.coalition.tests.admin_fixtures import coalition_fixture  # noqa: F401


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Runs a callable and then what it left for after the commit (emails), like a request."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
