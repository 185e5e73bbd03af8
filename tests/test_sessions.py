"""Staff sessions: deactivation ends them at once; idleness ends them too."""

import datetime

import time_machine
from django.conf import settings
from django.urls import reverse

from tests.two_factor import login_verified


def test_it_refuses_a_deactivated_users_open_session_on_its_next_request(client, documenter):
    login_verified(client, documenter)
    index = reverse("admin:index")
    assert client.get(index).status_code == 200
    documenter.is_active = False
    documenter.save(update_fields=["is_active"])
    response = client.get(index)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_it_ends_a_session_after_the_idle_timeout_but_not_while_in_use(client, documenter):
    index = reverse("admin:index")
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        login_verified(client, documenter)
        for _ in range(3):  # each request inside the timeout renews it
            clock.shift(idle - datetime.timedelta(minutes=1))
            assert client.get(index).status_code == 200
        clock.shift(idle + datetime.timedelta(seconds=1))
        response = client.get(index)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
