"""Login throttling by account: a growing cool-off after repeated failures,
no permanent lockout, the same answer for unknown usernames, and no address
or user agent stored anywhere."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session as StoredSession
from django.db import connection
from django.utils import timezone

from reprisals.accounts import throttle
from reprisals.accounts.models import LoginThrottle
from tests.conftest import PASSWORD
from tests.http import CSRF_INPUT, Session
from tests.two_factor import device_of, fresh_code

LOGIN = "/staff/login/?next=/staff/"
COOLING_OFF = "Too many failed attempts for this account"
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def attempt(session, username, password=PASSWORD, code=""):
    return session.post_form(LOGIN, {"username": username, "password": password, "code": code})


def fail(session, username, times):
    for _ in range(times):
        status, _, page = attempt(session, username, password="wrong password")
        assert status == 200 and COOLING_OFF not in page


@live
def test_it_cools_off_after_repeated_failures_and_lets_the_right_login_in_after(
    live_server, documenter
):
    device = device_of(documenter)
    session = Session(live_server.url)
    start = timezone.now()
    with time_machine.travel(start) as clock:
        fail(session, "documenter", throttle.FREE_FAILURES)
        status, _, page = attempt(session, "documenter", code=fresh_code(device))
        assert status == 200 and f"{COOLING_OFF}. Try again in 1 minute." in page
        assert session.get("/staff/")[0] == 302  # the right password and code were refused

        clock.shift(datetime.timedelta(seconds=61))
        session.log_in("documenter", PASSWORD)
    assert session.get("/staff/")[0] == 200
    assert not LoginThrottle.objects.exists()  # a success starts again from zero


@live
def test_it_answers_an_unknown_username_exactly_like_a_real_one(live_server, documenter):
    session = Session(live_server.url)
    answers = {}
    for username in ["documenter", "nobody-by-this-name"]:
        fail(session, username, throttle.FREE_FAILURES)
        page = attempt(session, username)[2].replace(username, "NAME")
        answers[username] = CSRF_INPUT.sub("", page)  # the token differs on every page
    assert COOLING_OFF in answers["documenter"]
    assert answers["documenter"] == answers["nobody-by-this-name"]


@live
def test_wrong_codes_count_as_failures(live_server, documenter):
    device_of(documenter)
    session = Session(live_server.url)
    for _ in range(throttle.FREE_FAILURES):
        status, _, page = attempt(session, "documenter", code="000000")
        assert status == 200 and COOLING_OFF not in page
    assert COOLING_OFF in attempt(session, "documenter", code="000000")[2]


def test_each_cool_off_doubles_up_to_an_hour_and_then_ends(db):
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(throttle.FREE_FAILURES - 1):
            throttle.record_failure("someone")
        assert throttle.cool_off_remaining("someone") is None
        for _ in range(9):
            throttle.record_failure("someone")
            wait = throttle.cool_off_remaining("someone")
            waits.append(round(wait.total_seconds() / 60))
            clock.shift(wait + datetime.timedelta(seconds=1))
            assert throttle.cool_off_remaining("someone") is None  # never permanent
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_success_resets_and_old_failures_are_forgotten(db):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(throttle.FREE_FAILURES - 1):
            throttle.record_failure("someone")
        throttle.record_success("someone")
        for _ in range(throttle.FREE_FAILURES - 1):
            throttle.record_failure("someone")
        assert throttle.cool_off_remaining("someone") is None
        clock.shift(throttle.FORGET_AFTER + datetime.timedelta(seconds=1))
        throttle.record_failure("someone")
        assert throttle.cool_off_remaining("someone") is None
        assert LoginThrottle.objects.get().failures == 1


def test_it_throttles_a_username_whatever_its_case_or_spaces(db):
    for variant in ["Someone", "someone ", "SOMEONE", "someone", "sOmeone"]:
        throttle.record_failure(variant)
    assert throttle.cool_off_remaining("someone") is not None


def every_stored_row():
    """Every row of every table, as text; sessions decoded."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows += [f"{table}: {row}" for row in cursor.fetchall()]
    rows += [str(stored.get_decoded()) for stored in StoredSession.objects.all()]
    return "\n".join(rows)


@live
def test_no_address_user_agent_or_username_is_stored(live_server, documenter):
    session = Session(live_server.url)
    fail(session, "documenter", 2)
    fail(session, "someone-unknown", 2)
    session.log_in("documenter", PASSWORD)
    assert session.get("/staff/")[0] == 200
    stored = every_stored_row()
    assert "accounts_totpdevice" in stored and "django_session" in stored
    for trace in ["127.0.0.1", "localhost", "Python-urllib", "someone-unknown"]:
        assert trace not in stored, trace
    (row,) = LoginThrottle.objects.all()
    assert len(row.username_digest) == 16 and "someone" not in str(row.__dict__)
