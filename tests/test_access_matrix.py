"""The access-control matrix: every route of the URL resolver, requested by
every role with every method, answers as tests/access_policy.py says.

The routes are walked from the resolver itself, so a new route that nobody
put in the policy table fails here, and so does a row for a route that is gone.
Requests go through the whole middleware stack (Django's test client) with real
objects in the URLs: the owner team's case, letter, person… Forms are posted
empty: the point is the access decision, not the edit. The test client does not
check CSRF tokens, so a POST reaches the access decision.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from reprisals.api.auth import issue_token
from reprisals.audit.models import AuditEntry
from reprisals.reference.models import Body, State
from reprisals.reporting import models as reporting
from tests.access_policy import (
    API_METHODS,
    INDEX,
    LOGIN,
    OK,
    PAGE_METHODS,
    REDIRECT,
    ROLES,
    ROUTES,
    TABLE,
)
from tests.factories import (
    CaseFactory,
    CommunicationFactory,
    MechanismFactory,
    OrganizationFactory,
    PersonFactory,
    PublicationDecisionFactory,
    SourceFactory,
    TeamFactory,
    UserFactory,
)
from tests.intake_client import store_report
from tests.two_factor import device_of, login_verified

FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"

# Paths for routes whose pattern cannot be filled in from its placeholders.
EXAMPLE_PATHS = {
    'api/v1/re""': "/api/v1/no-such-endpoint",
    "api/v1/diplomacy/votes": "/api/v1/diplomacy/votes?symbol=A/HRC/RES/24/24",
    "api/v1/diplomacy/amendments": "/api/v1/diplomacy/amendments?symbol=A/HRC/RES/36/21"
    "&states=CHN,RUS",
    "api/v1/diplomacy/agreement": "/api/v1/diplomacy/agreement?body=HRC&states=CHN,RUS",
    "staff/autocomplete/": "/staff/autocomplete/?app_label=cases&model_name=case&field_name=state",
    "votes/<path:symbol>/": "/votes/A/HRC/RES/24/24/",
    "amendments/<path:symbol>/": "/amendments/A/HRC/RES/36/21/",
    "agreement/<str:body>/<str:iso3>/": "/agreement/HRC/CHN/",
}


def walk(resolver, prefix=""):
    """(route, URLPattern) for every route; a regex segment shows as re"…"."""
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        segment = f're"{pattern}"' if isinstance(pattern, RegexPattern) else str(pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + segment)
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + segment, entry


WALKED = list(walk(get_resolver()))
RESOLVED = dict(WALKED)


def methods_of(route):
    return API_METHODS if route.startswith("api/") else PAGE_METHODS


CELLS = [
    pytest.param(route, method, role, id=f"{role}-{method}-/{route}")
    for route in sorted(RESOLVED.keys() & ROUTES.keys())
    for method in methods_of(route)
    for role in ROLES
]


def test_every_route_has_its_own_pattern():
    assert len(RESOLVED) == len(WALKED), "two routes share a pattern: tell them apart in walk()"


def test_every_route_has_a_policy():
    missing = sorted(RESOLVED.keys() - ROUTES.keys())
    assert not missing, "routes without a policy, add them to tests/access_policy.py: " + (
        ", ".join(missing)
    )


def test_every_policy_row_names_a_route():
    gone = sorted(ROUTES.keys() - RESOLVED.keys())
    assert not gone, "routes in tests/access_policy.py that no longer exist: " + ", ".join(gone)


def test_no_route_is_listed_twice():
    listed = [route for routes in TABLE.values() for route in routes]
    assert len(listed) == len(set(listed)), sorted(r for r in listed if listed.count(r) > 1)


@dataclass
class World:
    users: dict
    tokens: dict
    admin_objects: dict
    case: object
    letter: object
    colleague: object


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One set of records for the whole module, rolled back at its end."""
    test_settings = override_settings(
        UPLOADS_DIR=tmp_path_factory.mktemp("uploads"), PASSWORD_HASHERS=[FAST_HASHER]
    )
    with django_db_blocker.unblock(), transaction.atomic(), test_settings:
        yield build_world()
        transaction.set_rollback(True)


def build_world():
    team, other_team = TeamFactory(name="Owner team"), TeamFactory(name="Other team")
    users = {
        "analyst": UserFactory(role="analyst", teams=[team]),
        "outsider": UserFactory(role="documenter", teams=[other_team]),
        "documenter": UserFactory(role="documenter", teams=[team]),
        "reviewer": UserFactory(role="reviewer", teams=[team]),
        "administrator": UserFactory(role="administrator"),
    }
    for user in users.values():
        device_of(user)  # once, rather than at every login
    colleague = UserFactory(role="documenter", teams=[team])
    case = CaseFactory(team=team)  # nobody's consent on record: never public
    # Sent an hour ago: inside its publication window, so not public yet.
    letter = CommunicationFactory(
        team=team, cases=[case], sent_at=timezone.now() - datetime.timedelta(hours=1)
    )
    api_token = issue_token(users["documenter"], name="a script", actor=None)[0]
    tokens = {role: issue_token(user, name="tests", actor=None)[1] for role, user in users.items()}
    submission = store_report()[0]
    admin_objects = {
        "reference.state": State.objects.get(iso3="CHN"),
        "reference.body": Body.objects.first(),
        "reference.mechanism": MechanismFactory(),
        "accounts.team": team,
        "auth.user": colleague,
        "auth.group": Group.objects.get(name="documenter"),
        "audit.auditentry": AuditEntry.objects.first(),
        "cases.case": case,
        "cases.person": PersonFactory(team=team),
        "cases.organization": OrganizationFactory(team=team),
        "cases.source": SourceFactory(team=team),
        "communications.communication": letter,
        "register.publicationdecision": PublicationDecisionFactory(
            case=case, proposed_by=users["documenter"]
        ),
        "api.apitoken": api_token,
        "intake.submission": submission,
        "intake.attachment": submission.attachments.get(),
    }
    admin_objects |= reporting_records(case)
    return World(users, tokens, admin_objects, case, letter, colleague)


def reporting_records(case):
    cycle = reporting.ReportingCycle.objects.create(year=2019, title="Report 2019")
    china = State.objects.get(iso3="CHN")
    return {
        "reporting.reportingcycle": cycle,
        "reporting.reportmention": reporting.ReportMention.objects.create(
            case=case, cycle=cycle, kind="new"
        ),
        "reporting.publishedaggregate": reporting.PublishedAggregate.objects.create(
            statement="6 new cases", measure="new_cases", state=china, cycle=cycle, value=6,
            published_by="An NGO", source="Its report, section 2",
        ),
        "reporting.patterndesignation": reporting.PatternDesignation.objects.create(
            cycle=cycle, state=china, source="The report, para. 1"
        ),
    }  # fmt: skip


def path_for(route, world):
    """A concrete path for the route, with the owner team's records in it."""
    if route in EXAMPLE_PATHS:
        return EXAMPLE_PATHS[route]
    parts = route.split("/")
    if route.startswith("staff/r/"):  # "view on site": a content type and an object
        values = {
            "content_type_id": ContentType.objects.get_for_model(world.case).pk,
            "object_id": world.case.pk,
        }
    elif parts[0] == "staff" and "<path:object_id>" in parts:
        values = {"object_id": world.admin_objects[f"{parts[1]}.{parts[2]}"].pk}
    else:
        values = {}
    values |= {
        "id": world.colleague.pk,
        "code": world.case.code,
        "letter_id": world.letter.pk,
        "iso3": "CHN",
        "app_label": "cases",
        "url": "no-such-page/",
        "attachment_id": world.admin_objects["intake.attachment"].pk,
    }
    return "/" + fill(route, values)


def fill(route, values):
    def placeholder(match):
        name = match.group("name")
        assert name in values, f"no example value for <{name}> in {route}: add one to path_for"
        return str(values[name])

    route = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", placeholder, route)
    route = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", placeholder, route)
    return re.sub(r're"\^?(?P<regex>[^"]*?)\$?"', r"\g<regex>", route)


def outcome(response):
    """The outcome class of a response, as named in the policy table."""
    status = response.status_code
    if 200 <= status < 300:
        return OK
    if 300 <= status < 400:
        location = urlsplit(response["Location"]).path
        return {reverse("admin:login"): LOGIN, reverse("admin:index"): INDEX}.get(
            location, REDIRECT
        )
    return status


def client_for(role, route, world):
    """A client acting as the role: a session for pages, a token for the API."""
    if role == "anonymous":
        return Client()
    if route.startswith("api/"):
        return Client(headers={"Authorization": f"Bearer {world.tokens[role]}"})
    client = Client()
    login_verified(client, world.users[role])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("route, method, role", CELLS)
def test_access(world, route, method, role):
    path = path_for(route, world)
    assert resolve(urlsplit(path).path).func is RESOLVED[route].callback, (
        f"{path} does not reach the route {route}"
    )
    client = client_for(role, route, world)
    response = client.generic(
        method, path, data="", content_type="application/x-www-form-urlencoded"
    )
    policy = ROUTES[route]
    expected = policy.expected(method, role)
    assert outcome(response) == expected, (
        f"{role} {method} /{route} ({path}): expected {expected} by {policy.name}, "
        f"got {response.status_code} {response.get('Location', '')}"
    )


CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.mark.django_db
def test_another_teams_decision_answers_like_a_missing_one(world):
    """The outsider gets the same 404 for another team's decision as for a
    decision id that does not exist."""
    client = client_for("outsider", "staff/", world)
    decision = world.admin_objects["register.publicationdecision"]
    for path in ["/staff/register/publicationdecision/{}/change/",
                 "/staff/register/publicationdecision/{}/history/"]:  # fmt: skip
        answers = [client.get(path.format(pk)) for pk in [decision.pk, decision.pk + 1000]]
        assert [a.status_code for a in answers] == [404, 404]
        pages = [CSRF_VALUE.sub(b"", a.content) for a in answers]  # masked anew each time
        assert pages[0] == pages[1]


STAFF_API_ROUTES = sorted(r for r, policy in ROUTES.items() if r.startswith("api/v1/staff/"))


@pytest.mark.django_db
@pytest.mark.parametrize("route", STAFF_API_ROUTES)
def test_a_staff_session_is_not_an_api_credential(world, route):
    """Only a Bearer token opens the staff API: a logged-in browser session
    does not, so another site cannot make a staff member's browser read it."""
    client = client_for("documenter", "staff/", world)
    assert client.get(path_for(route, world)).status_code == 401
