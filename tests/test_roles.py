"""What each role may do, as the back office decides it."""

import pytest

from reprisals.accounts.roles import Role, role_of
from tests.two_factor import login_verified

# States, bodies and mechanisms are shared by every team: administrators alone
# write them (reprisals/reference/admin.py, tests/test_reference_admin.py).
SHARED = ["state", "body", "mechanism"]
VIEW_SHARED = [f"reference.view_{model}" for model in SHARED]
WRITE_SHARED = [f"reference.{action}_{model}" for model in SHARED
                for action in ("add", "change", "delete")]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, allowed, refused",
    [
        (
            "analyst",
            ["cases.view_statistics", "reference.view_state"],
            ["cases.view_person", "cases.view_case", "cases.view_source", "cases.view_consent"],
        ),
        (
            "documenter",
            ["cases.add_case", "cases.delete_act", "cases.view_person", *VIEW_SHARED],
            ["auth.change_user", "audit.view_auditentry", *WRITE_SHARED],
        ),
        (
            "reviewer",
            ["cases.change_case", "cases.view_consent", *VIEW_SHARED],
            ["cases.delete_case", "cases.delete_person", "auth.add_user", *WRITE_SHARED],
        ),
        (
            "administrator",
            ["auth.change_user", "cases.delete_case", "audit.view_auditentry", *WRITE_SHARED],
            [],
        ),
    ],
)
def test_it_grants_each_role_its_permissions(request, persona, allowed, refused):
    user = request.getfixturevalue(persona)
    assert role_of(user) == Role(persona)
    for permission in allowed:
        assert user.has_perm(permission), permission
    for permission in refused:
        assert not user.has_perm(permission), permission


def test_it_lets_an_analyst_reach_statistics_but_no_case(client, analyst, team):
    from tests.factories import CaseFactory

    case = CaseFactory(team=team)
    login_verified(client, analyst)
    assert client.get("/staff/statistics/").status_code == 200
    assert client.get(f"/staff/cases/case/{case.pk}/change/").status_code in {403, 404}
    assert client.get("/staff/cases/person/").status_code == 403


def test_it_keeps_statistics_from_accounts_without_a_role(client, db):
    from tests.factories import UserFactory

    user = UserFactory(username="plain", is_staff=True)
    login_verified(client, user)
    assert client.get("/staff/statistics/").status_code == 404
