"""The 400, 403, 404, 405 and 500 pages (register/errors.py), with DEBUG off:
the project's own, in the six languages, repeating nothing of the request,
marked `Cache-Control: no-cache` and sent with the security headers. The API
keeps its JSON error shape."""

import json
import secrets

import pytest
from django.test import Client
from django.utils import translation

from tests.two_factor import login_verified

LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
CSRF_FAILED = (
    "The form could not be accepted: it has expired, or your browser did not send this "
    "site's cookie. Go back, reload the page and try again."
)


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


@pytest.fixture
def marker():
    return f"probe{secrets.token_hex(6)}"



def translated(language, text):
    with translation.override(language):
        return translation.gettext(text)


def assert_an_error_page(response, status, language, heading, marker):
    body = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in body
    assert translated(language, heading) in body
    if language != "en":
        assert translated(language, heading) != heading, f"{heading!r} is not in {language}"
    assert marker not in body
    assert marker not in str(response.headers)
    assert "no-cache" in response.headers["Cache-Control"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    return body


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_bad_host_with_its_400_page(client, db, language, marker):
    response = client.get(f"/cases/{marker}/?q={marker}", headers={
        "host": f"{marker}.example", "accept-language": language})  # fmt: skip

    assert_an_error_page(response, 400, language, "Bad request", marker)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_refusal_with_its_403_page(client, analyst, language, marker):
    login_verified(client, analyst)

    response = client.get(f"/staff/cases/person/?q={marker}", headers={"accept-language": language})

    body = assert_an_error_page(response, 403, language, "Access refused", marker)
    assert translated(language, "You may not see this page.") in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_csrf_failure_with_its_403_page(db, language, marker):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/cases/{marker}/?q={marker}", {"name": marker},
                           headers={"accept-language": language})  # fmt: skip

    body = assert_an_error_page(response, 403, language, "Access refused", marker)
    assert translated(language, CSRF_FAILED) in body
    assert "CSRF" not in body  # Django's reason is not shown


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/cases/{marker}/?q={marker}", "/{marker}/?{marker}=1"])
def test_it_answers_a_missing_page_with_its_404_page(client, db, language, marker, path):
    response = client.get(path.format(marker=marker), headers={"accept-language": language})

    body = assert_an_error_page(response, 404, language, "Page not found", marker)
    assert translated(language, "Reprisals Register") in body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_answers_a_wrong_method_with_its_405_page(client, db, language, marker, method):
    response = getattr(client, method)(
        f"/cases/{marker}/?q={marker}",
        f"name={marker}",
        "application/x-www-form-urlencoded",
        headers={"accept-language": language},
    )

    assert_an_error_page(response, 405, language, "Method not allowed", marker)
    assert response.headers["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_server_error_with_its_500_page(db, broken_key_file, language, marker):
    client = Client(raise_request_exception=False)

    response = client.get(f"/search/?q={marker}", headers={"accept-language": language})

    body = assert_an_error_page(response, 500, language, "Server error", marker)
    assert translated(language, "Something went wrong on our side. Please try again later.") in body


def test_the_api_keeps_its_json_shape_for_an_unknown_path_and_a_wrong_method(client, db, marker):
    for response, status in [
        (client.get(f"/api/v1/{marker}/?q={marker}"), 404),
        (client.post(f"/api/v1/cases?q={marker}", f"name={marker}", "text/plain"), 405),
    ]:
        assert response.status_code == status
        assert response.headers["Content-Type"].startswith("application/json")
        assert json.loads(response.content)["error"]["status"] == status
        assert marker not in response.content.decode()
        assert "no-cache" in response.headers["Cache-Control"]
