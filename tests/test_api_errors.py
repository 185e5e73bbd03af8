"""One error shape across the whole API (reprisals/api/errors.py): every route
of the OpenAPI document, walked with a nonexistent id, a bad parameter, an
unknown parameter, a wrong method, no token and a failure inside, answers
{"error": {"status", "code", "message", "fields"?}} and nothing else."""

import re

import pytest
from django.test import Client

from reprisals.api import public
from reprisals.api.auth import issue_token

API = "/api/v1"
CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         422: "invalid", 500: "server_error"}  # fmt: skip
NONEXISTENT = {"code": "1999-QQQ-999", "letter_id": "987654321", "iso3": "QQQ"}
MALFORMED = {"code": "not-a-code", "letter_id": "-1", "iso3": "china"}
# Operations that find a record by query parameters, not by path: a 404 too.
FOUND_BY_QUERY = {f"{API}/diplomacy/{name}" for name in ("votes", "amendments", "agreement")}
BAD_QUERY_VALUES = {"integer": "many", "string": "!!", "boolean": "perhaps"}


def operations():
    schema = Client().get(f"{API}/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def fill(path, values):
    return re.sub(r"{(\w+)}", lambda match: values[match.group(1)], path)


def assert_error(response, status, *, fields=()):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == ["error"]
    error = body["error"]
    assert set(error) <= {"status", "code", "message", "fields"}
    assert error["status"] == status and error["code"] == CODES[status]
    assert isinstance(error["message"], str) and error["message"]
    if fields:
        assert set(fields) <= set(error["fields"]), error
        assert all(isinstance(message, str) for message in error["fields"].values())
    else:
        assert "fields" not in error
    return error


@pytest.fixture
def headers(demo_documenter):
    _, token = issue_token(demo_documenter, name="error walk", actor=None)
    return {"Authorization": f"Bearer {token}"}


def test_the_document_declares_the_error_shape_for_every_operation():
    walked = 0
    for path, method, operation in operations():
        responses = operation["responses"]
        expected = {"200", "422", "500"}
        expected |= {"404"} if "{" in path or path in FOUND_BY_QUERY else set()
        expected |= {"401", "403"} if operation.get("security") else set()
        assert set(responses) == expected, f"{method} {path}"
        for status in expected - {"200"}:
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, f"{method} {path}"
        walked += 1
    assert walked == 9 + 16 + 4  # and the analysis and diplomacy endpoints


def test_it_answers_404_for_a_nonexistent_id_on_every_route(client, demo, headers):
    for path, _, _ in operations():
        if "{" in path:
            assert_error(client.get(fill(path, NONEXISTENT), headers=headers), 404)


def test_it_names_a_malformed_path_parameter_on_every_route(client, demo, headers):
    for path, _, _ in operations():
        for name in re.findall(r"{(\w+)}", path):
            response = client.get(
                fill(path, {**NONEXISTENT, name: MALFORMED[name]}), headers=headers
            )
            assert_error(response, 422, fields=[name])


def test_it_names_bad_and_unknown_query_parameters_on_every_route(client, demo, headers):
    for path, _, operation in operations():
        url = fill(path, NONEXISTENT)
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or parameter["name"] == "q":
                continue
            kind = parameter["schema"].get("type", "string")
            bad = {parameter["name"]: BAD_QUERY_VALUES[kind]}
            response = client.get(url, bad, headers=headers)
            assert_error(response, 422, fields=[parameter["name"]])
        response = client.get(url, {"colour": "blue"}, headers=headers)
        assert_error(response, 422, fields=["colour"])


def test_it_refuses_a_wrong_method_on_every_route(client, demo, headers):
    for path, _, _ in operations():
        for method in ["post", "put", "patch", "delete"]:
            response = getattr(client, method)(fill(path, NONEXISTENT), headers=headers)
            assert_error(response, 405)
            assert response["Allow"] == "GET"


def test_it_asks_for_a_token_on_every_staff_route(client, demo):
    staff = [path for path, _, operation in operations() if operation.get("security")]
    assert len(staff) == 4 + 8  # and the staff analysis endpoints
    for path in staff:
        assert_error(client.get(fill(path, {"code": "2016-CHN-001"})), 401)


def test_it_answers_403_to_a_role_without_the_permission(client, demo_analyst):
    _, token = issue_token(demo_analyst, name="analyst", actor=None)
    response = client.get(f"{API}/staff/cases", headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 403)


@pytest.mark.parametrize("path", ["/", "/nothing", "/cases/", "/staff", "/docs"])
def test_it_answers_404_for_unknown_urls_whatever_the_method(client, path):
    assert_error(client.get(f"{API}{path}"), 404)
    assert_error(client.post(f"{API}{path}"), 404)


def test_it_answers_a_failure_inside_with_a_500_that_tells_nothing(client, demo, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret detail: Jiang Tianyong's address")

    monkeypatch.setattr(public.search, "search_cases", fail)
    response = client.get(f"{API}/cases")

    assert_error(response, 500)
    assert b"secret" not in response.content and b"Traceback" not in response.content


def test_it_never_repeats_the_values_it_refuses(client, demo):
    marker = "SENSITIVEVALUE"
    for query in [f"?page={marker}", f"?state={marker}", f"?q={marker * 20}", f"?{marker}=1"]:
        response = client.get(f"{API}/cases{query}")
        assert response.status_code == 422
        assert marker.encode() not in response.json()["error"]["message"].encode()
        assert all(marker not in message for message in response.json()["error"]["fields"].values())


def test_it_asks_every_cache_not_to_keep_any_response(client, demo, headers):
    requests = [
        ("/cases/2016-CHN-001", {}),
        ("/staff/cases", headers),
        ("/cases/1999-QQQ-999", {}),
        ("/nothing", {}),
        ("/staff/cases", {}),
    ]
    for path, given in requests:
        response = client.get(f"{API}{path}", headers=given)
        assert "no-store" in response["Cache-Control"], path
