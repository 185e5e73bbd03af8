"""The leak test: markers planted in every non-public field of 200+
generated cases never appear on any public surface — pages, search results,
API responses, the feed, the exports, or error pages."""

import json
import re

import pytest
from django.db import connection
from django.test import Client

from reprisals.cases.models import Case
from reprisals.communications.models import Communication
from tests.leak_plant import Planter

MARKER = re.compile(r"LEAK[0-9a-f]{10}")
PUBLIC_PAGES = [
    "/", "/search/", "/search/?q=lawyer", "/search/?q=case", "/search/?state=CHN",
    "/search/?year=2020", "/search/?act_type=arbitrary_detention", "/feed.atom", "/exports/",
    "/exports/cases.csv", "/exports/cases.json", "/exports/communications.csv",
    "/exports/communications.json",
]  # fmt: skip
LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
LIST_QUERIES = [("q", "q=lawyer"), ("state", "state=CHN"), ("page", "page=2")]


@pytest.fixture
def planted(db):
    markers = Planter().plant(count=204)
    if connection.vendor == "postgresql":
        # Fresh tables have no statistics; the planner then picks plans that
        # take seconds per search (autovacuum would analyse them in production).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return markers


def fetch_all(client, paths):
    """Yield (path, body) for every path; the server must never fail."""
    for path in paths:
        response = client.get(path)
        assert response.status_code in {200, 404}, f"{path}: {response.status_code}"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        yield path, body.decode("utf-8", errors="replace")


def api_paths():
    """Every public GET route of the API, filled with every code, id and State."""
    schema = Client().get("/api/v1/openapi.json").json()
    codes = list(Case.objects.values_list("code", flat=True))
    ids = [str(pk) for pk in Communication.objects.values_list("pk", flat=True)]
    fillers = {"code": codes, "id": ids, "letter_id": ids, "iso3": ["CHN", "RUS", "EGY"]}
    paths = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get or get.get("security"):
            continue
        names = re.findall(r"{(\w+)}", path)
        if not names:
            declared = {p["name"] for p in get.get("parameters", []) if p["in"] == "query"}
            paths += [path] + [f"{path}?{q}" for name, q in LIST_QUERIES if name in declared]
            continue
        assert len(names) == 1 and names[0] in fillers, f"unknown parameter in {path}"
        paths += [path.replace(f"{{{names[0]}}}", value) for value in fillers[names[0]]]
    return paths


def test_it_never_shows_a_planted_marker(client, planted):
    assert len(planted) > 2000
    codes = list(Case.objects.values_list("code", flat=True))
    letters = list(Communication.objects.values_list("pk", flat=True))
    paths = PUBLIC_PAGES + [f"/cases/{code}/" for code in codes]
    paths += [f"/communications/{pk}/" for pk in letters]
    paths += [f"/states/{iso3}/" for iso3 in ["CHN", "RUS", "EGY", "VEN", "BHR"]]
    paths += api_paths()
    seen_public_case = False
    for path, body in fetch_all(client, paths):
        leaked = MARKER.findall(body)
        assert not leaked, f"{path} shows {leaked[:3]}"
        seen_public_case |= path.startswith("/cases/") and "Public case" in body
    assert seen_public_case, "no case was public: the test would prove nothing"


def test_it_shows_nothing_in_other_languages(client, planted):
    for language in LANGUAGES:
        client.cookies["django_language"] = language
        for path, body in fetch_all(client, PUBLIC_PAGES):
            assert not MARKER.findall(body), f"{path} in {language}"


def test_it_finds_nothing_when_searching_for_a_marker(client, planted):
    for marker in sorted(planted)[:60]:
        for path in [f"/search/?q={marker}", f"/api/v1/cases?q={marker}"]:
            response = client.get(path)
            body = response.content.decode().replace(marker, "")  # the query is echoed
            assert not MARKER.findall(body), path
            if path.startswith("/api/") and response.status_code == 200:
                assert json.loads(response.content)["total"] == 0


def test_its_error_pages_echo_no_marker(client, planted):
    marker = sorted(planted)[0]
    for path in [f"/cases/{marker}/", f"/communications/{marker}/", f"/states/{marker}/",
                 f"/api/v1/cases/{marker}", f"/api/v1/cases?page={marker}",
                 f"/no-such-page/{marker}"]:  # fmt: skip
        response = client.get(path)
        assert response.status_code in {404, 422}, path
        assert marker not in response.content.decode(), path
