"""Every operation of the API's own OpenAPI schema, fuzzed with Schemathesis.

The schema is read from the running application, so a new endpoint is fuzzed the day it is
added. Each operation gets valid input (positive) and invalid input (negative) with a fixed
seed; detail operations also get the identifiers of real rows, read from their list
operation, so they answer with data and not only 404s. Every answer must not be a 5xx, must
have a status code the schema documents, and must match the documented schema. Private
operations are called with a read-write key of a staff superuser.
"""

import enum
import json
import re
import typing
from collections import Counter, defaultdict
from collections.abc import Iterator

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from pydantic import BaseModel
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from amicc.api.api import api
from amicc.api.keys import api_key_create
from amicc.api.models import ApiKeyScope
from amicc.coalition.demo_content import coalition_demo_load
from amicc.coalition.tests.factories import UserFactory
from amicc.congress.demo_content import congress_demo_load
from amicc.events.demo_content import events_demo_load
from amicc.icc.demo_content import icc_demo_load
from amicc.pages.demo_content import demo_content_load
from amicc.polls.demo_content import polls_demo_load

pytestmark = pytest.mark.django_db

SCHEMA_PATH = "/api/v1/openapi.json"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Examples per operation and generation mode (fewer for writes, whose bodies take long to
# generate), and per detail operation with real rows' identifiers: with some fifty
# operations, well over the thousand requests asserted.
EXAMPLES = 12
WRITE_EXAMPLES = 6
REAL_EXAMPLES = 15
REAL_ROWS = 3
MINIMUM_REQUESTS = 1000
PATH_PARAMETER = re.compile(r"\{([^}]+)\}$")


@pytest.fixture
def application() -> Iterator[WSGIHandler]:
    """The site as a WSGI application, sharing the test's database transaction.

    A WSGI handler closes "old" connections around each request, which would end the
    test's transaction; Django's own test client skips that the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(db, settings) -> str:
    """The demo site's content, rate limits out of the way; returns a staff read-write key."""
    settings.AMICC_API_RATE_PER_ADDRESS = 1_000_000
    settings.AMICC_API_RATE_PER_KEY = 1_000_000
    # The demo loaders of what the API reads, in the order they need each other.
    for load in (
        demo_content_load,
        coalition_demo_load,
        congress_demo_load,
        icc_demo_load,
        events_demo_load,
        polls_demo_load,
    ):
        load()
    staff = UserFactory(superuser=True)
    _key, text = api_key_create(
        owner=staff, name="Schema fuzzing", scope=ApiKeyScope.READ_WRITE, created_by=staff
    )
    return text


def _real_identifiers(schema, operation, headers: dict) -> list:
    """Identifiers of rows the list operation beside a detail operation answers with."""
    match = PATH_PARAMETER.search(operation.path)
    if match is None or operation.method.upper() not in ("GET", "PATCH", "PUT"):
        return []
    name = match[1]
    try:
        listing = schema[operation.path[: match.start()].rstrip("/")]["GET"]
    except LookupError:
        return []
    case = listing.Case(query={"limit": REAL_ROWS})
    response = case.call(headers=headers)
    if response.status_code != 200:
        return []
    results = response.json().get("results", [])
    for field in (name, "id", "slug"):
        values = [item[field] for item in results if isinstance(item, dict) and field in item]
        if values:
            return values
    return []


def _report(failure, case, response) -> str:
    curl = case.as_curl_command(headers={"Authorization": "Bearer <key>"})
    return (
        f"{failure.operation} [{failure.code}] {failure.title}: {failure.message[:700]}\n"
        f"  answered {response.status_code} to: {curl}"
    )


def test_every_operation_answers_as_its_schema_says(application, seeded):
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application)
    headers = {"Authorization": f"Bearer {seeded}"}
    requests: Counter[str] = Counter()
    failures: dict[tuple, str] = {}  # the first of each kind of failure per operation

    def fuzz(operation, strategy, *, examples: int) -> None:
        @hypothesis.given(case=strategy)
        @hypothesis.settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case) -> None:
            requests[operation.label] += 1
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except FailureGroup as group:
                for failure in group.exceptions:
                    key = (operation.label, failure.code, failure.title)
                    failures.setdefault(key, _report(failure, case, response))

        call()

    for result in schema.get_all_operations():
        operation = result.ok()
        examples = EXAMPLES if operation.method.upper() == "GET" else WRITE_EXAMPLES
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, operation.as_strategy(generation_mode=mode), examples=examples)
        match = PATH_PARAMETER.search(operation.path)
        real = [
            operation.as_strategy(path_parameters={match[1]: value})
            for value in _real_identifiers(schema, operation, headers)
        ]
        if real:
            fuzz(operation, st.one_of(real), examples=REAL_EXAMPLES)

    total = sum(requests.values())
    assert not failures, "\n\n".join(failures.values())
    assert total >= MINIMUM_REQUESTS, requests


def _named_types(annotation, found: dict, *, models: bool) -> None:
    """Records the schemas and enums `annotation` reaches: the OpenAPI components it makes."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found[annotation.__name__].add(annotation)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found[annotation.__name__]:
            return
        if models:
            found[annotation.__name__].add(annotation)
        for field in annotation.model_fields.values():
            _named_types(field.annotation, found, models=models)
    for argument in typing.get_args(annotation):
        _named_types(argument, found, models=models)


def test_no_two_schemas_share_a_name():
    """The schema has one component per name: a second, different class of the same name
    would be documented with the first one's fields (and fuzzed against them)."""
    found: dict[str, set] = defaultdict(set)
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    if isinstance(model, type) and issubclass(model, BaseModel):
                        _named_types(model.model_fields["response"].annotation, found, models=True)
                for model in operation.models:
                    # Query and path schemas are spread into parameters; bodies are components.
                    body = model.__ninja_param_source__ == "body"
                    for field in model.model_fields.values():
                        _named_types(field.annotation, found, models=body)
    differing = {
        name: sorted(f"{kind.__module__}.{kind.__qualname__}" for kind in kinds)
        for name, kinds in found.items()
        if len({_shape(kind) for kind in kinds}) > 1
    }
    assert not differing


def _shape(kind: type) -> str:
    """What a component says; ninja makes a "Paged…" class per list, the same each time."""
    if issubclass(kind, enum.Enum):
        return json.dumps([member.value for member in kind])
    return json.dumps(kind.model_json_schema(), sort_keys=True)
