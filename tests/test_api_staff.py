"""Staff API (reprisals/api/staff.py, auth.py): token authentication, team
scoping as in the back office, and counts only for analysts."""

import datetime
import hashlib
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reprisals.api.auth import issue_token, revoke_token
from reprisals.api.models import ApiToken
from reprisals.audit.models import AuditEntry
from tests.factories import CommunicationFactory, ReplyFactory, UserFactory
from tests.two_factor import login_verified

API = "/api/v1/staff"


def token_for(user):
    return issue_token(user, name="tests", actor=None)[1]


def get(client, path, token=None, **params):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"{API}{path}", params, headers=headers)


def assert_401(response):
    assert response.status_code == 401
    assert response.json() == {"error": {
        "status": 401, "code": "unauthorized",
        "message": "Send a valid API token: 'Authorization: Bearer <token>'.",
    }}  # fmt: skip
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "path", ["/cases", "/cases/2016-CHN-001", "/communications", "/statistics"]
)
def test_it_refuses_requests_without_a_token(client, demo, path):
    assert_401(get(client, path))


def test_it_refuses_a_bad_token_without_repeating_it(client, demo_documenter):
    real = token_for(demo_documenter)
    for header in [f"Bearer {real}x", "Bearer rr_secretguess", f"Token {real}", real, "Bearer"]:
        response = client.get(f"{API}/cases", headers={"Authorization": header})
        assert_401(response)
        assert b"secretguess" not in response.content and real.encode() not in response.content


def test_it_refuses_a_revoked_token_at_the_next_request(client, demo_documenter):
    api_token, token = issue_token(demo_documenter, name="script", actor=None)
    assert get(client, "/cases", token).status_code == 200

    revoke_token(api_token, actor=None)

    assert_401(get(client, "/cases", token))


def test_it_refuses_the_token_of_a_deactivated_account(client, demo_documenter):
    token = token_for(demo_documenter)
    demo_documenter.is_active = False
    demo_documenter.save()

    assert_401(get(client, "/cases", token))


def test_it_lists_the_cases_of_my_teams(client, demo_documenter):
    page = get(client, "/cases", token_for(demo_documenter)).json()

    assert page["total"] == 5
    assert {case["team"] for case in page["results"]} == {"Demo team"}
    assert all(case["public"] for case in page["results"])


def test_it_shows_a_case_with_names_consent_acts_and_sources(client, demo_documenter):
    case = get(client, "/cases/2016-CHN-001", token_for(demo_documenter)).json()

    [subject] = case["subjects"]
    assert subject["name"] == "Jiang Tianyong"
    assert subject["consent"]["level"] == "named" and not subject["consent"]["withdrawn"]
    assert {act["type"] for act in case["acts"]} >= {"criminal_charges", "arbitrary_detention"}
    assert case["sources"][0]["title"].startswith("China's official positions")
    assert case["public"] is True


def test_it_answers_404_for_another_teams_case(client, demo, outsider):
    token = token_for(outsider)
    other_teams_case = get(client, "/cases/2016-CHN-001", token)
    nonexistent = get(client, "/cases/2016-CHN-999", token)

    assert other_teams_case.status_code == nonexistent.status_code == 404
    assert other_teams_case.json() == nonexistent.json()
    assert get(client, "/cases", token).json()["total"] == 0
    assert get(client, "/communications", token).json()["total"] == 0


def test_it_shows_every_team_to_an_administrator(client, demo, administrator):
    token = token_for(administrator)

    assert get(client, "/cases", token).json()["total"] == 5
    assert get(client, "/cases/2016-CHN-001", token).status_code == 200


def test_it_gives_an_analyst_counts_and_no_name(client, demo_analyst):
    token = token_for(demo_analyst)
    response = get(client, "/statistics", token)

    assert response.status_code == 200
    statistics = response.json()
    assert statistics["total"] == 5
    assert statistics["by_state"] == [{"iso3": "CHN", "name": "China", "n": 5}]
    for name in ["Jiang Tianyong", "Cao Shunli", "Liu Ximei", "Dolkun Isa"]:
        assert name.encode() not in response.content
    for path in ["/cases", "/cases/2016-CHN-001", "/communications"]:
        refused = get(client, path, token)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "forbidden"
        assert b"Jiang" not in refused.content


def test_it_shows_reply_deadlines_and_overdue_letters(client, demo, demo_documenter):
    now = timezone.now()
    overdue = CommunicationFactory(team=demo, type="AL", sent_at=now - datetime.timedelta(days=61))
    answered = CommunicationFactory(team=demo, type="AL", sent_at=now - datetime.timedelta(days=90))
    ReplyFactory(communication=answered, received_on=now.date())
    recent = CommunicationFactory(team=demo, type="UA", sent_at=now - datetime.timedelta(days=1))
    token = token_for(demo_documenter)

    letters = {c["id"]: c for c in get(client, "/communications", token).json()["results"]}

    assert letters[overdue.pk]["overdue"] and not letters[overdue.pk]["replied"]
    assert not letters[answered.pk]["overdue"] and letters[answered.pk]["replied"]
    assert not letters[recent.pk]["overdue"] and not letters[recent.pk]["public"]
    assert letters[recent.pk]["reply_due_at"].startswith(str(recent.reply_due_at.date()))
    only_overdue = get(client, "/communications", token, overdue="true").json()["results"]
    assert [c["id"] for c in only_overdue] == [overdue.pk]
    not_overdue = get(client, "/communications", token, overdue="false").json()["results"]
    assert overdue.pk not in {c["id"] for c in not_overdue} and recent.pk in {
        c["id"] for c in not_overdue
    }


def test_it_issues_a_token_shown_once_and_stores_only_its_digest(demo_documenter, capsys):
    call_command("issue_api_token", "documenter-of-demo", name="reporting script")
    token = re.search(r"^(rr_\S+)$", capsys.readouterr().out, re.MULTILINE).group(1)

    api_token = ApiToken.objects.get()
    assert api_token.owner == demo_documenter
    assert api_token.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {getattr(api_token, f.attname) for f in ApiToken._meta.fields}
    assert AuditEntry.objects.filter(action="issue_api_token").exists()

    call_command("revoke_api_token", api_token.prefix)
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    assert AuditEntry.objects.filter(action="revoke_api_token").exists()


def test_it_refuses_a_token_for_an_account_without_a_role(db):
    UserFactory(username="no-role")

    with pytest.raises(CommandError, match="no staff role"):
        call_command("issue_api_token", "no-role", name="x")
    assert not ApiToken.objects.exists()


def test_it_lets_only_an_administrator_list_and_revoke_tokens(client, administrator, documenter):
    api_token, token = issue_token(documenter, name="script", actor=None)
    url = "/staff/api/apitoken/"

    login_verified(client, documenter)
    assert client.get(url).status_code == 403
    login_verified(client, administrator)
    listing = client.get(url)
    assert listing.status_code == 200 and api_token.prefix in listing.content.decode()
    assert (
        token.encode() not in listing.content and api_token.digest.encode() not in listing.content
    )

    client.post(url, {"action": "revoke", "_selected_action": [api_token.pk]})

    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
