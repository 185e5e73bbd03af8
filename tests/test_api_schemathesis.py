"""Schemathesis against the OpenAPI document, through the WSGI application:
generated requests, valid and invalid, to every public and staff operation
get a response that conforms to the document (status, content type, headers,
body schema), invalid ones are refused, staff operations refuse requests
without a token, and nothing is a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from reprisals.api.auth import issue_token
from reprisals.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(modes=list(schemathesis.GenerationMode))


@pytest.fixture
def keep_test_connection():
    """A WSGI server closes the database connection after each request, which
    would end the test's transaction; Django's test client does the same as
    this (and the requests here go through the real WSGI application)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def staff_headers(demo_documenter):
    _, token = issue_token(demo_documenter, name="schemathesis", actor=None)
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    # The same examples on every run, here and in CI: a failure is reproducible,
    # and a run cannot fail on a one-off draw that the run before never saw.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_answers_every_generated_request_as_documented(
    case, keep_test_connection, staff_headers
):
    # call_and_validate raises on any check that fails (schema conformance,
    # no server error, staff operations refusing missing credentials…).
    # The Host header is the web server's and Django's (ALLOWED_HOSTS), not
    # the API's: generated ones are dropped.
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "host"}
    response = case.call_and_validate(headers=staff_headers)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}  # the one error shape
