"""Two-factor staff login: the password and a TOTP code, over real HTTP;
enrolment; the secret sealed at rest; codes that cannot be replayed; reset."""

import base64
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reprisals.accounts.models import TOTPDevice
from reprisals.accounts.two_factor import base32_secret, new_device
from reprisals.audit.models import AuditEntry
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.http import CSRF_INPUT, Session
from tests.two_factor import code_at, current_step, device_of, fresh_code, login_verified

LOGIN = "/staff/login/?next=/staff/"
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def attempt(session, username, password=PASSWORD, code=""):
    return session.post_form(LOGIN, {"username": username, "password": password, "code": code})


def opens_the_back_office(session):
    return session.get("/staff/")[0] == 200


@live
def test_it_refuses_a_login_without_a_code_or_with_a_wrong_one(live_server, documenter):
    device = device_of(documenter)
    session = Session(live_server.url)
    status, _, page = attempt(session, "documenter")
    assert status == 200 and "correct username, password and code" in page
    wrong = code_at(device, current_step(device) + 5)
    status, _, page = attempt(session, "documenter", code=wrong)
    assert status == 200 and "correct username, password and code" in page
    assert not opens_the_back_office(session)


@live
def test_a_wrong_password_gets_the_same_answer_as_a_wrong_code(live_server, documenter):
    device = device_of(documenter)
    session = Session(live_server.url)
    _, _, wrong_password = attempt(session, "documenter", "not the password", fresh_code(device))
    _, _, wrong_code = attempt(session, "documenter", code="000000")
    pattern = re.compile(r'<p class="errornote">\s*(.*?)\s*</p>', re.S)
    assert pattern.findall(wrong_password) == pattern.findall(wrong_code) != []


@live
def test_it_logs_in_with_the_password_and_a_code(live_server, documenter):
    session = Session(live_server.url)
    session.log_in("documenter", PASSWORD)
    assert opens_the_back_office(session)
    status, _, calendar = session.get("/staff/calendar/")
    assert status == 200 and "Publication calendar" in calendar


@live
def test_it_refuses_a_used_code_even_in_a_new_session(live_server, documenter):
    device = device_of(documenter)
    code = fresh_code(device)
    first = Session(live_server.url)
    first.log_in("documenter", PASSWORD, code=code)
    assert opens_the_back_office(first)
    second = Session(live_server.url)
    status, _, page = attempt(second, "documenter", code=code)
    assert status == 200 and "correct username, password and code" in page
    assert not opens_the_back_office(second)


def test_it_refuses_codes_of_the_accepted_step_or_an_earlier_one(documenter):
    device = device_of(documenter)
    moment = timezone.now().replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        step = current_step(device)
        assert device.verify_token(code_at(device, step))
        assert not device.verify_token(code_at(device, step))
        assert not device.verify_token(code_at(device, step - 1))
        assert device.verify_token(code_at(device, step + 1))  # the next one, inside tolerance
        assert not device.verify_token(code_at(device, step + 3))  # beyond tolerance
    device.refresh_from_db()
    assert device.last_t == step + 1


def test_an_unverified_session_opens_nothing_in_the_back_office(client, documenter):
    device_of(documenter)
    client.force_login(documenter)  # the password, but no code
    for url in ["/staff/", "/staff/calendar/", "/staff/cases/case/", "/staff/reauthenticate/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def enrol_page(session):
    status, headers, _ = attempt(session, "newcomer")
    assert status == 302
    assert headers["Location"] == "/staff/login/enrol/?next=%2Fstaff%2F"
    status, _, page = session.get(headers["Location"])
    assert status == 200
    return page


def secret_on(page):
    return re.search(r'<code id="enrol-secret">([A-Z2-7]+)</code>', page).group(1)


def code_for_secret(secret, step):
    device = TOTPDevice(key=base64.b32decode(secret + "=" * (-len(secret) % 8)).hex())
    return code_at(device, step)


@live
def test_a_staff_member_without_a_device_enrols_before_anything_else(live_server, team):
    user = UserFactory(username="newcomer", role="documenter", teams=[team])
    session = Session(live_server.url)
    page = enrol_page(session)
    secret = secret_on(page)
    assert f"otpauth://totp/Reprisals%20Register%3Anewcomer?secret={secret}" in page
    assert 'src="data:image/svg+xml' in page  # the QR code, with no request elsewhere
    # Nothing else opens until the device is confirmed; the login page leads back here.
    assert session.get("/staff/")[0] == 302
    assert session.get("/staff/login/")[1]["Location"].startswith("/staff/login/enrol/")

    wrong = code_for_secret(secret, int(timezone.now().timestamp()) // 30 + 5)
    status, _, page = session.post_form("/staff/login/enrol/?next=/staff/", {"code": wrong})
    assert status == 200 and "That code is not right" in page
    assert not TOTPDevice.objects.get(user=user).confirmed

    code = code_for_secret(secret, int(timezone.now().timestamp()) // 30)
    status, headers, _ = session.post_form("/staff/login/enrol/?next=/staff/", {"code": code})
    assert status == 302 and headers["Location"] == "/staff/"
    assert opens_the_back_office(session)
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed and base32_secret(device) == secret
    assert AuditEntry.objects.filter(action="enrol_two_factor", actor=user).exists()
    # From now on the password alone is not enough.
    status, _, _ = attempt(Session(live_server.url), "newcomer")
    assert status == 200


@live
def test_each_password_login_gets_a_new_secret_and_the_old_one_is_void(live_server, team):
    UserFactory(username="newcomer", role="documenter", teams=[team])
    first, second = Session(live_server.url), Session(live_server.url)
    old_page = enrol_page(first)
    new_secret = secret_on(enrol_page(second))
    assert secret_on(old_page) != new_secret
    code = code_for_secret(secret_on(old_page), int(timezone.now().timestamp()) // 30)
    token = CSRF_INPUT.search(old_page).group(1)
    status, headers, _ = first.request(
        "/staff/login/enrol/?next=/staff/", {"csrfmiddlewaretoken": token, "code": code}
    )
    assert status == 302 and headers["Location"] == "/staff/"  # sent away: no enrolment here
    assert not opens_the_back_office(first)


def test_a_session_that_did_not_enter_the_password_cannot_enrol(client, documenter):
    client.force_login(documenter)  # say, a stolen session cookie after a reset
    response = client.get(reverse("admin:enrol"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert not TOTPDevice.objects.filter(user=documenter).exists()


def test_the_database_holds_the_secret_sealed(documenter):
    device = new_device(documenter, confirmed=True)
    secret = base32_secret(device)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_totpdevice WHERE id = %s", [device.pk])
        row = cursor.fetchone()
        cursor.execute("SELECT key FROM accounts_totpdevice WHERE id = %s", [device.pk])
        (stored,) = cursor.fetchone()
    raw = " ".join(str(value) for value in row)
    assert secret not in raw and device.key not in raw
    assert secret.lower() not in raw.lower() and device.key.upper() not in raw.upper()
    assert stored != device.key and len(stored) > len(device.key)
    assert TOTPDevice.objects.get(pk=device.pk).key == device.key  # it opens again


def test_an_administrator_resets_a_device_with_an_audit_entry(administrator, documenter):
    users_session, admins_session = Client(), Client()
    login_verified(users_session, documenter)
    assert users_session.get("/staff/").status_code == 200
    login_verified(admins_session, administrator)
    changelist = reverse("admin:auth_user_changelist")
    assert "Two-factor set up" in admins_session.get(changelist).text
    response = admins_session.post(
        changelist, {"action": "reset_two_factor", "_selected_action": [documenter.pk]}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=documenter).exists()
    entry = AuditEntry.objects.get(action="reset_two_factor")
    assert entry.actor == administrator and entry.object_pk == str(documenter.pk)
    # The user's open session is no longer verified, and cannot enrol without the password.
    response = users_session.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    assert users_session.get("/staff/login/").status_code == 200


@pytest.mark.django_db
def test_the_demo_prints_a_secret_that_logs_in(capsys):
    call_command("demo", no_serve=True)
    output = capsys.readouterr().out
    password = re.search(r"password: (\S+)", output).group(1)
    secret = re.search(r"two-factor secret: ([A-Z2-7]+)", output).group(1)
    assert f"otpauth://totp/Reprisals%20Register%3Ademo?secret={secret}&" in output
    client = Client()
    code = code_for_secret(secret, int(timezone.now().timestamp()) // 30)
    response = client.post(LOGIN, {"username": "demo", "password": password, "code": code})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
