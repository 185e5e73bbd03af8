"""Re-authentication before dangerous actions: approving a publication and
resetting someone's second factor need the password and a code entered
within the last few minutes."""

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from reprisals.accounts import reauth
from reprisals.accounts.models import TOTPDevice
from reprisals.register.models import PublicationDecision
from reprisals.register.services import propose_publication
from tests.conftest import PASSWORD
from tests.factories import CaseFactory, UserFactory
from tests.http import CSRF_INPUT, Session
from tests.two_factor import code_at, current_step, device_of, fresh_code, login_verified

LATER = reauth.RECENT + datetime.timedelta(minutes=1)
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CHANGELIST = "/staff/register/publicationdecision/"


def approve(session, decision):
    """Run the list action as a browser does: the list's CSRF token, then POST."""
    _, _, page = session.get(CHANGELIST)
    token = CSRF_INPUT.search(page).group(1)
    fields = {"csrfmiddlewaretoken": token, "action": "approve", "_selected_action": decision.pk}
    return session.request(CHANGELIST, fields)


@live
def test_approval_needs_the_password_and_a_code_again_after_a_few_minutes(
    live_server, team, reviewer
):
    approver = UserFactory(username="approver", role="reviewer", teams=[team])
    decision = propose_publication(CaseFactory(team=team), reason="Public", actor=reviewer)
    device = device_of(approver)
    session = Session(live_server.url)
    session.log_in("approver", PASSWORD)
    with time_machine.travel(timezone.now() + LATER):
        status, headers, _ = approve(session, decision)
        reauthenticate = f"/staff/reauthenticate/?next={quote(CHANGELIST, safe='')}&repeat=1"
        assert status == 302 and headers["Location"] == reauthenticate
        decision.refresh_from_db()
        assert decision.approved_at is None

        status, _, page = session.get(reauthenticate)
        assert status == 200 and "Enter them, then repeat the action." in page
        wrong = code_at(device, current_step(device) + 5)
        status, _, page = session.post_form(reauthenticate, {"password": PASSWORD, "code": wrong})
        assert status == 200 and "The password or the code is not right." in page
        status, _, page = session.post_form(
            reauthenticate, {"password": "not the password", "code": fresh_code(device)}
        )
        assert status == 200 and "The password or the code is not right." in page

        fields = {"password": PASSWORD, "code": fresh_code(device)}
        status, headers, _ = session.post_form(reauthenticate, fields)
        assert status == 302 and headers["Location"] == CHANGELIST
        assert "You can now repeat the action." in session.get(CHANGELIST)[2]
        status, _, _ = approve(session, decision)
        assert status == 302
    decision.refresh_from_db()
    assert decision.approved_by == approver


def test_a_fresh_login_counts_as_a_recent_authentication(client, team, reviewer):
    approver = UserFactory(username="approver", role="reviewer", teams=[team])
    decision = propose_publication(CaseFactory(team=team), reason="Public", actor=reviewer)
    login_verified(client, approver)
    data = {"action": "approve", "_selected_action": [decision.pk]}
    assert client.post(CHANGELIST, data).status_code == 302
    assert PublicationDecision.objects.get().approved_by == approver


def test_resetting_a_second_factor_needs_a_recent_authentication(administrator, documenter):
    device_of(documenter)
    client = Client()
    with time_machine.travel(timezone.now() - LATER):
        login_verified(client, administrator)
    changelist = reverse("admin:auth_user_changelist")
    data = {"action": "reset_two_factor", "_selected_action": [documenter.pk]}
    response = client.post(changelist, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:reauthenticate"))
    assert TOTPDevice.objects.filter(user=documenter).exists()


def test_it_returns_to_the_page_asked_for_and_never_to_another_site(client, administrator):
    device = device_of(administrator)
    with time_machine.travel(timezone.now() - LATER):
        login_verified(client, administrator)
    url = reverse("admin:reauthenticate")
    for target, expected in [("/staff/statistics/", "/staff/statistics/"),
                             ("https://elsewhere.example/", "/staff/")]:  # fmt: skip
        response = client.post(
            f"{url}?next={quote(target)}", {"password": PASSWORD, "code": fresh_code(device)}
        )
        assert response.status_code == 302 and response["Location"] == expected


def test_a_view_comes_back_to_itself_after_re_authentication(db):
    view = reauth.require_recent_authentication(lambda request: HttpResponse("done"))
    request = RequestFactory().get("/staff/some/page/?x=1")
    SessionMiddleware(lambda r: None).process_request(request)
    response = view(request)
    assert response.status_code == 302
    assert response["Location"] == "/staff/reauthenticate/?next=%2Fstaff%2Fsome%2Fpage%2F%3Fx%3D1"
    reauth.mark_authenticated(request)
    assert view(request).content == b"done"
    with time_machine.travel(timezone.now() + LATER):
        assert view(request).status_code == 302
