"""The leak test: markers planted in every non-public field of 200+
generated cases never appear on any public surface — pages, search results,
API responses, the feed, the exports, or error pages."""

import json
import re
import unicodedata
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from reprisals.cases.models import Case
from reprisals.communications.models import Communication
from reprisals.diplomacy.importing.common import ensure_source
from reprisals.diplomacy.models import Dissociation, Motion, Statement, Vote, VoteEvent
from reprisals.reference.models import Body, State
from reprisals.register import public, screening
from tests.code_forms import HUSK, codes_read, in_every_form, normalised, written
from tests.factories import CaseFactory, ConsentFactory, PersonFactory, approve_texts
from tests.leak_names import NamePlanter
from tests.leak_plant import Planter

MARKER = re.compile(r"LEAK[0-9a-f]{10}")
PUBLIC_PAGES = [
    "/", "/search/", "/search/?q=lawyer", "/search/?q=case", "/search/?state=CHN",
    "/search/?year=2020", "/search/?act_type=arbitrary_detention", "/feed.atom", "/exports/",
    "/exports/cases.csv", "/exports/cases.json", "/exports/communications.csv",
    "/exports/communications.json",
]  # fmt: skip
CASE_LINK = re.compile(r'href="/cases/\d{4}-')
LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
LIST_QUERIES = [("q", "q=lawyer"), ("state", "state=CHN"), ("page", "page=2")]


@pytest.fixture(scope="module")
def planted_world(django_db_setup, django_db_blocker):
    """The planted cases, made once for the module in a transaction rolled
    back at its end; each test runs inside it, in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        markers = Planter().plant(count=204)
        if connection.vendor == "postgresql":
            # Fresh tables have no statistics; the planner then picks plans
            # that take seconds per search (autovacuum would analyse them).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield markers
        transaction.set_rollback(True)


@pytest.fixture
def planted(planted_world, db):
    return planted_world


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
            paths += [required_query(path, get)]
            paths += [f"{path}?{q}" for name, q in LIST_QUERIES if name in declared]
            continue
        assert len(names) == 1 and names[0] in fillers, f"unknown parameter in {path}"
        paths += [path.replace(f"{{{names[0]}}}", value) for value in fillers[names[0]]]
    return paths


def required_query(path, get):
    """The path with its required query parameters, from the schema's example
    values (or an enum's first)."""
    values = {}
    for parameter in get.get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required"):
            schema = parameter.get("schema", {})
            value = parameter.get("example") or (schema.get("enum") or [None])[0]
            assert value, f"{path}: no example for the required {parameter['name']}"
            values[parameter["name"]] = value
    return f"{path}?{urlencode(values)}" if values else path


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


def test_a_motion_naming_every_case_shows_only_the_public_ones(client, planted):
    """A vote event whose motion names every case, public or not, in every
    form a text may write a code (tests/code_forms.py: capitalised, plural
    lists, bare, other dashes and digits, invisible characters…), its result
    note, a statement and a dissociation doing so too: the vote page and its
    API record, the State's page and API record and each public case's page
    show the codes of the public cases only, and no husk of the others."""
    now = timezone.now()
    codes = sorted(Case.objects.values_list("code", flat=True))
    shown = {code for code in codes if public.public_case(code, now) is not None}
    hidden = sorted(set(codes) - shown)
    assert shown and len(hidden) > 5, "the world needs public and hidden cases"
    first = min(shown)
    source = ensure_source("leak-test", "motion.json")
    hrc = Body.objects.get(code="HRC")
    motion = Motion.objects.create(body=hrc, identifier="leak/motion", source=source,
                                   title=f"A point of order {in_every_form(codes)}",
                                   text=f"On {in_every_form(codes, 7)}",
                                   classification="point_of_order")  # fmt: skip
    ruled = written("(Cases {}, {} and {})", [hidden[0], first, hidden[1]],
                    ["en dash", "as recorded", "full width"])  # fmt: skip
    note = f"Ruled on {ruled}; see {written('{}', [hidden[2]], ['minus sign'])}."  # ≤ 300
    event = VoteEvent.objects.create(body=hrc, identifier="leak/motion", motion=motion,
                                     source=source, result_note=note)  # fmt: skip
    china = State.objects.get(iso3="CHN")
    Vote.objects.create(vote_event=event, state=china, option="no", raw="no", source=source)
    listed = written("[{}/{}]", [hidden[4], first], ["non-breaking hyphen", "no dashes"])
    dialogue = f"Dialogue on {written('CASE {}', [hidden[3]], ['lower case'])} and {listed}"
    Statement.objects.create(state=china, event=dialogue, source=source, language="zh",
                             summary=f"Spoke of {in_every_form(codes, 3)}", source_url="",
                             retrieved_at=now)  # fmt: skip
    Dissociation.objects.create(vote_event=event, state=china, source=source,
                                text=f"From {in_every_form(reversed(codes), 11)}")  # fmt: skip
    for path in ["/votes/leak/motion/", "/api/v1/diplomacy/votes?symbol=leak/motion",
                 "/states/CHN/", "/api/v1/diplomacy/states/CHN/record"]:  # fmt: skip
        body = client.get(path).content.decode()
        body = texts_of(json.loads(body)) if "/api/" in path else body  # "\u2013" read as "–"
        assert ("A point of order" if "votes" in path else "Spoke of") in body, path
        assert "Ruled on" in body or "Dialogue on" in body, path
        assert codes_read(body) & set(codes) == shown, path
        assert not HUSK.search(normalised(body)), (path, HUSK.search(normalised(body)))
    vote_page = client.get("/votes/leak/motion/").content.decode()
    assert {code for code in codes if f'href="/cases/{code}/"' in vote_page} == shown
    for code in codes:
        case_page = client.get(f"/cases/{code}/")
        assert (case_page.status_code == 200) == (code in shown)
        if code in shown:
            assert 'href="/votes/leak/motion/"' in case_page.content.decode()
            assert codes_read(case_page.content.decode()) & set(codes) <= shown


def texts_of(value):
    """Every string in a JSON document, one a line."""
    if isinstance(value, dict):
        return "\n".join(texts_of(item) for item in value.values())
    if isinstance(value, list):
        return "\n".join(texts_of(item) for item in value)
    return value if isinstance(value, str) else ""


# -- names written into public texts (tests/leak_names.py) ------------------


@pytest.fixture
def names_world(db):
    return NamePlanter().plant()


def name_traces(planter, body):
    """The hidden names, or parts of them, that a public body shows."""
    shown = set(screening.words(body))
    plain = unicodedata.normalize("NFKC", body)
    found = []
    for name, script in planter.hidden:
        if script == "han":
            found += [name[1:]] if name[1:] in plain else []
            continue
        parts = screening.words(name)
        found += [p for p in parts if p in shown and (script != "group" or len(parts) == 1)]
        if "".join(parts) in "".join(screening.words(body)) and script != "group":
            found.append(name)
        if script == "group" and " ".join(parts) in " ".join(screening.words(body)):
            found.append(name)
    return found


def names_world_paths():
    codes = sorted(Case.objects.values_list("code", flat=True))
    letters = sorted(Communication.objects.values_list("pk", flat=True))
    return (PUBLIC_PAGES + ["/states/CHN/"] + [f"/cases/{code}/" for code in codes]
            + [f"/communications/{pk}/" for pk in letters] + api_paths())  # fmt: skip


def test_it_shows_no_name_of_someone_who_may_not_be_named(client, names_world):
    """Parts of names, other whitespace, the other normalisation form, people
    of other cases and teams, a shared mechanism's name: none is shown, in
    any language; and no unapproved text is shown."""
    paths = names_world_paths()
    pages = [p for p in paths if not p.startswith("/api/")]  # the API speaks English only
    named_seen = False
    for language in LANGUAGES:
        client.cookies["django_language"] = language
        for path, body in fetch_all(client, paths if language == "en" else pages):
            assert not name_traces(names_world, body), f"{path} ({language})"
            assert not MARKER.findall(body), f"{path} ({language}) shows an unapproved text"
            named_seen |= "Shownperson Number700" in body
    assert named_seen, "no named person was shown: the test would prove nothing"


def test_it_finds_no_case_by_the_name_of_someone_who_may_not_be_named(client, names_world):
    for name, script in names_world.hidden:
        queries = [name[1:], name] if script == "han" else [*name.split(" "), name]
        for query in queries:
            for path in [f"/search/?q={query}", f"/api/v1/cases?q={query}"]:
                response = client.get(path)
                assert response.status_code == 200, path
                if path.startswith("/api/"):
                    assert response.json()["total"] == 0, path
                else:
                    assert not CASE_LINK.search(response.content.decode()), path


def test_it_hides_an_approved_text_when_someone_it_names_stops_being_named(client, names_world):
    """A text naming a `named` person of another team's case is shown once
    approved, and found by their name; when their consent there becomes
    confidential, the text is withheld and search no longer finds the case."""
    case = Case.objects.get(code="2024-CHN-701")
    colleague = PersonFactory(team=names_world.team_b, name="Velmira Quastorn")
    ConsentFactory(person=colleague, level="named")
    CaseFactory(team=names_world.team_b, code="2024-CHN-998").subjects.create(person=colleague)
    case.public_summary = "Velmira Quastorn met the Special Rapporteur."
    case.save()
    assert "met the Special" not in client.get(f"/cases/{case.code}/").content.decode()
    approve_texts(case)
    assert "met the Special" in client.get(f"/cases/{case.code}/").content.decode()
    assert client.get("/api/v1/cases?q=Quastorn").json()["total"] == 1
    ConsentFactory(person=colleague, level="confidential", obtained_on="2025-01-01")
    names_world.hidden.append((colleague.name, "latin"))
    for path, body in fetch_all(client, names_world_paths()):
        assert not name_traces(names_world, body), path
    assert client.get("/api/v1/cases?q=Quastorn").json()["total"] == 0
    assert client.get("/api/v1/cases?q=Velmira").json()["total"] == 0
